// Kiali's health and the golden metrics of a run of seconds. Thresholds (Kiali's defaults for HTTP): a 5xx share
// above 0 is degraded, at or above 10% failing; no requests is idle. A request without a response (status 0,
// a reset) counts as an error, as Kiali counts Istio's response_code 0.
import type { Health, MetricWindow } from '../protocol.js';
import { percentileMs, type WindowSum } from './second-stats.js';

/** Error share at or above which a key is failing. */
export const FAILING_ERROR_RATE = 0.1;

/** Whether a response status counts as an error: a 5xx, or none (0). */
export function isErrorStatus(status: number): boolean {
  return status >= 500 || status === 0;
}

export function healthOf(requests: number, errors: number): Health {
  if (requests <= 0) return 'idle';
  if (errors <= 0) return 'healthy';
  return errors / requests >= FAILING_ERROR_RATE ? 'failing' : 'degraded';
}

const RANK: Readonly<Record<Health, number>> = { idle: 0, healthy: 1, degraded: 2, failing: 3 };

/** The worse of two healths (idle only when both are idle). */
export function worseHealth(a: Health, b: Health): Health {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * The golden metrics of `sum` over `seconds` seconds. successRate is 1 without requests (nothing failed), so an
 * idle point does not chart as an outage; `requests` says it was idle.
 */
export function metricWindowOf(sum: WindowSum, seconds: number): MetricWindow {
  const { requests, errors, latency } = sum;
  return {
    requests,
    rps: seconds > 0 ? requests / seconds : 0,
    successRate: requests > 0 ? (requests - errors) / requests : 1,
    p50Ms: percentileMs(latency, 50),
    p95Ms: percentileMs(latency, 95),
    p99Ms: percentileMs(latency, 99),
  };
}
