// The processes of the `mesh dev` benchmark (dev.bench.mjs): a temp copy of examples/bookinfo per scenario, the
// BUILT `mesh dev` spawned and timed to its ready line, the control API's proxy counts, and the baselines (bare
// Node processes that listen and answer once; `mesh --version`). Times are milliseconds from performance.now().
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
export const BIN = here('../dist/bin/mesh.js');
export const BOOKINFO = here('../../../examples/bookinfo');
export const READY_BOUND_MS = 120_000;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const now = () => performance.now();

/** Keeps the documents of a manifest file whose metadata.name is not in `drop`. */
function without(text, drop) {
  return text
    .split(/^---\s*$/m)
    .filter((doc) => !drop.includes(/^metadata:\s*\n\s+name:\s*(\S+)/m.exec(doc)?.[1] ?? ''))
    .join('---\n');
}

/** A temp DIR with bookinfo's manifests (scenario "issue": without httpbin-v2 and fortio), dist/ and node_modules/ linked. */
export function scenarioDir(scenario) {
  const dir = mkdtempSync(join(tmpdir(), `mesh-bench-${scenario}-`));
  const src = join(BOOKINFO, 'manifests');
  if (scenario === 'full') cpSync(src, join(dir, 'manifests'), { recursive: true });
  else {
    mkdirSync(join(dir, 'manifests'));
    for (const f of ['bookinfo.yaml', 'bookinfo-gateway.yaml'])
      cpSync(join(src, f), join(dir, 'manifests', f));
    const httpbin = readFileSync(join(src, 'httpbin.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'manifests', 'httpbin.yaml'),
      without(httpbin, ['httpbin-v2', 'fortio', 'fortio-v1']),
    );
  }
  symlinkSync(join(BOOKINFO, 'dist'), join(dir, 'dist'));
  symlinkSync(join(BOOKINFO, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

const READY =
  /ready in ([\d.]+) s: gateway (http:\/\/127\.0\.0\.1:\d+)\S*, (?:dashboard \S+, )?control plane http:\/\/(\S+) /;

/** Spawns `mesh dev DIR` and resolves at its ready line: { ms (spawn to ready line), selfMs, gateway, api, stop() }. */
export async function startMesh(dir) {
  const t0 = now();
  const child = spawn(
    process.execPath,
    [
      BIN,
      'dev',
      dir,
      '--gateway-port',
      '0',
      '--xds-port',
      '0',
      '--api-port',
      '0',
      '--dashboard-port',
      '0',
      '--logs',
      `${dir}-logs`,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  let out = '';
  let err = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const match = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ready line within ${READY_BOUND_MS} ms:\n${err}`)),
      READY_BOUND_MS,
    );
    child.stdout.on('data', (d) => {
      out += d;
      const m = READY.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`mesh dev exited (${code}) before it was ready:\n${err}`));
    });
  });
  const ms = now() - t0;
  const stop = async () => {
    const s0 = now();
    child.kill('SIGTERM');
    const gone = await Promise.race([exited, sleep(20_000).then(() => 'timeout')]);
    if (gone === 'timeout') child.kill('SIGKILL');
    rmSync(`${dir}-logs`, { recursive: true, force: true });
    return now() - s0;
  };
  return { ms, selfMs: Number(match[1]) * 1000, gateway: match[2], api: match[3], stop };
}

/** The proxies connected to the control plane and the workloads among them (sidecars). */
export async function counts(api) {
  const status = await (await fetch(`http://${api}/status`)).json();
  const proxies = status.proxies ?? [];
  return { proxies: proxies.length, workloads: proxies.filter((p) => p.type !== 'router').length };
}

const LISTENER =
  "const s=require('http').createServer((q,r)=>r.end('ok'));s.listen(0,'127.0.0.1',()=>console.log(s.address().port))";

/** Baseline: `n` bare Node processes spawned at once, until each listens and has answered one HTTP request (ms). */
export async function bareProcesses(n) {
  const t0 = now();
  const children = [];
  const answered = Array.from({ length: n }, () => {
    const child = spawn(process.execPath, ['-e', LISTENER], { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(child);
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const port = /^(\d+)\n/.exec(out)?.[1];
        if (port !== undefined)
          fetch(`http://127.0.0.1:${port}/`)
            .then((r) => r.text())
            .then(resolve, reject);
      });
      child.once('exit', (code) => reject(new Error(`a bare node process exited (${code})`)));
    });
  });
  await Promise.all(answered);
  const ms = now() - t0;
  for (const c of children) c.kill('SIGKILL');
  return ms;
}

/** `node dist/bin/mesh.js --version`, spawn to exit (ms). */
export async function versionTime() {
  const t0 = now();
  const child = spawn(process.execPath, [BIN, '--version'], { stdio: 'ignore' });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`mesh --version exited ${code}`);
  return now() - t0;
}
