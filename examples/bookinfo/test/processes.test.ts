// The built apps as `mesh dev` runs them: separate processes from dist/, configured only by env (PORT=0,
// POD_NAME, SERVICE_VERSION, HTTP_PROXY), logging to stderr, and stopping gracefully on SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count } from './apps.js';
import { type MeshStub, startMeshStub } from './mesh-stub.js';

const PKG = fileURLToPath(new URL('..', import.meta.url));

interface Proc {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything written to stderr so far. */
  stderr(): string;
}

const procs: ChildProcess[] = [];
let mesh: MeshStub;
const agent = new Agent();

beforeEach(async () => {
  mesh = await startMeshStub();
});

afterEach(async () => {
  for (const p of procs.splice(0)) {
    if (p.exitCode === null && p.signalCode === null) {
      p.kill('SIGKILL');
      await once(p, 'exit');
    }
  }
  await mesh.close();
});

/** A clean environment: nothing of the test runner's (no stray HTTP_PROXY), only what the test names. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', PORT: '0', ...extra };
}

function run(script: string, extra: Record<string, string>, args: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: PKG,
    env: env(extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  procs.push(child);
  return child;
}

/** Starts an app and waits for its "listening on" line. */
async function start(script: string, extra: Record<string, string> = {}, args: string[] = []): Promise<Proc> {
  const child = run(script, extra, args);
  let err = '';
  child.stderr?.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: string) => {
      err += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${err}`)));
  });
  return { child, url, stderr: () => err };
}

/** Waits until `f` holds (log lines arrive on their own schedule), for at most `ms`. */
async function until(f: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function get(url: string) {
  const res = await request(url, { dispatcher: agent });
  return { status: res.statusCode, text: await res.body.text() };
}

async function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = await once(child, 'exit');
  return code as number | null;
}

describe('the apps as processes', () => {
  it('serve bookinfo through HTTP_PROXY by service names, each naming itself from POD_NAME', async () => {
    const [details, ratings, reviews] = await Promise.all([
      start('dist/details/main.js', { POD_NAME: 'details-v1-5c7d9' }),
      start('dist/ratings/main.js', { POD_NAME: 'ratings-v1-8f2k1' }),
      start('dist/reviews/main.js', {
        SERVICE_VERSION: 'v3',
        POD_NAME: 'reviews-v3-7dbcd',
        HTTP_PROXY: mesh.url,
      }),
    ]);
    mesh.routes.set('details:9080', details.url);
    mesh.routes.set('ratings:9080', ratings.url);
    mesh.routes.set('reviews:9080', reviews.url);
    const pp = await start('dist/productpage/main.js', {
      POD_NAME: 'productpage-v1-1',
      HTTP_PROXY: mesh.url,
    });
    const page = await get(`${pp.url}/productpage`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Reviews served by: reviews-v3-7dbcd');
    expect(count(page.text, '<font color="red" class="stars text-red-500">')).toBe(2);
    expect(page.text).toContain('PublisherA');
    expect(mesh.requests.map((r) => `${r.authority}${r.path}`).sort()).toEqual([
      'details:9080/details/0',
      'ratings:9080/ratings/0',
      'reviews:9080/reviews/0',
    ]);
    expect(mesh.requests.every((r) => r.absoluteForm)).toBe(true);
    await until(
      () => pp.stderr().includes('"GET /productpage') && reviews.stderr().includes('"GET /reviews/0'),
    );
    expect(reviews.stderr()).toMatch(/reviews-v3-7dbcd "GET \/reviews\/0 HTTP\/1\.1" 200 \d+B/);
    expect(pp.stderr()).toMatch(/productpage-v1-1 "GET \/productpage HTTP\/1\.1" 200/);
  });

  it('name themselves <app>-<version>-<pid> without POD_NAME or HOSTNAME, and bind 127.0.0.1', async () => {
    const ratings = await start('dist/ratings/main.js');
    expect(new URL(ratings.url).hostname).toBe('127.0.0.1');
    const body = JSON.parse((await get(`${ratings.url}/ratings/0`)).text);
    expect(body.podname).toBe(`ratings-v1-${ratings.child.pid}`);
  });

  it('finish the request in flight on SIGTERM, then exit 0', async () => {
    const httpbin = await start('dist/httpbin/main.js', { POD_NAME: 'httpbin-v1-x' });
    const inFlight = get(`${httpbin.url}/delay/0.6`);
    await new Promise((r) => setTimeout(r, 200));
    httpbin.child.kill('SIGTERM');
    const signalled = performance.now();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await exitOf(httpbin.child)).toBe(0);
    // The kept-alive connection of the answered request does not hold the exit back.
    expect(performance.now() - signalled).toBeLessThan(3000);
    expect(httpbin.stderr()).toContain('received SIGTERM, shutting down');
  });

  it('exit 1 with one clear line for a bad PORT or a port in use', async () => {
    const bad = run('dist/details/main.js', { PORT: 'eighty' });
    let err = '';
    bad.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
    });
    expect(await exitOf(bad)).toBe(1);
    expect(err).toContain('details: cannot start: PORT must be an integer from 0 to 65535, got "eighty"');

    const first = await start('dist/details/main.js');
    const taken = run('dist/details/main.js', { PORT: new URL(first.url).port });
    let err2 = '';
    taken.stderr?.on('data', (c: Buffer) => {
      err2 += c.toString();
    });
    expect(await exitOf(taken)).toBe(1);
    expect(err2).toContain('details: cannot start: the port is in use');
  });
});

describe('the load client command', () => {
  it('prints fortio-style codes for a run through HTTP_PROXY, and exits 2 on a bad flag', async () => {
    const httpbin = await start('dist/httpbin/main.js', { POD_NAME: 'httpbin-v1-y' });
    mesh.routes.set('httpbin:8000', httpbin.url);
    const load = run('dist/load-client/main.js', { HTTP_PROXY: mesh.url }, [
      'load',
      '-c',
      '2',
      '-qps',
      '0',
      '-n',
      '6',
      'http://httpbin:8000/status/503',
    ]);
    let out = '';
    load.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    expect(await exitOf(load)).toBe(0);
    expect(out).toContain('Code 503 : 6 (100 %)');
    expect(out).toMatch(/# target 99% \d/);
    expect(mesh.to('httpbin:8000')).toHaveLength(6);

    const bad = run('dist/load-client/main.js', {}, ['-c', 'x', 'http://httpbin:8000/']);
    expect(await exitOf(bad)).toBe(2);
  });
});
