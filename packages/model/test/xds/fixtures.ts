// Fixture builders in go-control-plane style: one function per resource, each in canonical object form (no field
// at its default value), so encode -> decode and print -> parse give back exactly what they were given.
// This file: xDS resources and the filter and transport socket configs inside them.
import { anyOf } from '../../src/xds/codec.js';
import { TypeUrl } from '../../src/xds/type-urls.js';
import type {
  AccessLog,
  Cluster,
  ClusterLoadAssignment,
  ConfigSource,
  CorsPolicy,
  DownstreamTlsContext,
  HTTPFault,
  HttpConnectionManager,
  Listener,
  Node,
  RBAC,
  RouteConfiguration,
  Secret,
  TcpProxy,
  UpstreamTlsContext,
} from '../../src/xds/types.js';

export const ADS: ConfigSource = { ads: {}, resource_api_version: 'V3' };

export function makeNode(id = 'sidecar~10.0.0.7~reviews-v1.default~default.svc.cluster.local'): Node {
  return {
    id,
    cluster: 'reviews.default',
    metadata: {
      fields: {
        NAMESPACE: { stringValue: 'default' },
        LABELS: {
          structValue: { fields: { app: { stringValue: 'reviews' }, version: { stringValue: 'v1' } } },
        },
        PORTS: { listValue: { values: [{ numberValue: 9080 }, { numberValue: 15090 }] } },
        MESH: { boolValue: true },
        EMPTY: { nullValue: 'NULL_VALUE' },
      },
    },
    locality: { region: 'eu-west-1', zone: 'eu-west-1a' },
    user_agent_name: 'minimesh',
    user_agent_version: '0.1.0',
  };
}

export function makeUpstreamTlsContext(sni: string): UpstreamTlsContext {
  return {
    common_tls_context: {
      tls_params: {
        tls_minimum_protocol_version: 'TLSv1_2',
        cipher_suites: ['ECDHE-ECDSA-AES128-GCM-SHA256'],
      },
      tls_certificate_sds_secret_configs: [{ name: 'default', sds_config: ADS }],
      validation_context_sds_secret_config: { name: 'ROOTCA', sds_config: ADS },
      alpn_protocols: ['istio-peer-exchange', 'istio', 'h2'],
    },
    sni,
    max_session_keys: {},
  };
}

export function makeDownstreamTlsContext(): DownstreamTlsContext {
  return {
    common_tls_context: {
      tls_certificate_sds_secret_configs: [{ name: 'default', sds_config: ADS }],
      validation_context: {
        match_subject_alt_names: [{ prefix: 'spiffe://cluster.local/' }],
        trusted_ca: { filename: '/etc/certs/root-cert.pem' },
      },
    },
    require_client_certificate: { value: true },
    session_timeout: { seconds: '300' },
  };
}

export function makeCluster(name: string): Cluster {
  return {
    name,
    type: 'EDS',
    eds_cluster_config: { eds_config: ADS, service_name: name },
    connect_timeout: { seconds: '10' },
    lb_policy: 'LEAST_REQUEST',
    circuit_breakers: {
      thresholds: [
        {
          max_connections: { value: 4294967295 },
          max_pending_requests: { value: 1024 },
          max_retries: { value: 3 },
        },
      ],
    },
    outlier_detection: {
      consecutive_5xx: { value: 5 },
      interval: { nanos: 500000000 },
      max_ejection_percent: { value: 100 },
    },
    typed_extension_protocol_options: {
      'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': anyOf(
        TypeUrl.UPSTREAM_HTTP_PROTOCOL_OPTIONS,
        {
          common_http_protocol_options: {
            idle_timeout: { seconds: '3600' },
            max_requests_per_connection: { value: 100 },
          },
          explicit_http_config: { http2_protocol_options: { max_concurrent_streams: { value: 1073741824 } } },
        },
      ),
    },
    common_lb_config: { healthy_panic_threshold: { value: 50.5 } },
    transport_socket: {
      name: 'envoy.transport_sockets.tls',
      typed_config: anyOf(TypeUrl.UPSTREAM_TLS_CONTEXT, makeUpstreamTlsContext(`outbound_.9080_._.${name}`)),
    },
    metadata: { filter_metadata: { istio: { fields: { default_original_port: { numberValue: 9080 } } } } },
  };
}

