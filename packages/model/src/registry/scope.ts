// Istio's scoping of configs to proxies (pilot/pkg/model push_context.go, sidecar.go, policyattachment.go,
// authentication.go): which VirtualServices a namespace (and a gateway) sees, which Sidecar a workload gets,
// which Gateways a gateway workload serves, and which EnvoyFilters and security policies attach to a workload.
// Results are in namespace/name order (Istio orders by creation time, then name; manifests carry no creation
// time we can trust), except EnvoyFilters, which Istio orders by priority first.
import type { LoadedResource } from '../loader/loaded-resource.js';
import type { AuthorizationPolicy } from '../schema/istio/authorization-policy.js';
import type { EnvoyFilter } from '../schema/istio/envoy-filter.js';
import type { Gateway } from '../schema/istio/gateway.js';
import type { PeerAuthentication } from '../schema/istio/peer-authentication.js';
import type { RequestAuthentication } from '../schema/istio/request-authentication.js';
import type { Sidecar } from '../schema/istio/sidecar.js';
import type { VirtualService } from '../schema/istio/virtual-service.js';
import {
  DEFAULT_DOMAIN_SUFFIX,
  hostsIntersect,
  MESH_GATEWAY_NAME,
  resolveGatewayName,
  resolveShortName,
} from './hostname.js';
import { labelsMatch, type MeshLabels, MeshWellKnown } from './labels.js';
import { compareByNamespaceName, namespaceOf } from './mesh-kinds.js';
import { isExportedTo, normalizeExportTo } from './visibility.js';

/** Configs of one kind in one namespace, in namespace/name order. */
export type ConfigsIn<T> = (namespace: string) => readonly LoadedResource<T>[];

/** The gateways a VirtualService binds to, as `ns/name` or `mesh` (the default when it names none). */
export function virtualServiceGateways(vs: LoadedResource<VirtualService>): readonly string[] {
  const names = vs.object.spec.gateways ?? [];
  if (names.length === 0) return [MESH_GATEWAY_NAME];
  return names.map((g) => resolveGatewayName(g, namespaceOf(vs)));
}

/** A VirtualService's hosts with short names resolved in its namespace. */
export function virtualServiceHosts(
  vs: LoadedResource<VirtualService>,
  domainSuffix = DEFAULT_DOMAIN_SUFFIX,
): readonly string[] {
  return (vs.object.spec.hosts ?? []).map((h) => resolveShortName(h, namespaceOf(vs), domainSuffix));
}

/**
 * The VirtualServices proxies of `namespace` use for `gateway`: `mesh` (sidecars, the default), or a gateway as
 * `ns/name` (a bare name is taken in `namespace`). A VirtualService applies when one of its gateways, resolved in
 * its own namespace (`name`, `./name`, `ns/name`, legacy `name.ns.svc...`), is that gateway, and its exportTo
 * (default `*`) includes `namespace`.
 */
export function selectVirtualServices(
  all: readonly LoadedResource<VirtualService>[],
  namespace: string,
  gateway: string = MESH_GATEWAY_NAME,
): LoadedResource<VirtualService>[] {
  const target = resolveGatewayName(gateway, namespace);
  return all.filter(
    (vs) =>
      virtualServiceGateways(vs).includes(target) &&
      isExportedTo(normalizeExportTo(vs.object.spec.exportTo), namespaceOf(vs), namespace),
  );
}

/** Of `selected` VirtualServices, those with a host (resolved) that intersects `hostname` (wildcards allowed). */
export function virtualServicesForHost(
  selected: readonly LoadedResource<VirtualService>[],
  hostname: string,
  domainSuffix = DEFAULT_DOMAIN_SUFFIX,
): LoadedResource<VirtualService>[] {
  return selected.filter((vs) =>
    virtualServiceHosts(vs, domainSuffix).some((h) => hostsIntersect(h, hostname)),
  );
}

/**
 * The Sidecar of a workload (Istio's doGetSidecarScope for sidecar proxies): the first Sidecar of its namespace
 * whose workloadSelector labels are all on the workload; else the namespace's Sidecar without selector; else the
 * root namespace's Sidecar without selector (the mesh default); else none.
 */
export function selectSidecar(
  inNamespace: ConfigsIn<Sidecar>,
  namespace: string,
  labels: MeshLabels,
  rootNamespace: string,
): LoadedResource<Sidecar> | undefined {
  const own = inNamespace(namespace);
  const selected = own.find(
    (s) =>
      s.object.spec.workloadSelector !== undefined &&
      labelsMatch(s.object.spec.workloadSelector.labels, labels),
  );
  if (selected !== undefined) return selected;
  const fallback = own.find((s) => s.object.spec.workloadSelector === undefined);
  if (fallback !== undefined) return fallback;
  return inNamespace(rootNamespace).find((s) => s.object.spec.workloadSelector === undefined);
}

