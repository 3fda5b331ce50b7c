// Type URLs of the Envoy messages the mesh sends and reads: xDS resources, filter and extension configs, and the
// sections of an admin /config_dump. A type URL is `type.googleapis.com/` + the message's full proto name.
import { CodecError, CodecErrorCode } from '../errors/model-error.js';

/** The prefix Envoy and every xDS implementation use. */
export const TYPE_URL_PREFIX = 'type.googleapis.com/';

const url = <N extends string>(fullName: N): `type.googleapis.com/${N}` => `${TYPE_URL_PREFIX}${fullName}`;

export const TypeUrl = {
  // xDS resources (LDS, RDS, CDS, EDS, SDS, VHDS).
  LISTENER: url('envoy.config.listener.v3.Listener'),
  ROUTE_CONFIGURATION: url('envoy.config.route.v3.RouteConfiguration'),
  VIRTUAL_HOST: url('envoy.config.route.v3.VirtualHost'),
  CLUSTER: url('envoy.config.cluster.v3.Cluster'),
  CLUSTER_LOAD_ASSIGNMENT: url('envoy.config.endpoint.v3.ClusterLoadAssignment'),
  SECRET: url('envoy.extensions.transport_sockets.tls.v3.Secret'),

  // HTTP filters.
  ROUTER: url('envoy.extensions.filters.http.router.v3.Router'),
  HTTP_FAULT: url('envoy.extensions.filters.http.fault.v3.HTTPFault'),
  CORS: url('envoy.extensions.filters.http.cors.v3.Cors'),
  CORS_POLICY: url('envoy.extensions.filters.http.cors.v3.CorsPolicy'),
  HTTP_RBAC: url('envoy.extensions.filters.http.rbac.v3.RBAC'),
  HTTP_RBAC_PER_ROUTE: url('envoy.extensions.filters.http.rbac.v3.RBACPerRoute'),
  GRPC_STATS: url('envoy.extensions.filters.http.grpc_stats.v3.FilterConfig'),
  HTTP_BUFFER: url('envoy.extensions.filters.http.buffer.v3.Buffer'),
  HTTP_BUFFER_PER_ROUTE: url('envoy.extensions.filters.http.buffer.v3.BufferPerRoute'),
  UUID_REQUEST_ID: url('envoy.extensions.request_id.uuid.v3.UuidRequestIdConfig'),
  CARES_DNS_RESOLVER: url('envoy.extensions.network.dns_resolver.cares.v3.CaresDnsResolverConfig'),

  // Network filters.
  HTTP_CONNECTION_MANAGER: url(
    'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  ),
  TCP_PROXY: url('envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy'),
  NETWORK_RBAC: url('envoy.extensions.filters.network.rbac.v3.RBAC'),

  // Listener filters.
  TLS_INSPECTOR: url('envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector'),
  ORIGINAL_DST: url('envoy.extensions.filters.listener.original_dst.v3.OriginalDst'),
  HTTP_INSPECTOR: url('envoy.extensions.filters.listener.http_inspector.v3.HttpInspector'),

  // Transport sockets.
  UPSTREAM_TLS_CONTEXT: url('envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext'),
  DOWNSTREAM_TLS_CONTEXT: url('envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext'),
  RAW_BUFFER: url('envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer'),

  // Access loggers.
  FILE_ACCESS_LOG: url('envoy.extensions.access_loggers.file.v3.FileAccessLog'),
  HTTP_GRPC_ACCESS_LOG: url('envoy.extensions.access_loggers.grpc.v3.HttpGrpcAccessLogConfig'),
  TCP_GRPC_ACCESS_LOG: url('envoy.extensions.access_loggers.grpc.v3.TcpGrpcAccessLogConfig'),

  // Cluster extensions: upstream HTTP protocol options and load balancing policies.
  UPSTREAM_HTTP_PROTOCOL_OPTIONS: url('envoy.extensions.upstreams.http.v3.HttpProtocolOptions'),
  ROUND_ROBIN: url('envoy.extensions.load_balancing_policies.round_robin.v3.RoundRobin'),
  LEAST_REQUEST: url('envoy.extensions.load_balancing_policies.least_request.v3.LeastRequest'),
  RING_HASH: url('envoy.extensions.load_balancing_policies.ring_hash.v3.RingHash'),
  RANDOM: url('envoy.extensions.load_balancing_policies.random.v3.Random'),

  // Sections of an admin /config_dump, in the order Envoy prints them.
  BOOTSTRAP_CONFIG_DUMP: url('envoy.admin.v3.BootstrapConfigDump'),
  CLUSTERS_CONFIG_DUMP: url('envoy.admin.v3.ClustersConfigDump'),
  ENDPOINTS_CONFIG_DUMP: url('envoy.admin.v3.EndpointsConfigDump'),
  LISTENERS_CONFIG_DUMP: url('envoy.admin.v3.ListenersConfigDump'),
  SCOPED_ROUTES_CONFIG_DUMP: url('envoy.admin.v3.ScopedRoutesConfigDump'),
  ROUTES_CONFIG_DUMP: url('envoy.admin.v3.RoutesConfigDump'),
  SECRETS_CONFIG_DUMP: url('envoy.admin.v3.SecretsConfigDump'),
} as const;
export type TypeUrl = (typeof TypeUrl)[keyof typeof TypeUrl];

/** The type URL of a full message name (a leading dot, protobufjs style, dropped). */
export type TypeUrlOf<N extends string> = N extends `.${infer R}`
  ? `type.googleapis.com/${R}`
  : `type.googleapis.com/${N}`;

/** `type.googleapis.com/<fullName>`; a leading dot on the name (protobufjs style) is dropped. */
export function typeUrlOf<N extends string>(fullName: N): TypeUrlOf<N> {
  const name = fullName.startsWith('.') ? fullName.slice(1) : fullName;
  if (!/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(name)) {
    throw new CodecError(
      CodecErrorCode.InvalidValue,
      '',
      `expected a full message name such as "envoy.config.cluster.v3.Cluster", got ${JSON.stringify(fullName)}`,
    );
  }
  return `${TYPE_URL_PREFIX}${name}` as TypeUrlOf<N>;
}

/** The full message name a type URL names: the text after its last '/'. */
export function typeNameOf(typeUrl: string): string {
  const slash = typeUrl.lastIndexOf('/');
  const name = typeUrl.slice(slash + 1);
  if (slash < 0 || !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(name)) {
    throw new CodecError(
      CodecErrorCode.InvalidValue,
      '',
      `expected a type URL such as "type.googleapis.com/envoy.config.cluster.v3.Cluster", got ${JSON.stringify(typeUrl)}`,
    );
  }
  return name;
}
