// Shared by the istio-tasks tests: one real `mesh dev` (the BUILT binary over a temp copy of examples/bookinfo, see
// dev-mesh-helpers.ts) per test file, changed with `mesh apply` / `mesh delete` (the exported functions the CLI
// calls) and observed with real HTTP: through the ingress gateway, from inside the mesh through the load client's
// server mode (Istio's fortio pod: its requests leave through its own sidecar), in the apps' log files and in the
// proxies' admin API. Istio's YAML is read from ../shared/istio-samples unchanged.
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { type IncomingHttpHeaders, request } from 'node:http';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { applyCommand, deleteCommand } from '../src/index.js';
import {
  copyBookinfoApp,
  type ReadyMesh,
  removeMeshDirs,
  servedBy,
  startMesh,
  waitFor,
} from './dev-mesh-helpers.js';

export { ISTIO_NETWORKING, servedBy, waitFor } from './dev-mesh-helpers.js';

/** Istio's sample YAML (never copied into the repo). */
export const ISTIO_SAMPLES = fileURLToPath(
  new URL('../../../../shared/istio-samples/samples', import.meta.url),
);
export const ISTIO_GATEWAY_API = join(ISTIO_SAMPLES, 'bookinfo', 'gateway-api');
/** Our own task configs (examples/bookinfo/networking), for tasks whose YAML Istio gives only inline. */
export const OUR_NETWORKING = fileURLToPath(
  new URL('../../../examples/bookinfo/networking', import.meta.url),
);

/** The page texts Istio's task checks look for. */
export const REVIEWS_ERROR = 'Sorry, product reviews are currently unavailable for this book.';
export const RATINGS_ERROR = 'Ratings service is currently unavailable';

export interface TaskMesh extends ReadyMesh {
  readonly dir: string;
  /** http://127.0.0.1:PORT of the load client's server (the fortio workload's app port). */
  readonly fortio: string;
  /** Stops the mesh (SIGTERM, waits for it to exit) and removes its directories. */
  close(): Promise<void>;
}

/** The file in the logs dir of the app whose pod name starts with `prefix` (`httpbin-v2-`; not its proxy's). */
export function appLog(logsDir: string, prefix: string): string {
  const name = readdirSync(logsDir).find(
    (f) => f.startsWith(prefix) && f.endsWith('.log') && !f.endsWith('.proxy.log'),
  );
  if (name === undefined) throw new Error(`no log file of ${prefix}* in ${logsDir}`);
  return join(logsDir, name);
}

/** The lines of the app log of `prefix` (see appLog). */
export function appLogLines(logsDir: string, prefix: string): string[] {
  return readFileSync(appLog(logsDir, prefix), 'utf8').split('\n');
}

/**
 * `mesh dev` on a fresh copy of examples/bookinfo, with the fortio workload's local URL found in its log. `extra`
 * files are copied (unchanged) into the copy's manifests/ first: what must run from the start, as a Gateway API
 * Gateway, whose gateway Deployment `mesh dev` starts with the rest.
 */
