// The HTTP connection manager istiod 1.30 writes (listener_builder.go buildHTTPConnectionManager, httpListenerOpts):
// routes by RDS over ADS (outbound / gateway) or an inline route config (inbound), http_filters limited to those
// the model's descriptor knows (grpc_stats, fault, cors, router: istiod also adds istio.metadata_exchange,
// istio.alpn and istio.stats, which are Istio's own extensions), websocket upgrades, stream_idle_timeout 0s (off),
// normalize_path, escaped slashes kept as they are, `Expect: 100-continue` proxied (ENABLE_100_CONTINUE_HEADERS,
// default true), the UUID request id extension (always written, tracing or not), and on gateways empty HTTP/1
// protocol options (buildGatewayConnectionManager).
import {
  anyOf,
  type HttpConnectionManager,
  type NetworkFilter,
  type RouteConfiguration,
  TypeUrl,
} from '@minimesh/model';
import { CORS_FILTER, FAULT_FILTER, GRPC_STATS_FILTER, ROUTER_FILTER } from '../route/route-names.js';
import { HCM_FILTER, ISTIO_SERVER_NAME } from './listener-names.js';

/** Where the HCM is: it decides use_remote_address and client certificate forwarding. */
export type HcmSide = 'outbound' | 'inbound' | 'gateway';

export interface HcmOptions {
  readonly statPrefix: string;
  readonly side: HcmSide;
  /** RDS route config name, or an inline route config (inbound). */
  readonly rds?: string;
  readonly routeConfig?: RouteConfiguration;
}

/** The HTTP filters, in istiod's order (fault before cors, the router last). */
export function httpFilters(): NonNullable<HttpConnectionManager['http_filters']> {
  return [
    {
      name: GRPC_STATS_FILTER,
      typed_config: anyOf(TypeUrl.GRPC_STATS, {
        emit_filter_state: true,
        stats_for_all_methods: { value: false },
      }),
    },
    { name: FAULT_FILTER, typed_config: anyOf(TypeUrl.HTTP_FAULT, {}) },
    { name: CORS_FILTER, typed_config: anyOf(TypeUrl.CORS, {}) },
    { name: ROUTER_FILTER, typed_config: anyOf(TypeUrl.ROUTER, {}) },
  ];
}

export function httpConnectionManager(opts: HcmOptions): HttpConnectionManager {
  const hcm: HttpConnectionManager = {
    stat_prefix: opts.statPrefix,
    http_filters: httpFilters(),
    // Gateways are the edge: they trust and append the client address; sidecars do not.
    use_remote_address: { value: opts.side === 'gateway' },
    upgrade_configs: [{ upgrade_type: 'websocket' }],
    stream_idle_timeout: { seconds: '0' },
    normalize_path: { value: true },
    path_with_escaped_slashes_action: 'KEEP_UNCHANGED',
    request_id_extension: {
      typed_config: anyOf(TypeUrl.UUID_REQUEST_ID, { use_request_id_for_trace_sampling: { value: true } }),
    },
    proxy_100_continue: true,
  };
  if (opts.side === 'gateway') hcm.http_protocol_options = {};
  if (opts.rds !== undefined) {
    hcm.rds = {
      config_source: { ads: {}, initial_fetch_timeout: { seconds: '0' }, resource_api_version: 'V3' },
      route_config_name: opts.rds,
    };
  } else if (opts.routeConfig !== undefined) {
    hcm.route_config = opts.routeConfig;
  }
  // istiod's proxy header defaults: Server header `istio-envoy` everywhere; client certificate details appended
  // and forwarded by sidecars (inbound), sanitized and set by gateways.
  hcm.server_name = ISTIO_SERVER_NAME;
  if (opts.side === 'inbound') {
    hcm.forward_client_cert_details = 'APPEND_FORWARD';
    hcm.set_current_client_cert_details = { subject: { value: true }, dns: true, uri: true };
  } else if (opts.side === 'gateway') {
    hcm.forward_client_cert_details = 'SANITIZE_SET';
    hcm.set_current_client_cert_details = { subject: { value: true }, cert: true, dns: true, uri: true };
  }
  return hcm;
}

/** The HCM as a network filter. */
export function hcmFilter(opts: HcmOptions): NetworkFilter {
  return {
    name: HCM_FILTER,
    typed_config: anyOf(TypeUrl.HTTP_CONNECTION_MANAGER, httpConnectionManager(opts)),
  };
}
