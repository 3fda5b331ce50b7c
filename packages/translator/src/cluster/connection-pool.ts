// connectionPool of a traffic policy -> circuit breakers, connect timeout, TCP keepalive and upstream HTTP
// protocol options (istiod's applyConnectionPool, applyH2Upgrade, applyTCPKeepalive, applyRetryBudget).
// Units: Istio durations are Go strings; Envoy's are Durations; keepalive time and interval are whole seconds.
import type { ConnectionPoolSettings, TrafficPolicy } from '@minimesh/model';
import type { MeshConfig } from '../mesh-config.js';
import { type ClusterDraft, setH2Options, setUseDownstreamProtocol } from './cluster-draft.js';
import { MAX_UINT32 } from './cluster-names.js';
import { durationMs, durationOf, wholeSecondsOf } from './xds-values.js';

type Thresholds = NonNullable<NonNullable<ClusterDraft['cluster']['circuit_breakers']>['thresholds']>[number];

/**
 * Istio's default thresholds: every limit at 2^32-1 (Envoy's own defaults, 1024, are too low for a mesh).
 * track_remaining is left out: DISABLE_TRACK_REMAINING_CB_METRICS defaults to true since Istio 1.19.
 */
function defaultThresholds(): Thresholds {
  return {
    max_connections: { value: MAX_UINT32 },
    max_pending_requests: { value: MAX_UINT32 },
    max_requests: { value: MAX_UINT32 },
    max_retries: { value: MAX_UINT32 },
  };
}

/** The mesh's connect timeout, in the cluster (applyDefaultConnectionPool). */
export function applyDefaultConnectTimeout(draft: ClusterDraft, mesh: MeshConfig): void {
  draft.cluster.connect_timeout = durationMs(mesh.connectTimeoutMs);
}

/** retryBudget -> thresholds.retry_budget (20% and a concurrency of 3 when unset). */
function applyRetryBudget(thresholds: Thresholds, budget: TrafficPolicy['retryBudget']): void {
  if (budget === undefined) return;
  const interval = durationOf(budget.budgetInterval);
  thresholds.retry_budget = {
    budget_percent: { value: budget.percent ?? 20 },
    ...(interval === undefined ? {} : { budget_interval: interval }),
    min_retry_concurrency: { value: (budget.minRetryConcurrency ?? 0) > 0 ? budget.minRetryConcurrency : 3 },
  };
}

/** Whether HTTP/1.1 connections are upgraded to HTTP/2 (shouldH2Upgrade; the mesh default is DO_NOT_UPGRADE). */
export function applyH2Upgrade(draft: ClusterDraft, pool: ConnectionPoolSettings | undefined): void {
  const http = pool?.http;
  if (http === undefined || http.useClientProtocol) return;
  // Istio 1.30 checks the override before the port's protocol: UPGRADE applies to any port.
  if (http.h2UpgradePolicy === 'UPGRADE') setH2Options(draft);
}

/** connectionPool (possibly none: the defaults still apply) and retryBudget. */
export function applyConnectionPool(
  draft: ClusterDraft,
  mesh: MeshConfig,
  pool: ConnectionPoolSettings | undefined,
  retryBudget: TrafficPolicy['retryBudget'],
): void {
  const c = draft.cluster;
  const thresholds = defaultThresholds();
  applyRetryBudget(thresholds, retryBudget);
  const http = pool?.http;
  const tcp = pool?.tcp;
  if ((http?.http2MaxRequests ?? 0) > 0) thresholds.max_requests = { value: http?.http2MaxRequests };
  if ((http?.http1MaxPendingRequests ?? 0) > 0)
    thresholds.max_pending_requests = { value: http?.http1MaxPendingRequests };
  if ((http?.maxRetries ?? 0) > 0) thresholds.max_retries = { value: http?.maxRetries };
  applyDefaultConnectTimeout(draft, mesh);
  let idleTimeout = http?.idleTimeout;
  if (tcp !== undefined) {
    const connect = durationOf(tcp.connectTimeout);
    if (connect !== undefined) c.connect_timeout = connect;
    if ((tcp.maxConnections ?? 0) > 0) thresholds.max_connections = { value: tcp.maxConnections };
    idleTimeout ??= tcp.idleTimeout;
  }
  applyTcpKeepalive(draft, tcp?.tcpKeepalive);
  c.circuit_breakers = { thresholds: [thresholds] };

  const maxRequestsPerConnection = http?.maxRequestsPerConnection ?? 0;
  const maxConcurrentStreams = http?.maxConcurrentStreams ?? 0;
  const maxConnectionDuration = tcp?.maxConnectionDuration;
  const keepalive = http?.http2KeepAlive;
  if (
    maxConnectionDuration !== undefined ||
    idleTimeout !== undefined ||
    maxRequestsPerConnection > 0 ||
    maxConcurrentStreams > 0 ||
    keepalive !== undefined
  ) {
    draft.http ??= {};
    draft.http.common_http_protocol_options ??= {};
    const common = draft.http.common_http_protocol_options;
    const idle = durationOf(idleTimeout);
    if (idle !== undefined) common.idle_timeout = idle;
    if (maxRequestsPerConnection > 0)
      common.max_requests_per_connection = { value: maxRequestsPerConnection };
    const duration = durationOf(maxConnectionDuration);
    if (duration !== undefined) common.max_connection_duration = duration;
    const h2 = draft.http.explicit_http_config?.http2_protocol_options;
    if (h2 != null && maxConcurrentStreams > 0) h2.max_concurrent_streams = { value: maxConcurrentStreams };
    if (h2 != null && keepalive !== undefined) {
      const interval = durationOf(keepalive.interval);
      const timeout = durationOf(keepalive.timeout);
      h2.connection_keepalive = {
        ...(interval === undefined ? {} : { interval }),
        ...(timeout === undefined ? {} : { timeout }),
      };
    }
  }
  if (http?.useClientProtocol) setUseDownstreamProtocol(draft);
}

/**
 * tcpKeepalive -> upstream_connection_options.tcp_keepalive (probes; time and interval in whole seconds, as
 * istiod truncates them). MeshConfig.tcpKeepalive is not modelled, so only the DestinationRule's applies.
 */
function applyTcpKeepalive(
  draft: ClusterDraft,
  keepalive: NonNullable<ConnectionPoolSettings['tcp']>['tcpKeepalive'],
): void {
  if (keepalive === undefined) return;
  draft.cluster.upstream_connection_options ??= {};
  const options = draft.cluster.upstream_connection_options;
  options.tcp_keepalive ??= {};
  const ka = options.tcp_keepalive;
  if ((keepalive.probes ?? 0) > 0) ka.keepalive_probes = { value: keepalive.probes };
  const time = wholeSecondsOf(keepalive.time);
  if (time !== undefined) ka.keepalive_time = { value: time };
  const interval = wholeSecondsOf(keepalive.interval);
  if (interval !== undefined) ka.keepalive_interval = { value: interval };
}
