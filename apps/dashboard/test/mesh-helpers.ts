// The browser tests' mesh: the BUILT `mesh` binary (packages/cli/dist/bin/mesh.js) running `mesh dev` over a temp
// copy of examples/bookinfo (manifests copied so edits stay in the copy; dist/ and node_modules/ linked), every port
// ephemeral, resolved once its ready line names the gateway, the dashboard and the control API. Changes go through
// the cli's exported `applyCommand` / `deleteCommand` (what `mesh apply -f` runs), as a user would apply them.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyCommand, deleteCommand } from '@minimesh/cli';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
export const MESH_BIN = here('../../../packages/cli/dist/bin/mesh.js');
export const BOOKINFO = here('../../../examples/bookinfo');
/** Istio's bookinfo task configs, read from ../shared (never copied into the repository). */
export const ISTIO_NETWORKING = here('../../../../shared/istio-samples/samples/bookinfo/networking');
export const PAGE_BUILT = here('../dist/web/index.html');

export interface DevMesh {
  readonly child: ChildProcess;
  readonly dir: string;
  readonly gatewayUrl: string;
  readonly dashboardUrl: string;
  /** HOST:PORT of the control API. */
  readonly api: string;
  readonly stdout: () => string;
  readonly stderr: () => string;
  close(): Promise<void>;
}

/** Polls `check` every 50 ms until it returns a truthy value; fails after `timeoutMs`, naming `what`. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 20_000,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last === undefined ? '' : `: ${String(last)}`}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

const READY =
  /ready in [\d.]+ s: gateway (http:\/\/127\.0\.0\.1:\d+)\S*, dashboard (http:\/\/127\.0\.0\.1:\d+\/), control plane http:\/\/(\S+) /;

/** `mesh dev` on a fresh copy of examples/bookinfo; resolves when it is ready. */
export async function startBookinfo(): Promise<DevMesh> {
  if (!existsSync(MESH_BIN)) throw new Error(`${MESH_BIN} is missing: build the cli first (pnpm build)`);
  if (!existsSync(join(BOOKINFO, 'dist', 'productpage', 'main.js')))
    throw new Error('examples/bookinfo is not built: run pnpm build');
  if (!existsSync(PAGE_BUILT)) throw new Error(`${PAGE_BUILT} is missing: build the dashboard page first`);
  const dir = mkdtempSync(join(tmpdir(), 'mesh-dashboard-'));
  cpSync(join(BOOKINFO, 'manifests'), join(dir, 'manifests'), { recursive: true });
  cpSync(join(BOOKINFO, 'networking'), join(dir, 'networking'), { recursive: true });
  symlinkSync(join(BOOKINFO, 'dist'), join(dir, 'dist'));
  symlinkSync(join(BOOKINFO, 'node_modules'), join(dir, 'node_modules'));
  const args = ['dev', dir, '--gateway-port', '0', '--xds-port', '0', '--api-port', '0'];
  args.push('--dashboard-port', '0', '--logs', `${dir}-logs`);
  const child = spawn(process.execPath, [MESH_BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-logs`, { recursive: true, force: true });
  };
  try {
    const m = await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`mesh dev exited before it was ready:\n${err}`);
        return READY.exec(out);
      },
      'the ready line of mesh dev',
      120_000,
    );
    return {
      child,
      dir,
      gatewayUrl: m[1] ?? '',
      dashboardUrl: m[2] ?? '',
      api: m[3] ?? '',
      stdout: () => out,
      stderr: () => err,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/** `mesh apply -f FILE...` against the mesh; throws with its output unless it succeeds. */
export async function meshApply(mesh: DevMesh, ...files: string[]): Promise<void> {
  const out = await applyCommand({ files, controlPlane: mesh.api });
  if (out.exitCode !== 0) throw new Error(`mesh apply ${files.join(' ')}: ${out.stderr.join('\n')}`);
}

export async function meshDelete(mesh: DevMesh, ...files: string[]): Promise<void> {
  const out = await deleteCommand({ files, controlPlane: mesh.api });
  if (out.exitCode !== 0) throw new Error(`mesh delete ${files.join(' ')}: ${out.stderr.join('\n')}`);
}

export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly setCookie: readonly string[];
}

/** One real HTTP request (fetch, redirects not followed), bounded by 20 s. */
export async function http(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: init.headers ?? {},
    ...(init.body === undefined ? {} : { body: init.body }),
    redirect: 'manual',
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, body: await res.text(), setCookie: res.headers.getSetCookie() };
}

/** Sends `count` GET /productpage through the gateway, `concurrency` at a time; returns the statuses. */
export async function productPages(
  mesh: DevMesh,
  count: number,
  concurrency = 4,
  headers: Record<string, string> = {},
): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      statuses.push((await http(`${mesh.gatewayUrl}/productpage`, { headers })).status);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

/** Signs in through the gateway as productpage's form does; returns the cookie to send. */
export async function login(mesh: DevMesh, user: string): Promise<string> {
  const r = await http(`${mesh.gatewayUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `username=${user}&passwd=password`,
  });
  const cookie = /^(user=[^;]*)/.exec(r.setCookie[0] ?? '')?.[1];
  if (cookie === undefined) throw new Error(`login as ${user} answered ${r.status} without a user cookie`);
  return cookie;
}
