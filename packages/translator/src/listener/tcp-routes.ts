// VirtualService TCP routes for a sidecar's outbound TCP listener (istiod 1.30 networkfilter.go
// buildOutboundNetworkFilters / tcp route selection in listener.go): the first TCP route of the host's
// VirtualService whose match applies to this proxy and port (port, sourceLabels, sourceNamespace, gateways `mesh`)
// decides the destination; one destination is a plain cluster, several are weighted (0-weight ones left out).
// destinationSubnets / sourceSubnet matches become filter chain matches in istiod; they are not translated here.
import type {
  Destination,
  L4MatchAttributes,
  LoadedResource,
  MeshLabels,
  MeshService,
  NetworkFilter,
  TcpProxy,
  VirtualService,
} from '@minimesh/model';
import { anyOf, TypeUrl } from '@minimesh/model';
import type { MessageSink } from '../messages.js';
import { subsetKey } from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { destinationCluster, type RouteEnv } from '../route/http-route.js';
import { TCP_PROXY_FILTER } from './listener-names.js';
import { tcpProxyFilter } from './tcp-proxy.js';

/** Whether an L4 / TLS match's static predicates hold for this proxy and port (gateways: `mesh` only). */
export function l4Applies(
  m: Pick<L4MatchAttributes, 'port' | 'gateways' | 'sourceLabels' | 'sourceNamespace'>,
  port: number,
  labels: MeshLabels,
  namespace: string,
): boolean {
  if (m.port !== undefined && m.port !== 0 && m.port !== port) return false;
  if (m.gateways !== undefined && m.gateways.length > 0 && !m.gateways.includes('mesh')) return false;
  for (const [k, v] of Object.entries(m.sourceLabels ?? {})) if (labels[k] !== v) return false;
  return m.sourceNamespace === undefined || m.sourceNamespace === namespace;
}

/** The route environment of a sidecar's outbound TCP / TLS routes on `port` (gateway `mesh`). */
export function meshRouteEnv(proxy: MeshProxy, push: PushContext, sink: MessageSink, port: number): RouteEnv {
  return {
    push,
    sink,
    proxyNamespace: proxy.namespace,
    proxyLabels: proxy.labels,
    match: {
      gateway: 'mesh',
      resolveGateway: (g) => g,
      proxyLabels: proxy.labels,
      proxyNamespace: proxy.namespace,
      port,
    },
  };
}

/**
 * The tcp_proxy of one TCP or TLS route (`spec.<section>[index]`): one destination is a plain cluster, several are
 * weighted (0-weight ones left out) with istiod's stat prefix `<VirtualService name>.<namespace>`
 * (buildOutboundNetworkFiltersWithWeightedClusters).
 */
export function routeTcpProxy(
  route: {
    readonly route: readonly { readonly destination: Destination; readonly weight?: number | undefined }[];
  },
  vs: LoadedResource<VirtualService>,
  section: 'tcp' | 'tls',
  index: number,
  env: RouteEnv,
): NetworkFilter {
  const path = (j: number) => ['spec', section, index, 'route', j, 'destination'];
  const [only] = route.route;
  if (route.route.length === 1 && only !== undefined) {
    return tcpProxyFilter(destinationCluster(only.destination, vs, path(0), env).cluster);
  }
  const clusters = route.route.flatMap((d, j) =>
    (d.weight ?? 0) === 0
      ? []
      : [{ name: destinationCluster(d.destination, vs, path(j), env).cluster, weight: d.weight ?? 0 }],
  );
  const config: TcpProxy = {
    stat_prefix: `${vs.name}.${vs.namespace ?? 'default'}`,
    weighted_clusters: { clusters },
  };
  return { name: TCP_PROXY_FILTER, typed_config: anyOf(TypeUrl.TCP_PROXY, config) };
}

/**
 * The tcp_proxy of a TCP service port: per the host's VirtualService TCP routes, else to `outbound|<port>||<host>`
 * (`port` is the service's only port when it has one, else the listener port: istiod's rule).
 */
export function outboundTcpFilter(
  proxy: MeshProxy,
  push: PushContext,
  sink: MessageSink,
  service: MeshService,
  port: number,
): NetworkFilter {
  const clusterPort = service.ports.length === 1 ? (service.ports[0]?.port ?? port) : port;
  const fallback = subsetKey('outbound', '', service.hostname, clusterPort);
  const [vs] = push.registry.virtualServicesForHost(proxy.namespace, service.hostname);
  const routes = vs?.object.spec.tcp ?? [];
  const index = routes.findIndex(
    (r) =>
      r.route.length > 0 &&
      ((r.match ?? []).length === 0 ||
        (r.match ?? []).some((m) => l4Applies(m, port, proxy.labels, proxy.namespace))),
  );
  const route = routes[index];
  if (vs === undefined || route === undefined) return tcpProxyFilter(fallback);
  return routeTcpProxy(route, vs, 'tcp', index, meshRouteEnv(proxy, push, sink, port));
}
