// The names istiod (1.30) writes for Envoy's gRPC access log service (pilot/pkg/networking/core/accesslog.go,
// pilot/pkg/model/telemetry_logging.go, tools/packaging/common/envoy_bootstrap.json). Users read them in
// /config_dump and the ALS server reads `log_name` in each stream's identifier, so they follow istiod exactly.

/** The cluster the gRPC access loggers stream to (istiod's EnvoyAccessLogCluster). */
export const ENVOY_ACCESS_LOG_CLUSTER = 'envoy_accesslog_service';

/** `common_config.log_name` of the HTTP gRPC logger (model.HTTPEnvoyAccessLogFriendlyName). */
export const HTTP_ENVOY_ACCESS_LOG_NAME = 'http_envoy_accesslog';

/** The access logger extension name (wellknown.HTTPGRPCAccessLog). */
export const HTTP_GRPC_ACCESS_LOGGER = 'envoy.access_loggers.http_grpc';

/** Filter state the Istio logger asks for (envoyWasmStateToLog: peer metadata, old and new keys). */
export const FILTER_STATE_OBJECTS_TO_LOG: readonly string[] = Object.freeze([
  'upstream_peer',
  'downstream_peer',
  'wasm.upstream_peer',
  'wasm.upstream_peer_id',
  'wasm.downstream_peer',
  'wasm.downstream_peer_id',
]);

/** Connect timeout of the access log cluster, in milliseconds (the bootstrap's `"connect_timeout": "1s"`). */
export const ACCESS_LOG_CONNECT_TIMEOUT_MS = 1_000;
