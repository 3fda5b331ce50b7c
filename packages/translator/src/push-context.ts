// The per-push view translation reads: one registry version plus the mesh config, with per-proxy scopes
// memoized (many proxies share a namespace and labels). Pure: no I/O, no clock.
import type { LoadedResource, MeshService, Registry, Sidecar } from '@minimesh/model';
import { scopeKey } from './cache/cached-unit.js';
import type { TranslationCache } from './cache/translation-cache.js';
import { gatewayApiView } from './gateway-api/registry-view.js';
import { DEFAULT_MESH_CONFIG, type MeshConfig, type OutboundTrafficPolicyMode } from './mesh-config.js';
import type { MeshProxy } from './proxy.js';
import { sidecarEgressAllows } from './sidecar-egress.js';

/** What one proxy may see: its Sidecar (if any), the services it can reach, its outbound policy. */
export interface SidecarScope {
  readonly sidecar?: LoadedResource<Sidecar>;
  /** Services the proxy can reach, sorted by hostname then namespace (deterministic output). */
  readonly services: readonly MeshService[];
  readonly outboundTrafficPolicy: OutboundTrafficPolicyMode;
  /** `services` by hostname; the first in `services` order when two namespaces share one (ServiceEntry hosts). */
  readonly serviceByHost: ReadonlyMap<string, MeshService>;
}

export interface PushOptions {
  /** Reuse what earlier pushes built (advance the cache with each registry.apply). */
  readonly cache?: TranslationCache;
}

export class PushContext {
  readonly registry: Registry;
  readonly mesh: MeshConfig;
  readonly #scopes = new Map<string, SidecarScope>();

  /** The caller's cache across pushes (see cache/translation-cache.ts); without it a push shares within itself. */
  readonly translationCache: TranslationCache | undefined;

  constructor(registry: Registry, mesh: Partial<MeshConfig> = {}, options: PushOptions = {}) {
    // Gateway API objects are read as the Istio Gateways and VirtualServices istiod converts them to.
    this.registry = gatewayApiView(registry);
    this.translationCache = options.cache;
    this.mesh = {
      ...DEFAULT_MESH_CONFIG,
      rootNamespace: registry.rootNamespace,
      domainSuffix: registry.domainSuffix,
      ...mesh,
    };
  }

  /** The registry version this push translates (resource versions derive from it). */
  get version(): number {
    return this.registry.version;
  }

  /** The scope of a proxy: exportTo-visible services of its namespace, narrowed by its Sidecar's egress hosts. */
  sidecarScope(proxy: MeshProxy): SidecarScope {
    // Proxies with one scope key (type, namespace, the labels configs select on...) have one scope.
    const key = scopeKey(this, proxy);
    const cached = this.#scopes.get(key);
    if (cached) return cached;
    const sidecar =
      proxy.type === 'sidecar' ? this.registry.sidecarFor(proxy.namespace, proxy.labels) : undefined;
    const visible = this.registry.visibleServices(proxy.namespace);
    const services = (
      sidecar ? visible.filter((s) => sidecarEgressAllows(sidecar, proxy.namespace, s)) : [...visible]
    ).sort((a, b) =>
      a.hostname < b.hostname
        ? -1
        : a.hostname > b.hostname
          ? 1
          : a.namespace < b.namespace
            ? -1
            : a.namespace > b.namespace
              ? 1
              : 0,
    );
    const policy = sidecar?.object.spec.outboundTrafficPolicy?.mode ?? this.mesh.outboundTrafficPolicy;
    const serviceByHost = new Map<string, MeshService>();
    for (const svc of services) if (!serviceByHost.has(svc.hostname)) serviceByHost.set(svc.hostname, svc);
    const scope: SidecarScope = Object.freeze({
      ...(sidecar ? { sidecar } : {}),
      services: Object.freeze(services),
      outboundTrafficPolicy: policy,
      serviceByHost,
    });
    this.#scopes.set(key, scope);
    return scope;
  }
}
