// The cytoscape service graph: app boxes (compound nodes) holding one node per version workload, gateways, the
// `unknown` client and external services; edges labelled `rps · err% · p99`, coloured by health, wider with rps.
// Invariant: positions change only when the layered layout changes (layout-change.ts decides, once per snapshot,
// in O(nodes + edges)): metrics-only snapshots just restyle elements inside one cy.batch(). A topology change lays
// everything out again and animates the nodes there (RELAYOUT_MS), unless the user dragged a node or panned or
// zoomed: then their arrangement stays, new nodes are placed beside it, and `relayout()` (the Re-layout button)
// or `fit()` (after panning only) brings the computed layout back.

import type { GraphEdge, GraphNode, GraphSnapshot } from '@minimesh/cli/dashboard-protocol';
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { edgeLabel, HEALTH_COLOR } from '../components/metric-format.js';
import { EdgeFlow, flowSpeed } from './edge-flow.js';
import { GRAPH_STYLE } from './graph-style.js';
import { groupKey, layeredLayout, type Point, placeNewNodes } from './layout.js';
import { decideLayout, type LayoutKey, layoutKey } from './layout-change.js';

/** Duration of the move to a new layout, ms. */
export const RELAYOUT_MS = 300;
/** Space around the graph when fitting it, px. */
const FIT_PADDING = 40;

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
  /** The layout key of the snapshot applied last. */
  #key: LayoutKey | undefined;
  /** The last snapshot's nodes and (dangling-free) edges, for `relayout()`. */
  #nodes: readonly GraphNode[] = [];
  #edges: readonly GraphEdge[] = [];
  /** True while the nodes on screen are not where the layered layout for `#key` puts them. */
  #stale = false;
  /** True once the user dragged a node: positions are theirs until `relayout()`. */
  #dragged = false;
  /** True once the user panned or zoomed: the view is theirs and is not refitted until `fit()` or `relayout()`. */
  #userViewport = false;
  /** The animated layout under way and the positions it ends at. */
  #running: cytoscape.Layouts | undefined;
  #targets: ReadonlyMap<string, Point> | undefined;

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
      this.#finishLayout();
    });
    this.#cy.on('grab', 'node', () => this.#finishLayout());
    this.#cy.on('dragfree', 'node', () => {
      this.#dragged = true;
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
    const key = layoutKey(graph.nodes, edges);
    const step = decideLayout({
      prev: this.#key,
      next: key,
      userArranged: this.#dragged || this.#userViewport,
      stale: this.#stale,
    });
    this.#key = key;
    this.#nodes = graph.nodes;
    this.#edges = edges;
    const full = step === 'initial' || step === 'relayout';
    // Positions are read below (and nodes moved): the animation under way jumps to its end first.
    if (step !== 'keep') this.#finishLayout();
    const placed = new Map<string, Point>();
    for (const n of graph.nodes) {
      const el = cy.getElementById(n.id);
      if (el.nonempty() && !el.hasClass('app')) placed.set(n.id, { ...el.position() });
    }
    const fresh = graph.nodes.filter((n) => !placed.has(n.id));
    const positions = full
      ? layeredLayout(graph.nodes, edges)
      : fresh.length > 0
        ? placeNewNodes(graph.nodes, edges, placed)
        : new Map<string, Point>();
    if (full) this.#stale = false;
    else if (step === 'place-new') this.#stale = true;
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
    if (step === 'relayout') this.#animateTo(positions);
    else if (fresh.length > 0 && !this.#userViewport) cy.fit(undefined, FIT_PADDING);
    this.#flow.refresh();
  }

  /** Lays the graph out again (the Re-layout button): forgets the user's drags, pan and zoom, and fits. */
  relayout(): void {
    this.#dragged = false;
    this.#userViewport = false;
    this.#stale = false;
    if (this.#nodes.length === 0) return;
    this.#finishLayout();
    this.#animateTo(layeredLayout(this.#nodes, this.#edges));
  }

  /**
   * Moves every node to `positions` over RELAYOUT_MS (at once when the user prefers reduced motion), fitting the
   * view to where they end unless the user owns the viewport. Nodes missing from `positions` stay.
   */
  #animateTo(positions: ReadonlyMap<string, Point>): void {
    const cy = this.#cy;
    const map: Record<string, Point> = {};
    cy.nodes(':childless').forEach((n) => {
      map[n.id()] = positions.get(n.id()) ?? { ...n.position() };
    });
    const layout = cy.layout({
      name: 'preset',
      positions: map,
      animate: !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches,
      animationDuration: RELAYOUT_MS,
      animationEasing: 'ease-in-out-cubic',
      fit: !this.#userViewport,
      padding: FIT_PADDING,
    });
    this.#running = layout;
    this.#targets = positions;
    layout.one('layoutstop', () => {
      if (this.#running !== layout) return;
      this.#running = undefined;
      this.#targets = undefined;
    });
    layout.run();
  }

  /** Ends the animation under way, if any, with every node at its target. */
  #finishLayout(): void {
    const layout = this.#running;
    const targets = this.#targets;
    if (!layout || !targets) return;
    this.#running = undefined;
    this.#targets = undefined;
    layout.stop();
    this.#cy.batch(() => {
      for (const [id, p] of targets) {
        const el = this.#cy.getElementById(id);
        if (el.nonempty()) el.position(p);
      }
    });
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
    if (this.#userViewport) return;
    this.#finishLayout();
    this.#cy.fit(undefined, FIT_PADDING);
  }

  /**
   * Fits the whole graph and hands the viewport back to automatic fitting. When the user only panned or zoomed
   * (dragged nothing) and the topology changed meanwhile, the computed layout comes back too.
   */
  fit(): void {
    this.#userViewport = false;
    const key = this.#key ?? new Map<string, string>();
    const step = decideLayout({ prev: key, next: key, userArranged: this.#dragged, stale: this.#stale });
    this.#finishLayout();
    if (step === 'relayout') {
      this.#stale = false;
      this.#animateTo(layeredLayout(this.#nodes, this.#edges));
    } else this.#cy.fit(undefined, FIT_PADDING);
  }

  destroy(): void {
    this.#finishLayout();
    this.#flow.destroy();
    this.#cy.destroy();
  }
}
