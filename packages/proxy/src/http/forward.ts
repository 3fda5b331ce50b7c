// The router's work for a route with a RouteAction: resolve the cluster, rewrite path and host, apply the request
// header mutations, then try upstream hosts under the retry policy and the route timeout, and stream the chosen
// response back with the response header mutations. Response flags: NC (no such cluster), UO (circuit breaker
// overflow), UH (no healthy host), UF (connect failure), UC (reset), UT (route or per-try timeout), SI (stream
// idle timeout), URX (retries exhausted on a retriable outcome), DC (the client went away; the try is cancelled),
// DT (the stream duration limit: max_stream_duration / grpc-timeout). Shadows (request_mirror_policies) start
// beside the tries (mirror/); gRPC requests get their local replies in gRPC form (grpc-local-reply.ts), their
// timeouts from grpc-timeout (grpc-timeout.ts) and retries on grpc-status (retry-policy.ts).
import { performance } from 'node:perf_hooks';
import type { ClusterManager, ClusterRuntime } from '../cluster/cluster-manager.js';
import type { Host } from '../cluster/host.js';
import { reportTry } from '../cluster/outlier/report-try.js';
import { clusterScope, clusterStat, countUpstreamCode, type StatsStore } from '../stats/stats-store.js';
import { type IdleTimer, idleTimer, stopIdleTimer } from './coarse-timer.js';
import { localReply } from './grpc-local-reply.js';
import { GrpcStatus, isGrpcRequest, noteGrpcResponse, parseGrpcStatus } from './grpc-status.js';
import { requestDeadlines } from './grpc-timeout.js';
import { hasBody } from './has-body.js';
import { applyHeaderMutation } from './header-mutation.js';
import type { HttpStream, ResponseFlag } from './http-stream.js';
import { LocalReply } from './local-reply.js';
import { bodyComplete, routerBody, startShadows } from './mirror/router-body.js';
import { shadowClusters } from './mirror/shadow.js';
import { retryDelayMs, shouldRetry, type TryOutcome } from './retry-policy.js';
import type { RouteEntry } from './route-table.js';
import { TryCancel } from './try-cancel.js';
import { HOP_BY_HOP_SET, sendResponse } from './upstream-response.js';
import { IDLE, type TryResult, tryUpstream } from './upstream-try.js';

export interface RouterDeps {
  readonly clusters: ClusterManager;
  readonly stats: StatsStore;
}

/** Envoy's default stream_idle_timeout (5 min), used when the route sets no idle_timeout; ms. */
const DEFAULT_STREAM_IDLE_MS = 300_000;

function pickHost(
  cluster: ClusterRuntime,
  stream: HttpStream,
  deps: RouterDeps,
  tried: Set<Host> | undefined,
): Host | undefined {
  if (cluster.kind === 'ORIGINAL_DST') {
    const d = stream.originalDestination;
    return d === undefined ? undefined : deps.clusters.originalDestination(d.host, d.port);
  }
  const hash = stream.route?.hash?.(stream);
  // The cluster's shared options (its panic threshold) when neither previous hosts nor a hash apply.
  const options = cluster.health.pickOptions;
  if (tried === undefined && hash === undefined) return cluster.lb.pick(cluster.hosts, options);
  return cluster.lb.pick(cluster.hosts, {
    ...options,
    ...(tried === undefined ? {} : { exclude: tried }),
    ...(hash === undefined ? {} : { hash }),
  });
}

/** A try is over: its timers stop and the client's close no longer cancels it. */
function endTry(stream: HttpStream, timer: NodeJS.Timeout | undefined, idle: IdleTimer | undefined): void {
  clearTimeout(timer);
  stopIdleTimer(idle);
  stream.tryInFlight = undefined;
}

/** Timer callbacks take the try's controller as an argument, so no closure is allocated per try. */
function abortTimeout(abort: TryCancel): void {
  abort.abort();
}

function abortIdle(abort: TryCancel): void {
  abort.abort(IDLE);
}

function upstreamHeaders(
  stream: HttpStream,
  authority: string,
  http2: boolean,
): Record<string, string | string[]> {
  // One copy, no delete (which would turn the object into a slow dictionary); host, set last, overrides.
  const out: Record<string, string | string[]> = {};
  const src = stream.headers;
  // HTTP/2 pseudo headers (":path" ...) do not go upstream as headers; HTTP/1.1 upstreams carry them in the line.
  for (const k in src) {
    const v = src[k];
    if (v === undefined || k.charCodeAt(0) === 58 /* ':' */ || HOP_BY_HOP_SET.has(k)) continue;
    out[k] = v;
  }
  // "te: trailers" is the one connection-specific header HTTP/2 keeps (gRPC sends it).
  if (http2 && src.te === 'trailers') out.te = 'trailers';
  out.host = authority;
  out['x-forwarded-proto'] ??= 'http';
  return out;
}

