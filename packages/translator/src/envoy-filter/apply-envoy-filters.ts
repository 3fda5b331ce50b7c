// EnvoyFilter patches applied to one proxy's generated listeners, routes and clusters, in the patch contexts
// istiod 1.30 uses: a gateway's resources are GATEWAY; a sidecar's inbound listeners (virtualInbound, bound ingress), their inline inbound
// route configurations (`inbound|9080||`), inbound clusters and InboundPassthroughCluster are SIDECAR_INBOUND,
// everything else SIDECAR_OUTBOUND. Patches go in the registry's order (priority, root namespace first). Bad
// patches become messages; this never throws, and every resource it returns strictly encodes.
import {
  type Cluster,
  type Listener,
  labelsMatch,
  type NetworkFilter,
  type RouteConfiguration,
  TypeUrl,
} from '@minimesh/model';
import { HCM_FILTER } from '../listener/listener-names.js';
import type { MessageSink } from '../messages.js';
import { INBOUND_PASSTHROUGH_CLUSTER, parseSubsetKey, VIRTUAL_INBOUND_LISTENER } from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { gatewayServers, serverProtocol } from '../route/gateway-servers.js';
import { insertedClusters, patchCluster } from './cluster-patch.js';
import { EnvoyFilterMessageCode } from './codes.js';
import { type CompiledPatch, compilePatches, type PatchContext, proxyMetadata } from './compile-patches.js';
import type { PatchesByType } from './filter-patch.js';
import { patchListeners } from './listener-patch.js';
import { PatchRun } from './patch-run.js';
import type { ObjectForm } from './proto-merge.js';
import { type GatewayPortMap, patchRouteConfiguration } from './route-patch.js';

/** The resources EnvoyFilters patch. */
export interface PatchableResources {
  readonly listeners: readonly Listener[];
  readonly routes: readonly RouteConfiguration[];
  readonly clusters: readonly Cluster[];
}

export interface EnvoyFilterOptions {
  /** Node metadata for `match.proxy.metadata`; default: what the proxy id and labels tell (see proxyMetadata). */
  readonly metadata?: Readonly<Record<string, string>>;
}

const LISTENER_FAMILY = [
  'LISTENER',
  'LISTENER_FILTER',
  'FILTER_CHAIN',
  'NETWORK_FILTER',
  'HTTP_FILTER',
] as const;
const ROUTE_FAMILY = ['ROUTE_CONFIGURATION', 'VIRTUAL_HOST', 'HTTP_ROUTE'] as const;

/** Applies the EnvoyFilters selecting `proxy` to its resources; the inputs are not modified. */
export function applyEnvoyFilters(
  proxy: MeshProxy,
  push: PushContext,
  sink: MessageSink,
  resources: PatchableResources,
  options: EnvoyFilterOptions = {},
): PatchableResources {
  try {
    return applyAll(proxy, push, sink, resources, options);
  } catch (error) {
    // Each resource is patched under PatchRun.guard; this is the last resort (istiod: runtime.HandleCrash).
    sink.add({
      code: EnvoyFilterMessageCode.BrokenResult,
      severity: 'Error',
      message: `EnvoyFilter patches for ${proxy.id} failed (${(error as Error).message}); none were applied`,
    });
    return resources;
  }
}

function applyAll(
  proxy: MeshProxy,
  push: PushContext,
  sink: MessageSink,
  resources: PatchableResources,
  options: EnvoyFilterOptions,
): PatchableResources {
  const patches = compilePatches(proxy, push, sink, options.metadata ?? proxyMetadata(proxy));
  if (patches.length === 0) return resources;
  const byType = new Map<CompiledPatch['applyTo'], CompiledPatch[]>();
  for (const p of patches) byType.set(p.applyTo, [...(byType.get(p.applyTo) ?? []), p]);
  const has = (types: readonly CompiledPatch['applyTo'][]) => types.some((t) => byType.has(t));
  const run = new PatchRun(sink);
  const gateway = proxy.type === 'router';
  let { listeners, routes, clusters } = resources;
  if (has(ROUTE_FAMILY)) {
    const portMap = gateway ? gatewayPortMap(push, proxy) : new Map<number, Set<number>>();
    const context: PatchContext = gateway ? 'GATEWAY' : 'SIDECAR_OUTBOUND';
    routes = routes.map((rc) => patchRouteConfiguration(run, context, byType, rc, portMap));
  }
  if (has(LISTENER_FAMILY) || (!gateway && has(ROUTE_FAMILY)))
    listeners = gateway
      ? patchListeners(run, 'GATEWAY', byType, listeners, true)
      : patchSidecarListeners(run, byType, listeners);
  if (byType.has('CLUSTER'))
    clusters = patchClusters(run, proxy, push, byType.get('CLUSTER') ?? [], clusters);
  return { listeners, routes, clusters };
}

