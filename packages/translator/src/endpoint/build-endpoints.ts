// EDS for one proxy (istiod's EndpointBuilder.BuildClusterLoadAssignment): one ClusterLoadAssignment per EDS
// cluster of the proxy's CDS, or per cluster name Envoy asked for. A subset cluster keeps the endpoints whose
// labels include the subset's; locality load balancing of the (subset-merged) traffic policy is applied
// relative to the proxy's locality. A name that resolves to no service port gets an empty assignment, as istiod
// sends; names that are not outbound cluster names (inbound, PassthroughCluster) are not EDS clusters and are
// skipped.
import type { ClusterLoadAssignment, MeshService, Subset } from '@minimesh/model';
import { rulesForHost } from '../cache/rule-memo.js';
import { sharedLoadAssignment } from '../cache/shared-resources.js';
import { buildClusters } from '../cluster/build-clusters.js';
import { effectiveLocalitySetting } from '../cluster/load-balancer.js';
import { emptyLoadAssignment } from '../cluster/service-facts.js';
import { subsetPolicyForPort } from '../cluster/traffic-policy.js';
import type { MessageSink } from '../messages.js';
import { parseSubsetKey } from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { clusterEndpoints, loadAssignmentOf } from './cluster-endpoints.js';

/**
 * The assignments of `clusterNames` (in that order, repeated names once), or of every EDS cluster of the proxy
 * (sorted by name) when no names are given.
 */
export function buildEndpoints(
  proxy: MeshProxy,
  push: PushContext,
  sink: MessageSink,
  clusterNames?: readonly string[],
): ClusterLoadAssignment[] {
  const names =
    clusterNames === undefined
      ? buildClusters(proxy, push, sink)
          .filter((c) => c.type === 'EDS')
          .map((c) => c.name ?? '')
      : [...new Set(clusterNames)];
  const out: ClusterLoadAssignment[] = [];
  for (const name of names) {
    const cla = sharedLoadAssignment(push, proxy, name, sink, () => loadAssignmentFor(proxy, push, name));
    if (cla !== undefined) out.push(cla);
  }
  return out;
}

function loadAssignmentFor(
  proxy: MeshProxy,
  push: PushContext,
  name: string,
): ClusterLoadAssignment | undefined {
  const key = parseSubsetKey(name);
  if (key === undefined || key.direction !== 'outbound') return undefined;
  const service = findService(proxy, push, key.hostname);
  const port = service?.ports.find((p) => p.port === key.port);
  if (service === undefined || port === undefined) return emptyLoadAssignment(name);
  // Memoized per push and scope: the default cluster and each subset of a host ask the same.
  const { merged } = rulesForHost(push, proxy, service.hostname);
  let subset: Subset | undefined;
  if (key.subset !== '') subset = merged?.subsets.find((s) => s.subset.name === key.subset)?.subset;
  // As istiod's getSubSetLabels: an unknown subset, or one without labels, selects every endpoint.
  const labels =
    subset?.labels !== undefined && Object.keys(subset.labels).length > 0 ? subset.labels : undefined;
  const policy = subsetPolicyForPort(merged?.trafficPolicy, subset?.trafficPolicy, port.port);
  const endpoints = clusterEndpoints(push.registry, service, port.port, labels, true);
  return loadAssignmentOf(
    name,
    endpoints,
    proxy,
    effectiveLocalitySetting(policy?.loadBalancer),
    policy?.outlierDetection !== undefined,
  );
}

/** The service of a hostname as the proxy sees it: its scope's, else the registry's. */
function findService(proxy: MeshProxy, push: PushContext, hostname: string): MeshService | undefined {
  return (
    push.sidecarScope(proxy).serviceByHost.get(hostname) ?? push.registry.service(hostname, proxy.namespace)
  );
}
