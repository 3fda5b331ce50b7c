// Graceful shutdown of the mesh-proxy process (src/bin/mesh-proxy.ts, run from source in a child node): on SIGTERM
// new connections are refused, a request in flight is answered (with `connection: close`), an idle keep-alive
// connection is answered once more and closed, a request still running when --drain-time-s is up is cut, and
// the process exits 0 within the drain time (a bounded wait, no timing assertion).
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SnapshotCache, XdsServer } from '@minimesh/xds-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidOptionError, parseCli } from '../../src/index.js';
import { send, waitFor } from '../helpers/harness.js';
import {
  hcm,
  httpListener,
  NODE_ID,
  routeConfig,
  routeTo,
  staticCluster,
  vhost,
} from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';
import { type RawClient as Raw, RawClient } from '../http1/raw.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DRAIN_TIME_S = 3;

let server: XdsServer;
let up: Upstream;
let child: ChildProcess | undefined;

/** A port free now (bound and released), for the child's port table. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function refusedOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', (err: { code?: string }) => resolve(err.code === 'ECONNREFUSED'));
  });
}

function get(c: Raw, path: string, extra = ''): void {
  c.write(`GET ${path} HTTP/1.1\r\nhost: backend\r\n${extra}\r\n`);
}

beforeAll(async () => {
  up = await startUpstream('u1');
  const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
  const route = routeConfig('inline', [
    vhost('all', ['*'], [routeTo('backend', '/', {}, { timeout: { seconds: '30' } })]),
  ]);
  cache.setSnapshot(NODE_ID, {
    clusters: [staticCluster('backend', [up.port])],
    listeners: [httpListener('l9080', 9080, hcm({ inline: route }))],
  });
  server = await XdsServer.start({ cache });
});

afterAll(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  await server?.close();
  await up?.close();
});

describe('--drain-time-s', () => {
  it('sets the drain time in seconds (default 5) and refuses anything but whole seconds', () => {
    const base = ['--xds', '127.0.0.1:15010', '--node-id', NODE_ID];
    expect(parseCli(base).drainTimeMs).toBe(5_000);
    expect(parseCli([...base, '--drain-time-s', '45']).drainTimeMs).toBe(45_000);
    expect(() => parseCli([...base, '--drain-time-s', '1.5'])).toThrow(InvalidOptionError);
  });
});

describe('mesh-proxy on SIGTERM', () => {
  it('drains: in-flight requests answered, new connections refused, exit 0 within the drain time', async () => {
    const port = await freePort();
    const args = [
      '--import',
      './test/soak/ts-register.mjs',
      'src/bin/mesh-proxy.ts',
      '--xds',
      server.address,
      '--node-id',
      NODE_ID,
      '--admin-port',
      '0',
      '--port',
      `9080=${port}`,
      '--drain-time-s',
      String(DRAIN_TIME_S),
      '--log-level',
      'silent',
    ];
    const proc = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    let stderr = '';
    proc.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    let exit: number | null | undefined;
    proc.on('exit', (code) => {
      exit = code;
    });
    await waitFor(
      () => /admin on port (\d+)/.test(stderr) || exit !== undefined,
      20_000,
      'the proxy to start',
    );
    const adminPort = Number(/admin on port (\d+)/.exec(stderr)?.[1]);
    const until = Date.now() + 10_000;
    for (;;) {
      const r = await send(adminPort, '/ready').catch(() => undefined);
      if (r?.body === 'LIVE\n') break;
      if (Date.now() > until) throw new Error(`proxy not ready: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const idle = await RawClient.connect(port);
    get(idle, '/warm');
    expect((await idle.response()).status).toBe(200);
    const busy = await RawClient.connect(port);
    get(busy, '/slow', 'x-test-delay: 800\r\n');
    const stuck = await RawClient.connect(port);
    get(stuck, '/stuck', 'x-test-delay: 30000\r\n');
    await waitFor(
      () => up.seen.some((e) => e.url === '/slow') && up.seen.some((e) => e.url === '/stuck'),
      5_000,
      'both requests upstream',
    );

    proc.kill('SIGTERM');
    // Stop accepting: bounded polling until a connect is refused.
    let refused = false;
    for (let i = 0; i < 100 && !refused; i++) {
      refused = await refusedOnce(port);
      if (!refused) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(refused).toBe(true);

    const slow = await busy.response();
    expect([slow.status, slow.headers.connection]).toEqual([200, 'close']);
    await busy.closed();
    get(idle, '/last');
    const last = await idle.response();
    expect([last.status, last.headers.connection]).toEqual([200, 'close']);
    await idle.closed();

    // The stuck request is cut when the drain time is up, and the process exits.
    await stuck.closed((DRAIN_TIME_S + 5) * 1000);
    expect(stuck.text()).toBe('');
    await waitFor(() => exit !== undefined, (DRAIN_TIME_S + 5) * 1000, 'the process to exit');
    expect(exit).toBe(0);
  }, 60_000);
});
