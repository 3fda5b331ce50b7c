// Hand-built Envoy resources for the tests (typed objects; the xds-server encodes them strictly with the model's
// codec before sending). No translator: the proxy knows only xDS.
import type {
  Cluster,
  ClusterLoadAssignment,
  HttpConnectionManager,
  Listener,
  Route,
  RouteConfiguration,
  VirtualHost,
} from '@minimesh/model';
import { anyOf, TypeUrl } from '@minimesh/model';

export const NODE_ID = 'sidecar~10.0.0.1~productpage-v1-abc.default~default.svc.cluster.local';

type HttpFilters = NonNullable<HttpConnectionManager['http_filters']>;

export const ROUTER: HttpFilters[number] = {
  name: 'envoy.filters.http.router',
  typed_config: anyOf(TypeUrl.ROUTER, {}),
};

export function hcm(
  routes: { rds: string } | { inline: RouteConfiguration },
  httpFilters: HttpFilters = [ROUTER],
  extra: Partial<HttpConnectionManager> = {},
): HttpConnectionManager {
  return {
    stat_prefix: 'outbound_0.0.0.0_9080',
    ...('rds' in routes
      ? { rds: { route_config_name: routes.rds, config_source: { ads: {}, resource_api_version: 'V3' } } }
      : { route_config: routes.inline }),
    http_filters: httpFilters,
    ...extra,
  };
}

/** A listener on 0.0.0.0:port with one HTTP filter chain. */
export function httpListener(
  name: string,
  port: number,
  manager: HttpConnectionManager,
  bindToPort = true,
): Listener {
  return {
    name,
    address: { socket_address: { address: '0.0.0.0', port_value: port } },
    ...(bindToPort ? {} : { bind_to_port: { value: false } }),
    filter_chains: [
      {
        filters: [
          {
            name: 'envoy.filters.network.http_connection_manager',
            typed_config: anyOf(TypeUrl.HTTP_CONNECTION_MANAGER, manager),
          },
        ],
      },
    ],
  };
}

export function edsCluster(name: string, extra: Partial<Cluster> = {}): Cluster {
  return {
    name,
    type: 'EDS',
    connect_timeout: { seconds: '1' },
    eds_cluster_config: { eds_config: { ads: {}, resource_api_version: 'V3' } },
    ...extra,
  };
}

export function staticCluster(name: string, ports: readonly number[], extra: Partial<Cluster> = {}): Cluster {
  return {
    name,
    type: 'STATIC',
    connect_timeout: { seconds: '1' },
    load_assignment: assignment(name, ports),
    ...extra,
  };
}

export function assignment(
  name: string,
  ports: readonly number[],
  address = '127.0.0.1',
): ClusterLoadAssignment {
  return {
    cluster_name: name,
    endpoints: [
      {
        lb_endpoints: ports.map((port) => ({
          endpoint: { address: { socket_address: { address, port_value: port } } },
        })),
      },
    ],
  };
}

export function vhost(
  name: string,
  domains: readonly string[],
  routes: readonly Route[],
  extra: Partial<VirtualHost> = {},
): VirtualHost {
  return { name, domains: [...domains], routes: [...routes], ...extra };
}

export function routeTo(
  cluster: string,
  prefix = '/',
  extra: Partial<Route> = {},
  action: NonNullable<Route['route']> = {},
): Route {
  return { match: { prefix }, route: { cluster, ...action }, ...extra };
}

export function routeConfig(
  name: string,
  virtualHosts: readonly VirtualHost[],
  extra: Partial<RouteConfiguration> = {},
): RouteConfiguration {
  return { name, virtual_hosts: [...virtualHosts], ...extra };
}
