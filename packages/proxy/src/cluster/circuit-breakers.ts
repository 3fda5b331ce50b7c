// A cluster's circuit breakers at the DEFAULT routing priority (Envoy's defaults: 1024 connections, pending
// requests and requests, 3 retries in flight). max_requests and max_retries are enforced: a request over
// max_requests is answered 503 with flag UO (overflow) and counted in upstream_rq_pending_overflow; a retry over
// max_retries is not made (upstream_rq_retry_overflow). max_connections and max_pending_requests are reported only
// (undici's pool opens connections as requests need them). Counts are requests and retries in flight now.
import type { Cluster } from '@minimesh/model/xds';
import { uint32Value } from '../util/proto-values.js';

export interface CircuitBreakers {
  readonly maxConnections: number;
  readonly maxPendingRequests: number;
  readonly maxRequests: number;
  readonly maxRetries: number;
  /** Requests in flight to the cluster now. */
  activeRequests: number;
  /** Retries in flight (waiting or sent) now. */
  activeRetries: number;
}

export function circuitBreakersOf(cluster: Cluster): CircuitBreakers {
  const t = (cluster.circuit_breakers?.thresholds ?? []).find(
    (x) => String(x.priority ?? 'DEFAULT') === 'DEFAULT',
  );
  return {
    maxConnections: uint32Value(t?.max_connections, 1024),
    maxPendingRequests: uint32Value(t?.max_pending_requests, 1024),
    maxRequests: uint32Value(t?.max_requests, 1024),
    maxRetries: uint32Value(t?.max_retries, 3),
    activeRequests: 0,
    activeRetries: 0,
  };
}
