// Shared by the `mesh dev` tests: the BUILT `mesh` binary run as a process over a temp copy of examples/bookinfo (its
// manifests copied, so that edits stay in the copy; dist/ and node_modules/ linked), on ephemeral ports; waits for
// the ready line and parses its URLs; lists and checks the child processes by pid.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../dist/bin/mesh.js', import.meta.url));
export const BOOKINFO = fileURLToPath(new URL('../../../examples/bookinfo', import.meta.url));
export const ISTIO_NETWORKING = fileURLToPath(
  new URL('../../../../shared/istio-samples/samples/bookinfo/networking', import.meta.url),
);

/** Builds examples/bookinfo when its dist/ is missing (`pnpm -r build` makes it). */
export function ensureBookinfoBuilt(): void {
  if (existsSync(join(BOOKINFO, 'dist', 'productpage', 'main.js'))) return;
  execFileSync('npx', ['tsc', '-b'], { cwd: BOOKINFO, stdio: 'ignore', timeout: 120_000 });
}

/** A temp dir holding bookinfo's manifests (copied) and its dist/ and node_modules/ (linked). */
export function copyBookinfoApp(): string {
  ensureBookinfoBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'mesh-dev-'));
  cpSync(join(BOOKINFO, 'manifests'), join(dir, 'manifests'), { recursive: true });
  symlinkSync(join(BOOKINFO, 'dist'), join(dir, 'dist'));
  symlinkSync(join(BOOKINFO, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** Removes DIR and the logs startMesh put beside it. */
export function removeMeshDirs(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${dir}-logs`, { recursive: true, force: true });
}

export interface MeshProcess {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with the exit code (or the signal) once the process is gone. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
}

/** Runs `node dist/bin/mesh.js ...args` with its output collected. */
export function runMesh(args: readonly string[], env: NodeJS.ProcessEnv = {}): MeshProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

export interface ReadyMesh extends MeshProcess {
  readonly gatewayUrl: string;
  /** HOST:PORT of the control API. */
  readonly api: string;
  readonly logsDir: string;
  /** http://127.0.0.1:PORT/ of the dashboard (absent with --no-dashboard). */
  readonly dashboardUrl?: string;
}

/** Polls `check` every 50 ms until it holds; fails after `timeoutMs`, naming `what`. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 20_000,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `dev DIR` with every port flag: 0 (any free port) unless `ports` names one; then `extra`. */
export function devArgs(
  dir: string,
  ports: { gateway?: number; xds?: number; api?: number; dashboard?: number } = {},
  extra: readonly string[] = [],
): string[] {
  const flag = (name: string, port: number | undefined) => [`--${name}-port`, String(port ?? 0)];
  return [
    'dev',
    dir,
    ...flag('gateway', ports.gateway),
    ...flag('xds', ports.xds),
    ...flag('api', ports.api),
    ...flag('dashboard', ports.dashboard),
    ...extra,
  ];
}

const READY =
  /ready in [\d.]+ s: gateway (http:\/\/127\.0\.0\.1:\d+)\S*, (?:dashboard (\S+), )?control plane http:\/\/(\S+) .*logs (\S+);/;

/** `mesh dev DIR` on ephemeral ports, resolved once the ready line is printed (fails if it exits first). */
export async function startMesh(dir: string, extra: readonly string[] = []): Promise<ReadyMesh> {
  // The logs go beside DIR (not in it: the watcher would see every write), removed by removeMeshDirs.
  const m = runMesh(devArgs(dir, {}, ['--logs', `${dir}-logs`, ...extra]));
  let gone = false;
  void m.exited.then(() => {
    gone = true;
  });
  const match = await waitFor(
    () => {
      if (gone) throw new Error(`mesh dev exited before it was ready:\n${m.stderr()}`);
      return READY.exec(m.stdout());
    },
    'the ready line',
    90_000,
  );
  return {
    ...m,
    gatewayUrl: match[1] ?? '',
    ...(match[2] === undefined ? {} : { dashboardUrl: match[2] }),
    api: match[3] ?? '',
    logsDir: match[4] ?? '',
  };
}

/** The pids of the direct children of `pid` (Linux /proc via ps). */
export function childPids(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there is none
  }
}

/** The child of `pid` whose command line contains `needle`. */
export function childWith(pid: number, needle: string): number | undefined {
  for (const c of childPids(pid)) {
    try {
      const args = execFileSync('ps', ['-o', 'args=', '-p', String(c)], { encoding: 'utf8' });
      if (args.includes(needle)) return c;
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** True while a process with this pid exists (a zombie counts as gone). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).startsWith('Z');
  } catch {
    return false;
  }
}

export async function get(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  return { status: res.status, body: await res.text() };
}

/** The instance named by the page's `Reviews served by:` marker. */
export function servedBy(body: string): string | undefined {
  return /reviews-v\d-[a-z0-9]+-[a-z0-9]+/.exec(body.slice(body.indexOf('Reviews served by')))?.[0];
}
