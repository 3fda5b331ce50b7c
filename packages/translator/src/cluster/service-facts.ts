// What cluster building needs to know about a service beyond its MeshService: how Envoy discovers its
// endpoints, the identities of its workloads, and the mTLS mode Istio infers for it.
import type {
  ClusterLoadAssignment,
  LoadedResource,
  MeshService,
  MeshServicePort,
  PeerAuthentication,
  Registry,
  ServiceEntry,
} from '@minimesh/model';
import { workloadTlsMode } from '../endpoint/lb-endpoints.js';
import type { MeshConfig } from '../mesh-config.js';
import type { ProxyType } from '../proxy.js';
import { spiffeIdentity, TLS_MODE_DISABLED } from './cluster-names.js';
import type { ServiceMtlsMode } from './upstream-tls.js';

export type DiscoveryType = 'EDS' | 'STRICT_DNS' | 'LOGICAL_DNS' | 'ORIGINAL_DST' | 'STATIC';

/**
 * istiod's convertResolution: ClientSideLB (Kubernetes Services, ServiceEntry STATIC since Istio 1.9) -> EDS;
 * DNS -> STRICT_DNS; DNSRoundRobin -> LOGICAL_DNS; Passthrough (headless, ServiceEntry NONE) -> ORIGINAL_DST for
 * sidecars (PILOT_ENABLE_EDS_FOR_HEADLESS_SERVICES is off by default) and EDS for gateways, which cannot use the
 * original destination. Undefined for wildcard DYNAMIC_DNS entries (a dynamic forward proxy cluster, which
 * minimesh does not build); a DYNAMIC_DNS entry with a plain host is EDS, as istiod's default case.
 */
export function discoveryTypeOf(service: MeshService, proxyType: ProxyType): DiscoveryType | undefined {
  switch (service.resolution) {
    case 'ClientSideLB':
      return 'EDS';
    case 'DNS':
      return 'STRICT_DNS';
    case 'DNSRoundRobin':
      return 'LOGICAL_DNS';
    case 'Passthrough':
      return proxyType === 'router' ? 'EDS' : 'ORIGINAL_DST';
    case 'DynamicDNS':
      return service.hostname.startsWith('*') ? undefined : 'EDS';
  }
}

/**
 * The port an ORIGINAL_DST cluster of a headless Kubernetes Service connects to when its targetPort differs from
 * the service port (istiod's PassthroughTargetPorts), else undefined.
 */
export function passthroughTargetPort(service: MeshService, port: MeshServicePort): number | undefined {
  if (service.source !== 'kubernetes' || service.resolution !== 'Passthrough') return undefined;
  return typeof port.targetPort === 'number' && port.targetPort !== port.port ? port.targetPort : undefined;
}

/**
 * SPIFFE identities of the service's workloads, sorted (istiod's PushContext.ServiceAccounts), plus a
 * ServiceEntry's subjectAltNames.
 */
export function serviceAccountsOf(registry: Registry, service: MeshService, mesh: MeshConfig): string[] {
  const out = new Set<string>();
  for (const ep of registry.serviceEndpoints(service)) {
    const sa = ep.instance.serviceAccount;
    if (sa !== '') out.add(spiffeIdentity(mesh.trustDomain, ep.instance.namespace, sa));
  }
  if (service.source === 'serviceentry') {
    const entry = registry.resource(service.originKey) as LoadedResource<ServiceEntry> | undefined;
    for (const san of entry?.object.spec.subjectAltNames ?? []) out.add(san);
  }
  return [...out].sort();
}

/**
 * istiod's BestEffortInferServiceMTLSMode: unknown for services outside the mesh; for passthrough (headless, or a
 * rule's `simple: PASSTHROUGH`) disabled unless every endpoint of the port runs a sidecar; else the mode of the
 * namespace's PeerAuthentication, else the mesh-wide one (root namespace), else permissive.
 */
export function inferMtlsMode(
  registry: Registry,
  service: MeshService,
  port: number,
  passthroughLb: boolean,
): ServiceMtlsMode {
  if (service.location === 'MeshExternal') return 'unknown';
  if (service.resolution === 'Passthrough' || passthroughLb) {
    const eps = registry.endpointsFor(service.hostname, port, undefined, service.namespace);
    if (eps.length === 0 || eps.some((ep) => workloadTlsMode(ep.instance) === TLS_MODE_DISABLED))
      return 'disable';
  }
  const policies = registry.peerAuthenticationsFor(service.namespace, {});
  const mode = (ns: string) => modeOf(policies.filter((p) => p.namespace === ns));
  return mode(service.namespace) ?? mode(registry.rootNamespace) ?? 'permissive';
}

function modeOf(policies: readonly LoadedResource<PeerAuthentication>[]): ServiceMtlsMode | undefined {
  for (const p of policies) {
    if (Object.keys(p.object.spec?.selector?.matchLabels ?? {}).length > 0) continue;
    switch (p.object.spec?.mtls?.mode) {
      case 'STRICT':
        return 'strict';
      case 'PERMISSIVE':
        return 'permissive';
      case 'DISABLE':
        return 'disable';
      default:
        return undefined;
    }
  }
  return undefined;
}

/** A ClusterLoadAssignment with no endpoints (what EDS sends for a cluster nothing backs). */
export function emptyLoadAssignment(clusterName: string): ClusterLoadAssignment {
  return { cluster_name: clusterName };
}
