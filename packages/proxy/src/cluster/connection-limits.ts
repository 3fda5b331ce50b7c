// What a cluster's HTTP/1.1 connection pools obey, per routing priority (Envoy keeps one pool per host and
// priority): the priority's circuit breakers (max_connections, max_pending_requests), the cluster's connection
// settings, and the cluster's connection-pool stats. Settings, as Envoy reads them:
// - max_requests_per_connection: HttpProtocolOptions.common_http_protocol_options.max_requests_per_connection
//   (typed_extension_protocol_options["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"]), else the
//   deprecated Cluster.max_requests_per_connection; both set is refused (Envoy: "Only one of
//   max_requests_per_connection from Cluster or HttpProtocolOptions can be specified"). Unset or 0: no limit.
// - idle_timeout: common_http_protocol_options.idle_timeout (typed options, else the deprecated
//   Cluster.common_http_protocol_options); unset: 1 h (core/v3/protocol.proto), 0: disabled.
import type { Cluster, Duration } from '@minimesh/model/xds';
import { ConfigRejectedError } from '../errors.js';
import type { Stat, StatsStore } from '../stats/stats-store.js';
import { durationToMs, uint32Value } from '../util/proto-values.js';
import {
  type CircuitBreakers,
  clusterGauge,
  type PriorityBreakers,
  priorityBreakersOf,
  type RoutingPriority,
  routingPriorityOf,
} from './circuit-breakers.js';

const KEY = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions';

/** common_http_protocol_options.idle_timeout's default, ms (Envoy: 1 hour). */
export const DEFAULT_IDLE_TIMEOUT_MS = 3_600_000;

export interface HttpConnectionSettings {
  /** Requests a connection carries before it is closed; 0: unlimited. */
  readonly maxRequestsPerConnection: number;
  /** An idle connection is closed after this long, ms; 0: never (the server's keep-alive hint still applies). */
  readonly idleTimeoutMs: number;
}

interface CommonOptions {
  idle_timeout?: Duration | null;
  max_requests_per_connection?: { value?: number } | null;
}

/** The cluster's HTTP connection settings; throws ConfigRejectedError for a config Envoy refuses. */
export function httpConnectionSettingsOf(cluster: Cluster): HttpConnectionSettings {
  const typed = (
    cluster.typed_extension_protocol_options as
      | Record<string, { common_http_protocol_options?: CommonOptions | null }>
      | undefined
  )?.[KEY];
  const common: CommonOptions | null | undefined =
    typed !== undefined ? typed.common_http_protocol_options : cluster.common_http_protocol_options;
  const fromCommon = common?.max_requests_per_connection;
  const deprecated = cluster.max_requests_per_connection;
  if (fromCommon !== undefined && fromCommon !== null && deprecated !== undefined && deprecated !== null) {
    throw new ConfigRejectedError(
      'Cluster',
      cluster.name ?? '',
      'Only one of max_requests_per_connection from Cluster or HttpProtocolOptions can be specified',
    );
  }
  const idle = durationToMs(common?.idle_timeout);
  return {
    maxRequestsPerConnection: uint32Value(fromCommon ?? deprecated, 0),
    idleTimeoutMs: idle ?? DEFAULT_IDLE_TIMEOUT_MS,
  };
}

/** The cluster-wide connection-pool stats (Envoy's cluster stats of the same names; both priorities count here). */
export class PoolStats {
  readonly cxTotal: Stat;
  /** Gauge: connections open or connecting. */
  readonly cxActive: Stat;
  readonly cxOverflow: Stat;
  readonly cxConnectTimeout: Stat;
  readonly cxDestroy: Stat;
  readonly cxDestroyLocal: Stat;
  readonly cxDestroyRemote: Stat;
  readonly cxMaxRequests: Stat;
  readonly cxIdleTimeout: Stat;
  readonly rqPendingTotal: Stat;
  /** Gauge: requests waiting for a connection. */
  readonly rqPendingActive: Stat;
  readonly rqPendingOverflow: Stat;
  readonly rqCancelled: Stat;

  constructor(store: StatsStore, cluster: string) {
    const counter = (suffix: string) =>
      store.counter(`cluster.${cluster}.${suffix}`, `envoy_cluster_${suffix}`, {
        envoy_cluster_name: cluster,
      });
    this.cxTotal = counter('upstream_cx_total');
    this.cxActive = clusterGauge(store, cluster, 'upstream_cx_active');
    this.cxOverflow = counter('upstream_cx_overflow');
    this.cxConnectTimeout = counter('upstream_cx_connect_timeout');
    this.cxDestroy = counter('upstream_cx_destroy');
    this.cxDestroyLocal = counter('upstream_cx_destroy_local');
    this.cxDestroyRemote = counter('upstream_cx_destroy_remote');
    this.cxMaxRequests = counter('upstream_cx_max_requests');
    this.cxIdleTimeout = counter('upstream_cx_idle_timeout');
    this.rqPendingTotal = counter('upstream_rq_pending_total');
    this.rqPendingActive = clusterGauge(store, cluster, 'upstream_rq_pending_active');
    this.rqPendingOverflow = counter('upstream_rq_pending_overflow');
    this.rqCancelled = counter('upstream_rq_cancelled');
  }
}

/** What one priority's HTTP/1.1 pools of a cluster obey; the pool keeps a reference and counts into it. */
export class ConnectionLimits {
  constructor(
    /** The cluster's name. */
    readonly cluster: string,
    readonly breakers: CircuitBreakers,
    readonly settings: HttpConnectionSettings,
    readonly stats: PoolStats,
  ) {}

  get priority(): RoutingPriority {
    return this.breakers.priority;
  }

  /** Limits of the same cluster and priority (an older or newer version of the cluster). */
  sameScope(other: ConnectionLimits): boolean {
    return other.cluster === this.cluster && other.priority === this.priority;
  }
}

/** Both priorities' limits of a cluster. */
export class ClusterLimits {
  readonly default: ConnectionLimits;
  readonly high: ConnectionLimits;

  constructor(
    cluster: string,
    breakers: PriorityBreakers,
    settings: HttpConnectionSettings,
    stats: PoolStats,
  ) {
    this.default = new ConnectionLimits(cluster, breakers.default, settings, stats);
    this.high = new ConnectionLimits(cluster, breakers.high, settings, stats);
  }

  /** The limits of a route's RouteAction.priority (unset: DEFAULT). */
  of(priority: unknown): ConnectionLimits {
    return routingPriorityOf(priority) === 'HIGH' ? this.high : this.default;
  }
}

/** The limits of `cluster`, publishing their stats in `stats` under the cluster's name. */
export function clusterLimitsOf(cluster: Cluster, stats: StatsStore): ClusterLimits {
  return new ClusterLimits(
    cluster.name ?? '',
    priorityBreakersOf(cluster, stats),
    httpConnectionSettingsOf(cluster),
    new PoolStats(stats, cluster.name ?? ''),
  );
}
