// The registry: the mesh's view of the world at one version, built from loaded resources (and workloads the
// caller runs). It is immutable: no method changes what any method returns; `apply` yields a new version and the
// list of what changed, so a push can be incremental. Internal indexes are private and built lazily where costly
// (endpoints per service, the DestinationRule index); every array and object handed out is frozen.
import { type LoadedResource, resourceKey } from '../loader/loaded-resource.js';
import type { AuthorizationPolicy } from '../schema/istio/authorization-policy.js';
import type { EnvoyFilter } from '../schema/istio/envoy-filter.js';
import type { Gateway } from '../schema/istio/gateway.js';
import type { PeerAuthentication } from '../schema/istio/peer-authentication.js';
import type { RequestAuthentication } from '../schema/istio/request-authentication.js';
import type { Sidecar } from '../schema/istio/sidecar.js';
import type { VirtualService } from '../schema/istio/virtual-service.js';
import { affectedHostnames } from './changes.js';
import { ConfigIndex } from './config-index.js';
import { DerivationCache } from './derive.js';
import { DestinationRuleIndex, type MeshDestinationRuleMatch } from './destination-rules.js';
import {
  buildEndpointSources,
  computeEndpoints,
  type EndpointSources,
  type ServiceEndpoint,
} from './endpoints.js';
import { RegistryError, RegistryErrorCode } from './errors.js';
import { DEFAULT_DOMAIN_SUFFIX, isWildcardHost, MESH_GATEWAY_NAME } from './hostname.js';
import { deepFreeze } from './immutable.js';
import { instancesFromInputs, type WorkloadInput, type WorkloadInstance } from './instances.js';
import { labelsMatch, type MeshLabels } from './labels.js';
import { compareByNamespaceName, MeshKind, type MeshKindObject } from './mesh-kinds.js';
import { diffResources, type RegistryChange, type RegistryUpdate } from './registry-update.js';
import {
  selectEnvoyFilters,
  selectGateways,
  selectPeerAuthentications,
  selectSidecar,
  selectVirtualServices,
  selectWorkloadPolicies,
  virtualServicesForHost,
} from './scope.js';
import { type MeshService, meshServiceKey } from './service.js';
import { ServiceIndex } from './service-index.js';
import { indexVirtualServices, type VirtualServiceSelection } from './virtual-service-selection.js';

export interface RegistryOptions {
  /** Cluster domain of Service FQDNs; `cluster.local` when absent. */
  readonly domainSuffix?: string;
  /** Istio's config root namespace (mesh-wide DestinationRules, Sidecar, policies); `istio-system` when absent. */
  readonly rootNamespace?: string;
  /** Workloads the caller runs (e.g. `mesh dev`'s local replicas); they are selected like pods. */
  readonly workloads?: readonly WorkloadInput[];
}

export interface RegistryApplyResult {
  /** The next version, or this registry itself when nothing changed. */
  readonly registry: Registry;
  readonly changes: readonly RegistryChange[];
}

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * Builds version 1 of a registry. Resources are deep-frozen in place (the registry shares them, never copies);
 * only validated (`known`) resources are interpreted, the others are kept for `resource()`. Throws RegistryError
 * for two resources with one resourceKey, bad options, or bad workloads.
 */
export function buildRegistry(resources: readonly LoadedResource[], options: RegistryOptions = {}): Registry {
  return Registry.build(resources, options);
}

interface RegistryInit {
  readonly version: number;
  readonly domainSuffix: string;
  readonly rootNamespace: string;
  readonly resources: ReadonlyMap<string, LoadedResource>;
  readonly workloads: readonly WorkloadInstance[];
  readonly cache: DerivationCache | undefined;
}

export class Registry {
  /** 1 for a built registry, +1 for each apply that changed something. */
  readonly version: number;
  readonly domainSuffix: string;
  readonly rootNamespace: string;
  readonly #resources: ReadonlyMap<string, LoadedResource>;
  readonly #workloads: readonly WorkloadInstance[];
  readonly #cache: DerivationCache;
  readonly #configs: ConfigIndex;
  readonly #services: ServiceIndex;
  readonly #instances: readonly WorkloadInstance[];
  // Lazy, derived only from the fields above: filling them never changes a result.
  #sources: EndpointSources | undefined;
  readonly #endpoints = new Map<string, readonly ServiceEndpoint[]>();
  #destinationRules: DestinationRuleIndex | undefined;
  readonly #vsSelections = new Map<string, VirtualServiceSelection>();