export function makeClusterLoadAssignment(clusterName: string): ClusterLoadAssignment {
  return {
    cluster_name: clusterName,
    endpoints: [
      {
        locality: { region: 'eu-west-1', zone: 'eu-west-1a' },
        lb_endpoints: [
          {
            endpoint: { address: { socket_address: { address: '10.0.0.7', port_value: 9080 } } },
            health_status: 'HEALTHY',
            load_balancing_weight: { value: 3 },
          },
          {
            endpoint: {
              address: { socket_address: { address: '10.0.0.8', port_value: 9080 } },
              hostname: 'r2',
            },
            health_status: 'DRAINING',
            metadata: {
              filter_metadata: {
                'envoy.transport_socket_match': { fields: { tlsMode: { stringValue: 'istio' } } },
              },
            },
          },
        ],
        load_balancing_weight: { value: 80 },
      },
      {
        locality: { region: 'eu-west-1', zone: 'eu-west-1b', sub_zone: 'rack-4' },
        lb_endpoints: [{ endpoint: { address: { socket_address: { address: '10.0.1.9', port_value: 0 } } } }],
        load_balancing_weight: { value: 20 },
        priority: 1,
      },
    ],
    policy: { overprovisioning_factor: { value: 140 } },
  };
}

export function makeFault(): HTTPFault {
  return {
    delay: { fixed_delay: { seconds: '1', nanos: 500000000 }, percentage: { numerator: 10 } },
    abort: { http_status: 503, percentage: { numerator: 5, denominator: 'TEN_THOUSAND' } },
    max_active_faults: { value: 100 },
  };
}

export function makeCorsPolicy(): CorsPolicy {
  return {
    allow_origin_string_match: [
      { exact: 'https://example.com' },
      { safe_regex: { regex: '^https://.*\\.example\\.org$' } },
    ],
    allow_methods: 'GET,POST',
    allow_headers: 'content-type,x-request-id',
    max_age: '86400',
    allow_credentials: {},
  };
}

export function makeRbac(): RBAC {
  return {
    rules: {
      action: 'DENY',
      policies: {
        'ns[default]-policy[deny-delete]-rule[0]': {
          permissions: [
            { header: { name: ':method', string_match: { exact: 'DELETE' } } },
            { destination_port: 8080 },
          ],
          principals: [
            { authenticated: { principal_name: { exact: 'spiffe://cluster.local/ns/default/sa/sleep' } } },
            { not_id: { remote_ip: { address_prefix: '10.0.0.0', prefix_len: { value: 8 } } } },
          ],
        },
      },
    },
    shadow_rules_stat_prefix: 'istio_dry_run_allow_',
  };
}

export function makeFileAccessLog(): AccessLog {
  return {
    name: 'envoy.access_loggers.file',
    typed_config: anyOf(TypeUrl.FILE_ACCESS_LOG, {
      path: '/dev/stdout',
      log_format: {
        text_format_source: {
          inline_string: '[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%"\n',
        },
        omit_empty_values: true,
      },
    }),
  };
}

export function makeHcm(routeName: string): HttpConnectionManager {
  return {
    stat_prefix: 'outbound_0.0.0.0_9080',
    rds: { config_source: ADS, route_config_name: routeName },
    http_filters: [
      { name: 'envoy.filters.http.fault', typed_config: anyOf(TypeUrl.HTTP_FAULT, {}) },
      { name: 'envoy.filters.http.cors', typed_config: anyOf(TypeUrl.CORS, {}) },
      { name: 'envoy.filters.http.rbac', typed_config: anyOf(TypeUrl.HTTP_RBAC, makeRbac()) },
      {
        name: 'envoy.filters.http.grpc_stats',
        typed_config: anyOf(TypeUrl.GRPC_STATS, { stats_for_all_methods: { value: true } }),
      },
      { name: 'envoy.filters.http.router', typed_config: anyOf(TypeUrl.ROUTER, {}) },
    ],
    common_http_protocol_options: { idle_timeout: { seconds: '3600' } },
    stream_idle_timeout: {},
    access_log: [makeFileAccessLog()],
    use_remote_address: {},
    upgrade_configs: [{ upgrade_type: 'websocket' }],
    normalize_path: { value: true },
    path_with_escaped_slashes_action: 'KEEP_UNCHANGED',
  };
}

