// The snapshot of the fan-out benchmark (push.bench.mjs): a fleet of services as Envoy resources.
import { anyOf, TypeUrl } from '@minimesh/model';

const range = (n) => Array.from({ length: n }, (_, i) => i);

/**
 * The resources of `services` services: one EDS cluster `c<i>`, one ClusterLoadAssignment (two endpoints) and one
 * API listener each, and one route configuration `routeName` with a virtual host each. Generation `gen` changes
 * every resource; `port0` changes only the first endpoint of service 0.
 */
export function fleet(services, routeName, gen, port0) {
  return {
    clusters: range(services).map((i) => ({
      name: `c${i}`,
      type: 'EDS',
      connect_timeout: { seconds: String(1 + gen) },
      eds_cluster_config: { eds_config: { ads: {}, resource_api_version: 'V3' } },
    })),
    endpoints: range(services).map((i) => ({
      cluster_name: `c${i}`,
      endpoints: [
        {
          locality: { region: 'r', zone: 'z' },
          lb_endpoints: [0, 1].map((j) => ({
            endpoint: {
              address: {
                socket_address: {
                  address: `10.${gen % 250}.${i >> 8}.${(i & 255) + j}`,
                  port_value: i === 0 && j === 0 ? port0 : 8080,
                },
              },
            },
          })),
        },
      ],
    })),
    listeners: range(services).map((i) => ({
      name: `svc${i}.bench:80`,
      api_listener: {
        api_listener: anyOf(TypeUrl.HTTP_CONNECTION_MANAGER, {
          stat_prefix: `svc${i}-${gen}`,
          rds: { route_config_name: routeName, config_source: { ads: {}, resource_api_version: 'V3' } },
          http_filters: [{ name: 'router', typed_config: anyOf(TypeUrl.ROUTER, {}) }],
        }),
      },
    })),
    routes: [
      {
        name: routeName,
        virtual_hosts: range(services).map((i) => ({
          name: `svc${i}`,
          domains: [`svc${i}.bench`, `svc${i}.bench:80`],
          routes: [
            { match: { prefix: '/' }, route: { cluster: `c${i}`, timeout: { seconds: String(1 + gen) } } },
          ],
        })),
      },
    ],
  };
}
