// Small text formatters shared by the request, config, mesh, timeline and what-if views. Pure functions; times are
// ms since the epoch shown in the browser's local time zone, durations in ms.
import type { RequestRecord, SourceRef, WorkloadRef } from '@minimesh/cli/dashboard-protocol';

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `HH:MM:SS.mmm` in local time. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}.${pad(d.getMilliseconds(), 3)}`;
}

/** A duration in ms: `850 ms`, `1.25 s`, `2m 05s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m ${pad(s % 60, 2)}s`;
}

/** A signed offset in ms relative to an event: `+42 ms`, `+1.20 s`. */
export function formatOffset(ms: number): string {
  return ms < 0 ? `-${formatDuration(-ms)}` : `+${formatDuration(ms)}`;
}

/** A rate in requests per second with 2 significant decimals below 10. */
export function formatRps(rps: number): string {
  return rps >= 10 ? rps.toFixed(0) : rps.toFixed(2);
}

/** A fraction in [0, 1] as a percentage with one decimal. */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** How the request log names one end: the workload, or `unknown` / the external host. */
export function workloadLabel(ref: WorkloadRef): string {
  return ref.workload;
}

/** `workload.namespace` with the app/version for a tooltip. */
export function workloadTitle(ref: WorkloadRef): string {
  const version = ref.version ? ` ${ref.version}` : '';
  const pod = ref.pod ? ` pod ${ref.pod}` : '';
  return `${ref.kind} ${ref.namespace}/${ref.workload} (app ${ref.app}${version})${pod}`;
}

/** Status as the log shows it: `0` becomes `-` (no response, reset). */
export function statusText(record: RequestRecord): string {
  return record.status === 0 ? '0' : String(record.status);
}

/** A request failed when the server answered 5xx or no response was sent at all. */
export function isErrorStatus(status: number): boolean {
  return status === 0 || status >= 500;
}

/** `Kind namespace/name`. */
export function refName(ref: SourceRef): string {
  return `${ref.kind} ${ref.namespace}/${ref.name}`;
}

/** `file:line` or the empty string when the resource has no known file. */
export function refLocation(ref: SourceRef): string {
  if (!ref.file) return '';
  return ref.line === undefined ? ref.file : `${ref.file}:${ref.line}`;
}

/** `outbound|9080|v1|reviews.default.svc.cluster.local` -> its parts; undefined for other cluster names. */
export function parseIstioCluster(
  name: string,
): { direction: string; port: string; subset: string; host: string } | undefined {
  const parts = name.split('|');
  if (parts.length !== 4) return undefined;
  const [direction = '', port = '', subset = '', host = ''] = parts;
  return { direction, port, subset, host };
}
