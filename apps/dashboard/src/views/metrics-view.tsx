// Golden metrics: one card per service and per workload (rate, success rate, p50/p95/p99 over the sliding
// window) with a chart of the last minutes on a shared time axis, config changes drawn as vertical markers.
import type { GoldenMetrics } from '@minimesh/cli/dashboard-protocol';
import { useMemo, useState } from 'preact/hooks';
import { changeMarkers, GoldenCard } from '../components/golden-card.js';
import type { ViewProps } from '../state.js';

type KindFilter = 'all' | 'service' | 'workload';

function byName(a: GoldenMetrics, b: GoldenMetrics): number {
  return a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
}

/** The request log filter that lists one card's requests. */
export function metricsFilter(m: GoldenMetrics): string {
  return m.kind === 'service' ? `destination:${m.name.split('.')[0] ?? m.name}` : `destination:${m.name}`;
}

export function MetricsView({ state, navigate }: ViewProps) {
  const [kind, setKind] = useState<KindFilter>('all');
  const [text, setText] = useState('');
  const markers = useMemo(() => changeMarkers(state.timeline), [state.timeline]);
  const { services, workloads } = useMemo(() => {
    const needle = text.trim().toLowerCase();
    const all = [...state.metrics.values()].filter(
      (m) => needle === '' || `${m.namespace}/${m.name}`.toLowerCase().includes(needle),
    );
    return {
      services: all.filter((m) => m.kind === 'service').sort(byName),
      workloads: all.filter((m) => m.kind === 'workload').sort(byName),
    };
  }, [state.metrics, text]);

  const section = (title: string, list: readonly GoldenMetrics[], testid: string) => (
    <section class="metrics-section" aria-label={title}>
      <h2>
        {title} <span class="muted">({list.length})</span>
      </h2>
      {list.length === 0 ? (
        <p class="muted">No traffic recorded yet.</p>
      ) : (
        <div class="cards" data-testid={testid}>
          {list.map((m) => (
            <GoldenCard
              endMs={state.serverNow}
              key={m.key}
              metrics={m}
              markers={markers}
              action={
                <button
                  type="button"
                  class="link-button"
                  onClick={() => navigate('requests', metricsFilter(m))}
                >
                  requests
                </button>
              }
            />
          ))}
        </div>
      )}
    </section>
  );

  return (
    <section class="metrics-view" aria-labelledby="metrics-title">
      <div class="view-head">
        <h1 id="metrics-title">Golden metrics</h1>
        <label>
          show{' '}
          <select
            value={kind}
            onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as KindFilter)}
          >
            <option value="all">services and workloads</option>
            <option value="service">services</option>
            <option value="workload">workloads</option>
          </select>
        </label>
        <label>
          name{' '}
          <input
            type="search"
            value={text}
            onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <span class="muted">
          window {state.graph.windowS || '-'}s · charts: rps (solid), p99 (dashed), config changes (vertical)
        </span>
      </div>
      {kind !== 'workload' && section('Services', services, 'metrics-services')}
      {kind !== 'service' && section('Workloads', workloads, 'metrics-workloads')}
    </section>
  );
}
