// Which endpoints of a service port a cluster gets (istiod's EndpointBuilder filters), and their locality
// groups with a DestinationRule's locality load balancing applied. Shared by EDS and by DNS clusters, whose
// endpoints are inline in the cluster.

import { isIP } from 'node:net';
import {
  type ClusterLoadAssignment,
  localityFromLabels,
  type MeshService,
  parseLocality,
  type Registry,
  type ServiceEndpoint,
} from '@minimesh/model';
import type { MeshProxy } from '../proxy.js';
import { groupByLocality } from './lb-endpoints.js';
import { applyLocalityLb, type LocalitySetting, type ProxyLocality } from './locality-lb.js';

/**
 * The proxy's locality, from its labels: `istio-locality` (`region.zone.subzone`), else the topology labels
 * `topology.kubernetes.io/region`, `topology.kubernetes.io/zone`, `topology.istio.io/subzone` (Istio reads these
 * from the pod's Node; minimesh has no Nodes, so it reads them from the proxy's own labels).
 */
export function proxyLocality(proxy: MeshProxy): ProxyLocality {
  return parseLocality(localityFromLabels(proxy.labels));
}

/**
 * The endpoints of `service` on port `port` whose labels include `subsetLabels`, as istiod keeps them: not
 * without an address, not unhealthy (only services that publish not-ready addresses keep those, which the
 * registry does not model) and, for EDS, only IP addresses or unix sockets (EDS cannot carry DNS names).
 */
export function clusterEndpoints(
  registry: Registry,
  service: MeshService,
  port: number,
  subsetLabels: Readonly<Record<string, string>> | undefined,
  eds: boolean,
): ServiceEndpoint[] {
  return registry
    .endpointsFor(service.hostname, port, subsetLabels, service.namespace)
    .filter(
      (ep) =>
        ep.address !== '' &&
        ep.instance.healthy &&
        (!eds || ep.port === 0 || ep.address.startsWith('unix://') || isIP(ep.address) !== 0),
    );
}

/**
 * A ClusterLoadAssignment of `endpoints`, grouped by locality, with `locality` applied relative to the proxy
 * (failover only when `outlierDetection` is on).
 */
export function loadAssignmentOf(
  clusterName: string,
  endpoints: readonly ServiceEndpoint[],
  proxy: MeshProxy,
  locality: LocalitySetting | undefined,
  outlierDetection: boolean,
): ClusterLoadAssignment {
  const groups = groupByLocality(endpoints);
  if (groups.length === 0) return { cluster_name: clusterName };
  const cla: ClusterLoadAssignment = { cluster_name: clusterName, endpoints: groups.map((g) => g.endpoints) };
  if (locality !== undefined)
    applyLocalityLb(cla, groups, proxyLocality(proxy), proxy.labels, locality, outlierDetection);
  return cla;
}
