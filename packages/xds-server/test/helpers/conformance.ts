// Resources for the @grpc/grpc-js-xds conformance tests: two Echo backends (clusters echo-a and echo-b), an API
// listener named after the target and a route configuration with a header-matched route and a weighted split.
import {
  anyOf,
  type Cluster,
  type ClusterLoadAssignment,
  type HttpFilter,
  type Listener,
  type Route,
  type RouteConfiguration,
  TypeUrl,
} from '@minimesh/model';

export const TARGET = 'echo.test:50051';
export const FAULT_FILTER = 'envoy.filters.http.fault';

export function cluster(name: string): Cluster {
  return {
    name,
    type: 'EDS',
    lb_policy: 'ROUND_ROBIN',
    eds_cluster_config: { eds_config: { ads: {}, resource_api_version: 'V3' } },
  };
}

export function assignment(name: string, port: number): ClusterLoadAssignment {
  return {
    cluster_name: name,
    endpoints: [
      {
        locality: { region: 'r', zone: 'z0' },
        load_balancing_weight: { value: 1 },
        lb_endpoints: [
          { endpoint: { address: { socket_address: { address: '127.0.0.1', port_value: port } } } },
        ],
      },
    ],
  };
}

export const routerFilter: HttpFilter = { name: 'router', typed_config: anyOf(TypeUrl.ROUTER, {}) };
export const faultFilter: HttpFilter = { name: FAULT_FILTER, typed_config: anyOf(TypeUrl.HTTP_FAULT, {}) };

export function listener(
  inline?: RouteConfiguration,
  httpFilters: readonly HttpFilter[] = [faultFilter, routerFilter],
): Listener {
  const routeSpecifier =
    inline === undefined
      ? {
          rds: {
            route_config_name: 'echo-route',
            config_source: { ads: {}, resource_api_version: 'V3' as const },
          },
        }
      : { route_config: inline };
  return {
    name: TARGET,
    api_listener: {
      api_listener: anyOf(TypeUrl.HTTP_CONNECTION_MANAGER, {
        ...routeSpecifier,
        http_filters: [...httpFilters],
      }),
    },
  };
}

/**
 * 'echo-route': x-route: b goes to echo-b; x-fault: abort is aborted with gRPC status `PERMISSION_DENIED` (7) by
 * the fault filter; everything else is split by `split` ({ a: 70, b: 30 } -> echo-a 70, echo-b 30).
 */
export function echoRoute(
  split: Record<string, number>,
  extraRoutes: readonly Route[] = [],
): RouteConfiguration {
  const clusters = Object.entries(split)
    .filter(([, weight]) => weight > 0)
    .map(([name, weight]) => ({ name: `echo-${name}`, weight: { value: weight } }));
  return {
    name: 'echo-route',
    virtual_hosts: [
      {
        name: 'echo',
        domains: [TARGET],
        routes: [
          ...extraRoutes,
          {
            match: { prefix: '', headers: [{ name: 'x-route', string_match: { exact: 'b' } }] },
            route: { cluster: 'echo-b' },
          },
          {
            match: { prefix: '', headers: [{ name: 'x-fault', string_match: { exact: 'abort' } }] },
            route: { cluster: 'echo-a' },
            typed_per_filter_config: {
              [FAULT_FILTER]: anyOf(TypeUrl.HTTP_FAULT, {
                abort: { grpc_status: 7, percentage: { numerator: 100, denominator: 'HUNDRED' } },
              }),
            },
          },
          { match: { prefix: '' }, route: { weighted_clusters: { clusters } } },
        ],
      },
    ],
  };
}
