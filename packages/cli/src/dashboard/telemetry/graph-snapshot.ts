// The graph the page draws, from the node and edge states: every planned workload, plus every node an edge
// touches; edges with their window's rate, error rate, p99 and health; a node's health the worst of its inbound
// edges (idle when all are). Sorted by id so that equal states give equal snapshots.
import type { GraphEdge, GraphNode, GraphSnapshot, Health } from '../protocol.js';
import { healthOf, metricWindowOf, worseHealth } from './health.js';
import type { WindowSum } from './second-stats.js';
import { type EdgeState, type NodeState, resetSum } from './telemetry-keys.js';

/**
 * The graph over the seconds [to - windowS, to). `planned`: the directory's workloads; `all`: every node state
 * (those with edges join the graph). `scratch` is reused for every edge's sums.
 */
export function graphSnapshot(
  planned: Iterable<NodeState>,
  all: Iterable<NodeState>,
  to: number,
  windowS: number,
  scratch: WindowSum,
): GraphSnapshot {
  const from = to - windowS;
  const nodes = new Map<string, NodeState>();
  for (const node of planned) if (!nodes.has(node.id)) nodes.set(node.id, node);
  const edges: GraphEdge[] = [];
  const edgeHealth = new Map<EdgeState, Health>();
  for (const node of all)
    for (const edge of node.out.values()) {
      const sum = edge.stats.sum(from, to, resetSum(scratch));
      const health = healthOf(sum.requests, sum.errors);
      edgeHealth.set(edge, health);
      const w = metricWindowOf(sum, windowS);
      edges.push({
        id: edge.id,
        source: edge.source.id,
        target: edge.target.id,
        rps: w.rps,
        errorRate: sum.requests > 0 ? sum.errors / sum.requests : 0,
        p99Ms: w.p99Ms,
        requests: sum.requests,
        health,
      });
      nodes.set(edge.source.id, edge.source);
      nodes.set(edge.target.id, edge.target);
    }
  const out: GraphNode[] = [];
  for (const node of nodes.values()) {
    let health: Health = 'idle';
    for (const edge of node.in) health = worseHealth(health, edgeHealth.get(edge) ?? 'idle');
    const { kind, namespace, app, version } = node.ref;
    out.push({
      id: node.id,
      kind,
      namespace,
      app,
      ...(version === undefined ? {} : { version }),
      label: node.ref.workload,
      health,
    });
  }
  out.sort((a, b) => compareIds(a.id, b.id));
  edges.sort((a, b) => compareIds(a.id, b.id));
  return { windowS, nodes: out, edges };
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
