// The graph's deterministic layered layout, computed here rather than by cytoscape so the picture is the same on
// every load and stays put as traffic changes. Columns by call depth: shortest hop count from the `unknown` client
// (outside the mesh, column 0) or from a node nobody calls (a gateway with no traffic yet), so the gateway comes
// next to the client and the apps after it in call order; external services last. All versions of one app share a column (the smallest depth of any of them) and are stacked
// inside their app's box. Units: cytoscape model pixels; positions are node centres.
import type { GraphEdge, GraphNode } from '@minimesh/cli/dashboard-protocol';

export interface Point {
  x: number;
  y: number;
}

/** Horizontal distance between columns, px. */
export const COLUMN_GAP = 240;
/** Vertical distance between two versions of one app, px. */
export const ROW_GAP = 64;
/** Extra vertical space between two apps' boxes (padding plus the box label), px. */
export const APP_GAP = 56;

/** The group a node is stacked with: its app for a mesh workload, itself otherwise. */
export function groupKey(node: GraphNode): string {
  return node.kind === 'workload' ? `app:${node.namespace}/${node.app}` : `node:${node.id}`;
}

/** Call depth per node id: 0 for `unknown` and uncalled nodes, BFS hops from them for the rest. */
export function callDepths(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): Map<string, number> {
  const ids = new Set(nodes.map((n) => n.id));
  const out = new Map<string, string[]>();
  const called = new Set<string>();
  for (const e of edges) {
    if (!ids.has(e.source) || !ids.has(e.target) || e.source === e.target) continue;
    const list = out.get(e.source) ?? [];
    list.push(e.target);
    out.set(e.source, list);
    called.add(e.target);
  }
  const depth = new Map<string, number>();
  const queue: string[] = [];
  const roots = nodes.filter((n) => n.kind === 'unknown' || !called.has(n.id));
  for (const n of roots) {
    depth.set(n.id, 0);
    queue.push(n.id);
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    const d = depth.get(id) ?? 0;
    for (const next of out.get(id) ?? []) {
      if (depth.has(next)) continue;
      depth.set(next, d + 1);
      queue.push(next);
    }
  }
  // Nodes only reachable through a cycle with no root: one column right of the roots.
  for (const n of nodes) if (!depth.has(n.id)) depth.set(n.id, 1);
  return depth;
}

function compareNodes(a: GraphNode, b: GraphNode): number {
  return (a.version ?? '').localeCompare(b.version ?? '') || a.id.localeCompare(b.id);
}

function groupsOf(nodes: readonly GraphNode[]): Map<string, GraphNode[]> {
  const groups = new Map<string, GraphNode[]>();
  for (const n of nodes) {
    const key = groupKey(n);
    const list = groups.get(key) ?? [];
    list.push(n);
    groups.set(key, list);
  }
  return groups;
}

/**
 * The column of every group (`groupKey` -> column index): `unknown` 0, external services one right of the deepest
 * mesh node, any other group the smallest call depth of its members. O(nodes + edges).
 */
export function groupColumns(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  groups: ReadonlyMap<string, readonly GraphNode[]> = groupsOf(nodes),
): Map<string, number> {
  const depth = callDepths(nodes, edges);
  let maxDepth = 0;
  for (const n of nodes) if (n.kind !== 'external') maxDepth = Math.max(maxDepth, depth.get(n.id) ?? 0);
  const columns = new Map<string, number>();
  for (const [key, members] of groups) {
    const first = members[0] as GraphNode;
    let col =
      first.kind === 'external' ? maxDepth + 1 : first.kind === 'unknown' ? 0 : Number.POSITIVE_INFINITY;
    if (col === Number.POSITIVE_INFINITY) for (const m of members) col = Math.min(col, depth.get(m.id) ?? 1);
    columns.set(key, col);
  }
  return columns;
}

/**
 * Positions for every node: the full layout, used for the first picture and whenever the topology changes the
 * columns (see layout-change.ts). A function of the node ids, kinds, groups, versions and `groupColumns` only.
 */
export function layeredLayout(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): Map<string, Point> {
  const groups = groupsOf(nodes);
  const groupCol = groupColumns(nodes, edges, groups);
  const columns = new Map<number, { key: string; members: GraphNode[] }[]>();
  for (const [key, members] of groups) {
    members.sort(compareNodes);
    const col = groupCol.get(key) ?? 0;
    const list = columns.get(col) ?? [];
    list.push({ key, members });
    columns.set(col, list);
  }
  const positions = new Map<string, Point>();
  for (const [col, list] of columns) {
    // `unknown` above the gateways; otherwise by group name, so the order is stable across loads.
    list.sort((a, b) => rank(a.members[0]) - rank(b.members[0]) || a.key.localeCompare(b.key));
    const height = list.reduce((h, g) => h + g.members.length * ROW_GAP + APP_GAP, -APP_GAP);
    let y = -height / 2;
    for (const g of list) {
      for (const m of g.members) {
        positions.set(m.id, { x: col * COLUMN_GAP, y: y + ROW_GAP / 2 });
        y += ROW_GAP;
      }
      y += APP_GAP;
    }
  }
  return positions;
}

function rank(n: GraphNode | undefined): number {
  return n?.kind === 'unknown' ? 0 : n?.kind === 'gateway' ? 1 : 2;
}

/**
 * Positions for nodes new to a graph already on screen, leaving the placed ones where they are: a new version
 * goes below the lowest placed member of its app; anything else where the full layout would put it, moved down
 * until it is clear of every placed node.
 */
export function placeNewNodes(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  placed: ReadonlyMap<string, Point>,
): Map<string, Point> {
  const fresh = nodes.filter((n) => !placed.has(n.id));
  const result = new Map<string, Point>();
  if (fresh.length === 0) return result;
  const full = layeredLayout(nodes, edges);
  const taken: Point[] = [...placed.values()];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const n of fresh.sort(compareNodes)) {
    const key = groupKey(n);
    let lowest: Point | undefined;
    for (const [id, p] of placed) {
      const other = byId.get(id);
      if (other && groupKey(other) === key && (!lowest || p.y > lowest.y)) lowest = p;
    }
    for (const [id, p] of result) {
      const other = byId.get(id);
      if (other && groupKey(other) === key && (!lowest || p.y > lowest.y)) lowest = p;
    }
    const start = lowest ? { x: lowest.x, y: lowest.y + ROW_GAP } : (full.get(n.id) ?? { x: 0, y: 0 });
    const p = { ...start };
    while (taken.some((t) => Math.abs(t.x - p.x) < COLUMN_GAP / 2 && Math.abs(t.y - p.y) < ROW_GAP))
      p.y += ROW_GAP;
    result.set(n.id, p);
    taken.push(p);
  }
  return result;
}
