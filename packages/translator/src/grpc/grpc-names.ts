// Names of proxyless gRPC resources (istiod 1.30 grpcgen, pkg/istio-agent/grpcxds): client listeners are named as
// the gRPC target asked for them (`reviews.default.svc.cluster.local:9080`, `reviews:9080`, `reviews.default:9080`),
// server listeners `xds.istio.io/grpc/lds/inbound/<ip>:<port>`, and route configs are named like the service's
// default cluster (`outbound|9080||reviews.default.svc.cluster.local`), as grpcgen's clusterKey does.
import { subsetKey } from '../naming.js';
import type { MeshProxy } from '../proxy.js';

/** grpcxds.ServerListenerNamePrefix: the prefix of the listeners an xDS-enabled gRPC server subscribes to. */
export const GRPC_SERVER_LISTENER_PREFIX = 'xds.istio.io/grpc/lds/inbound/';

/** The generator name istiod reads from node metadata GENERATOR to pick grpcgen (model.Proxy.IsProxylessGrpc). */
export const GRPC_GENERATOR = 'grpc';

/** The route config of a service port for gRPC, named as its default cluster (grpcgen clusterKey). */
export function grpcRouteName(hostname: string, port: number): string {
  return subsetKey('outbound', '', hostname, port);
}

/** A server listener name for `address:port` (`[v6]:port` for IPv6). */
export function grpcServerListenerName(address: string, port: number): string {
  return `${GRPC_SERVER_LISTENER_PREFIX}${joinHostPort(address, port)}`;
}

/** Go's net.JoinHostPort: brackets around hosts that contain a colon (IPv6). */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Go's net.SplitHostPort, enough for listener names: `host:port` or `[v6]:port`; undefined when no port. */
export function splitHostPort(name: string): { host: string; port: string } | undefined {
  if (name.startsWith('[')) {
    const close = name.indexOf(']');
    if (close < 0 || name[close + 1] !== ':') return undefined;
    return { host: name.slice(1, close), port: name.slice(close + 2) };
  }
  const colon = name.lastIndexOf(':');
  if (colon < 0 || name.indexOf(':') !== colon) return undefined;
  return { host: name.slice(0, colon), port: name.slice(colon + 1) };
}

/**
 * True when node metadata marks the node proxyless gRPC: GENERATOR `grpc`, which the bootstrap istio-agent writes
 * for gRPC (grpcxds.GenerateBootstrap) and which istiod's IsProxylessGrpc reads. Metadata is the Envoy node's
 * `metadata` Struct in JSON form.
 */
export function isProxylessMetadata(metadata: Readonly<Record<string, unknown>> | undefined): boolean {
  return metadata?.GENERATOR === GRPC_GENERATOR;
}

/** What one requested client listener name selects: the names it was asked as, and the ports (none: all). */
export interface ListenerNameEntry {
  readonly requestedNames: Set<string>;
  /** Port strings; undefined when a name without port was asked (every port of the service). */
  ports: Set<string> | undefined;
}

/**
 * The FQDN a short name stands for (grpcgen tryFindFQDN): `reviews` -> `reviews.<proxy dns domain>`;
 * `reviews.default` or `reviews.default.svc` -> `reviews.default.svc.cluster.local` when the proxy's DNS domain
 * starts with that namespace part; else undefined.
 */
export function expandShortName(name: string, proxy: MeshProxy): string | undefined {
  if (!name.includes('.')) return `${name}.${proxy.dnsDomain}`;
  for (const suffix of [proxy.namespace, `${proxy.namespace}.svc`]) {
    if (name.endsWith(`.${suffix}`) && proxy.dnsDomain.startsWith(suffix))
      return `${name.slice(0, -(suffix.length + 1))}.${proxy.dnsDomain}`;
  }
  return undefined;
}

/**
 * grpcgen newListenerNameFilter: requested client listener names by hostname (the name as asked and its FQDN), with
 * the ports asked for. A name without port clears the port set (all ports); server names are kept apart.
 */
export function listenerNameFilter(
  names: readonly string[],
  proxy: MeshProxy,
): { byHost: Map<string, ListenerNameEntry>; inbound: string[] } {
  const byHost = new Map<string, ListenerNameEntry>();
  const inbound: string[] = [];
  for (const name of names) {
    if (name.startsWith(GRPC_SERVER_LISTENER_PREFIX)) {
      inbound.push(name);
      continue;
    }
    const hp = splitHostPort(name);
    const requested = hp === undefined ? name : hp.host;
    const fqdn = expandShortName(requested, proxy);
    for (const key of fqdn === undefined ? [requested] : [requested, fqdn]) {
      const existing = byHost.get(key);
      const entry: ListenerNameEntry = existing ?? { requestedNames: new Set(), ports: new Set() };
      entry.requestedNames.add(requested);
      // A port narrows only while every earlier request for the host named ports too.
      if (hp !== undefined && (existing === undefined || entry.ports !== undefined))
        entry.ports?.add(hp.port);
      else if (hp === undefined) entry.ports = undefined;
      byHost.set(key, entry);
    }
  }
  return { byHost, inbound: [...new Set(inbound)].sort() };
}
