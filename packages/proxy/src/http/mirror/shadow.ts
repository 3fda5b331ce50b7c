// Request mirroring (Envoy's shadowing): fire and forget one copy of the request per mirror policy that applies, to
// a host of the shadow cluster, with ":authority"/Host suffixed "-shadow" (before the port) unless the policy
// disables it. The shadow's response is read and thrown away. Invariants that keep the main request safe:
// - nothing on the main path waits on a shadow (it starts after the main request's body is known, and its result
//   is never awaited by the router);
// - a shadow has its own timeout (the route's, else Envoy's default 15 s: a dead or slow shadow target holds its
//   connection for at most that long) and a single try (no retries);
// - shadows in flight per cluster are bounded by that cluster's max_requests circuit breaker (over it the shadow
//   is dropped and counted as upstream_rq_pending_overflow, as Envoy's shadow goes through the cluster's pool);
// - a shadow body is the buffered request body only (a body over the buffer limit is not shadowed).
// Stats as Envoy counts any request to the shadow cluster: cluster.<shadow>.upstream_rq_total,
// upstream_rq_<code> / <N>xx, upstream_rq_timeout, upstream_cx_connect_fail, upstream_cx_none_healthy.
import type { ClusterManager, ClusterRuntime } from '../../cluster/cluster-manager.js';
import type { Host } from '../../cluster/host.js';
import type { UpstreamBody } from '../../cluster/upstream-body.js';
import { clusterStat, countUpstreamCode, type StatsStore } from '../../stats/stats-store.js';
import type { HttpStream } from '../http-stream.js';
import { TryCancel } from '../try-cancel.js';
import { tryUpstream } from '../upstream-try.js';
import { type MirrorPolicy, shadowAuthority } from './mirror-policy.js';

/** The shadow timeout when the route has none (Envoy's default route timeout, 15 s); ms. */
const DEFAULT_SHADOW_TIMEOUT_MS = 15_000;

export interface ShadowDeps {
  readonly clusters: ClusterManager;
  readonly stats: StatsStore;
}

/** What the main request sends upstream, as the shadows copy it. */
export interface ShadowRequest {
  readonly method: string;
  readonly path: string;
  /** The upstream-bound headers of the main request (copied, never changed). */
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly authority: string;
  /** The route timeout, ms (0 = none: the default bound applies). */
  readonly timeoutMs: number;
  /** The client spoke HTTP/2 (clusters with use_downstream_protocol_config follow it). */
  readonly downstreamHttp2: boolean;
}

/** The mirror clusters that apply to `stream` under `policies` (fraction drawn, cluster_header read). */
export function shadowClusters(
  stream: HttpStream,
  policies: readonly MirrorPolicy[],
): { name: string; hostSuffix: boolean }[] {
  const out: { name: string; hostSuffix: boolean }[] = [];
  for (const p of policies) {
    if (p.fraction !== undefined && !p.fraction.test(stream.random, undefined)) continue;
    let name = p.cluster;
    if (p.clusterHeader !== undefined) {
      const v = stream.headers[p.clusterHeader];
      name = Array.isArray(v) ? v[0] : v;
    }
    if (name !== undefined && name !== '') out.push({ name, hostSuffix: p.hostSuffix });
  }
  return out;
}

/** Starts one shadow per target; returns at once (the shadows run on their own and never reject). */
export function sendShadows(
  targets: readonly { name: string; hostSuffix: boolean }[],
  request: ShadowRequest,
  body: Buffer | undefined,
  deps: ShadowDeps,
): void {
  for (const t of targets) {
    const cluster = deps.clusters.get(t.name);
    // Envoy drops a shadow to a cluster it does not know (cluster_header naming nothing) without a stat.
    if (cluster === undefined || cluster.kind === 'ORIGINAL_DST') continue;
    void shadowOne(cluster, t.hostSuffix, request, body, deps).catch(() => undefined);
  }
}

function shadowHeaders(
  request: ShadowRequest,
  hostSuffix: boolean,
  http2: boolean,
  body: Buffer | undefined,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const k in request.headers) {
    if (k === 'x-envoy-attempt-count' || (k === 'te' && !http2)) continue;
    out[k] = request.headers[k] as string | string[];
  }
  out.host = hostSuffix ? shadowAuthority(request.authority) : request.authority;
  // The buffered body is sent whole, with its length (the client's framing may have been chunked or HTTP/2).
  if (body !== undefined) {
    delete out['transfer-encoding'];
    out['content-length'] = String(body.length);
  }
  return out;
}

async function shadowOne(
  cluster: ClusterRuntime,
  hostSuffix: boolean,
  request: ShadowRequest,
  body: Buffer | undefined,
  deps: ShadowDeps,
): Promise<void> {
  const name = cluster.name;
  // The DEFAULT priority's limits: its circuit breakers and the hosts' pools it uses.
  const limits = cluster.limits.of(undefined);
  const breakers = limits.breakers;
  if (breakers.activeRequests >= breakers.maxRequests) {
    clusterStat(deps.stats, name, 'upstream_rq_pending_overflow').value++;
    return;
  }
  const host: Host | undefined = cluster.lb.pick(cluster.hosts, cluster.health.pickOptions);
  if (host === undefined) {
    clusterStat(deps.stats, name, 'upstream_cx_none_healthy').value++;
    return;
  }
  const http2 =
    cluster.protocol === 'http2' || (cluster.protocol === 'downstream' && request.downstreamHttp2);
  const signal = new TryCancel();
  const timeoutMs = request.timeoutMs > 0 ? request.timeoutMs : DEFAULT_SHADOW_TIMEOUT_MS;
  const timer = setTimeout(() => signal.abort(), timeoutMs);
  breakers.activeRequests++;
  host.stats.rqActive++;
  host.stats.rqTotal++;
  clusterStat(deps.stats, name, 'upstream_rq_total').value++;
  try {
    const result = await tryUpstream(host, {
      method: request.method,
      path: request.path,
      headers: shadowHeaders(request, hostSuffix, http2, body),
      body,
      signal,
      connectTimeoutMs: cluster.connectTimeoutMs,
      http2,
      limits,
    });
    if ('response' in result) {
      const code = result.response.statusCode;
      countUpstreamCode(deps.stats, name, code);
      // Read to the end and dropped (bounded by the timer: a body that never ends is reset at the timeout).
      await drain(result.response.body);
      if (signal.aborted) countTimeout(deps.stats, name, host, false);
      else if (code < 500) host.stats.rqSuccess++;
      else host.stats.rqError++;
      return;
    }
    host.stats.rqError++;
    if (result.outcome.kind === 'connect-failure') {
      host.stats.cxConnectFail++;
      clusterStat(deps.stats, name, 'upstream_cx_connect_fail').value++;
    } else if (result.outcome.kind === 'timeout') countTimeout(deps.stats, name, host, true);
  } finally {
    clearTimeout(timer);
    breakers.activeRequests--;
    host.stats.rqActive--;
  }
}

/** A shadow timed out; before its response headers, Envoy also counts the 504 its router would answer. */
function countTimeout(stats: StatsStore, cluster: string, host: Host, beforeHeaders: boolean): void {
  host.stats.rqTimeout++;
  clusterStat(stats, cluster, 'upstream_rq_timeout').value++;
  if (beforeHeaders) countUpstreamCode(stats, cluster, 504);
}

/** Reads a response body to its end (or failure) and discards it. */
function drain(body: UpstreamBody): Promise<void> {
  return new Promise<void>((resolve) => {
    body.flow({ data: () => undefined, end: resolve, error: () => resolve() });
  });
}
