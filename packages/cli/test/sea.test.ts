// The single executable (scripts/build-sea.mjs): built once, copied alone into a temp dir (no node_modules there or
// above it), and run as a user would: --version, analyze (same output and status as the npm package's bin), the
// `__node` role with the in-process parent watch, and `mesh dev` over a copy of examples/bookinfo (its dist/ and its
// own node_modules/undici, which are the apps', not mesh's) through the gateway, then SIGTERM.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alive,
  BIN,
  BOOKINFO,
  childPids,
  ensureBookinfoBuilt,
  get,
  servedBy,
  waitFor,
} from './dev-mesh-helpers.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('..', import.meta.url));
const BUILT = join(CLI, 'dist-sea', 'mesh');
const VERSION = (JSON.parse(readFileSync(join(CLI, 'package.json'), 'utf8')) as { version: string }).version;
/** An environment without the test runner's Node.js options (the binary would not take them anyway). */
const ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' };

let home: string;
let mesh: string;

/** Runs the binary to its end; resolves with its output and exit status (never rejects on a non-zero status). */
async function runBinary(args: readonly string[], cwd = home) {
  try {
    const r = await run(mesh, [...args], { cwd, env: ENV, timeout: 30_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** True when some directory from `dir` up to / has a node_modules (Node.js would resolve packages there). */
function nodeModulesAbove(dir: string): boolean {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'node_modules'))) return true;
    if (dirname(d) === d) return false;
  }
}

beforeAll(async () => {
  ensureBookinfoBuilt();
  const started = performance.now();
  await run(process.execPath, [join(CLI, 'scripts', 'build-sea.mjs')], { cwd: CLI, timeout: 120_000 });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  home = mkdtempSync(join(tmpdir(), 'mesh-sea-'));
  mesh = join(home, 'bin', 'mesh');
  mkdirSync(dirname(mesh));
  cpSync(BUILT, mesh);
  console.log(
    `single executable: ${(statSync(mesh).size / 1024 / 1024).toFixed(1)} MB, built in ${seconds} s`,
  );
}, 150_000);

afterAll(() => {
  if (home !== undefined) rmSync(home, { recursive: true, force: true });
});

describe('the mesh single executable', () => {
  it('runs alone: no node_modules beside or above it, and --version prints the package version', async () => {
    expect(nodeModulesAbove(dirname(mesh))).toBe(false);
    const started = performance.now();
    const r = await runBinary(['--version']);
    console.log(`single executable: mesh --version in ${Math.round(performance.now() - started)} ms`);
    expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('analyzes bookinfo files as the npm package does (same output, exit status 1 on errors)', async () => {
    const files = [
      ['-f', join(BOOKINFO, 'manifests'), '-f', join(BOOKINFO, 'networking', 'destination-rule-all.yaml')],
      ['-f', join(BOOKINFO, 'networking', 'request-routing', 'virtual-service-all-v1.yaml')],
    ];
    const codes: number[] = [];
    for (const f of files) {
      const sea = await runBinary(['analyze', ...f]);
      const npm = await run(process.execPath, [BIN, 'analyze', ...f], { env: ENV }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({
          code: e.code,
          stdout: e.stdout,
          stderr: e.stderr,
        }),
      );
      expect(sea).toEqual(npm);
      codes.push(sea.code);
    }
    expect(codes).toEqual([0, 1]);
  });

  it('runs a script from disk with `__node` (argv as node gives it) and stops it once its parent is gone', async () => {
    const script = join(home, 'app.cjs');
    const out = join(home, 'app.out');
    writeFileSync(
      script,
      `require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.argv.slice(2)) + ' ' + process.pid);
process.on('SIGTERM', () => { require('node:fs').appendFileSync(${JSON.stringify(out)}, ' SIGTERM'); process.exit(0); });
setInterval(() => {}, 1000);
`,
    );
    // The shell is the parent the watch is told about; it exits at once, leaving the script orphaned.
    const sh = spawn('sh', ['-c', `MINIMESH_PARENT_PID=$$ "${mesh}" __node app.cjs a b & sleep 0.2`], {
      cwd: home,
      env: ENV,
      stdio: 'ignore',
    });
    await new Promise((r) => sh.once('exit', r));
    const first = await waitFor(
      () => (existsSync(out) ? readFileSync(out, 'utf8') : undefined),
      'the script to start',
    );
    const pid = Number(first.split(' ')[1]);
    expect(first).toBe(`["a","b"] ${pid}`);
    await waitFor(() => !alive(pid), 'the orphaned script to stop', 10_000);
    expect(readFileSync(out, 'utf8')).toBe(`["a","b"] ${pid} SIGTERM`);
  }, 20_000);

  it('runs `mesh dev` over a copy of bookinfo: the page through the gateway, then SIGTERM stops everything', async () => {
    // The apps' own files only: manifests, dist/ and node_modules/undici (copied, symlinks followed).
    const app = join(home, 'bookinfo');
    mkdirSync(join(app, 'node_modules'), { recursive: true });
    for (const f of ['package.json', 'manifests', 'dist'])
      cpSync(join(BOOKINFO, f), join(app, f), { recursive: true, dereference: true });
    cpSync(join(BOOKINFO, 'node_modules', 'undici'), join(app, 'node_modules', 'undici'), {
      recursive: true,
      dereference: true,
    });
    const args = [
      'dev',
      'bookinfo',
      '--gateway-port',
      '0',
      '--xds-port',
      '0',
      '--api-port',
      '0',
      '--dashboard-port',
      '0',
    ];
    const child: ChildProcess = spawn(mesh, [...args, '--logs', join(home, 'logs')], {
      cwd: home,
      env: ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | string | null>((r) => child.once('exit', (c, s) => r(c ?? s)));
    let gone = false;
    void exited.then(() => {
      gone = true;
    });
    try {
      const ready = await waitFor(
        () => {
          if (gone) throw new Error(`mesh dev exited before it was ready:\n${stderr}`);
          return /ready in ([\d.]+) s: gateway (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        },
        'the ready line',
        90_000,
      );
      console.log(`single executable: mesh dev bookinfo ready in ${ready[1]} s`);
      const page = await get(`${ready[2]}/productpage`);
      expect(page.status).toBe(200);
      expect(servedBy(page.body)).toMatch(/^reviews-v[123]-/);
      // Every child is the binary itself, in its proxy or script role.
      const pids = childPids(child.pid ?? 0);
      expect(pids.length).toBeGreaterThan(2);
      const roles = await Promise.all(
        pids.map(async (p) => (await run('ps', ['-o', 'args=', '-p', String(p)])).stdout.trim()),
      );
      const proxies = roles.filter((r) => r.startsWith(`${mesh} __proxy --xds `));
      const apps = roles.filter((r) => r.startsWith(`${mesh} __node dist/`));
      expect(proxies.length).toBeGreaterThan(0);
      expect(apps.length).toBeGreaterThan(0);
      expect(proxies.length + apps.length).toBe(pids.length);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).toContain(`mesh dev: SIGTERM received; stopping ${pids.length} processes`);
      expect(pids.filter(alive)).toEqual([]);
    } finally {
      if (!gone) child.kill('SIGKILL');
    }
  }, 150_000);
});
