// Fixture builders for the xDS, CSDS and access log services and for a bootstrap, in canonical object form.
import { anyOf } from '../../src/xds/codec.js';
import { TypeUrl } from '../../src/xds/type-urls.js';
import type {
  Bootstrap,
  ClientStatusRequest,
  ClientStatusResponse,
  DeltaDiscoveryRequest,
  DeltaDiscoveryResponse,
  DiscoveryRequest,
  DiscoveryResponse,
  HTTPAccessLogEntry,
  StreamAccessLogsMessage,
} from '../../src/xds/types.js';
import { ADS, makeCluster, makeListener, makeNode, makeRootCaSecret, makeSecret } from './fixtures.js';

export function makeDiscoveryRequest(): DiscoveryRequest {
  return {
    version_info: '2024-05-01T12:00:00Z/7',
    node: makeNode(),
    resource_names: ['outbound|9080||reviews.default.svc.cluster.local'],
    type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
    response_nonce: 'a1b2',
    error_detail: { code: 3, message: 'cluster outbound|9080||x: unknown field' },
  };
}

export function makeDiscoveryResponse(): DiscoveryResponse {
  return {
    version_info: '8',
    resources: [
      anyOf(TypeUrl.CLUSTER, makeCluster('outbound|9080||reviews.default.svc.cluster.local')),
      anyOf(TypeUrl.CLUSTER, makeCluster('b')),
    ],
    type_url: TypeUrl.CLUSTER,
    nonce: 'n-8',
    control_plane: { identifier: 'minimesh-controlplane' },
  };
}

export function makeDeltaRequest(): DeltaDiscoveryRequest {
  return {
    node: makeNode(),
    type_url: TypeUrl.SECRET,
    resource_names_subscribe: ['default', 'ROOTCA'],
    resource_names_unsubscribe: ['old'],
    initial_resource_versions: { default: '3', ROOTCA: '1' },
    response_nonce: 'd-1',
  };
}

export function makeDeltaResponse(): DeltaDiscoveryResponse {
  return {
    system_version_info: '42',
    resources: [
      {
        name: 'default',
        version: '4',
        resource: anyOf(TypeUrl.SECRET, makeSecret('default')),
        ttl: { seconds: '60' },
      },
      {
        name: 'ROOTCA',
        version: '2',
        resource: anyOf(TypeUrl.SECRET, makeRootCaSecret()),
        aliases: ['root'],
      },
    ],
    type_url: TypeUrl.SECRET,
    removed_resources: ['old'],
    nonce: 'd-2',
  };
}

export function makeClientStatusRequest(): ClientStatusRequest {
  return { node_matchers: [{ node_id: { exact: 'sidecar~10.0.0.7' } }], exclude_resource_contents: true };
}

export function makeClientStatusResponse(): ClientStatusResponse {
  return {
    config: [
      {
        node: makeNode(),
        generic_xds_configs: [
          {
            type_url: TypeUrl.LISTENER,
            name: 'virtualOutbound',
            version_info: '7',
            xds_config: anyOf(TypeUrl.LISTENER, makeListener('virtualOutbound', 15001, 'default')),
            last_updated: { seconds: '1714564800', nanos: 123000000 },
            config_status: 'SYNCED',
            client_status: 'ACKED',
          },
          {
            type_url: TypeUrl.CLUSTER,
            name: 'broken',
            config_status: 'ERROR',
            client_status: 'NACKED',
            error_state: { details: 'unknown field', last_update_attempt: { seconds: '1714564801' } },
          },
        ],
      },
    ],
  };
}

export function makeHttpAccessLogEntry(): HTTPAccessLogEntry {
  return {
    common_properties: {
      sample_rate: 1,
      downstream_remote_address: { socket_address: { address: '10.0.0.9', port_value: 53412 } },
      start_time: { seconds: '1714564800', nanos: 5000 },
      time_to_last_downstream_tx_byte: { nanos: 12000000 },
      upstream_cluster: 'outbound|9080||reviews.default.svc.cluster.local',
      response_flags: { no_healthy_upstream: true, upstream_retry_limit_exceeded: true },
      custom_tags: { tenant: 'a' },
      upstream_request_attempt_count: 2,
      downstream_wire_bytes_sent: '18446744073709551615',
      access_log_type: 'DownstreamEnd',
    },
    protocol_version: 'HTTP2',
    request: {
      request_method: 'GET',
      scheme: 'http',
      authority: 'reviews:9080',
      path: '/reviews/0',
      request_id: '0b4f',
      request_headers_bytes: '420',
      request_headers: { 'x-b3-traceid': 'abc' },
    },
    response: {
      response_code: { value: 200 },
      response_body_bytes: '9007199254740993',
      response_code_details: 'via_upstream',
    },
  };
}

export function makeStreamAccessLogsMessage(): StreamAccessLogsMessage {
  return {
    identifier: { node: makeNode(), log_name: 'als' },
    http_logs: { log_entry: [makeHttpAccessLogEntry(), { protocol_version: 'HTTP11' }] },
  };
}

export function makeBootstrap(): Bootstrap {
  return {
    node: makeNode(),
    static_resources: {
      clusters: [
        {
          name: 'xds-grpc',
          type: 'STATIC',
          connect_timeout: { seconds: '1' },
          load_assignment: {
            cluster_name: 'xds-grpc',
            endpoints: [
              { lb_endpoints: [{ endpoint: { address: { pipe: { path: './etc/istio/proxy/XDS' } } } }] },
            ],
          },
          typed_extension_protocol_options: {
            'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': anyOf(
              TypeUrl.UPSTREAM_HTTP_PROTOCOL_OPTIONS,
              {
                explicit_http_config: { http2_protocol_options: {} },
              },
            ),
          },
        },
      ],
    },
    dynamic_resources: {
      lds_config: ADS,
      cds_config: ADS,
      ads_config: {
        api_type: 'GRPC',
        transport_api_version: 'V3',
        grpc_services: [{ envoy_grpc: { cluster_name: 'xds-grpc' } }],
        set_node_on_first_message_only: true,
      },
    },
    admin: { address: { socket_address: { address: '127.0.0.1', port_value: 15000 } } },
    stats_flush_interval: { seconds: '5' },
  };
}
