// When the graph is laid out again, decided once per graph message (about 1/s) in O(nodes + edges). Kiali's rule:
// positions stay put while only metrics change; when the topology changes the layered layout (a new edge changes
// the column of some app, nodes arrive or leave), the whole layout is computed again and the nodes glide there,
// unless the user has taken over the arrangement (dragged a node, panned or zoomed): then only new nodes are
// placed, beside what is on screen, and the Re-layout button brings the computed layout back.
import type { GraphEdge, GraphNode } from '@minimesh/cli/dashboard-protocol';
import { groupColumns, groupKey } from './layout.js';

/**
 * Everything `layeredLayout` depends on, per node id: its column, group, kind and version. Two snapshots with
 * equal keys get identical positions, whatever their metrics.
 */
export type LayoutKey = ReadonlyMap<string, string>;

/**
 * - `initial`: nothing is on screen yet: lay everything out at once, no animation.
 * - `keep`: the computed layout would not move anything: update data and styles only.
 * - `relayout`: lay everything out again and animate the nodes to their new places.
 * - `place-new`: the user's arrangement stays; new nodes are placed beside it and the picture is marked stale.
 */
export type LayoutStep = 'initial' | 'keep' | 'relayout' | 'place-new';

export interface LayoutInputs {
  /** The key of the snapshot applied last; `undefined` before the first one. */
  readonly prev: LayoutKey | undefined;
  readonly next: LayoutKey;
  /** The user dragged a node, or panned or zoomed, since the last automatic layout. */
  readonly userArranged: boolean;
  /** The nodes on screen are not where the computed layout for `prev` puts them (new nodes were placed by hand). */
  readonly stale: boolean;
}

/** The layout key of a snapshot: BFS depths, group minima and one short string per node. */
export function layoutKey(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): LayoutKey {
  const columns = groupColumns(nodes, edges);
  const key = new Map<string, string>();
  for (const n of nodes) {
    const group = groupKey(n);
    key.set(n.id, `${columns.get(group) ?? 0}|${n.kind}|${group}|${n.version ?? ''}`);
  }
  return key;
}

/** True when both keys give the same layered layout: same node ids, each with the same column, group and version. */
export function sameLayout(a: LayoutKey, b: LayoutKey): boolean {
  if (a.size !== b.size) return false;
  for (const [id, value] of a) if (b.get(id) !== value) return false;
  return true;
}

/** The step for the snapshot keyed `next`, given what was applied before and what the user did. */
export function decideLayout({ prev, next, userArranged, stale }: LayoutInputs): LayoutStep {
  if (next.size === 0) return 'keep';
  if (prev === undefined || prev.size === 0) return 'initial';
  const changed = !sameLayout(prev, next);
  if (userArranged) return changed ? 'place-new' : 'keep';
  return changed || stale ? 'relayout' : 'keep';
}
