// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/grpc_stats/v3/config.proto

import type { GrpcMethodList as _envoy_config_core_v3_GrpcMethodList, GrpcMethodList__Output as _envoy_config_core_v3_GrpcMethodList__Output } from '../../../../../../envoy/config/core/v3/GrpcMethodList.js';
import type { BoolValue as _google_protobuf_BoolValue, BoolValue__Output as _google_protobuf_BoolValue__Output } from '../../../../../../google/protobuf/BoolValue.js';

/**
 * gRPC statistics filter configuration
 * [#next-free-field: 6]
 */
export interface FilterConfig {
  /**
   * If true, the filter maintains a filter state object with the request and response message
   * counts.
   */
  'emit_filter_state'?: (boolean);
  /**
   * If set, specifies an allowlist of service/methods that will have individual stats
   * emitted for them. Any call that does not match the allowlist will be counted
   * in a stat with no method specifier: ``cluster.<name>.grpc.*``.
   */
  'individual_method_stats_allowlist'?: (_envoy_config_core_v3_GrpcMethodList | null);
  /**
   * If set to true, emit stats for all service/method names.
   * 
   * If set to false, emit stats for all service/message types to the same stats without including
   * the service/method in the name, with prefix ``cluster.<name>.grpc``. This can be useful if
   * service/method granularity is not needed, or if each cluster only receives a single method.
   * 
   * .. attention::
   * This option is only safe if all clients are trusted. If this option is enabled
   * with untrusted clients, the clients could cause unbounded growth in the number of stats in
   * Envoy, using unbounded memory and potentially slowing down stats pipelines.
   * 
   * .. attention::
   * If neither ``individual_method_stats_allowlist`` nor ``stats_for_all_methods`` is set, the
   * behavior will default to ``stats_for_all_methods=false``.
   */
  'stats_for_all_methods'?: (_google_protobuf_BoolValue | null);
  /**
   * If true, the filter will gather a histogram for the request time of the upstream.
   * It works with :ref:`stats_for_all_methods
   * <envoy_v3_api_field_extensions.filters.http.grpc_stats.v3.FilterConfig.stats_for_all_methods>`
   * and :ref:`individual_method_stats_allowlist
   * <envoy_v3_api_field_extensions.filters.http.grpc_stats.v3.FilterConfig.individual_method_stats_allowlist>` the same way
   * request_message_count and response_message_count works.
   */
  'enable_upstream_stats'?: (boolean);
  /**
   * If true, the filter will replace dots in the grpc_service_name with underscores before emitting
   * the metrics. Only works when :ref:`stats_for_all_methods
   * <envoy_v3_api_field_extensions.filters.http.grpc_stats.v3.FilterConfig.stats_for_all_methods>`
   * is set to true. It could cause metrics to be merged if the edited service name conflicts with
   * an existing service. For example there are both service "foo.bar" & "foo_bar" running.
   * This config can fix incorrect gRPC metrics with dots because the existing stats tag extractor
   * assumes no dots in the gRPC service name. By default this is set as false.
   */
  'replace_dots_in_grpc_service_name'?: (boolean);
  'per_method_stat_specifier'?: "individual_method_stats_allowlist"|"stats_for_all_methods";
}

/**
 * gRPC statistics filter configuration
 * [#next-free-field: 6]
 */
export interface FilterConfig__Output {
  /**
   * If true, the filter maintains a filter state object with the request and response message
   * counts.
   */
  'emit_filter_state'?: (boolean);
  /**
   * If set, specifies an allowlist of service/methods that will have individual stats
   * emitted for them. Any call that does not match the allowlist will be counted
   * in a stat with no method specifier: ``cluster.<name>.grpc.*``.
   */
  'individual_method_stats_allowlist'?: (_envoy_config_core_v3_GrpcMethodList__Output);
  /**
   * If set to true, emit stats for all service/method names.
   * 
   * If set to false, emit stats for all service/message types to the same stats without including
   * the service/method in the name, with prefix ``cluster.<name>.grpc``. This can be useful if
   * service/method granularity is not needed, or if each cluster only receives a single method.
   * 
   * .. attention::
   * This option is only safe if all clients are trusted. If this option is enabled
   * with untrusted clients, the clients could cause unbounded growth in the number of stats in
   * Envoy, using unbounded memory and potentially slowing down stats pipelines.
   * 
   * .. attention::
   * If neither ``individual_method_stats_allowlist`` nor ``stats_for_all_methods`` is set, the
   * behavior will default to ``stats_for_all_methods=false``.
   */
  'stats_for_all_methods'?: (_google_protobuf_BoolValue__Output);
  /**
   * If true, the filter will gather a histogram for the request time of the upstream.
   * It works with :ref:`stats_for_all_methods
   * <envoy_v3_api_field_extensions.filters.http.grpc_stats.v3.FilterConfig.stats_for_all_methods>`
   * and :ref:`individual_method_stats_allowlist
   * <envoy_v3_api_field_extensions.filters.http.grpc_stats.v3.FilterConfig.individual_method_stats_allowlist>` the same way
   * request_message_count and response_message_count works.
   */
  'enable_upstream_stats'?: (boolean);
  /**
   * If true, the filter will replace dots in the grpc_service_name with underscores before emitting
   * the metrics. Only works when :ref:`stats_for_all_methods
   * <envoy_v3_api_field_extensions.filters.http.grpc_stats.v3.FilterConfig.stats_for_all_methods>`
   * is set to true. It could cause metrics to be merged if the edited service name conflicts with
   * an existing service. For example there are both service "foo.bar" & "foo_bar" running.
   * This config can fix incorrect gRPC metrics with dots because the existing stats tag extractor
   * assumes no dots in the gRPC service name. By default this is set as false.
   */
  'replace_dots_in_grpc_service_name'?: (boolean);
  'per_method_stat_specifier'?: "individual_method_stats_allowlist"|"stats_for_all_methods";
}
