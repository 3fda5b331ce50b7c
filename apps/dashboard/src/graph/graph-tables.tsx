// The graph as tables beside the picture: edges (rps, error %, p99, health) and nodes (kind, app, version,
// health), for keyboards, screen readers and the browser tests. A row's first cell selects it in the graph.
import type { GraphEdge, GraphNode } from '@minimesh/cli/dashboard-protocol';
import { useMemo } from 'preact/hooks';
import { HealthBadge } from '../components/health-badge.js';
import { latencyText, rpsText } from '../components/metric-format.js';
import { nodeName } from './graph-names.js';

export function EdgeTable(props: {
  edges: readonly GraphEdge[];
  nodes: ReadonlyMap<string, GraphNode>;
  selected?: string;
  onPick(id: string): void;
}) {
  const rows = useMemo(
    () =>
      [...props.edges].sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target)),
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

export function NodeList(props: {
  nodes: readonly GraphNode[];
  selected?: string;
  onPick(id: string): void;
}) {
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
