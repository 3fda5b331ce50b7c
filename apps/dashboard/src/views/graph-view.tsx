// The service graph view: the cytoscape picture, beside it the same graph as tables (edges with rps, error %
// and p99; nodes with health) for keyboards, screen readers and tests, and a side panel with the golden metrics
// of what was clicked and a link to its requests in the log.
import type { Health } from '@minimesh/cli/dashboard-protocol';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { HealthBadge } from '../components/health-badge.js';
import { EdgeTable, NodeList } from '../graph/graph-tables.js';
import { SelectionPanel } from '../graph/selection-panel.js';
import { type GraphSelection, ServiceGraph } from '../graph/service-graph.js';
import type { ViewProps } from '../state.js';

const HEALTHS: readonly Health[] = ['healthy', 'degraded', 'failing', 'idle'];

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
        <button
          type="button"
          data-testid="graph-relayout"
          title="Lay the graph out again by call depth, undoing moved nodes, pan and zoom"
          onClick={() => graph.current?.relayout()}
        >
          Re-layout
        </button>
        <ul class="legend" aria-label="health colours">
          {HEALTHS.map((h) => (
            <li key={h}>
              <HealthBadge health={h} />
            </li>
          ))}
        </ul>
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
