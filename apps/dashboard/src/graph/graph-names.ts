// How the graph's side panel and tables name nodes, and the request log filter that lists a node's requests.
import type { GraphNode } from '@minimesh/cli/dashboard-protocol';

/** The workload name the request log filters on: the part of a node id after `namespace/`. */
export function filterName(nodeId: string): string {
  const slash = nodeId.indexOf('/');
  return slash < 0 ? nodeId : nodeId.slice(slash + 1);
}

export function nodeName(nodes: ReadonlyMap<string, GraphNode>, id: string): string {
  const n = nodes.get(id);
  if (!n) return filterName(id);
  return n.kind === 'workload' ? `${n.app}${n.version ? ` ${n.version}` : ''}` : n.label;
}
