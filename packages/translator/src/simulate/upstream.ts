// The last step of a call: the cluster the route or tcp_proxy names, and the endpoints a request could go to.
// Envoy answers 503 with NC when the cluster does not exist, with UH when it has no healthy endpoint. An
// ORIGINAL_DST cluster (PassthroughCluster) forwards to the address the client dialled; Istio's BlackHoleCluster
// (STATIC, no endpoints) exists only to drop traffic.
import type { Cluster, ClusterLoadAssignment, LbEndpoint } from '@minimesh/model';
import { BLACKHOLE_CLUSTER } from '../naming.js';
import type { SimulationOutcome, SimulationResources } from './types.js';

export interface UpstreamStep {
  /** routed, passthrough, blackhole, no_cluster or no_healthy_upstream. */
  readonly outcome: SimulationOutcome;
  readonly flag?: 'NC' | 'UH';
  readonly endpoints?: readonly string[];
}

/** Envoy counts UNKNOWN (the default) and DEGRADED hosts as usable; UNHEALTHY, DRAINING and TIMEOUT are not. */
function usable(e: LbEndpoint): boolean {
  const s = e.health_status;
  return (
    s === undefined || s === 'UNKNOWN' || s === 'HEALTHY' || s === 'DEGRADED' || s === 0 || s === 1 || s === 5
  );
}

function endpointText(e: LbEndpoint): string | undefined {
  const sa = e.endpoint?.address?.socket_address;
  if (sa === undefined || sa === null) return undefined;
  const host = (sa.address ?? '').includes(':') ? `[${sa.address}]` : (sa.address ?? '');
  return `${host}:${sa.port_value ?? 0}`;
}

function clusterType(c: Cluster): string {
  const t = c.type;
  if (typeof t === 'number')
    return ['STATIC', 'STRICT_DNS', 'LOGICAL_DNS', 'EDS', 'ORIGINAL_DST'][t] ?? 'STATIC';
  return t ?? 'STATIC';
}

/** The assignment of a cluster: EDS by service_name (or the cluster name), else the cluster's own. */
function assignment(c: Cluster, resources: SimulationResources): ClusterLoadAssignment | undefined {
  if (clusterType(c) !== 'EDS') return c.load_assignment ?? undefined;
  const service = c.eds_cluster_config?.service_name;
  const key = service !== undefined && service !== '' ? service : (c.name ?? '');
  return resources.endpoints.find((e) => e.cluster_name === key);
}

/**
 * Resolves `name` to a cluster and its usable endpoints. `original` is the destination the client dialled, what an
 * ORIGINAL_DST cluster forwards to.
 */
export function resolveUpstream(
  name: string,
  resources: SimulationResources,
  original: string,
  trace: string[],
): UpstreamStep {
  const cluster = resources.clusters.find((c) => c.name === name);
  if (cluster === undefined) {
    trace.push(`cluster ${name}: not found (503, NC)`);
    return { outcome: 'no_cluster', flag: 'NC' };
  }
  const type = clusterType(cluster);
  if (type === 'ORIGINAL_DST') {
    trace.push(`cluster ${name}: ORIGINAL_DST, forwards to the original destination ${original}`);
    return { outcome: 'passthrough', endpoints: [original] };
  }
  if (name === BLACKHOLE_CLUSTER) {
    trace.push(`cluster ${name}: drops the traffic`);
    return { outcome: 'blackhole', endpoints: [] };
  }
  const cla = assignment(cluster, resources);
  if (cla === undefined) {
    trace.push(`cluster ${name} (${type}): no ClusterLoadAssignment (503, UH)`);
    return { outcome: 'no_healthy_upstream', flag: 'UH', endpoints: [] };
  }
  const all = (cla.endpoints ?? []).flatMap((l) => l.lb_endpoints ?? []);
  const endpoints = all.filter(usable).flatMap((e) => endpointText(e) ?? []);
  if (endpoints.length === 0) {
    const unhealthy = all.length === 0 ? 'no endpoints' : `${all.length} endpoint(s), none healthy`;
    trace.push(`cluster ${name} (${type}): ${unhealthy} (503, UH)`);
    return { outcome: 'no_healthy_upstream', flag: 'UH', endpoints: [] };
  }
  trace.push(`cluster ${name} (${type}): ${endpoints.join(', ')}`);
  return { outcome: 'routed', endpoints };
}
