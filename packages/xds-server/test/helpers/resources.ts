// Hand-written Envoy resources for tests.
import {
  anyOf,
  type Cluster,
  type ClusterLoadAssignment,
  type Listener,
  type RouteConfiguration,
  TypeUrl,
} from '@minimesh/model';

export function edsCluster(name: string, serviceName?: string): Cluster {
  return {
    name,
    type: 'EDS',
    connect_timeout: { seconds: '1' },
    eds_cluster_config: {
      eds_config: { ads: {}, resource_api_version: 'V3' },
      ...(serviceName === undefined ? {} : { service_name: serviceName }),
    },
  };
}

export function endpoints(
  name: string,
  ports: readonly number[],
  options: { weights?: readonly (number | undefined)[] } = {},
): ClusterLoadAssignment {
  return {
    cluster_name: name,
    endpoints: ports.map((port, i) => {
      const weight = options.weights?.[i];
      return {
        locality: { region: 'r', zone: `z${i}` },
        lb_endpoints: [
          { endpoint: { address: { socket_address: { address: '127.0.0.1', port_value: port } } } },
        ],
        ...(weight === undefined ? {} : { load_balancing_weight: { value: weight } }),
      };
    }),
  };
}

export function rdsListener(name: string, routeName: string): Listener {
  const hcm = anyOf(TypeUrl.HTTP_CONNECTION_MANAGER, {
    stat_prefix: name,
    rds: { route_config_name: routeName, config_source: { ads: {}, resource_api_version: 'V3' } },
    http_filters: [{ name: 'envoy.filters.http.router', typed_config: anyOf(TypeUrl.ROUTER, {}) }],
  });
  return { name, api_listener: { api_listener: hcm } };
}

export function route(name: string, domain: string, cluster: string): RouteConfiguration {
  return {
    name,
    virtual_hosts: [
      { name: `${name}-vh`, domains: [domain], routes: [{ match: { prefix: '/' }, route: { cluster } }] },
    ],
  };
}
