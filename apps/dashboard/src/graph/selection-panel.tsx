// The side panel beside the graph: the golden metrics of the clicked edge, node or app box, and a link to its
// requests in the log (`#/requests/<filter>`).
import type { GraphNode } from '@minimesh/cli/dashboard-protocol';
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { changeMarkers, GoldenCard } from '../components/golden-card.js';
import { latencyText, percentText, rpsText } from '../components/metric-format.js';
import type { DashboardState, ViewProps } from '../state.js';
import { filterName, nodeName } from './graph-names.js';
import type { GraphSelection } from './service-graph.js';

export function SelectionPanel({
  selection,
  state,
  nodes,
  navigate,
  onClose,
}: {
  selection: GraphSelection;
  state: DashboardState;
  nodes: ReadonlyMap<string, GraphNode>;
  navigate: ViewProps['navigate'];
  onClose(): void;
}) {
  const markers = useMemo(() => changeMarkers(state.timeline), [state.timeline]);
  let title: string;
  let body: ComponentChildren;
  let filter: string;
  if (selection.kind === 'edge') {
    const edge = state.graph.edges.find((e) => e.id === selection.id);
    const src = edge?.source ?? '';
    const dst = edge?.target ?? '';
    title = `${nodeName(nodes, src)} → ${nodeName(nodes, dst)}`;
    filter = `source:${filterName(src)} destination:${filterName(dst)}`;
    const dstMetrics = state.metrics.get(`workload:${dst}`);
    body = (
      <>
        {edge ? (
          <dl class="stats">
            <div>
              <dt>rate</dt>
              <dd>{rpsText(edge.rps)}/s</dd>
            </div>
            <div>
              <dt>errors</dt>
              <dd>{percentText(edge.errorRate)}</dd>
            </div>
            <div>
              <dt>p99</dt>
              <dd>{latencyText(edge.p99Ms)}</dd>
            </div>
            <div>
              <dt>requests</dt>
              <dd>{edge.requests}</dd>
            </div>
          </dl>
        ) : (
          <p class="muted">No traffic on this edge in the window any more.</p>
        )}
        {dstMetrics && <GoldenCard endMs={state.serverNow} metrics={dstMetrics} markers={markers} />}
      </>
    );
  } else if (selection.kind === 'app') {
    title = `app ${selection.app}`;
    filter = `destination:${selection.app}`;
    const cards = [...state.metrics.values()].filter(
      (m) =>
        m.namespace === selection.namespace &&
        (m.kind === 'service'
          ? m.name.split('.')[0] === selection.app
          : nodes.get(`${m.namespace}/${m.name}`)?.app === selection.app),
    );
    body = cards.length ? (
      cards.map((m) => <GoldenCard endMs={state.serverNow} key={m.key} metrics={m} markers={markers} />)
    ) : (
      <p class="muted">No metrics for this app yet.</p>
    );
  } else {
    title = nodeName(nodes, selection.id);
    const node = nodes.get(selection.id);
    filter =
      node?.kind === 'unknown' || node?.kind === 'gateway'
        ? `source:${filterName(selection.id)}`
        : `destination:${filterName(selection.id)}`;
    const m = state.metrics.get(`workload:${selection.id}`);
    body = m ? (
      <GoldenCard endMs={state.serverNow} metrics={m} markers={markers} />
    ) : (
      <p class="muted">No inbound metrics for this node.</p>
    );
  }
  return (
    <aside class="side-panel" aria-label="selection" data-testid="graph-selection">
      <header class="card-head">
        <h2>{title}</h2>
        <button type="button" class="icon-button" onClick={onClose} aria-label="close">
          ×
        </button>
      </header>
      {body}
      <button type="button" class="link-button" onClick={() => navigate('requests', filter)}>
        Show its requests ({filter})
      </button>
    </aside>
  );
}
