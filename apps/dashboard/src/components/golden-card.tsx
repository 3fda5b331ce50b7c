// One service's or workload's golden metrics: rate, success rate, p50/p95/p99 over the sliding window and a
// small chart of the last minutes (rps solid, p99 dashed) with the config changes as vertical markers.
import type { GoldenMetrics, MetricPoint, TimelineEntry } from '@minimesh/cli/dashboard-protocol';
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { HealthBadge } from './health-badge.js';
import { latencyText, percentText, rpsText } from './metric-format.js';
import { fillSeconds } from './series-fill.js';
import { type ChartMarker, TimeSeriesChart } from './time-series-chart.js';

/** Chart colours: rps and p99 lines. */
const RPS_COLOR = '#0066cc';
const P99_COLOR = '#8f4700';

/** Vertical markers for the timeline's changes: accepted in blue, rejected in red. */
export function changeMarkers(timeline: readonly TimelineEntry[]): ChartMarker[] {
  return timeline.map((e) => ({
    t: e.time,
    label: `${e.accepted ? `config v${e.version}` : 'rejected change'} (${e.source}): ${e.files.join(', ')}`,
    color: e.accepted ? '#2b9af3' : '#c9190b',
  }));
}

/** A series' rps and p99 over the last CHART_SPAN_S seconds up to `endMs`, seconds without a point drawn as 0. */
export function SeriesChart({
  title,
  series,
  markers,
  endMs,
}: {
  title: string;
  series: readonly MetricPoint[];
  markers: readonly ChartMarker[];
  endMs: number;
}) {
  const filled = useMemo(() => fillSeconds(series, endMs), [series, endMs]);
  return (
    <TimeSeriesChart
      title={title}
      times={filled.times}
      lines={[
        { label: 'rps', color: RPS_COLOR, values: filled.rps, format: rpsText },
        { label: 'p99', color: P99_COLOR, values: filled.p99Ms, format: latencyText, dashed: true },
      ]}
      markers={markers}
    />
  );
}

export function GoldenStats({ m }: { m: GoldenMetrics['window'] }) {
  return (
    <dl class="stats">
      <div>
        <dt>rate</dt>
        <dd data-col="rps">{rpsText(m.rps)}/s</dd>
      </div>
      <div>
        <dt>success</dt>
        <dd data-col="success">{m.requests === 0 ? '-' : percentText(m.successRate)}</dd>
      </div>
      <div>
        <dt>p50</dt>
        <dd data-col="p50">{latencyText(m.p50Ms)}</dd>
      </div>
      <div>
        <dt>p95</dt>
        <dd data-col="p95">{latencyText(m.p95Ms)}</dd>
      </div>
      <div>
        <dt>p99</dt>
        <dd data-col="p99">{latencyText(m.p99Ms)}</dd>
      </div>
    </dl>
  );
}

export function GoldenCard({
  metrics,
  markers,
  endMs,
  action,
}: {
  metrics: GoldenMetrics;
  markers: readonly ChartMarker[];
  /** The chart's right edge, ms since the epoch (the server's latest time). */
  endMs: number;
  action?: ComponentChildren;
}) {
  const title =
    metrics.kind === 'service'
      ? metrics.name.replace(/\.svc\.cluster\.local$/, '')
      : `${metrics.namespace}/${metrics.name}`;
  return (
    <article class="card" data-metrics={metrics.key} data-health={metrics.health}>
      <header class="card-head">
        <HealthBadge health={metrics.health} compact />
        <h3 title={metrics.key}>{title}</h3>
        <span class="muted card-kind">{metrics.kind}</span>
      </header>
      <GoldenStats m={metrics.window} />
      <SeriesChart
        title={`${title}: requests per second and p99 latency`}
        series={metrics.series}
        markers={markers}
        endMs={Math.floor(endMs / 1000) * 1000}
      />
      {action}
    </article>
  );
}
