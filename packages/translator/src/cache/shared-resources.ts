// The units the builders share between proxies of one scope and across pushes (see cached-unit.ts), with what
// each depends on (channels of dirty-hosts.ts; PeerAuthentications, Sidecars and the mesh config invalidate all):
// - the outbound clusters of a service port: its host's service, DestinationRules and endpoints (SANs, mTLS mode,
//   DNS endpoints), not its VirtualServices;
// - a ClusterLoadAssignment: the same, for the host of its cluster name;
// - a sidecar virtual host: its host's service, VirtualServices and DestinationRules (hash policy), and the
//   service and DestinationRules of every destination and mirror host of those VirtualServices (routes read their
//   ports and subsets); a VirtualService that delegates is not cached;
// - a route configuration: reused when its virtual hosts are the same objects;
// - the outbound listeners of a scope: the services of the scope, and everything about its non-HTTP services
//   (cheap to rebuild; unchanged listeners keep their objects).
import {
  type Cluster,
  type ClusterLoadAssignment,
  isHttp,
  type Listener,
  type LoadedResource,
  type MeshService,
  type RouteConfiguration,
  resolveShortName,
  type VirtualHost,
  type VirtualService,
} from '@minimesh/model';
import type { MessageSink } from '../messages.js';
import { parseSubsetKey } from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { cachedUnit, cachedValues, scopeEntries } from './cached-unit.js';
import { ALL_CHANNELS, type Channel, depKey } from './dirty-hosts.js';

const NO_DEPS: readonly string[] = Object.freeze([]);
const CLUSTER_CHANNELS: readonly Channel[] = Object.freeze(['svc', 'dr', 'ep']);

/** Dependency keys of a hostname per channel list, memoized (the same few lists are asked for every host). */
const keyMemo = new Map<readonly Channel[], Map<string, readonly string[]>>();
function keys(channels: readonly Channel[], hostname: string): readonly string[] {
  let byHost = keyMemo.get(channels);
  if (byHost === undefined) {
    byHost = new Map();
    keyMemo.set(channels, byHost);
  }
  let out = byHost.get(hostname);
  if (out === undefined) {
    out = Object.freeze(channels.map((c) => depKey(c, hostname)));
    byHost.set(hostname, out);
  }
  return out;
}
const VH_OWN: readonly Channel[] = ['svc', 'vs', 'dr'];
const VH_DESTINATION: readonly Channel[] = ['svc', 'dr'];

// Unit keys are looked up for every unit of every proxy: they are built once and reused, so that each lookup hashes
// a string V8 has hashed before instead of a fresh concatenation.
const portKeys = {
  c: new WeakMap<MeshService, Map<number, string>>(),
  v: new WeakMap<MeshService, Map<number, string>>(),
};
function servicePortKey(kind: 'c' | 'v', service: MeshService, port: number): string {
  let byPort = portKeys[kind].get(service);
  if (byPort === undefined) {
    byPort = new Map();
    portKeys[kind].set(service, byPort);
  }
  let key = byPort.get(port);
  if (key === undefined) {
    key = `${kind}|${service.namespace}|${service.hostname}|${port}`;
    byPort.set(port, key);
  }
  return key;
}
/** Unit keys by name, one table per kind (names come from requests too: kinds must never share a key). */
const nameKeys = { e: new Map<string, string>(), r: new Map<string, string>(), s: new Map<string, string>() };
/** A bound on each table (names Envoy asks for are not ours to trust); past it the table starts over. */
const MAX_NAME_KEYS = 100_000;
function nameKey(kind: 'e' | 'r' | 's', name: string): string {
  const table = nameKeys[kind];
  let key = table.get(name);
  if (key === undefined) {
    if (table.size >= MAX_NAME_KEYS) table.clear();
    key = `${kind}|${name}`;
    table.set(name, key);
  }
  return key;
}

/** The outbound clusters of one service port, built by `build` with the sink it is given. */
export function sharedOutboundClusters(
  push: PushContext,
  proxy: MeshProxy,
  service: MeshService,
  port: number,
  sink: MessageSink,
  build: (sink: MessageSink) => Cluster[],
): readonly Cluster[] {
  const key = servicePortKey('c', service, port);
  return cachedUnit(push, proxy, key, service, sink, () => keys(CLUSTER_CHANNELS, service.hostname), build);
}

/** A cluster every proxy of the scope gets whatever the registry (BlackHoleCluster, PassthroughCluster). */
export function sharedStaticCluster(
  push: PushContext,
  proxy: MeshProxy,
  name: string,
  sink: MessageSink,
  build: () => Cluster,
): Cluster {
  return cachedUnit(push, proxy, nameKey('s', name), undefined, sink, () => NO_DEPS, build);
}