export function makeListener(name: string, port: number, routeName: string): Listener {
  return {
    name,
    address: { socket_address: { address: '0.0.0.0', port_value: port } },
    filter_chains: [
      {
        filter_chain_match: { destination_port: { value: port }, application_protocols: ['http/1.1', 'h2c'] },
        filters: [
          {
            name: 'envoy.filters.network.http_connection_manager',
            typed_config: anyOf(TypeUrl.HTTP_CONNECTION_MANAGER, makeHcm(routeName)),
          },
        ],
        transport_socket: {
          name: 'envoy.transport_sockets.tls',
          typed_config: anyOf(TypeUrl.DOWNSTREAM_TLS_CONTEXT, makeDownstreamTlsContext()),
        },
        name: `0.0.0.0_${port}`,
      },
    ],
    listener_filters: [
      { name: 'envoy.filters.listener.tls_inspector', typed_config: anyOf(TypeUrl.TLS_INSPECTOR, {}) },
      { name: 'envoy.filters.listener.http_inspector', typed_config: anyOf(TypeUrl.HTTP_INSPECTOR, {}) },
    ],
    listener_filters_timeout: { seconds: '5' },
    continue_on_listener_filters_timeout: true,
    traffic_direction: 'OUTBOUND',
    bind_to_port: {},
  };
}

export function makeTcpProxy(cluster: string): TcpProxy {
  return {
    stat_prefix: cluster,
    cluster,
    idle_timeout: { seconds: '3600' },
    access_log: [makeFileAccessLog()],
    max_connect_attempts: { value: 2 },
  };
}

export function makeTcpListener(name: string, port: number, cluster: string): Listener {
  return {
    name,
    address: { socket_address: { address: '10.0.0.7', port_value: port } },
    filter_chains: [
      {
        filters: [
          {
            name: 'envoy.filters.network.rbac',
            typed_config: anyOf(TypeUrl.NETWORK_RBAC, { rules: { action: 'LOG' }, stat_prefix: 'tcp.' }),
          },
          {
            name: 'envoy.filters.network.tcp_proxy',
            typed_config: anyOf(TypeUrl.TCP_PROXY, makeTcpProxy(cluster)),
          },
        ],
      },
    ],
    listener_filters: [
      { name: 'envoy.filters.listener.original_dst', typed_config: anyOf(TypeUrl.ORIGINAL_DST, {}) },
    ],
    traffic_direction: 'INBOUND',
  };
}

export function makeRouteConfig(name: string): RouteConfiguration {
  return {
    name,
    virtual_hosts: [
      {
        name: 'reviews.default.svc.cluster.local:9080',
        domains: ['reviews.default.svc.cluster.local', 'reviews', '10.96.0.12'],
        routes: [
          {
            name: 'canary',
            match: {
              prefix: '/api',
              case_sensitive: {},
              headers: [
                { name: 'x-canary', string_match: { exact: 'true' } },
                { name: 'x-debug', present_match: true, invert_match: true },
              ],
            },
            route: {
              weighted_clusters: {
                clusters: [
                  { name: 'outbound|9080|v1|reviews.default.svc.cluster.local', weight: { value: 80 } },
                  { name: 'outbound|9080|v2|reviews.default.svc.cluster.local', weight: { value: 20 } },
                ],
              },
              timeout: { nanos: 250000000 },
              retry_policy: {
                retry_on: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
                num_retries: { value: 2 },
                per_try_timeout: { seconds: '2' },
                retriable_status_codes: [503, 504],
                host_selection_retry_max_attempts: '5',
              },
            },
            typed_per_filter_config: {
              'envoy.filters.http.fault': anyOf(TypeUrl.HTTP_FAULT, makeFault()),
              'envoy.filters.http.cors': anyOf(TypeUrl.CORS_POLICY, makeCorsPolicy()),
            },
            request_headers_to_add: [
              { header: { key: 'x-mesh', value: 'minimesh' }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' },
            ],
          },
          {
            match: { safe_regex: { regex: '^/v[0-9]+/ratings/.*$' } },
            route: {
              cluster: 'outbound|9080||ratings.default.svc.cluster.local',
              prefix_rewrite: '/ratings/',
            },
          },
          { match: { path: '/healthz' }, direct_response: { status: 200, body: { inline_string: 'ok' } } },
        ],
      },
    ],
    validate_clusters: {},
    max_direct_response_body_size_bytes: { value: 1048576 },
  };
}

export function makeSecret(name: string): Secret {
  return {
    name,
    tls_certificate: {
      certificate_chain: { inline_string: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' },
      private_key: { inline_bytes: Buffer.from('-----BEGIN PRIVATE KEY-----\nMIIE\n') },
    },
  };
}

export function makeRootCaSecret(): Secret {
  return {
    name: 'ROOTCA',
    validation_context: { trusted_ca: { inline_bytes: Buffer.from([0, 1, 2, 250, 255]) } },
  };
}
