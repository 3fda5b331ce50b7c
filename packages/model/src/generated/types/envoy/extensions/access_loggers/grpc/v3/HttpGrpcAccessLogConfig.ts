// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/access_loggers/grpc/v3/als.proto

import type { CommonGrpcAccessLogConfig as _envoy_extensions_access_loggers_grpc_v3_CommonGrpcAccessLogConfig, CommonGrpcAccessLogConfig__Output as _envoy_extensions_access_loggers_grpc_v3_CommonGrpcAccessLogConfig__Output } from '../../../../../envoy/extensions/access_loggers/grpc/v3/CommonGrpcAccessLogConfig.js';

/**
 * Configuration for the built-in ``envoy.access_loggers.http_grpc``
 * :ref:`AccessLog <envoy_v3_api_msg_config.accesslog.v3.AccessLog>`. This configuration will
 * populate :ref:`StreamAccessLogsMessage.http_logs
 * <envoy_v3_api_field_service.accesslog.v3.StreamAccessLogsMessage.http_logs>`.
 * [#extension: envoy.access_loggers.http_grpc]
 */
export interface HttpGrpcAccessLogConfig {
  'common_config'?: (_envoy_extensions_access_loggers_grpc_v3_CommonGrpcAccessLogConfig | null);
  /**
   * Additional request headers to log in :ref:`HTTPRequestProperties.request_headers
   * <envoy_v3_api_field_data.accesslog.v3.HTTPRequestProperties.request_headers>`.
   */
  'additional_request_headers_to_log'?: (string)[];
  /**
   * Additional response headers to log in :ref:`HTTPResponseProperties.response_headers
   * <envoy_v3_api_field_data.accesslog.v3.HTTPResponseProperties.response_headers>`.
   */
  'additional_response_headers_to_log'?: (string)[];
  /**
   * Additional response trailers to log in :ref:`HTTPResponseProperties.response_trailers
   * <envoy_v3_api_field_data.accesslog.v3.HTTPResponseProperties.response_trailers>`.
   */
  'additional_response_trailers_to_log'?: (string)[];
}

/**
 * Configuration for the built-in ``envoy.access_loggers.http_grpc``
 * :ref:`AccessLog <envoy_v3_api_msg_config.accesslog.v3.AccessLog>`. This configuration will
 * populate :ref:`StreamAccessLogsMessage.http_logs
 * <envoy_v3_api_field_service.accesslog.v3.StreamAccessLogsMessage.http_logs>`.
 * [#extension: envoy.access_loggers.http_grpc]
 */
export interface HttpGrpcAccessLogConfig__Output {
  'common_config'?: (_envoy_extensions_access_loggers_grpc_v3_CommonGrpcAccessLogConfig__Output);
  /**
   * Additional request headers to log in :ref:`HTTPRequestProperties.request_headers
   * <envoy_v3_api_field_data.accesslog.v3.HTTPRequestProperties.request_headers>`.
   */
  'additional_request_headers_to_log'?: (string)[];
  /**
   * Additional response headers to log in :ref:`HTTPResponseProperties.response_headers
   * <envoy_v3_api_field_data.accesslog.v3.HTTPResponseProperties.response_headers>`.
   */
  'additional_response_headers_to_log'?: (string)[];
  /**
   * Additional response trailers to log in :ref:`HTTPResponseProperties.response_trailers
   * <envoy_v3_api_field_data.accesslog.v3.HTTPResponseProperties.response_trailers>`.
   */
  'additional_response_trailers_to_log'?: (string)[];
}
