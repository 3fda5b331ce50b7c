// The whole configuration of a proxyless gRPC node (istiod 1.30 grpcgen GrpcConfigGenerator.Generate): gRPC asks for
// each resource by name, one type after the other (LDS for its target, then the RDS name in the listener, the
// clusters in the routes, the EDS names of the clusters). `translateGrpc` answers such requests: names given for a
// type are answered as asked; a type without names gets what the previous type refers to, so with no names at all
// the result is the closure a client of every service would end up with. Pure and deterministic.
import type { Cluster, Listener, RouteConfiguration } from '@minimesh/model';
import { buildEndpoints } from '../endpoint/build-endpoints.js';
import { MessageSink } from '../messages.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import type { Translation } from '../translate.js';
import { buildGrpcClusters, type GrpcClusterOptions } from './grpc-clusters.js';
import { buildGrpcListeners } from './grpc-listeners.js';
import { buildGrpcRoutes } from './grpc-routes.js';

/** Resource names a gRPC client subscribed to, per type; an absent type follows from the type before it. */
export interface GrpcResourceNames {
  readonly listeners?: readonly string[];
  readonly routes?: readonly string[];
  readonly clusters?: readonly string[];
  readonly endpoints?: readonly string[];
}

export interface GrpcOptions extends GrpcClusterOptions {
  /** Client listeners carry their route config inline instead of RDS (then no routes are derived). */
  readonly inlineRoutes?: boolean;
}

/** RDS names of API listeners (in order, deduplicated). */
export function grpcRouteNamesOf(listeners: readonly Listener[]): string[] {
  const out = new Set<string>();
  for (const l of listeners) {
    const hcm = l.api_listener?.api_listener as { rds?: { route_config_name?: string } } | undefined;
    const name = hcm?.rds?.route_config_name;
    if (name !== undefined) out.add(name);
  }
  return [...out];
}

/** Clusters the routes send to (route cluster and weighted clusters), sorted. */
export function grpcClusterNamesOf(routes: readonly RouteConfiguration[]): string[] {
  const out = new Set<string>();
  for (const rc of routes)
    for (const vh of rc.virtual_hosts ?? [])
      for (const r of vh.routes ?? []) {
        if (r.route?.cluster != null && r.route.cluster !== '') out.add(r.route.cluster);
        for (const wc of r.route?.weighted_clusters?.clusters ?? []) if (wc.name) out.add(wc.name);
      }
  return [...out].sort();
}

/** EDS service names of clusters, sorted. */
export function grpcEndpointNamesOf(clusters: readonly Cluster[]): string[] {
  const out = new Set<string>();
  for (const c of clusters)
    if (c.type === 'EDS') out.add(c.eds_cluster_config?.service_name || (c.name ?? ''));
  return [...out].sort();
}

/** Route configs of inline listeners, for grpcClusterNamesOf. */
function inlineRoutesOf(listeners: readonly Listener[]): RouteConfiguration[] {
  const out: RouteConfiguration[] = [];
  for (const l of listeners) {
    const hcm = l.api_listener?.api_listener as { route_config?: RouteConfiguration } | undefined;
    if (hcm?.route_config !== undefined) out.push(hcm.route_config);
  }
  return out;
}

/** The proxyless gRPC resources for `names` (see the file comment); bad input becomes messages. */
export function translateGrpc(
  proxy: MeshProxy,
  push: PushContext,
  names: GrpcResourceNames = {},
  options: GrpcOptions = {},
): Translation {
  const sink = new MessageSink();
  const inline =
    options.inlineRoutes === true
      ? (routeName: string) => buildGrpcRoutes(proxy, push, sink, [routeName])[0]
      : undefined;
  const listeners = buildGrpcListeners(
    proxy,
    push,
    sink,
    names.listeners,
    inline === undefined ? {} : { inlineRoutes: inline },
  );
  const routeNames = names.routes ?? (inline === undefined ? grpcRouteNamesOf(listeners) : []);
  const routes = buildGrpcRoutes(proxy, push, sink, routeNames);
  const clusterNames =
    names.clusters ??
    grpcClusterNamesOf(inline === undefined ? routes : [...routes, ...inlineRoutesOf(listeners)]);
  const clusters = buildGrpcClusters(proxy, push, sink, clusterNames, {
    ...(options.leastRequest === undefined ? {} : { leastRequest: options.leastRequest }),
  });
  const endpoints = buildEndpoints(proxy, push, sink, names.endpoints ?? grpcEndpointNamesOf(clusters));
  return { listeners, routes, clusters, endpoints, messages: sink.list() };
}
