// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/access_loggers/grpc/v3/als.proto

import type { GrpcService as _envoy_config_core_v3_GrpcService, GrpcService__Output as _envoy_config_core_v3_GrpcService__Output } from '../../../../../envoy/config/core/v3/GrpcService.js';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../../../../google/protobuf/Duration.js';
import type { UInt32Value as _google_protobuf_UInt32Value, UInt32Value__Output as _google_protobuf_UInt32Value__Output } from '../../../../../google/protobuf/UInt32Value.js';
import type { ApiVersion as _envoy_config_core_v3_ApiVersion, ApiVersion__Output as _envoy_config_core_v3_ApiVersion__Output } from '../../../../../envoy/config/core/v3/ApiVersion.js';
import type { RetryPolicy as _envoy_config_core_v3_RetryPolicy, RetryPolicy__Output as _envoy_config_core_v3_RetryPolicy__Output } from '../../../../../envoy/config/core/v3/RetryPolicy.js';
import type { CustomTag as _envoy_type_tracing_v3_CustomTag, CustomTag__Output as _envoy_type_tracing_v3_CustomTag__Output } from '../../../../../envoy/type/tracing/v3/CustomTag.js';

/**
 * Common configuration for gRPC access logs.
 * [#next-free-field: 9]
 */
export interface CommonGrpcAccessLogConfig {
  /**
   * The friendly name of the access log to be returned in :ref:`StreamAccessLogsMessage.Identifier
   * <envoy_v3_api_msg_service.accesslog.v3.StreamAccessLogsMessage.Identifier>`. This allows the
   * access log server to differentiate between different access logs coming from the same Envoy.
   */
  'log_name'?: (string);
  /**
   * The gRPC service for the access log service.
   */
  'grpc_service'?: (_envoy_config_core_v3_GrpcService | null);
  /**
   * Interval for flushing access logs to the gRPC stream. Logger will flush requests every time
   * this interval is elapsed, or when batch size limit is hit, whichever comes first. Defaults to
   * 1 second.
   */
  'buffer_flush_interval'?: (_google_protobuf_Duration | null);
  /**
   * Soft size limit in bytes for access log entries buffer. Logger will buffer requests until
   * this limit it hit, or every time flush interval is elapsed, whichever comes first. Setting it
   * to zero effectively disables the batching. Defaults to 16384.
   */
  'buffer_size_bytes'?: (_google_protobuf_UInt32Value | null);
  /**
   * Additional filter state objects to log in :ref:`filter_state_objects
   * <envoy_v3_api_field_data.accesslog.v3.AccessLogCommon.filter_state_objects>`.
   * Logger will call ``FilterState::Object::serializeAsProto`` to serialize the filter state object.
   */
  'filter_state_objects_to_log'?: (string)[];
  /**
   * API version for access logs service transport protocol. This describes the access logs service
   * gRPC endpoint and version of messages used on the wire.
   */
  'transport_api_version'?: (_envoy_config_core_v3_ApiVersion);
  /**
   * Sets the retry policy when the establishment of a gRPC stream fails.
   * If the stream succeeds at least once in establishing itself,
   * no retry will be performed no matter what gRPC status is received.
   * Note that only :ref:`num_retries <envoy_v3_api_field_config.core.v3.RetryPolicy.num_retries>`
   * will be used in this configuration. This feature is used only when you are using
   * :ref:`Envoy gRPC client <envoy_v3_api_field_config.core.v3.GrpcService.envoy_grpc>`.
   */
  'grpc_stream_retry_policy'?: (_envoy_config_core_v3_RetryPolicy | null);
  /**
   * A list of custom tags with unique tag name to create tags for the logs.
   */
  'custom_tags'?: (_envoy_type_tracing_v3_CustomTag)[];
}

/**
 * Common configuration for gRPC access logs.
 * [#next-free-field: 9]
 */
export interface CommonGrpcAccessLogConfig__Output {
  /**
   * The friendly name of the access log to be returned in :ref:`StreamAccessLogsMessage.Identifier
   * <envoy_v3_api_msg_service.accesslog.v3.StreamAccessLogsMessage.Identifier>`. This allows the
   * access log server to differentiate between different access logs coming from the same Envoy.
   */
  'log_name'?: (string);
  /**
   * The gRPC service for the access log service.
   */
  'grpc_service'?: (_envoy_config_core_v3_GrpcService__Output);
  /**
   * Interval for flushing access logs to the gRPC stream. Logger will flush requests every time
   * this interval is elapsed, or when batch size limit is hit, whichever comes first. Defaults to
   * 1 second.
   */
  'buffer_flush_interval'?: (_google_protobuf_Duration__Output);
  /**
   * Soft size limit in bytes for access log entries buffer. Logger will buffer requests until
   * this limit it hit, or every time flush interval is elapsed, whichever comes first. Setting it
   * to zero effectively disables the batching. Defaults to 16384.
   */
  'buffer_size_bytes'?: (_google_protobuf_UInt32Value__Output);
  /**
   * Additional filter state objects to log in :ref:`filter_state_objects
   * <envoy_v3_api_field_data.accesslog.v3.AccessLogCommon.filter_state_objects>`.
   * Logger will call ``FilterState::Object::serializeAsProto`` to serialize the filter state object.
   */
  'filter_state_objects_to_log'?: (string)[];
  /**
   * API version for access logs service transport protocol. This describes the access logs service
   * gRPC endpoint and version of messages used on the wire.
   */
  'transport_api_version'?: (_envoy_config_core_v3_ApiVersion__Output);
  /**
   * Sets the retry policy when the establishment of a gRPC stream fails.
   * If the stream succeeds at least once in establishing itself,
   * no retry will be performed no matter what gRPC status is received.
   * Note that only :ref:`num_retries <envoy_v3_api_field_config.core.v3.RetryPolicy.num_retries>`
   * will be used in this configuration. This feature is used only when you are using
   * :ref:`Envoy gRPC client <envoy_v3_api_field_config.core.v3.GrpcService.envoy_grpc>`.
   */
  'grpc_stream_retry_policy'?: (_envoy_config_core_v3_RetryPolicy__Output);
  /**
   * A list of custom tags with unique tag name to create tags for the logs.
   */
  'custom_tags'?: (_envoy_type_tracing_v3_CustomTag__Output)[];
}