export async function startTaskMesh(extra: readonly string[] = []): Promise<TaskMesh> {
  const dir = copyBookinfoApp();
  // Named apart from bookinfo's own manifests (Istio's gateway-api/bookinfo-gateway.yaml shares a name with ours).
  for (const f of extra) copyFileSync(f, join(dir, 'manifests', `extra-${basename(f)}`));
  let mesh: ReadyMesh;
  try {
    mesh = await startMesh(dir);
  } catch (err) {
    removeMeshDirs(dir);
    throw err;
  }
  const close = async () => {
    if (mesh.child.exitCode === null && mesh.child.signalCode === null) {
      mesh.child.kill('SIGTERM');
      await mesh.exited;
    }
    removeMeshDirs(dir);
  };
  try {
    const port = await waitFor(
      () =>
        /load-client listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(
          appLogLines(mesh.logsDir, 'fortio-v1-').join('\n'),
        )?.[1],
      'the load client to listen',
    );
    return { ...mesh, dir, fortio: `http://127.0.0.1:${port}`, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The local port a gateway proxy serves its LDS port `port` on (its `--port LDS=LOCAL` in its log's first line). */
export function gatewayLocalPort(logsDir: string, podPrefix: string, port: number): number {
  const name = readdirSync(logsDir).find((f) => f.startsWith(podPrefix) && f.endsWith('.proxy.log'));
  if (name === undefined) throw new Error(`no proxy log of ${podPrefix}* in ${logsDir}`);
  const local = new RegExp(`--port ${port}=(\\d+)`).exec(readFileSync(join(logsDir, name), 'utf8'))?.[1];
  if (local === undefined) throw new Error(`${name} names no local port for ${port}`);
  return Number(local);
}

interface StatusAnswer {
  version: number;
  proxies: { pod: string; adminAddress?: string; xds: Record<string, { status: string }> }[];
}

async function status(api: string): Promise<StatusAnswer> {
  const res = await fetch(`http://${api}/status`, { signal: AbortSignal.timeout(5_000) });
  return (await res.json()) as StatusAnswer;
}

/** Waits until every connected proxy has ACKed every xDS type it was sent (the control plane's status). */
export async function waitSynced(api: string): Promise<void> {
  await waitFor(async () => {
    const s = await status(api);
    return s.proxies.every((p) => Object.values(p.xds).every((t) => t.status === 'SYNCED'));
  }, 'every proxy SYNCED');
}

/** `127.0.0.1:PORT` of the admin API of the proxy whose pod name starts with `prefix`. */
export async function adminOf(api: string, prefix: string): Promise<string> {
  const p = (await status(api)).proxies.find((x) => x.pod.startsWith(prefix));
  if (p?.adminAddress === undefined) throw new Error(`no proxy ${prefix}* with an admin address`);
  return p.adminAddress;
}

/** One counter of a proxy's `/stats` (Envoy's text form `name: value`); 0 when absent. */
export async function statOf(admin: string, name: string): Promise<number> {
  const text = await (await fetch(`http://${admin}/stats`, { signal: AbortSignal.timeout(5_000) })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}: `));
  return line === undefined ? 0 : Number(line.slice(name.length + 2));
}

/**
 * `mesh apply -f FILE...` against the mesh's control API; expects exit status 0 and no diagnostic but warnings
 * (a ConfigMap is an unknown kind, kept as is), then waits for the push.
 */
export async function meshApply(mesh: TaskMesh, ...files: string[]): Promise<string> {
  const out = await applyCommand({ files, controlPlane: mesh.api });
  expect(
    out.stderr.filter((l) => !l.startsWith('warning: ')),
    `mesh apply ${files.join(' ')}`,
  ).toEqual([]);
  expect(out.exitCode).toBe(0);
  await waitSynced(mesh.api);
  return out.stdout;
}

/** `mesh delete -f FILE...`; expects exit status 0 and no diagnostic but warnings, then waits for the push. */
export async function meshDelete(mesh: TaskMesh, ...files: string[]): Promise<void> {
  const out = await deleteCommand({ files, controlPlane: mesh.api });
  expect(
    out.stderr.filter((l) => !l.startsWith('warning: ')),
    `mesh delete ${files.join(' ')}`,
  ).toEqual([]);
  expect(out.exitCode).toBe(0);
  await waitSynced(mesh.api);
}

export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
}

/**
 * One real HTTP/1.1 request with node:http (fetch would drop a `host` header; the ingress tasks route by it),
 * redirects not followed, bounded by 20 s.
 */
export function http(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: init.method ?? 'GET', headers: init.headers ?? {}, timeout: 20_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} in 20 s`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Signs in through the gateway as productpage's form does (POST /login); returns the `user` cookie to send. */
export async function login(gatewayUrl: string, user: string): Promise<string> {
  const r = await http(`${gatewayUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `username=${encodeURIComponent(user)}&passwd=password`,
  });
  expect(r.status).toBe(302);
  const cookie = /^(user=[^;]*)/.exec(r.headers['set-cookie']?.[0] ?? '')?.[1];
  expect(cookie).toBe(`user=${user}`);
  return cookie ?? '';
}

/** GET /productpage through the gateway, as `cookie`'s user when given. */
export function productPage(mesh: TaskMesh, cookie?: string): Promise<Answer> {
  return http(`${mesh.gatewayUrl}/productpage`, cookie === undefined ? {} : { headers: { cookie } });
}

/** The reviews version of a page (`Reviews served by: reviews-v2-...`), or undefined. */
export function reviewsVersion(body: string): string | undefined {
  return /^reviews-(v\d)-/.exec(servedBy(body) ?? '')?.[1];
}

/** The colour of the page's stars: none (reviews v1), black (v2) or red (v3). */
export function starColour(body: string): 'none' | 'black' | 'red' | 'mixed' {
  const black = body.includes('<font color="black"');
  const red = body.includes('<font color="red"');
  if (black && red) return 'mixed';
  return black ? 'black' : red ? 'red' : body.includes('glyphicon-star') ? 'mixed' : 'none';
}

/** Polls the page until `check` holds for one (the first page after a push), bounded by 20 s. */
export function waitForPage(
  mesh: TaskMesh,
  check: (body: string) => boolean,
  what: string,
  cookie?: string,
): Promise<Answer> {
  return waitFor(async () => {
    const r = await productPage(mesh, cookie);
    return r.status === 200 && check(r.body) ? r : undefined;
  }, what);
}

/** One GET from inside the mesh: the load client fetches `hostPort/path` through its sidecar. */
export function fetchFromMesh(mesh: TaskMesh, hostPortPath: string): Promise<Answer> {
  return http(`${mesh.fortio}/fortio/fetch/${hostPortPath}`);
}

export interface LoadReport {
  readonly codes: Record<string, number>;
  readonly count: number;
  readonly errors: unknown[];
}

/** A load run from inside the mesh (fortio's /fortio/rest/run): `c` connections, `n` requests, no qps limit. */
export async function loadFromMesh(mesh: TaskMesh, url: string, c: number, n: number): Promise<LoadReport> {
  const q = new URLSearchParams({ url, c: String(c), qps: '0', n: String(n) });
  const r = await http(`${mesh.fortio}/fortio/rest/run?${q}`);
  expect(r.status).toBe(200);
  return JSON.parse(r.body) as LoadReport;
}
