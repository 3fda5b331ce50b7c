// Post-translation rewrite, endpoints: what istiod sends is pod addresses (`10.200.0.7:9080`, the synthetic pod IPs
// of the registry); locally each pod's port is its sidecar's inbound capture port on 127.0.0.1 (see
// address-plan.ts). Every endpoint `podIP:port` of an instance in the plan becomes `127.0.0.1:inboundPort(pod,
// port)`; any other address (a ServiceEntry's external host, a port the plan does not know) is left as istiod sent
// it. Pure: inputs are never changed, and an assignment with nothing to rewrite is returned as the same object.
import type { Cluster, ClusterLoadAssignment, LbEndpoint, LocalityLbEndpoints } from '@minimesh/model';

/** The local address of `podIP:port`, or undefined when it is not a planned pod's port. */
export type EndpointMap = (podIP: string, port: number) => number | undefined;

/** The host every local socket binds. */
export const LOCAL_HOST = '127.0.0.1';

function rewriteLbEndpoint(e: LbEndpoint, map: EndpointMap): LbEndpoint {
  const sa = e.endpoint?.address?.socket_address;
  if (sa === undefined || sa === null || sa.address === undefined || sa.port_value === undefined) return e;
  const local = map(sa.address, sa.port_value);
  if (local === undefined) return e;
  const endpoint = e.endpoint ?? {};
  return {
    ...e,
    endpoint: {
      ...endpoint,
      address: { ...endpoint.address, socket_address: { ...sa, address: LOCAL_HOST, port_value: local } },
    },
  };
}

function rewriteLocality(l: LocalityLbEndpoints, map: EndpointMap): LocalityLbEndpoints {
  const before = l.lb_endpoints ?? [];
  const after = before.map((e) => rewriteLbEndpoint(e, map));
  return after.every((e, i) => e === before[i]) ? l : { ...l, lb_endpoints: after };
}

/** One assignment with its planned pod endpoints made local; the same object when none is. */
export function rewriteAssignment(cla: ClusterLoadAssignment, map: EndpointMap): ClusterLoadAssignment {
  const before = cla.endpoints ?? [];
  const after = before.map((l) => rewriteLocality(l, map));
  return after.every((l, i) => l === before[i]) ? cla : { ...cla, endpoints: after };
}

/** Every assignment rewritten (rewriteAssignment). */
export function rewriteEndpoints(
  assignments: readonly ClusterLoadAssignment[],
  map: EndpointMap,
): ClusterLoadAssignment[] {
  return assignments.map((cla) => rewriteAssignment(cla, map));
}

/** Clusters carrying their own `load_assignment` (STATIC, DNS) get the same rewrite of pod addresses. */
export function rewriteClusterAssignments(clusters: readonly Cluster[], map: EndpointMap): Cluster[] {
  return clusters.map((c) => {
    const la = c.load_assignment;
    if (la === undefined || la === null) return c;
    const next = rewriteAssignment(la, map);
    return next === la ? c : { ...c, load_assignment: next };
  });
}
