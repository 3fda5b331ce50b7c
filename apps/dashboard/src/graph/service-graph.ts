// The cytoscape service graph: app boxes (compound nodes) holding one node per version workload, gateways, the
// `unknown` client and external services; edges labelled `rps · err% · p99`, coloured by health, wider with rps.
// Invariant: the layout runs once (the first non-empty snapshot); later snapshots only add, remove or restyle
// elements inside one cy.batch(), and new nodes are placed beside their app without moving the others.

import type { GraphEdge, GraphNode, GraphSnapshot } from '@minimesh/cli/dashboard-protocol';
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { edgeLabel, HEALTH_COLOR } from '../components/metric-format.js';
import { EdgeFlow, flowSpeed } from './edge-flow.js';
import { GRAPH_STYLE } from './graph-style.js';
import { groupKey, layeredLayout, type Point, placeNewNodes } from './layout.js';

export type GraphSelection =
  | { kind: 'node'; id: string }
  | { kind: 'edge'; id: string }
  | { kind: 'app'; id: string; namespace: string; app: string };

/** Edge width in px: 1.5 at no traffic, growing with log2(1 + rps), at most 8. */
export function edgeWidth(rps: number): number {
  return Math.min(8, 1.5 + Math.log2(1 + Math.max(0, rps)) * 1.2);
}

function nodeData(n: GraphNode): Record<string, unknown> {
  const boxed = n.kind === 'workload';
  return {
    id: n.id,
    label: boxed ? (n.version ?? n.label) : n.label,
    kind: n.kind,
    health: n.health,
    color: HEALTH_COLOR[n.health],
    ...(boxed ? { parent: groupKey(n) } : {}),
  };
}

function edgeData(e: GraphEdge): Record<string, unknown> {
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    label: edgeLabel(e.rps, e.errorRate, e.p99Ms),
    health: e.health,
    color: HEALTH_COLOR[e.health],
    width: edgeWidth(e.rps),
    speed: flowSpeed(e.rps),
  };
}

export class ServiceGraph {
  readonly #cy: Core;
  readonly #flow: EdgeFlow;
  #laidOut = false;
  /** True once the user panned or zoomed: from then on the view is theirs and is not refitted. */
  #userViewport = false;

  constructor(container: HTMLElement, onSelect: (sel: GraphSelection | undefined) => void) {
    this.#cy = cytoscape({
      container,
      style: GRAPH_STYLE,
      layout: { name: 'preset' },
      minZoom: 0.2,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    this.#flow = new EdgeFlow(this.#cy);
    this.#cy.on('dragpan pinchzoom scrollzoom', () => {
      this.#userViewport = true;
    });
    this.#cy.on('tap', 'node, edge', (ev) => {
      const el = ev.target as cytoscape.SingularElementArgument;
      if (el.isEdge()) onSelect({ kind: 'edge', id: el.id() });
      else if (el.hasClass('app')) {
        onSelect({ kind: 'app', id: el.id(), namespace: el.data('namespace'), app: el.data('app') });
      } else onSelect({ kind: 'node', id: el.id() });
    });
    this.#cy.on('tap', (ev) => {
      if (ev.target === this.#cy) onSelect(undefined);
    });
  }

  /** Applies a snapshot: one batch of adds, removes and data updates. */
  update(graph: GraphSnapshot): void {
    const cy = this.#cy;
    const nodeIds = new Set(graph.nodes.map((n) => n.id));
    const edges = graph.edges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target));
    const edgeIds = new Set(edges.map((e) => e.id));
    const appIds = new Set(graph.nodes.filter((n) => n.kind === 'workload').map(groupKey));
    const placed = new Map<string, Point>();
    cy.nodes(':childless').forEach((n) => {
      if (!n.hasClass('app') && nodeIds.has(n.id())) placed.set(n.id(), { ...n.position() });
    });
    const fresh = graph.nodes.filter((n) => !placed.has(n.id));
    const positions = this.#laidOut
      ? placeNewNodes(graph.nodes, edges, placed)
      : layeredLayout(graph.nodes, edges);
    cy.batch(() => {
      cy.edges().forEach((e) => {
        if (!edgeIds.has(e.id())) cy.remove(e);
      });
      cy.nodes().forEach((n) => {
        if (n.removed()) return;
        if (n.hasClass('app') ? !appIds.has(n.id()) : !nodeIds.has(n.id())) cy.remove(n);
      });
      // App boxes first: new nodes and moved ones need their parent to exist.
      const boxes: ElementDefinition[] = [];
      for (const n of graph.nodes) {
        if (n.kind !== 'workload') continue;
        const id = groupKey(n);
        if (cy.getElementById(id).empty() && !boxes.some((a) => a.data.id === id)) {
          boxes.push({
            group: 'nodes',
            data: { id, label: n.app, kind: 'app', namespace: n.namespace, app: n.app, color: '#8a8d90' },
            classes: 'app',
          });
        }
      }
      if (boxes.length > 0) cy.add(boxes);
      const add: ElementDefinition[] = [];
      for (const n of fresh) {
        add.push({ group: 'nodes', data: nodeData(n), position: positions.get(n.id) ?? { x: 0, y: 0 } });
      }
      for (const n of graph.nodes) {
        if (!placed.has(n.id)) continue;
        const el = cy.getElementById(n.id);
        const data = nodeData(n);
        if (el.data('parent') !== data.parent)
          el.move({ parent: (data.parent as string | undefined) ?? null });
        el.data(data);
      }
      for (const e of edges) {
        const el = cy.getElementById(e.id);
        if (el.empty()) add.push({ group: 'edges', data: edgeData(e) });
        else el.data(edgeData(e));
      }
      if (add.length > 0) cy.add(add);
      for (const e of edges) {
        const el = cy.getElementById(e.id);
        el.toggleClass('flow', e.rps > 0);
        el.toggleClass('quiet', e.requests === 0);
      }
    });
    if (fresh.length > 0) {
      this.#laidOut = true;
      if (!this.#userViewport) cy.fit(undefined, 40);
    }
    this.#flow.refresh();
  }

  /** Highlights an element (from the table beside the graph); `undefined` clears it. */
  select(id: string | undefined): void {
    this.#cy.batch(() => {
      this.#cy.elements(':selected').unselect();
      if (id !== undefined) this.#cy.getElementById(id).select();
    });
  }

  /** After the container changed size (window, side panel): refit unless the user moved the view. */
  resize(): void {
    this.#cy.resize();
    if (!this.#userViewport) this.#cy.fit(undefined, 40);
  }

  /** Fits the whole graph and hands the viewport back to automatic fitting. */
  fit(): void {
    this.#userViewport = false;
    this.#cy.fit(undefined, 40);
  }

  destroy(): void {
    this.#flow.destroy();
    this.#cy.destroy();
  }
}