  private constructor(init: RegistryInit) {
    this.version = init.version;
    this.domainSuffix = init.domainSuffix;
    this.rootNamespace = init.rootNamespace;
    this.#resources = init.resources;
    this.#workloads = init.workloads;
    const cache = init.cache ?? new DerivationCache(init.domainSuffix);
    this.#cache = cache;
    this.#configs = new ConfigIndex(init.resources.values());
    const declaring = [...this.#configs.of(MeshKind.Service), ...this.#configs.of(MeshKind.ServiceEntry)];
    this.#services = new ServiceIndex(declaring.flatMap((r) => cache.services(r)));
    const listed = [MeshKind.Pod, MeshKind.WorkloadEntry, MeshKind.ServiceEntry].flatMap((k) =>
      this.#configs.of(k).flatMap((r) => cache.instances(r)),
    );
    this.#instances = Object.freeze([...listed, ...this.#workloads].sort(compareByNamespaceName));
    // Immutable at run time too: `version` and the other public fields cannot be reassigned. (Private fields,
    // which hold lazily built indexes, are not affected by freezing.)
    Object.freeze(this);
  }

  /** Version 1 of a registry: see buildRegistry. */
  static build(resources: readonly LoadedResource[], options: RegistryOptions = {}): Registry {
    const domainSuffix = options.domainSuffix ?? DEFAULT_DOMAIN_SUFFIX;
    const rootNamespace = options.rootNamespace ?? 'istio-system';
    if (domainSuffix === '' || rootNamespace === '')
      throw new RegistryError(
        RegistryErrorCode.InvalidOption,
        'expected a non-empty domainSuffix and rootNamespace',
      );
    const map = new Map<string, LoadedResource>();
    for (const r of resources) {
      const key = resourceKey(r);
      if (map.has(key))
        throw new RegistryError(
          RegistryErrorCode.Duplicate,
          `resource ${key} is given twice; expected unique resources`,
        );
      map.set(key, deepFreeze(r));
    }
    const workloads = instancesFromInputs(options.workloads ?? []);
    return new Registry({
      version: 1,
      domainSuffix,
      rootNamespace,
      resources: map,
      workloads,
      cache: undefined,
    });
  }

  // ---- resources and services

  /** The resource with this resourceKey (validated or not). */
  resource(key: string): LoadedResource | undefined {
    return this.#resources.get(key);
  }

  /** Every resource, in the order given (upserts of new keys last). */
  resources(): readonly LoadedResource[] {
    return Object.freeze([...this.#resources.values()]);
  }

  /** Validated resources of a kind key (`MeshKind.VirtualService`, `apps/Deployment`...), namespace/name order. */
  configs<K extends string>(kind: K): readonly LoadedResource<MeshKindObject<K>>[] {
    return this.#configs.of(kind) as readonly LoadedResource<MeshKindObject<K>>[];
  }

  /** Validated resources of a kind in one namespace, by name. */
  configsIn<K extends string>(kind: K, namespace: string): readonly LoadedResource<MeshKindObject<K>>[] {
    return this.#configs.in(kind, namespace) as readonly LoadedResource<MeshKindObject<K>>[];
  }

  /**
   * The service of `hostname`. With `fromNamespace`, the one visible from there (its own namespace's first);
   * without, the Kubernetes Service, else the first by namespace.
   */
  service(hostname: string, fromNamespace?: string): MeshService | undefined {
    return this.#services.pick(hostname, fromNamespace);
  }

  /** Every service, by hostname then namespace. */
  services(): readonly MeshService[] {
    return this.#services.all;
  }

  servicesInNamespace(namespace: string): readonly MeshService[] {
    return this.#services.inNamespace(namespace);
  }

  /** Services proxies of `namespace` can see (exportTo `*`, `.` from their own namespace, or naming it). */
  visibleServices(namespace: string): readonly MeshService[] {
    return this.#services.visibleFrom(namespace);
  }

  // ---- instances and endpoints

  /** Pods with an IP, WorkloadEntries, ServiceEntry endpoints and caller workloads, by namespace and name. */
  instances(): readonly WorkloadInstance[] {
    return this.#instances;
  }

  /** Every endpoint of `service` (a service of this registry), port by port. */
  serviceEndpoints(service: MeshService): readonly ServiceEndpoint[] {
    const key = meshServiceKey(service);
    let eps = this.#endpoints.get(key);
    if (eps === undefined) {
      eps = computeEndpoints(service, this.#endpointSources());
      this.#endpoints.set(key, eps);
    }
    return eps;
  }

  /**
   * Endpoints of the service `hostname` (in `namespace`, else as `service(hostname)` picks) on the service port
   * with this number or name, whose instance labels include `subsetLabels` (a DestinationRule subset).
   */
  endpointsFor(
    hostname: string,
    port: number | string,
    subsetLabels?: MeshLabels,
    namespace?: string,
  ): readonly ServiceEndpoint[] {
    const list = this.#services.withHostname(hostname);
    const svc = namespace === undefined ? list[0] : list.find((s) => s.namespace === namespace);
    if (svc === undefined) return EMPTY;
    const match = (e: ServiceEndpoint) =>
      (typeof port === 'number' ? e.servicePort.port === port : e.servicePort.name === port) &&
      labelsMatch(subsetLabels, e.instance.labels);
    return Object.freeze(this.serviceEndpoints(svc).filter(match));
  }

  #endpointSources(): EndpointSources {
    if (this.#sources !== undefined) return this.#sources;
    const entries = new Map<string, readonly WorkloadInstance[]>();
    for (const r of this.configs(MeshKind.ServiceEntry))
      entries.set(resourceKey(r), this.#cache.instances(r));
    const endpoints = this.configs(MeshKind.Endpoints);
    const slices = this.configs(MeshKind.EndpointSlice);
    this.#sources = buildEndpointSources(this.#instances, endpoints, slices, entries);
    return this.#sources;
  }

  // ---- config scoping (see scope.ts and destination-rules.ts for Istio's rules)

  /** VirtualServices proxies of `namespace` use for `gateway` (`mesh`, the default, or `ns/name`). */
  virtualServicesFor(
    namespace: string,
    gateway: string = MESH_GATEWAY_NAME,
  ): readonly LoadedResource<VirtualService>[] {
    return this.#vsSelection(namespace, gateway).all;
  }

  /** Of virtualServicesFor(namespace, gateway), those with a host that intersects `hostname`. */
  virtualServicesForHost(
    namespace: string,
    hostname: string,
    gateway: string = MESH_GATEWAY_NAME,
  ): readonly LoadedResource<VirtualService>[] {
    const selection = this.#vsSelection(namespace, gateway);
    if (isWildcardHost(hostname))
      return Object.freeze(virtualServicesForHost(selection.all, hostname, this.domainSuffix));
    // Exact hosts intersect only when equal: the index answers those; wildcard VirtualServices are tested.
    const exact = selection.byHost.get(hostname) ?? [];
    const wild = selection.wildcards.filter(
      (vs) => virtualServicesForHost([vs], hostname, this.domainSuffix).length > 0,
    );
    if (wild.length === 0) return exact;
    const order = selection.order;
    return Object.freeze(
      [...new Set([...exact, ...wild])].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
    );
  }

  /**
   * The VirtualServices of one namespace and gateway, indexed by resolved exact host, memoized: the registry is
   * immutable, and translation asks this once per service per proxy.
   */
  #vsSelection(namespace: string, gateway: string): VirtualServiceSelection {
    const key = `${namespace}\u0000${gateway}`;
    const cached = this.#vsSelections.get(key);
    if (cached !== undefined) return cached;
    const selection = indexVirtualServices(
      selectVirtualServices(this.configs(MeshKind.VirtualService), namespace, gateway),
      this.domainSuffix,
    );
    this.#vsSelections.set(key, selection);
    return selection;
  }

  /** The DestinationRules a proxy of `proxyNamespace` (with `proxyLabels`) uses for the service `hostname`. */
  destinationRuleFor(
    proxyNamespace: string,
    hostname: string,
    proxyLabels?: MeshLabels,
  ): MeshDestinationRuleMatch | undefined {
    this.#destinationRules ??= new DestinationRuleIndex(
      this.configs(MeshKind.DestinationRule),
      this.rootNamespace,
      this.domainSuffix,
    );
    const svc = this.service(hostname, proxyNamespace) ?? this.service(hostname);
    return this.#destinationRules.lookup(proxyNamespace, hostname, svc?.namespace ?? '', proxyLabels);
  }

  /** The Sidecar of a workload of `namespace` with `labels`: selected, else namespace default, else root's. */
  sidecarFor(namespace: string, labels: MeshLabels): LoadedResource<Sidecar> | undefined {
    return selectSidecar((ns) => this.configsIn(MeshKind.Sidecar, ns), namespace, labels, this.rootNamespace);
  }

  /** Istio Gateways a gateway workload with `labels` serves (only those of `namespace`, when given). */
  gatewaysFor(labels: MeshLabels, namespace?: string): readonly LoadedResource<Gateway>[] {
    return Object.freeze(selectGateways(this.configs(MeshKind.Gateway), labels, namespace));
  }

  /** EnvoyFilters of the root and the workload's namespace that attach to it, by priority (see scope.ts). */
  envoyFiltersFor(namespace: string, labels: MeshLabels): readonly LoadedResource<EnvoyFilter>[] {
    const inNs = (ns: string) => this.configsIn(MeshKind.EnvoyFilter, ns);
    return Object.freeze(selectEnvoyFilters(inNs, namespace, labels, this.rootNamespace));
  }

  /** PeerAuthentications of the root and the workload's namespace whose selector matches it. */
  peerAuthenticationsFor(
    namespace: string,
    labels: MeshLabels,
  ): readonly LoadedResource<PeerAuthentication>[] {
    const inNs = (ns: string) => this.configsIn(MeshKind.PeerAuthentication, ns);
    return Object.freeze(selectPeerAuthentications(inNs, namespace, labels, this.rootNamespace));
  }

  /** AuthorizationPolicies of the root and the workload's namespace that attach to it (selector or targetRefs). */
  authorizationPoliciesFor(
    namespace: string,
    labels: MeshLabels,
  ): readonly LoadedResource<AuthorizationPolicy>[] {
    const inNs = (ns: string) => this.configsIn(MeshKind.AuthorizationPolicy, ns);
    return Object.freeze(selectWorkloadPolicies(inNs, namespace, labels, this.rootNamespace));
  }

  /** RequestAuthentications of the root and the workload's namespace that attach to it. */
  requestAuthenticationsFor(
    namespace: string,
    labels: MeshLabels,
  ): readonly LoadedResource<RequestAuthentication>[] {
    const inNs = (ns: string) => this.configsIn(MeshKind.RequestAuthentication, ns);
    return Object.freeze(selectWorkloadPolicies(inNs, namespace, labels, this.rootNamespace));
  }

  // ---- change

  /**
   * Applies upserts and removals (by resourceKey). An upsert deep-equal to the current resource and a removal of
   * an absent key are no changes; when nothing changes the result is this registry. Throws RegistryError when a key
   * is both upserted and removed, or upserted twice.
   */
  apply(update: RegistryUpdate): RegistryApplyResult {
    const diff = diffResources(this.#resources, update);
    if (diff.length === 0) return Object.freeze({ registry: this, changes: EMPTY });
    const next = new Map(this.#resources);
    for (const d of diff) {
      if (d.after === undefined) next.delete(d.key);
      else next.set(d.key, deepFreeze(d.after));
    }
    const registry = new Registry({
      version: this.version + 1,
      domainSuffix: this.domainSuffix,
      rootNamespace: this.rootNamespace,
      resources: next,
      workloads: this.#workloads,
      cache: this.#cache,
    });
    const changes = diff.map((d) => {
      const r = d.after ?? d.before;
      const hostnames = affectedHostnames(this, registry, this.#cache, d.before, d.after);
      return Object.freeze({
        op: d.op,
        key: d.key,
        kind: r.kind,
        namespace: r.namespace,
        name: r.name,
        hostnames,
      });
    });
    return Object.freeze({ registry, changes: Object.freeze(changes) });
  }
}
