// The load client's report, in the lines of fortio's that Istio's tasks read: `Code 200 : 17 (56.7 %)` and
// `# target 50% 0.0113` (seconds). Percentiles are exact (nearest rank over every latency), not histogram
// estimates.
import type { LoadResult } from './load-run.js';

export const PERCENTILES = [50, 75, 90, 99, 99.9] as const;

/** The nearest-rank percentile `p` (0-100] of ascending `sorted`; 0 for no samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  // Rounded first: 99.9% of 1000 is rank 999, not 1000 by a floating-point hair.
  const rank = Math.ceil(Number(((p * sorted.length) / 100).toFixed(6)));
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

/** Seconds with fortio's precision. */
function sec(ms: number): string {
  return String(Number((ms / 1000).toFixed(6)));
}

export function formatReport(r: LoadResult): string {
  const lines: string[] = [];
  const qps = r.durationMs > 0 ? (r.count * 1000) / r.durationMs : 0;
  const sum = r.latenciesMs.reduce((s, x) => s + x, 0);
  const avg = r.count > 0 ? sum / r.count : 0;
  const variance = r.count > 0 ? r.latenciesMs.reduce((s, x) => s + (x - avg) ** 2, 0) / r.count : 0;
  lines.push(`Load to ${r.url}: ${r.connections} connections, qps ${r.qps === 0 ? 'max' : r.qps}`);
  lines.push(`Ended after ${sec(r.durationMs)}s : ${r.count} calls. qps=${qps.toFixed(4)}`);
  lines.push(
    `Aggregated Function Time : count ${r.count} avg ${sec(avg)} +/- ${sec(Math.sqrt(variance))} min ${sec(r.latenciesMs[0] ?? 0)} max ${sec(r.latenciesMs[r.count - 1] ?? 0)} sum ${sec(sum)}`,
  );
  for (const p of PERCENTILES) lines.push(`# target ${p}% ${sec(percentile(r.latenciesMs, p))}`);
  for (const [code, n] of Object.entries(r.codes)) {
    const pct = r.count > 0 ? (100 * n) / r.count : 0;
    lines.push(`Code ${code} : ${n} (${Number(pct.toFixed(1))} %)`);
  }
  for (const e of r.errors) lines.push(`Error (code -1): ${e}`);
  lines.push(`All done ${r.count} calls ${(avg).toFixed(3)} ms avg, ${qps.toFixed(1)} qps`);
  return `${lines.join('\n')}\n`;
}

/** The result as JSON: codes, percentiles in seconds, and the summary numbers (not every latency). */
export function reportJson(r: LoadResult): Record<string, unknown> {
  const percentiles: Record<string, number> = {};
  for (const p of PERCENTILES) percentiles[String(p)] = percentile(r.latenciesMs, p) / 1000;
  return {
    url: r.url,
    connections: r.connections,
    qps: r.qps,
    count: r.count,
    durationSeconds: r.durationMs / 1000,
    codes: r.codes,
    percentilesSeconds: percentiles,
    errors: r.errors,
  };
}
