// Number formats of the graph and metrics views. Rates in requests per second, latencies in ms, error and success
// rates are fractions in [0, 1].
import type { Health } from '@minimesh/cli/dashboard-protocol';

/** Kiali's health colours. */
export const HEALTH_COLOR: Readonly<Record<Health, string>> = {
  healthy: '#3e8635',
  degraded: '#f0ab00',
  failing: '#c9190b',
  idle: '#8a8d90',
};

/** `0`, `0.25`, `3.1`, `42`: two decimals below 1 rps, one below 10, none above. */
export function rpsText(rps: number): string {
  if (!Number.isFinite(rps) || rps <= 0) return '0';
  if (rps < 1) return rps.toFixed(2);
  if (rps < 10) return rps.toFixed(1);
  return rps.toFixed(0);
}

/** A fraction as a percentage: `0%`, `0.4%`, `12%`. */
export function percentText(fraction: number): string {
  if (!Number.isFinite(fraction) || fraction <= 0) return '0%';
  const p = fraction * 100;
  if (p >= 99.95 && p < 100) return '99.9%';
  return p < 10 ? `${p.toFixed(1)}%` : `${p.toFixed(0)}%`;
}

/** A latency in ms: `0.8ms`, `12ms`, `1.25s`. */
export function latencyText(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0ms';
  if (ms < 10) return `${ms.toFixed(1)}ms`;
  if (ms < 1000) return `${ms.toFixed(0)}ms`;
  return `${(ms / 1000).toFixed(2)}s`;
}

/** The label of a graph edge: `rps · err% · p99`. */
export function edgeLabel(rps: number, errorRate: number, p99Ms: number): string {
  return `${rpsText(rps)}/s · ${percentText(errorRate)} · ${latencyText(p99Ms)}`;
}