/** The ClusterLoadAssignment of one cluster name (undefined for names that are not EDS clusters). */
export function sharedLoadAssignment(
  push: PushContext,
  proxy: MeshProxy,
  clusterName: string,
  sink: MessageSink,
  build: () => ClusterLoadAssignment | undefined,
): ClusterLoadAssignment | undefined {
  const deps = () => {
    const host = parseSubsetKey(clusterName)?.hostname;
    return host === undefined ? NO_DEPS : keys(CLUSTER_CHANNELS, host);
  };
  return cachedUnit(push, proxy, nameKey('e', clusterName), undefined, sink, deps, build);
}

/**
 * Hostnames a virtual host built from `vss` depends on besides its own: every destination and mirror host, resolved
 * in the VirtualService's namespace; undefined (not cacheable) when a route delegates.
 */
function routeDependencies(
  vss: readonly LoadedResource<VirtualService>[],
  domainSuffix: string,
): string[] | undefined {
  const out: string[] = [];
  for (const vs of vss) {
    const ns = vs.namespace ?? 'default';
    const add = (host: string | undefined) => {
      if (host !== undefined) out.push(resolveShortName(host, ns, domainSuffix));
    };
    for (const http of vs.object.spec.http ?? []) {
      if ((http as { delegate?: unknown }).delegate !== undefined) return undefined;
      for (const d of http.route ?? []) add(d.destination?.host);
      add(http.mirror?.host);
      for (const m of http.mirrors ?? []) add(m.destination?.host);
    }
  }
  return out;
}

/** The sidecar virtual host of one service port. */
export function sharedVirtualHost(
  push: PushContext,
  proxy: MeshProxy,
  service: MeshService,
  port: number,
  sink: MessageSink,
  build: (sink: MessageSink) => VirtualHost,
): VirtualHost {
  const key = servicePortKey('v', service, port);
  const deps = () => {
    const vss = push.registry.virtualServicesForHost(proxy.namespace, service.hostname);
    const hosts = routeDependencies(vss, push.mesh.domainSuffix);
    if (hosts === undefined) return undefined;
    const out = new Set(keys(VH_OWN, service.hostname));
    for (const h of hosts) for (const k of keys(VH_DESTINATION, h)) out.add(k);
    return [...out];
  };
  return cachedUnit(push, proxy, key, service, sink, deps, build);
}

/** A route configuration: the previous object when its virtual hosts are the same objects, else `build()`. */
export function sharedRouteConfig(
  push: PushContext,
  proxy: MeshProxy,
  name: string,
  virtualHosts: readonly VirtualHost[],
  sink: MessageSink,
  build: () => RouteConfiguration,
): RouteConfiguration {
  // Virtual hosts that are not cached (a delegating VirtualService) make the config uncacheable.
  const cacheable = virtualHosts.every((vh) => cachedValues.has(vh));
  const deps = () => (cacheable ? NO_DEPS : undefined);
  return cachedUnit(push, proxy, nameKey('r', name), virtualHosts, sink, deps, build);
}

/** JSON-equal listeners of the previous build are reused (same objects), so unchanged listeners stay identical. */
function reuseEqual(previous: readonly Listener[] | undefined, next: Listener[]): Listener[] {
  if (previous === undefined) return next;
  const byName = new Map(previous.map((l) => [l.name ?? '', l]));
  return next.map((l) => {
    const old = byName.get(l.name ?? '');
    return old !== undefined && JSON.stringify(old) === JSON.stringify(l) ? old : l;
  });
}

const SERVICE_ONLY: readonly Channel[] = Object.freeze(['svc']);

/**
 * What the outbound listeners take from a service: an HTTP service only its ports (its listener routes by RDS, so
 * VirtualServices, rules and endpoints reach it through the route config); any other service everything, as TCP
 * and TLS listeners inline VirtualService tcp/tls routes and may depend on endpoints.
 */
function listenerChannels(service: MeshService): readonly Channel[] {
  return service.ports.every((p) => isHttp(p.protocol)) ? SERVICE_ONLY : ALL_CHANNELS;
}

/** The last outbound listeners built for a scope (kept when their entry is dropped, to reuse equal ones). */
const lastListeners = new WeakMap<object, readonly Listener[]>();

/** The outbound listeners of the proxy's scope. */
export function sharedOutboundListeners(
  push: PushContext,
  proxy: MeshProxy,
  sink: MessageSink,
  build: (sink: MessageSink) => Listener[],
): readonly Listener[] {
  const services = push.sidecarScope(proxy).services;
  const { entries } = scopeEntries(push, proxy);
  const hosts = () => [...new Set(services.flatMap((s) => keys(listenerChannels(s), s.hostname)))];
  return cachedUnit(push, proxy, 'l', services, sink, hosts, (s) => {
    const listeners = reuseEqual(lastListeners.get(entries), build(s));
    lastListeners.set(entries, listeners);
    return listeners;
  });
}

/** The catch-all virtual host of the scope's outbound traffic policy (allow_any / block_all). */
export function sharedCatchAllVirtualHost(
  push: PushContext,
  proxy: MeshProxy,
  sink: MessageSink,
  build: () => VirtualHost,
): VirtualHost {
  return cachedUnit(push, proxy, 'v|*', undefined, sink, () => NO_DEPS, build);
}