function rewrittenPath(stream: HttpStream): string {
  const entry = stream.route;
  if (entry === undefined) return stream.path;
  const q = stream.path.indexOf('?');
  const pathOnly = q < 0 ? stream.path : stream.path.slice(0, q);
  const query = q < 0 ? '' : stream.path.slice(q);
  if (entry.regexRewrite !== undefined) return entry.regexRewrite(pathOnly) + query;
  const prefix = entry.prefixRewrite;
  const match = entry.route.match;
  // prefix_rewrite replaces what the prefix (or path_separated_prefix) matched; with path, the whole path.
  const matched = match?.prefix ?? match?.path_separated_prefix;
  if (prefix !== undefined && matched !== undefined) return prefix + stream.path.slice(matched.length);
  if (prefix !== undefined && match?.path !== undefined) return prefix + query;
  return stream.path;
}

/** RouteAction.cluster_not_found_response_code, by enum name and by number (0, 1, 2 in route_components.proto). */
const NOT_FOUND_CODES: Readonly<Record<string, number>> = {
  SERVICE_UNAVAILABLE: 503,
  NOT_FOUND: 404,
  INTERNAL_SERVER_ERROR: 500,
  0: 503,
  1: 404,
  2: 500,
};

/**
 * Forwards `stream` along its route's RouteAction; resolves when the response has been handed to the client.
 * Never rejects: an unexpected error answers 500 (or resets a response already started), as a failing filter
 * does, so the router can start it without waiting on it.
 */
export async function forward(stream: HttpStream, deps: RouterDeps): Promise<void> {
  try {
    await forwardRoute(stream, deps);
  } catch (err) {
    if (!stream.finished) stream.respond(500, `internal error: ${(err as Error).message}`, 'filter_error');
    else stream.res.destroy();
  }
}

async function forwardRoute(stream: HttpStream, deps: RouterDeps): Promise<void> {
  const entry = stream.route;
  const name = stream.clusterName;
  const cluster = name === undefined ? undefined : deps.clusters.get(name);
  if (entry === undefined || cluster === undefined) {
    stream.flags.add('NC');
    const which = String(entry?.route.route?.cluster_not_found_response_code ?? 'SERVICE_UNAVAILABLE');
    localReply(stream, NOT_FOUND_CODES[which] ?? 503, '', LocalReply.clusterNotFound.details);
    return;
  }
  stream.upstreamCluster = cluster.name;
  // The circuit breakers of the route's priority (RouteAction.priority, DEFAULT or HIGH).
  const breakers = cluster.limits.of(entry.route.route?.priority).breakers;
  if (breakers.activeRequests >= breakers.maxRequests) {
    clusterStat(deps.stats, cluster.name, 'upstream_rq_pending_overflow').value++;
    respondOverflow(stream);
    return;
  }
  breakers.activeRequests++;
  const held = { retry: false };
  try {
    await forwardToCluster(stream, deps, cluster, entry, held);
  } finally {
    breakers.activeRequests--;
    if (held.retry) breakers.activeRetries--;
  }
}

