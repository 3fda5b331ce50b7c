// The config timeline (`#/timeline`): a small chart of the mesh's requests/s and error % over the last minutes with
// a vertical marker per change, then every change newest first (see timeline-entry.tsx). At most PAGE entries are
// rendered until more are asked for.
import { useMemo, useState } from 'preact/hooks';
import { percentText, rpsText } from '../components/metric-format.js';
import { TimeSeriesChart } from '../components/time-series-chart.js';
import type { ViewProps } from '../state.js';
import { TimelineEntryView } from './timeline-entry.js';
import { meshSeries } from './timeline-metrics.js';
import { formatDuration } from './view-format.js';
import './views.css';
import './timeline-views.css';

const PAGE = 30;

export function TimelineView({ state, send }: ViewProps) {
  const [limit, setLimit] = useState(PAGE);
  const entries = useMemo(
    () => [...state.timeline].sort((a, b) => b.time - a.time || b.id - a.id),
    [state.timeline],
  );
  const series = useMemo(() => meshSeries(state.metrics), [state.metrics]);
  const markers = useMemo(
    () =>
      state.timeline.map((e) => ({
        t: e.time,
        label: `v${e.version} ${e.accepted ? 'accepted' : 'rejected'} ${e.files.join(', ')}`,
        color: e.accepted ? '#0066cc' : '#c9190b',
      })),
    [state.timeline],
  );
  const from = series.times[0];
  const last = series.times[series.times.length - 1];
  // A second's point covers [t, t + 1 s): the axis ends one second after the newest point.
  const to = last === undefined ? undefined : last + 1000;

  return (
    <div class="timeline-view">
      <section aria-label="Mesh traffic and config changes">
        {series.times.length > 1 && from !== undefined && to !== undefined ? (
          <>
            <TimeSeriesChart
              title="Mesh requests per second and error percentage, with a marker per config change"
              times={series.times}
              from={from}
              to={to}
              height={64}
              lines={[
                { label: 'requests/s', color: '#0066cc', values: series.rps, format: rpsText },
                {
                  label: 'errors',
                  color: '#c9190b',
                  values: series.errorRate,
                  format: percentText,
                  dashed: true,
                },
              ]}
              markers={markers}
            />
            <p class="hint">
              The last {formatDuration(to - from)} of the mesh's traffic; a dotted line per config change
              (blue accepted, red rejected; hover for its version).
            </p>
          </>
        ) : (
          <p class="hint">The traffic chart appears once requests flow.</p>
        )}
      </section>
      <ol class="timeline" data-testid="timeline" aria-label="Config changes, newest first">
        {entries.slice(0, limit).map((e, i) => (
          <TimelineEntryView key={e.id} entry={e} send={send} newest={i === 0} />
        ))}
      </ol>
      {entries.length === 0 ? <p class="empty">No config change yet.</p> : null}
      {entries.length > limit ? (
        <button type="button" onClick={() => setLimit(limit + PAGE)}>
          Show {Math.min(PAGE, entries.length - limit)} older changes
        </button>
      ) : null}
    </div>
  );
}
