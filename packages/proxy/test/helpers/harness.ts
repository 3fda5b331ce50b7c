// One test environment: a real XdsServer over gRPC on 127.0.0.1 (ephemeral port, no debouncing) with a
// SnapshotCache, and a real proxy from startProxy connected to it, with dev-mode port mapping (every LDS port to a
// free port), admin and forward proxy on free ports, and access log entries collected. `push` sets a snapshot and
// waits until the proxy accepted (or NACKed) every type that changed.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { Cluster, ClusterLoadAssignment, Listener, RouteConfiguration } from '@minimesh/model';
import { SnapshotCache, XdsServer } from '@minimesh/xds-server';
import { type AccessLogEntry, type RunningProxy, startProxy } from '../../src/index.js';
import { XdsType } from '../../src/xds/ads-method.js';
import { NODE_ID } from './resources.js';

export interface Resources {
  clusters?: Cluster[];
  endpoints?: ClusterLoadAssignment[];
  listeners?: Listener[];
  routes?: RouteConfiguration[];
}

export interface Harness {
  readonly cache: SnapshotCache;
  server: XdsServer;
  readonly proxy: RunningProxy;
  readonly logs: AccessLogEntry[];
  push(resources: Resources): Promise<void>;
  close(): Promise<void>;
}

export interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  json<T = Record<string, unknown>>(): T;
}

export async function waitFor(check: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const TYPES = [XdsType.cluster, XdsType.endpoint, XdsType.listener, XdsType.route] as const;

/** `ports`: LDS ports bound to a free local port; `fixed`: LDS ports bound to the given local port. */
export async function startHarness(
  initial: Resources,
  ports: readonly number[] = [9080],
  fixed: Readonly<Record<number, number>> = {},
): Promise<Harness> {
  const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
  cache.setSnapshot(NODE_ID, initial);
  const server = await XdsServer.start({ cache, endpointWaitMs: 200 });
  const logs: AccessLogEntry[] = [];
  const portMap: Record<number, number> = {};
  for (const p of ports) portMap[p] = 0;
  Object.assign(portMap, fixed);
  const proxy = await startProxy({
    xds: server.address,
    nodeId: NODE_ID,
    adminPort: 0,
    portMap,
    forwardProxyPort: 0,
    accessLog: (e) => logs.push(e),
    backoff: { baseMs: 50, maxMs: 200 },
    logLevel: 'silent',
  });
  await proxy.ready(5_000);
  const h: Harness = {
    cache,
    server,
    proxy,
    logs,
    async push(resources) {
      const counts = TYPES.map((t) => {
        const s = proxy.xds.typeState(t);
        return s.acks + s.nacks;
      });
      cache.setSnapshot(NODE_ID, resources);
      // Wait until the server has nothing unanswered for this proxy and something was handled.
      await waitFor(
        () =>
          TYPES.some((t, i) => {
            const s = proxy.xds.typeState(t);
            return s.acks + s.nacks > (counts[i] ?? 0);
          }) && h.server.proxyStatus().every((p) => p.types.every((t) => t.status !== 'STALE')),
        5_000,
        'the proxy to handle the push',
      );
      await new Promise((r) => setTimeout(r, 20));
    },
    async close() {
      await proxy.close();
      await h.server.close();
    },
  };
  return h;
}

/** An HTTP/1.1 request on a fresh connection. */
export function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 5_000, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(options.body);
  });
}
