// The service graph view: the cytoscape picture, beside it the same graph as tables (edges with rps, error %
// and p99; nodes with health) for keyboards, screen readers and tests, and a side panel with the golden metrics
// of what was clicked and a link to its requests in the log.
import type { GraphEdge, GraphNode } from '@minimesh/cli/dashboard-protocol';
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { changeMarkers, GoldenCard } from '../components/golden-card.js';
import { HealthBadge } from '../components/health-badge.js';
import { latencyText, percentText, rpsText } from '../components/metric-format.js';
import { type GraphSelection, ServiceGraph } from '../graph/service-graph.js';
import type { DashboardState, ViewProps } from '../state.js';

/** The workload name the request log filters on: the part of a node id after `namespace/`. */
export function filterName(nodeId: string): string {
  const slash = nodeId.indexOf('/');
  return slash < 0 ? nodeId : nodeId.slice(slash + 1);
}

function nodeName(nodes: ReadonlyMap<string, GraphNode>, id: string): string {
  const n = nodes.get(id);
  if (!n) return filterName(id);
  return n.kind === 'workload' ? `${n.app}${n.version ? ` ${n.version}` : ''}` : n.label;
}

function SelectionPanel({
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
        {dstMetrics && <GoldenCard metrics={dstMetrics} markers={markers} />}
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
      cards.map((m) => <GoldenCard key={m.key} metrics={m} markers={markers} />)
    ) : (
      <p class="muted">No metrics for this app yet.</p>
    );
  } else {
    title = nodeName(nodes, selection.id);
    const node = nodes.get(selection.id);
    filter = node?.kind === 'unknown' || node?.kind === 'gateway' ? `source:${filterName(selection.id)}` : `destination:${filterName(selection.id)}`;
    const m = state.metrics.get(`workload:${selection.id}`);
    body = m ? <GoldenCard metrics={m} markers={markers} /> : <p class="muted">No inbound metrics for this node.</p>;
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

function EdgeTable(props: {
  edges: readonly GraphEdge[];
  nodes: ReadonlyMap<string, GraphNode>;
  selected?: string;
  onPick(id: string): void;
}) {
  const rows = useMemo(
    () => [...props.edges].sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target)),
    [props.edges],
  );
  return (
    <div class="table-scroll">
      <table class="data" data-testid="edge-table">
        <caption>Edges</caption>
        <thead>
          <tr>
            <th scope="col">from</th>
            <th scope="col">to</th>
            <th scope="col">rps</th>
            <th scope="col">error %</th>
            <th scope="col">p99</th>
            <th scope="col">health</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr
              key={e.id}
              data-edge={e.id}
              data-health={e.health}
              class={e.id === props.selected ? 'selected' : undefined}
            >
              <td>
                <button type="button" class="link-button" onClick={() => props.onPick(e.id)}>
                  {nodeName(props.nodes, e.source)}
                </button>
              </td>
              <td>{nodeName(props.nodes, e.target)}</td>
              <td data-col="rps" class="num">
                {rpsText(e.rps)}
              </td>
              <td data-col="error" class="num">
                {(e.errorRate * 100).toFixed(1)}
              </td>
              <td data-col="p99" class="num">
                {latencyText(e.p99Ms)}
              </td>
              <td>
                <HealthBadge health={e.health} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NodeList(props: { nodes: readonly GraphNode[]; selected?: string; onPick(id: string): void }) {
  const rows = useMemo(() => [...props.nodes].sort((a, b) => a.id.localeCompare(b.id)), [props.nodes]);
  return (
    <div class="table-scroll">
      <table class="data" data-testid="node-list">
        <caption>Nodes</caption>
        <thead>
          <tr>
            <th scope="col">node</th>
            <th scope="col">kind</th>
            <th scope="col">app</th>
            <th scope="col">version</th>
            <th scope="col">health</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => (
            <tr
              key={n.id}
              data-node={n.id}
              data-health={n.health}
              class={n.id === props.selected ? 'selected' : undefined}
            >
              <td>
                <button type="button" class="link-button" onClick={() => props.onPick(n.id)}>
                  {n.id}
                </button>
              </td>
              <td>{n.kind}</td>
              <td>{n.app}</td>
              <td>{n.version ?? '-'}</td>
              <td>
                <HealthBadge health={n.health} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function GraphView({ state, navigate }: ViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const graph = useRef<ServiceGraph | undefined>(undefined);
  const [selection, setSelection] = useState<GraphSelection | undefined>(undefined);
  const nodes = useMemo(() => new Map(state.graph.nodes.map((n) => [n.id, n])), [state.graph.nodes]);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const g = new ServiceGraph(el, setSelection);
    graph.current = g;
    const observer = new ResizeObserver(() => g.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      g.destroy();
      graph.current = undefined;
    };
  }, []);

  useEffect(() => {
    graph.current?.update(state.graph);
  }, [state.graph]);

  useEffect(() => {
    graph.current?.select(selection?.id);
  }, [selection]);

  const pickEdge = (id: string) => setSelection({ kind: 'edge', id });
  const pickNode = (id: string) => setSelection({ kind: 'node', id });
  const empty = state.graph.nodes.length === 0;

  return (
    <section class="graph-view" aria-labelledby="graph-title">
      <div class="view-head">
        <h1 id="graph-title">Service graph</h1>
        <span class="muted">
          {state.graph.windowS > 0 ? `last ${state.graph.windowS}s` : ''} · {state.graph.nodes.length} nodes ·{' '}
          {state.graph.edges.length} edges
        </span>
        <button type="button" onClick={() => graph.current?.fit()}>
          Fit
        </button>
      </div>
      <div class="graph-row">
        <div class="graph-box">
          <div
            class="graph-canvas"
            data-testid="graph"
            ref={container}
            role="img"
            aria-label="service graph; the tables below list the same nodes and edges"
          />
          {empty && <p class="graph-empty muted">No workloads yet: waiting for the control plane.</p>}
        </div>
        {selection && (
          <SelectionPanel
            selection={selection}
            state={state}
            nodes={nodes}
            navigate={navigate}
            onClose={() => setSelection(undefined)}
          />
        )}
      </div>
      <div class="graph-tables">
        <EdgeTable edges={state.graph.edges} nodes={nodes} selected={selection?.id} onPick={pickEdge} />
        <NodeList nodes={state.graph.nodes} selected={selection?.id} onPick={pickNode} />
      </div>
    </section>
  );
}
