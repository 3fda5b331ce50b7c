// The kinds the registry interprets, by the key the schema uses (`kindKey(group, kind)`: `Service` for the core
// group, `networking.istio.io/VirtualService` otherwise). `Registry.configs(kind)` takes these keys.
import type { LoadedResource } from '../loader/loaded-resource.js';
import type { AuthorizationPolicy } from '../schema/istio/authorization-policy.js';
import type { DestinationRule } from '../schema/istio/destination-rule.js';
import type { EnvoyFilter } from '../schema/istio/envoy-filter.js';
import type { Gateway } from '../schema/istio/gateway.js';
import type { PeerAuthentication } from '../schema/istio/peer-authentication.js';
import type { RequestAuthentication } from '../schema/istio/request-authentication.js';
import type { ServiceEntry } from '../schema/istio/service-entry.js';
import type { Sidecar } from '../schema/istio/sidecar.js';
import type { VirtualService } from '../schema/istio/virtual-service.js';
import type { WorkloadEntry } from '../schema/istio/workload-entry.js';
import { kindKey } from '../schema/kind-definition.js';
import type { EndpointSlice, Endpoints } from '../schema/kube/endpoints.js';
import type { Namespace } from '../schema/kube/namespace.js';
import type { Pod } from '../schema/kube/pod.js';
import type { Service } from '../schema/kube/service.js';

export const MeshKind = {
  Namespace: 'Namespace',
  Service: 'Service',
  Pod: 'Pod',
  Endpoints: 'Endpoints',
  EndpointSlice: 'discovery.k8s.io/EndpointSlice',
  ServiceEntry: 'networking.istio.io/ServiceEntry',
  WorkloadEntry: 'networking.istio.io/WorkloadEntry',
  VirtualService: 'networking.istio.io/VirtualService',
  DestinationRule: 'networking.istio.io/DestinationRule',
  Gateway: 'networking.istio.io/Gateway',
  Sidecar: 'networking.istio.io/Sidecar',
  EnvoyFilter: 'networking.istio.io/EnvoyFilter',
  PeerAuthentication: 'security.istio.io/PeerAuthentication',
  AuthorizationPolicy: 'security.istio.io/AuthorizationPolicy',
  RequestAuthentication: 'security.istio.io/RequestAuthentication',
} as const;
export type MeshKind = (typeof MeshKind)[keyof typeof MeshKind];

/** The object type of each MeshKind, so `configs(MeshKind.VirtualService)` is typed. */
export interface MeshKindObjects {
  Namespace: Namespace;
  Service: Service;
  Pod: Pod;
  Endpoints: Endpoints;
  'discovery.k8s.io/EndpointSlice': EndpointSlice;
  'networking.istio.io/ServiceEntry': ServiceEntry;
  'networking.istio.io/WorkloadEntry': WorkloadEntry;
  'networking.istio.io/VirtualService': VirtualService;
  'networking.istio.io/DestinationRule': DestinationRule;
  'networking.istio.io/Gateway': Gateway;
  'networking.istio.io/Sidecar': Sidecar;
  'networking.istio.io/EnvoyFilter': EnvoyFilter;
  'security.istio.io/PeerAuthentication': PeerAuthentication;
  'security.istio.io/AuthorizationPolicy': AuthorizationPolicy;
  'security.istio.io/RequestAuthentication': RequestAuthentication;
}

/** The object type of a kind key: the schema type for MeshKinds, unknown for any other kind. */
export type MeshKindObject<K extends string> = K extends keyof MeshKindObjects ? MeshKindObjects[K] : unknown;

/** The kind key of a loaded resource. */
export function kindOf(r: Pick<LoadedResource, 'group' | 'kind'>): string {
  return kindKey(r.group, r.kind);
}

/**
 * True when the registry can read `r` as `kind`: the kind matches and the loader validated the object (`known`).
 * Objects of kinds the loader did not know are kept (see `Registry.resource`) but never interpreted, since their
 * shape was not checked.
 */
export function isKind(r: LoadedResource, kind: MeshKind): boolean {
  return r.known && kindOf(r) === kind;
}

/** `r` typed as the kind's object; call only after `isKind`. */
export function typed<T>(r: LoadedResource): LoadedResource<T> {
  return r as LoadedResource<T>;
}

/** The namespace of a namespaced resource ('' never happens for those: the loader defaults it). */
export function namespaceOf(r: Pick<LoadedResource, 'namespace'>): string {
  return r.namespace ?? '';
}

/**
 * The registry's stable order of configs: namespace, then name. Istio orders by creation time first; loaded
 * manifests have none we can trust, so namespace/name is the whole order.
 */
export function compareByNamespaceName(
  a: Pick<LoadedResource, 'namespace' | 'name'>,
  b: Pick<LoadedResource, 'namespace' | 'name'>,
): number {
  const an = a.namespace ?? '';
  const bn = b.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
