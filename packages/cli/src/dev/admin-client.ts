// A tiny client for what `mesh proxy-status` and `mesh proxy-config` read over HTTP on 127.0.0.1: a proxy's
// Envoy-like admin API (/config_dump, /clusters?format=json, /server_info) and the dev control API (/status,
// /config). node:http, one GET per call, bounded by a timeout (ms). Also the PROXY argument's resolution against
// /status: a pod name or unique prefix, `pod.namespace`, a gateway (workload) name, or the full node id.
import { request } from 'node:http';
import { ControlPlaneUnreachableError } from '../commands/apply.js';
import type { ControlPlaneStatus, ProxyEntry } from './control-plane-status.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

/** An admin API that does not answer, or answers an error status. */
export class AdminRequestError extends Error {
  readonly code = 'MESH_ADMIN_UNREACHABLE';
  constructor(address: string, path: string, detail: string) {
    super(`the proxy admin API at ${address} did not answer GET ${path} (${detail}); is the proxy running?`);
    this.name = 'AdminRequestError';
  }
}

/** PROXY names no connected proxy, or several. */
export class ProxySelectError extends Error {
  readonly code: 'MESH_PROXY_NOT_FOUND' | 'MESH_PROXY_AMBIGUOUS' | 'MESH_PROXY_NO_ADMIN';
  constructor(code: ProxySelectError['code'], message: string) {
    super(message);
    this.name = 'ProxySelectError';
    this.code = code;
  }
}

/** GET http://address/path; resolves to the status and body, rejects with the socket's error or on timeout. */
export function httpGet(
  address: string,
  path: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<{ status: number; body: string }> {
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon).replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(address.slice(colon + 1));
  return new Promise((resolve, reject) => {
    if (colon < 0 || !Number.isInteger(port) || port <= 0 || port > 65535) {
      reject(new Error(`${address}: expected HOST:PORT`));
      return;
    }
    const req = request({ host, port, path, method: 'GET', timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** The admin API's answer to `path` (200 only); AdminRequestError otherwise. */
export async function adminGet(
  address: string,
  path: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<string> {
  let res: { status: number; body: string };
  try {
    res = await httpGet(address, path, timeoutMs);
  } catch (err) {
    throw new AdminRequestError(address, path, (err as Error).message);
  }
  if (res.status !== 200)
    throw new AdminRequestError(address, path, `status ${res.status}: ${res.body.slice(0, 120)}`);
  return res.body;
}

/** The control API's JSON answer to `path`; ControlPlaneUnreachableError when no dev mesh answers there. */
export async function controlGet<T>(
  address: string,
  path: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  let res: { status: number; body: string };
  try {
    res = await httpGet(address, path, timeoutMs);
  } catch (err) {
    throw new ControlPlaneUnreachableError(address, err);
  }
  try {
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    return JSON.parse(res.body) as T;
  } catch (err) {
    throw new ControlPlaneUnreachableError(address, err);
  }
}

export const fetchStatus = (address: string): Promise<ControlPlaneStatus> =>
  controlGet<ControlPlaneStatus>(address, '/status');

const nameOf = (p: ProxyEntry) => `${p.pod}.${p.namespace}`;

/**
 * The proxy `query` names: its node id, `pod.namespace`, pod name, or a prefix of either that only one proxy has
 * (`productpage`, `istio-ingressgateway`, `reviews-v1.default`).
 */
export function resolveProxy(status: ControlPlaneStatus, query: string): ProxyEntry {
  const all = status.proxies;
  const exact = all.filter((p) => p.nodeId === query || nameOf(p) === query || p.pod === query);
  const candidates =
    exact.length > 0
      ? exact
      : all.filter((p) => {
          if (p.pod.startsWith(query)) return true;
          const dot = query.lastIndexOf('.');
          return dot > 0 && p.namespace === query.slice(dot + 1) && p.pod.startsWith(query.slice(0, dot));
        });
  const known = all.map(nameOf).sort().join(', ') || 'none is connected';
  if (candidates.length === 0)
    throw new ProxySelectError(
      'MESH_PROXY_NOT_FOUND',
      `no proxy ${JSON.stringify(query)} is connected to the control plane; expected one of: ${known}`,
    );
  if (candidates.length > 1)
    throw new ProxySelectError(
      'MESH_PROXY_AMBIGUOUS',
      `${JSON.stringify(query)} names ${candidates.length} proxies (${candidates.map(nameOf).sort().join(', ')}); give the full pod name`,
    );
  return candidates[0] as ProxyEntry;
}

/** The admin address of `proxy`; ProxySelectError when the control plane's address plan does not know it. */
export function adminAddressOf(proxy: ProxyEntry): string {
  if (proxy.adminAddress === undefined)
    throw new ProxySelectError(
      'MESH_PROXY_NO_ADMIN',
      `proxy ${nameOf(proxy)} runs outside the dev mesh's address plan; give its admin API with --admin 127.0.0.1:PORT`,
    );
  return proxy.adminAddress;
}