/** Sidecar listeners in their order: each patched in its context without adds, then the ADDs (outbound, inbound). */
function patchSidecarListeners(
  run: PatchRun,
  byType: PatchesByType,
  listeners: readonly Listener[],
): Listener[] {
  const out: Listener[] = [];
  for (const l of listeners) {
    // virtualInbound and the bound inbound listeners of Sidecar ingress `captureMode: NONE` are istiod's inbound
    // listeners (SIDECAR_INBOUND); every other sidecar listener is outbound.
    if (l.name === VIRTUAL_INBOUND_LISTENER || l.traffic_direction === 'INBOUND') {
      const withRoutes = patchInlineRoutes(run, byType, l);
      out.push(...patchListeners(run, 'SIDECAR_INBOUND', byType, [withRoutes], false));
    } else {
      out.push(...patchListeners(run, 'SIDECAR_OUTBOUND', byType, [l], false));
    }
  }
  out.push(...patchListeners(run, 'SIDECAR_OUTBOUND', byType, [], true));
  out.push(...patchListeners(run, 'SIDECAR_INBOUND', byType, [], true));
  return out;
}

/** istiod patches inbound route configurations as it builds them, before the listener patches. */
function patchInlineRoutes(run: PatchRun, byType: PatchesByType, listener: Listener): Listener {
  if (!ROUTE_FAMILY.some((t) => byType.has(t))) return listener;
  let changed = false;
  const patchFilter = (f: NetworkFilter): NetworkFilter => {
    const tc = f.typed_config as ObjectForm | undefined;
    if (f.name !== HCM_FILTER || tc?.['@type'] !== TypeUrl.HTTP_CONNECTION_MANAGER) return f;
    const rc = tc.route_config as RouteConfiguration | undefined;
    if (rc === undefined) return f;
    const patched = patchRouteConfiguration(run, 'SIDECAR_INBOUND', byType, rc, new Map());
    if (patched === rc) return f;
    changed = true;
    // The HCM stays in the model's unpacked-Any object form: { '@type', ...fields }.
    return {
      ...f,
      typed_config: { ...tc, route_config: patched } as unknown as NetworkFilter['typed_config'],
    };
  };
  const chains = (listener.filter_chains ?? []).map((fc) =>
    fc.filters === undefined ? fc : { ...fc, filters: fc.filters.map(patchFilter) },
  );
  // Untouched, the builder's listener is returned as it is.
  return changed ? ({ ...listener, filter_chains: chains } as Listener) : listener;
}

function isInboundCluster(name: string): boolean {
  return name === INBOUND_PASSTHROUGH_CLUSTER || parseSubsetKey(name)?.direction === 'inbound';
}

/**
 * Patched clusters in the builder's order, then the added ones (outbound, then inbound); of two with one name the
 * first wins (istiod normalizeClusters), so an ADD cannot replace a built cluster.
 */
function patchClusters(
  run: PatchRun,
  proxy: MeshProxy,
  push: PushContext,
  patches: readonly CompiledPatch[],
  clusters: readonly Cluster[],
): Cluster[] {
  const out: Cluster[] = [];
  for (const c of clusters) {
    const name = c.name ?? '';
    const inbound = proxy.type === 'sidecar' && isInboundCluster(name);
    const context: PatchContext =
      proxy.type === 'router' ? 'GATEWAY' : inbound ? 'SIDECAR_INBOUND' : 'SIDECAR_OUTBOUND';
    const hosts = inbound ? inboundHosts(proxy, push, parseSubsetKey(name)?.port ?? 0) : [];
    const patched = patchCluster(run, context, patches, c, hosts);
    if (patched !== undefined) out.push(patched);
  }
  if (proxy.type === 'router') out.push(...insertedClusters('GATEWAY', patches));
  else
    out.push(
      ...insertedClusters('SIDECAR_OUTBOUND', patches),
      ...insertedClusters('SIDECAR_INBOUND', patches),
    );
  const byName = new Map<string, Cluster>();
  for (const c of out) if (!byName.has(c.name ?? '')) byName.set(c.name ?? '', c);
  return [...byName.values()];
}

/** Hosts of the proxy's namespace Services selecting it that expose `port` as (numeric) targetPort, else port. */
function inboundHosts(proxy: MeshProxy, push: PushContext, port: number): string[] {
  const out: string[] = [];
  for (const svc of push.registry.servicesInNamespace(proxy.namespace)) {
    if (svc.selector === undefined || !labelsMatch(svc.selector, proxy.labels)) continue;
    if (svc.ports.some((p) => (typeof p.targetPort === 'number' ? p.targetPort : p.port) === port))
      out.push(svc.hostname);
  }
  return out.sort();
}

/** istiod MergedGateway.PortMap: the route's port (listen port for `http.<port>`) -> the Gateway server ports. */
function gatewayPortMap(push: PushContext, proxy: MeshProxy): GatewayPortMap {
  const map = new Map<number, Set<number>>();
  for (const s of gatewayServers(push.registry, proxy)) {
    const routePort = serverProtocol(s.server) === 'HTTP' ? s.listenPort : s.server.port.number;
    const set = map.get(routePort) ?? new Set<number>();
    set.add(s.server.port.number);
    map.set(routePort, set);
  }
  return map;
}
