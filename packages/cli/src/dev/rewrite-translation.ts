// The whole post-translation rewrite for one proxy (see address-plan.ts): what istiod would send, made reachable on
// 127.0.0.1. Endpoints (EDS, and clusters' own load_assignment) of planned pods go to their inbound capture ports;
// a sidecar's own inbound clusters go to its app's local ports. Listeners and routes are istiod's, unchanged (the
// proxy's port table and inbound capture stand in for binding pod addresses and for iptables). Pure.

import type { Translation } from '@minimesh/translator';
import type { SnapshotResources } from '@minimesh/xds-server';
import type { AddressPlan, InstanceAddresses } from './address-plan.js';
import { type EndpointMap, rewriteClusterAssignments, rewriteEndpoints } from './rewrite-endpoints.js';
import { rewriteInboundClusters } from './rewrite-inbound.js';

/** The snapshot resources of `translation` for the proxy of `self` (undefined: a proxy the plan does not know). */
export function localResources(
  translation: Translation,
  plan: AddressPlan,
  self: InstanceAddresses | undefined,
): SnapshotResources {
  const map: EndpointMap = (ip, port) => plan.inboundPort(ip, port);
  let clusters = rewriteClusterAssignments(translation.clusters, map);
  if (self !== undefined && self.kind === 'sidecar')
    clusters = rewriteInboundClusters(clusters, (port) => self.appPorts[port]);
  return {
    clusters,
    endpoints: rewriteEndpoints(translation.endpoints, map),
    listeners: translation.listeners,
    routes: translation.routes,
    secrets: translation.secrets ?? [],
  };
}