/** The tries of one request on `cluster`; `held.retry` is true while a retry slot (max_retries) is held. */
async function forwardToCluster(
  stream: HttpStream,
  deps: RouterDeps,
  cluster: ClusterRuntime,
  entry: RouteEntry,
  held: { retry: boolean },
): Promise<void> {
  const authority = entry.hostRewrite ?? stream.authority;
  const path = rewrittenPath(stream);
  for (const m of entry.requestMutations) applyHeaderMutation(stream.headers, m);
  const http2 =
    cluster.protocol === 'http2' || (cluster.protocol === 'downstream' && stream.req.httpVersion === '2.0');
  const headers = upstreamHeaders(stream, authority, http2);
  const retry = entry.retry;
  // The route priority's limits: its circuit breakers (max_retries here) and the hosts' pools it uses.
  const limits = cluster.limits.of(entry.route.route?.priority);
  const breakers = limits.breakers;
  const grpc = isGrpcRequest(stream.req.headers);
  // request_mirror_policies that apply to this request (drawn now, as Envoy decides at the request's headers).
  const shadows = entry.mirrors.length === 0 ? undefined : shadowClusters(stream, entry.mirrors);
  const keepCopy = retry !== undefined || (shadows !== undefined && shadows.length > 0);
  // The body (buffered, streamed once, or streamed with a copy for retries and shadows): mirror/router-body.ts.
  const rb = await routerBody(stream, hasBody(stream), keepCopy);
  const { body, tee } = rb;
  // The router's timeout (route timeout, or grpc-timeout under max_grpc_timeout) and the stream duration limit
  // (max_stream_duration, grpc-timeout): grpc-timeout.ts.
  const { deadline, routeDeadline, durationDeadline } = requestDeadlines(
    entry.timeoutMs,
    entry.grpcTimeouts,
    grpc,
    stream.req.headers['grpc-timeout'],
    stream.startMono,
  );
  if (shadows !== undefined && shadows.length > 0)
    startShadows(stream, shadows, { path, headers, authority, routeDeadline }, rb, deps);
  const canRetry = retry !== undefined && (body === undefined || Buffer.isBuffer(body) || tee !== undefined);
  const maxTries = canRetry ? 1 + retry.numRetries : 1;
  // The hosts tried so far, kept only when the retry policy avoids previous hosts.
  const tried = retry?.previousHosts === true ? new Set<Host>() : undefined;
  // The cluster's stats memo, looked up once per request (no stat name is built on the request path).
  const memo = clusterScope(deps.stats, cluster.name);
  const rqTotal = clusterStat(deps.stats, cluster.name, 'upstream_rq_total', memo);
  for (let attempt = 1; ; attempt++) {
    const host = pickHost(cluster, stream, deps, tried);
    if (host === undefined) {
      stream.flags.add('UH');
      clusterStat(deps.stats, cluster.name, 'upstream_cx_none_healthy').value++;
      localReply(
        stream,
        LocalReply.noHealthyUpstream.status,
        LocalReply.noHealthyUpstream.body,
        LocalReply.noHealthyUpstream.details,
      );
      return;
    }
    tried?.add(host);
    stream.upstreamHost = host.key;
    const left = deadline - performance.now();
    const perTry =
      retry !== undefined && retry.perTryTimeoutMs > 0 ? retry.perTryTimeoutMs : Number.POSITIVE_INFINITY;
    const budget = Math.min(left, perTry);
    const abort = new TryCancel();
    const timer = Number.isFinite(budget) ? setTimeout(abortTimeout, Math.max(0, budget), abort) : undefined;
    // The stream idle timer runs until response headers arrive, then restarts on every body chunk.
    const idleMs = entry.idleTimeoutMs ?? stream.streamIdleTimeoutMs ?? DEFAULT_STREAM_IDLE_MS;
    const idle = idleMs > 0 ? idleTimer(idleMs, abortIdle, abort) : undefined;
    // The client going away cancels the try, as Envoy resets the upstream stream: the connection manager calls
    // the stream's hook (no AbortSignal per request, no listener registration per try).
    stream.tryInFlight = abort;
    if (stream.clientClosed) abort.abort();
    if (attempt > 1) headers['x-envoy-attempt-count'] = String(attempt);
    host.stats.rqActive++;
    host.stats.rqTotal++;
    rqTotal.value++;
    const started = performance.now();
    const result: TryResult = await tryUpstream(host, {
      method: stream.method,
      path,
      headers,
      body: tee === undefined ? body : tee.reader(),
      signal: abort,
      connectTimeoutMs: cluster.connectTimeoutMs,
      limits,
      http2,
    });
    if (held.retry) {
      breakers.activeRetries--;
      held.retry = false;
    }
    if (stream.clientClosed || stream.finished) {
      // The client is gone (flag DC, logged on close), or the connection manager answered (request_timeout's
      // 408): nothing to answer, no retry, nothing for outlier detection.
      endTry(stream, timer, idle);
      host.stats.rqActive--;
      if ('response' in result) result.response.body.destroy();
      return;
    }
    if ('error' in result && (result.error as { code?: string }).code === 'UPSTREAM_OVERFLOW') {
      // The pool's pending queue was full (max_pending_requests): 503 UO, never retried (Envoy's router does not
      // retry an overflow); the try never reached the host, so it is not counted as one.
      endTry(stream, timer, idle);
      host.stats.rqActive--;
      host.stats.rqTotal--;
      rqTotal.value--;
      respondOverflow(stream);
      return;
    }
    // Each try's outcome goes to the outlier detector (a status, or a local origin failure); not a try cancelled
    // while it waited for a connection (it never reached the host).
    if (
      cluster.health.outlier !== undefined &&
      (result as { error?: { pending?: boolean } }).error?.pending !== true
    ) {
      const grpcStatus =
        grpc && 'response' in result ? parseGrpcStatus(result.response.headers['grpc-status']) : undefined;
      reportTry(cluster.health.outlier, host, result.outcome, grpcStatus);
    }
    // gRPC's retry_on conditions read grpc-status from the response headers (a Trailers-Only answer).
    const outcome: TryOutcome =
      grpc && 'response' in result && retry !== undefined
        ? { ...result.outcome, grpcStatus: parseGrpcStatus(result.response.headers['grpc-status']) }
        : result.outcome;
    const wantedByPolicy =
      canRetry && attempt < maxTries && shouldRetry(retry, outcome) && performance.now() < deadline;
    // A streamed body whose copy overflowed cannot be sent again (Envoy's retry_or_shadow_abandoned).
    const wanted = wantedByPolicy && (tee === undefined || tee.replayable);
    if (wantedByPolicy && !wanted)
      clusterStat(deps.stats, cluster.name, 'retry_or_shadow_abandoned', memo).value++;
    const retriable = wanted && breakers.activeRetries < breakers.maxRetries;
    if (wanted && !retriable) {
      clusterStat(deps.stats, cluster.name, 'upstream_rq_retry_overflow', memo).value++;
      stream.flags.add('UO'); // Envoy's router flags a retry refused by max_retries UO
    }
    if (retriable) {
      breakers.activeRetries++;
      held.retry = true;
    }
    if ('response' in result) {
      countUpstreamCode(deps.stats, cluster.name, result.response.statusCode, memo);
      if (retriable) {
        host.stats.rqActive--;
        host.stats.rqError++;
        endTry(stream, timer, idle);
        await result.response.body.dump().catch(() => undefined);
        clusterStat(deps.stats, cluster.name, 'upstream_rq_retry').value++;
        await sleep(retryDelayMs(retry, attempt));
        continue;
      }
      if (canRetry && attempt === maxTries && shouldRetry(retry, outcome)) stream.flags.add('URX');
      const rxAt = performance.now();
      stream.upstreamServiceTime = Math.round(rxAt - started);
      stream.upstreamRxMs = rxAt - stream.startMono;
      if (grpc) noteGrpcResponse(stream, result.response);
      await sendResponse(stream, result.response, host, abort, idle, deps.stats, cluster.name);
      endTry(stream, timer, idle);
      // The stream duration limit (not the route timeout) cut the response body: flag DT, as Envoy's.
      if (
        abort.aborted &&
        abort.reason !== IDLE &&
        durationDeadline <= routeDeadline &&
        stream.flags.delete('UT')
      )
        stream.flags.add('DT');
      return;
    }
    host.stats.rqActive--;
    host.stats.rqError++;
    endTry(stream, timer, idle);
    const kind = result.outcome.kind;
    if (kind === 'connect-failure') {
      host.stats.cxConnectFail++;
      clusterStat(deps.stats, cluster.name, 'upstream_cx_connect_fail').value++;
    } else if (kind === 'timeout') {
      host.stats.rqTimeout++;
      clusterStat(
        deps.stats,
        cluster.name,
        perTry <= left ? 'upstream_rq_per_try_timeout' : 'upstream_rq_timeout',
      ).value++;
    }
    if (retriable) {
      clusterStat(deps.stats, cluster.name, 'upstream_rq_retry').value++;
      await sleep(retryDelayMs(retry, attempt));
      continue;
    }
    if (canRetry && attempt === maxTries && shouldRetry(retry, outcome)) stream.flags.add('URX');
    if (kind === 'timeout' && perTry > left && durationDeadline <= routeDeadline) {
      // The stream duration limit: the connection manager's reply (408, 504 once the request was whole), flag
      // DT, DEADLINE_EXCEEDED in gRPC form (Envoy's onStreamMaxDurationReached).
      stream.flags.add('DT');
      localReply(
        stream,
        bodyComplete(rb) ? 504 : 408,
        'downstream duration timeout',
        'max_duration_timeout',
        GrpcStatus.DEADLINE_EXCEEDED,
      );
      return;
    }
    const [reply, flag] = FAILURE_REPLY[kind];
    stream.flags.add(flag);
    if (kind === 'timeout') countUpstreamCode(deps.stats, cluster.name, 504);
    localReply(stream, reply.status, reply.body, reply.details);
    return;
  }
}

/** Envoy's header on a reply to a request a circuit breaker turned away. */
const OVERLOADED: Readonly<Record<string, string>> = { 'x-envoy-overloaded': 'true' };

/** 503 with flag UO: a circuit breaker overflowed (max_requests, max_pending_requests). */
function respondOverflow(stream: HttpStream): void {
  stream.flags.add('UO');
  const o = LocalReply.overflow;
  if (isGrpcRequest(stream.req.headers)) localReply(stream, o.status, o.body, o.details);
  else stream.respond(o.status, o.body, o.details, { ...OVERLOADED });
}

/** The local reply and flag of a final failed try. */
const FAILURE_REPLY: Readonly<
  Record<
    Exclude<TryOutcome['kind'], 'response'>,
    readonly [(typeof LocalReply)[keyof typeof LocalReply], ResponseFlag]
  >
> = {
  'connect-failure': [LocalReply.connectFailure, 'UF'],
  timeout: [LocalReply.timeout, 'UT'],
  reset: [LocalReply.reset, 'UC'],
  idle: [LocalReply.streamIdle, 'SI'],
};

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
