// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/access_loggers/grpc/v3/als.proto

import type { CommonGrpcAccessLogConfig as _envoy_extensions_access_loggers_grpc_v3_CommonGrpcAccessLogConfig, CommonGrpcAccessLogConfig__Output as _envoy_extensions_access_loggers_grpc_v3_CommonGrpcAccessLogConfig__Output } from '../../../../../envoy/extensions/access_loggers/grpc/v3/CommonGrpcAccessLogConfig.js';

/**
 * Configuration for the built-in ``envoy.access_loggers.tcp_grpc`` type. This configuration will
 * populate ``StreamAccessLogsMessage.tcp_logs``.
 * [#extension: envoy.access_loggers.tcp_grpc]
 */
export interface TcpGrpcAccessLogConfig {
  'common_config'?: (_envoy_extensions_access_loggers_grpc_v3_CommonGrpcAccessLogConfig | null);
}

/**
 * Configuration for the built-in ``envoy.access_loggers.tcp_grpc`` type. This configuration will
 * populate ``StreamAccessLogsMessage.tcp_logs``.
 * [#extension: envoy.access_loggers.tcp_grpc]
 */
export interface TcpGrpcAccessLogConfig__Output {
  'common_config'?: (_envoy_extensions_access_loggers_grpc_v3_CommonGrpcAccessLogConfig__Output);
}