/**
 * The Gateways served by a gateway workload with `labels`: those whose selector labels are all on it (an empty
 * selector selects every gateway workload), in every namespace, or only in `namespace` when given (istiod's
 * PILOT_SCOPE_GATEWAY_TO_NAMESPACE).
 */
export function selectGateways(
  all: readonly LoadedResource<Gateway>[],
  labels: MeshLabels,
  namespace?: string,
): LoadedResource<Gateway>[] {
  return all.filter(
    (g) =>
      (namespace === undefined || namespaceOf(g) === namespace) &&
      labelsMatch(g.object.spec.selector, labels),
  );
}

interface Targetable {
  readonly selector?: { readonly matchLabels?: MeshLabels | undefined } | undefined;
  readonly targetRef?: { readonly kind: string; readonly name: string; readonly group?: string | undefined };
  readonly targetRefs?: readonly {
    readonly kind: string;
    readonly name: string;
    readonly group?: string | undefined;
  }[];
}

/**
 * Istio's WorkloadPolicyMatcher.ShouldAttachPolicy for a workload that is not a waypoint. For an ordinary
 * workload, a policy with targetRefs never attaches, else its selector must match. For a Gateway API gateway pod
 * (label `gateway.networking.k8s.io/gateway-name`), a policy with targetRefs attaches when one names that Gateway
 * in the policy's namespace, which must be the workload's; without targetRefs the selector decides.
 */
export function policyAttaches(
  policy: Targetable,
  policyNamespace: string,
  workloadNamespace: string,
  labels: MeshLabels,
): boolean {
  const refs = policy.targetRefs ?? (policy.targetRef === undefined ? [] : [policy.targetRef]);
  const gatewayName = labels[MeshWellKnown.gatewayNameLabel];
  if (refs.length === 0) return labelsMatch(policy.selector?.matchLabels, labels);
  if (gatewayName === undefined || policyNamespace !== workloadNamespace) return false;
  return refs.some(
    (ref) =>
      ref.kind === 'Gateway' && (ref.group ?? '') === 'gateway.networking.k8s.io' && ref.name === gatewayName,
  );
}

/** Configs of the root namespace, then of `namespace` (once when they are the same). */
function rootAndOwn<T>(
  inNamespace: ConfigsIn<T>,
  namespace: string,
  rootNamespace: string,
): LoadedResource<T>[] {
  return namespace === rootNamespace
    ? [...inNamespace(namespace)]
    : [...inNamespace(rootNamespace), ...inNamespace(namespace)];
}

/**
 * EnvoyFilters of the root namespace and of the workload's namespace that attach to it (workloadSelector labels
 * all on the workload; targetRefs as for policies), by priority (lower first), root namespace first, then
 * namespace/name.
 */
export function selectEnvoyFilters(
  inNamespace: ConfigsIn<EnvoyFilter>,
  namespace: string,
  labels: MeshLabels,
  rootNamespace: string,
): LoadedResource<EnvoyFilter>[] {
  const out = rootAndOwn(inNamespace, namespace, rootNamespace).filter((f) => {
    const spec = f.object.spec;
    const selector =
      spec.workloadSelector === undefined ? undefined : { matchLabels: spec.workloadSelector.labels };
    return policyAttaches({ selector, targetRefs: spec.targetRefs }, namespaceOf(f), namespace, labels);
  });
  return out.sort((a, b) => {
    const pa = a.object.spec.priority ?? 0;
    const pb = b.object.spec.priority ?? 0;
    if (pa !== pb) return pa - pb;
    const ra = namespaceOf(a) === rootNamespace;
    if (ra !== (namespaceOf(b) === rootNamespace)) return ra ? -1 : 1;
    return compareByNamespaceName(a, b);
  });
}

/** PeerAuthentications of the workload's namespace and the root namespace whose selector matches it. */
export function selectPeerAuthentications(
  inNamespace: ConfigsIn<PeerAuthentication>,
  namespace: string,
  labels: MeshLabels,
  rootNamespace: string,
): LoadedResource<PeerAuthentication>[] {
  return rootAndOwn(inNamespace, namespace, rootNamespace)
    .filter((p) => labelsMatch(p.object.spec?.selector?.matchLabels, labels))
    .sort(compareByNamespaceName);
}

/** AuthorizationPolicies or RequestAuthentications of the root and the workload's namespace that attach to it. */
export function selectWorkloadPolicies<T extends AuthorizationPolicy | RequestAuthentication>(
  inNamespace: ConfigsIn<T>,
  namespace: string,
  labels: MeshLabels,
  rootNamespace: string,
): LoadedResource<T>[] {
  return rootAndOwn(inNamespace, namespace, rootNamespace)
    .filter((p) => policyAttaches(p.object.spec ?? {}, namespaceOf(p), namespace, labels))
    .sort(compareByNamespaceName);
}
