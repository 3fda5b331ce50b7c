// A listener, route and cluster config dump, and the text Envoy's admin /config_dump serves for it.
import { anyOf } from '../../src/xds/codec.js';
import {
  bootstrapConfigDump,
  buildConfigDump,
  clustersConfigDump,
  listenersConfigDump,
  routesConfigDump,
} from '../../src/xds/config-dump.js';
import { TypeUrl } from '../../src/xds/type-urls.js';
import type { Bootstrap, Cluster, ConfigSource, Listener, RouteConfiguration } from '../../src/xds/types.js';

// Istio's sidecars show this ConfigSource in every dump: ads, initial_fetch_timeout 0s, resource API v3.
const ADS: ConfigSource = { ads: {}, initial_fetch_timeout: {}, resource_api_version: 'V3' };
const VERSION = '2024-05-01T12:00:00Z/7';

const bootstrap: Bootstrap = {
  node: {
    id: 'sidecar~10.0.0.7~productpage-v1.default~default.svc.cluster.local',
    cluster: 'productpage.default',
  },
  dynamic_resources: {
    lds_config: ADS,
    cds_config: ADS,
    ads_config: {
      api_type: 'GRPC',
      transport_api_version: 'V3',
      grpc_services: [{ envoy_grpc: { cluster_name: 'xds-grpc' } }],
    },
  },
  stats_flush_interval: { seconds: '5' },
};

const xdsCluster: Cluster = {
  name: 'xds-grpc',
  type: 'STATIC',
  connect_timeout: { seconds: '1' },
  load_assignment: {
    cluster_name: 'xds-grpc',
    endpoints: [
      {
        lb_endpoints: [
          { endpoint: { address: { socket_address: { address: '127.0.0.1', port_value: 15010 } } } },
        ],
      },
    ],
  },
};

const reviews = 'outbound|9080||reviews.default.svc.cluster.local';
// Keys in an order unlike field-number order: the printer must sort them as Envoy does.
const reviewsCluster: Cluster = {
  metadata: {
    filter_metadata: {
      istio: {
        fields: {
          services: {
            listValue: {
              values: [
                {
                  structValue: {
                    fields: {
                      host: { stringValue: 'reviews.default.svc.cluster.local' },
                      name: { stringValue: 'reviews' },
                      namespace: { stringValue: 'default' },
                    },
                  },
                },
              ],
            },
          },
        },
      },
    },
  },
  circuit_breakers: {
    thresholds: [
      {
        max_retries: {},
        max_requests: { value: 4294967295 },
        max_pending_requests: { value: 4294967295 },
        max_connections: { value: 4294967295 },
      },
    ],
  },
  lb_policy: 'LEAST_REQUEST',
  connect_timeout: { nanos: 250000000 },
  eds_cluster_config: { service_name: reviews, eds_config: ADS },
  type: 'EDS',
  name: reviews,
  typed_extension_protocol_options: {
    'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': anyOf(TypeUrl.UPSTREAM_HTTP_PROTOCOL_OPTIONS, {
      explicit_http_config: { http2_protocol_options: {} },
    }),
  },
};

const listener: Listener = {
  name: '0.0.0.0_9080',
  address: { socket_address: { address: '0.0.0.0', port_value: 9080 } },
  filter_chains: [
    {
      filters: [
        {
          name: 'envoy.filters.network.http_connection_manager',
          typed_config: anyOf(TypeUrl.HTTP_CONNECTION_MANAGER, {
            common_http_protocol_options: { idle_timeout: { seconds: '3600' } },
            normalize_path: { value: true },
            stream_idle_timeout: {},
            use_remote_address: {},
            http_filters: [{ name: 'envoy.filters.http.router', typed_config: anyOf(TypeUrl.ROUTER, {}) }],
            rds: { config_source: ADS, route_config_name: '9080' },
            stat_prefix: 'outbound_0.0.0.0_9080',
          }),
        },
      ],
    },
  ],
  bind_to_port: {},
  traffic_direction: 'OUTBOUND',
};

const routeConfig: RouteConfiguration = {
  name: '9080',
  virtual_hosts: [
    {
      name: 'reviews.default.svc.cluster.local:9080',
      domains: ['reviews.default.svc.cluster.local', 'reviews'],
      routes: [
        {
          name: 'default',
          decorator: { operation: 'reviews.default.svc.cluster.local:9080/*' },
          match: { prefix: '/' },
          route: {
            max_grpc_timeout: {},
            retry_policy: {
              retriable_status_codes: [503],
              host_selection_retry_max_attempts: '5',
              per_try_timeout: { seconds: '1', nanos: 500000000 },
              num_retries: { value: 2 },
              retry_on: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
            },
            timeout: {},
            cluster: reviews,
          },
        },
      ],
      include_request_attempt_count: true,
    },
  ],
  validate_clusters: {},
};

const t0 = new Date('2024-05-01T12:00:00.123Z');

export function goldenDump() {
  // Sections given out of order: buildConfigDump prints them in Envoy's.
  return buildConfigDump({
    routes: routesConfigDump({
      dynamicRouteConfigs: [
        { resource: routeConfig, versionInfo: VERSION, lastUpdated: new Date('2024-05-01T12:00:03Z') },
      ],
    }),
    listeners: listenersConfigDump({
      versionInfo: VERSION,
      dynamicListeners: [
        { resource: listener, versionInfo: VERSION, lastUpdated: new Date('2024-05-01T12:00:02Z') },
      ],
    }),
    clusters: clustersConfigDump({
      versionInfo: VERSION,
      staticClusters: [{ resource: xdsCluster, lastUpdated: t0 }],
      dynamicActiveClusters: [
        { resource: reviewsCluster, versionInfo: VERSION, lastUpdated: new Date('2024-05-01T12:00:01.5Z') },
      ],
    }),
    bootstrap: bootstrapConfigDump(bootstrap, t0),
  });
}
