// A small inline SVG time-series chart: one or more lines over a shared time axis, each scaled to its own
// maximum (so rps and p99 fit one chart), with vertical markers at given times (config changes). No chart
// library: paths are computed from the arrays; the cost is O(points) per render.
export interface ChartLine {
  readonly label: string;
  readonly color: string;
  /** Values aligned with `times`. */
  readonly values: readonly number[];
  /** Formats the line's maximum in the legend. */
  readonly format: (v: number) => string;
  readonly dashed?: boolean;
}

export interface ChartMarker {
  /** ms since the epoch. */
  readonly t: number;
  readonly label: string;
  readonly color?: string;
}

export interface TimeSeriesChartProps {
  readonly title: string;
  /** Point times, ms since the epoch, ascending. */
  readonly times: readonly number[];
  readonly lines: readonly ChartLine[];
  readonly markers?: readonly ChartMarker[];
  /** The time axis, ms since the epoch; defaults to the first and last point. */
  readonly from?: number;
  readonly to?: number;
  readonly height?: number;
}

/** viewBox width; the SVG stretches to its container horizontally. */
const W = 300;

/** The SVG path of `values` over `times` in a W x h box; values scaled to [0, max]. */
export function linePath(
  times: readonly number[],
  values: readonly number[],
  from: number,
  to: number,
  max: number,
  h: number,
): string {
  const span = Math.max(1, to - from);
  const top = Math.max(max, 1e-9);
  let d = '';
  for (let i = 0; i < times.length && i < values.length; i++) {
    const t = times[i] as number;
    const v = values[i] as number;
    const x = ((t - from) / span) * W;
    const y = h - 1 - (Math.max(0, v) / top) * (h - 2);
    d += `${d === '' ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
  }
  return d;
}

/**
 * Computed paths by values array: a chart re-rendered with the same arrays (the page re-renders on every pushed
 * message, the series change once a second) reuses its path. Keyed also by axis and height; invariant: callers
 * never mutate a values array after passing it (a new second means a new array).
 */
const pathCache = new WeakMap<readonly number[], { key: string; d: string; max: number }>();

function cachedPath(
  times: readonly number[],
  values: readonly number[],
  from: number,
  to: number,
  h: number,
): { d: string; max: number } {
  const key = `${from}|${to}|${h}|${times.length}|${times[0]}`;
  const hit = pathCache.get(values);
  if (hit && hit.key === key) return hit;
  const max = values.reduce((a, b) => Math.max(a, b), 0);
  const entry = { key, d: linePath(times, values, from, to, max, h), max };
  pathCache.set(values, entry);
  return entry;
}

export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const h = props.height ?? 48;
  const from = props.from ?? props.times[0] ?? 0;
  const to = props.to ?? props.times[props.times.length - 1] ?? from + 1;
  const span = Math.max(1, to - from);
  const markers = (props.markers ?? []).filter((m) => m.t >= from && m.t <= to);
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${W} ${h}`}
        preserveAspectRatio="none"
        width="100%"
        height={h}
        role="img"
        aria-label={props.title}
      >
        <line x1="0" y1={h - 0.5} x2={W} y2={h - 0.5} class="chart-axis" />
        {markers.map((m) => {
          const x = ((m.t - from) / span) * W;
          return (
            <line key={`${m.t}-${m.label}`} x1={x} x2={x} y1="0" y2={h} class="chart-marker" stroke={m.color}>
              <title>{m.label}</title>
            </line>
          );
        })}
        {props.lines.map((line) => {
          const { d } = cachedPath(props.times, line.values, from, to, h);
          return (
            <path
              key={line.label}
              d={d}
              fill="none"
              stroke={line.color}
              stroke-width="1.5"
              stroke-dasharray={line.dashed ? '4 2' : undefined}
              vector-effect="non-scaling-stroke"
            />
          );
        })}
      </svg>
      <figcaption class="chart-legend">
        {props.lines.map((line) => {
          const { max } = cachedPath(props.times, line.values, from, to, h);
          return (
            <span key={line.label} class="chart-key">
              <span
                class={`chart-swatch${line.dashed ? ' dashed' : ''}`}
                style={{ borderColor: line.color }}
                aria-hidden="true"
              />
              {line.label} (max {line.format(max)})
            </span>
          );
        })}
      </figcaption>
    </figure>
  );
}
