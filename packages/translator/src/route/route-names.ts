// Names the route builders write besides those of naming.ts (which they may not extend): route and virtual host
// names, the config path istiod puts in route metadata, and the filter names typed_per_filter_config is keyed by.
// All follow istiod 1.30.

/** The route istiod adds when no VirtualService applies (and the allow_any / block_all routes' own names). */
export const DEFAULT_ROUTE_NAME = 'default';

/** Well-known HTTP filter names (Envoy's canonical names, as istiod writes them). */
export const FAULT_FILTER = 'envoy.filters.http.fault';
export const CORS_FILTER = 'envoy.filters.http.cors';
export const ROUTER_FILTER = 'envoy.filters.http.router';
export const GRPC_STATS_FILTER = 'envoy.filters.http.grpc_stats';

/** Envoy's retry host predicate istiod's default retry policy uses, with its typed config as istiod writes it. */
export const PREVIOUS_HOSTS_PREDICATE = 'envoy.retry_host_predicates.previous_hosts';
export const PREVIOUS_HOSTS_TYPE_URL =
  'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate';

/** A fresh `retry_host_predicate` entry (a new object each time: resources never share mutable parts). */
export function previousHostsPredicate(): { name: string; typed_config: { '@type': string } } {
  return { name: PREVIOUS_HOSTS_PREDICATE, typed_config: { '@type': PREVIOUS_HOSTS_TYPE_URL } };
}

/** The API path of a VirtualService istiod writes in `filter_metadata.istio.config` (BuildConfigInfoMetadata). */
export function virtualServiceConfigPath(namespace: string, name: string): string {
  return `/apis/networking.istio.io/v1/namespaces/${namespace}/virtual-service/${name}`;
}

/**
 * The Envoy route name of a VirtualService HTTP route (istiod TranslateRoute): its `name`, then `.<match name>`
 * when the match has one (so `.ids` for an unnamed route with a named match); undefined when both are unset.
 */
export function httpRouteName(
  routeName: string | undefined,
  matchName: string | undefined,
): string | undefined {
  const name =
    matchName === undefined || matchName === '' ? (routeName ?? '') : `${routeName ?? ''}.${matchName}`;
  return name === '' ? undefined : name;
}

/** Decorator operation: `<host>:<port><path>`, `path` being the match path with `*` for a prefix (`/*`). */
export function decoratorOperation(host: string, port: number, path: string): string {
  return `${host}:${port}${path}`;
}

/** Gateway virtual host for a host of a server: `<host>:<port>` (`*:8080`). */
export function gatewayVirtualHostName(host: string, port: number): string {
  return `${host}:${port}`;
}

/** The virtual host a gateway route config gets when no VirtualService binds its server: 404s. */
export function gatewayBlackholeVirtualHostName(port: number): string {
  return `blackhole:${port}`;
}

/** The inbound virtual host of a workload port: `inbound|http|9080`. */
export function inboundVirtualHostName(port: number): string {
  return `inbound|http|${port}`;
}
