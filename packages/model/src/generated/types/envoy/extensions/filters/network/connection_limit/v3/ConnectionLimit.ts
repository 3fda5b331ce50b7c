// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/network/connection_limit/v3/connection_limit.proto

import type { UInt64Value as _google_protobuf_UInt64Value, UInt64Value__Output as _google_protobuf_UInt64Value__Output } from '../../../../../../google/protobuf/UInt64Value.js';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../../../../../google/protobuf/Duration.js';
import type { RuntimeFeatureFlag as _envoy_config_core_v3_RuntimeFeatureFlag, RuntimeFeatureFlag__Output as _envoy_config_core_v3_RuntimeFeatureFlag__Output } from '../../../../../../envoy/config/core/v3/RuntimeFeatureFlag.js';

export interface ConnectionLimit {
  /**
   * The prefix to use when emitting :ref:`statistics
   * <config_network_filters_connection_limit_stats>`.
   */
  'stat_prefix'?: (string);
  /**
   * The max connections configuration to use for new incoming connections that are processed
   * by the filter's filter chain. When max_connection is reached, the incoming connection
   * will be closed after delay duration.
   */
  'max_connections'?: (_google_protobuf_UInt64Value | null);
  /**
   * The delay configuration to use for rejecting the connection after some specified time duration
   * instead of immediately rejecting the connection. That way, a malicious user is not able to
   * retry as fast as possible which provides a better DoS protection for Envoy. If this is not present,
   * the connection will be closed immediately.
   */
  'delay'?: (_google_protobuf_Duration | null);
  /**
   * Runtime flag that controls whether the filter is enabled or not. If not specified, defaults
   * to enabled.
   */
  'runtime_enabled'?: (_envoy_config_core_v3_RuntimeFeatureFlag | null);
}

export interface ConnectionLimit__Output {
  /**
   * The prefix to use when emitting :ref:`statistics
   * <config_network_filters_connection_limit_stats>`.
   */
  'stat_prefix'?: (string);
  /**
   * The max connections configuration to use for new incoming connections that are processed
   * by the filter's filter chain. When max_connection is reached, the incoming connection
   * will be closed after delay duration.
   */
  'max_connections'?: (_google_protobuf_UInt64Value__Output);
  /**
   * The delay configuration to use for rejecting the connection after some specified time duration
   * instead of immediately rejecting the connection. That way, a malicious user is not able to
   * retry as fast as possible which provides a better DoS protection for Envoy. If this is not present,
   * the connection will be closed immediately.
   */
  'delay'?: (_google_protobuf_Duration__Output);
  /**
   * Runtime flag that controls whether the filter is enabled or not. If not specified, defaults
   * to enabled.
   */
  'runtime_enabled'?: (_envoy_config_core_v3_RuntimeFeatureFlag__Output);
}
