// The minimesh proxy's benchmark config, shaped as istiod's outbound HTTP config for one service: a listener for
// port 9080 whose HttpConnectionManager takes routes over RDS and runs Istio's filter chain (grpc_stats, fault,
// cors, router), a route with Istio's default retry policy and timeout 0 to a STATIC cluster on 127.0.0.1.
import { anyOf, TypeUrl } from '@minimesh/model/xds';

export const LISTEN_PORT = 9080;

/** Resources for one proxy forwarding everything on LDS port 9080 to 127.0.0.1:`upstreamPort`. */
export function proxyResources(upstreamPort) {
  const cluster = 'outbound|9080||upstream.default.svc.cluster.local';
  const manager = {
    stat_prefix: 'outbound_0.0.0.0_9080',
    rds: { route_config_name: '9080', config_source: { ads: {}, resource_api_version: 'V3' } },
    use_remote_address: { value: false },
    http_filters: [
      {
        name: 'envoy.filters.http.grpc_stats',
        typed_config: anyOf(TypeUrl.GRPC_STATS, {
          emit_filter_state: true,
          stats_for_all_methods: { value: false },
        }),
      },
      { name: 'envoy.filters.http.fault', typed_config: anyOf(TypeUrl.HTTP_FAULT, {}) },
      { name: 'envoy.filters.http.cors', typed_config: anyOf(TypeUrl.CORS, {}) },
      { name: 'envoy.filters.http.router', typed_config: anyOf(TypeUrl.ROUTER, {}) },
    ],
  };
  return {
    clusters: [
      {
        name: cluster,
        type: 'STATIC',
        connect_timeout: { seconds: '10' },
        lb_policy: 'LEAST_REQUEST',
        load_assignment: {
          cluster_name: cluster,
          endpoints: [
            {
              lb_endpoints: [
                {
                  endpoint: {
                    address: { socket_address: { address: '127.0.0.1', port_value: upstreamPort } },
                  },
                },
              ],
            },
          ],
        },
      },
    ],
    listeners: [
      {
        name: '0.0.0.0_9080',
        address: { socket_address: { address: '0.0.0.0', port_value: LISTEN_PORT } },
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
      },
    ],
    routes: [
      {
        name: '9080',
        virtual_hosts: [
          {
            name: 'upstream.default.svc.cluster.local:9080',
            domains: ['*'],
            routes: [
              {
                name: 'default',
                match: { prefix: '/' },
                route: {
                  cluster,
                  timeout: { seconds: '0' },
                  retry_policy: {
                    retry_on: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
                    num_retries: { value: 2 },
                    retry_host_predicate: [
                      {
                        name: 'envoy.retry_host_predicates.previous_hosts',
                        typed_config: anyOf(
                          'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate',
                          {},
                        ),
                      },
                    ],
                    host_selection_retry_max_attempts: '5',
                  },
                  max_grpc_timeout: { seconds: '0' },
                },
                decorator: { operation: 'upstream.default.svc.cluster.local:9080/*' },
              },
            ],
          },
        ],
      },
    ],
  };
}
