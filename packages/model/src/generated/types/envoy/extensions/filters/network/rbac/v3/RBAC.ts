// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/network/rbac/v3/rbac.proto

import type { RBAC as _envoy_config_rbac_v3_RBAC, RBAC__Output as _envoy_config_rbac_v3_RBAC__Output } from '../../../../../../envoy/config/rbac/v3/RBAC.js';
import type { Matcher as _xds_type_matcher_v3_Matcher, Matcher__Output as _xds_type_matcher_v3_Matcher__Output } from '../../../../../../xds/type/matcher/v3/Matcher.js';

// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/network/rbac/v3/rbac.proto

export const _envoy_extensions_filters_network_rbac_v3_RBAC_EnforcementType = {
  /**
   * Apply RBAC policies when the first byte of data arrives on the connection.
   */
  ONE_TIME_ON_FIRST_BYTE: 'ONE_TIME_ON_FIRST_BYTE',
  /**
   * Continuously apply RBAC policies as data arrives. Use this mode when
   * using RBAC with message oriented protocols such as Mongo, MySQL, Kafka,
   * etc. when the protocol decoders emit dynamic metadata such as the
   * resources being accessed and the operations on the resources.
   */
  CONTINUOUS: 'CONTINUOUS',
} as const;

export type _envoy_extensions_filters_network_rbac_v3_RBAC_EnforcementType =
  /**
   * Apply RBAC policies when the first byte of data arrives on the connection.
   */
  | 'ONE_TIME_ON_FIRST_BYTE'
  | 0
  /**
   * Continuously apply RBAC policies as data arrives. Use this mode when
   * using RBAC with message oriented protocols such as Mongo, MySQL, Kafka,
   * etc. when the protocol decoders emit dynamic metadata such as the
   * resources being accessed and the operations on the resources.
   */
  | 'CONTINUOUS'
  | 1

export type _envoy_extensions_filters_network_rbac_v3_RBAC_EnforcementType__Output = typeof _envoy_extensions_filters_network_rbac_v3_RBAC_EnforcementType[keyof typeof _envoy_extensions_filters_network_rbac_v3_RBAC_EnforcementType]

/**
 * RBAC network filter config.
 * 
 * Header should not be used in rules/shadow_rules in RBAC network filter as
 * this information is only available in :ref:`RBAC http filter <config_http_filters_rbac>`.
 * [#next-free-field: 8]
 */
export interface RBAC {
  /**
   * Specify the RBAC rules to be applied globally.
   * If absent, no enforcing RBAC policy will be applied.
   * If present and empty, DENY.
   * If both rules and matcher are configured, rules will be ignored.
   */
  'rules'?: (_envoy_config_rbac_v3_RBAC | null);
  /**
   * Shadow rules are not enforced by the filter but will emit stats and logs
   * and can be used for rule testing.
   * If absent, no shadow RBAC policy will be applied.
   * If both shadow rules and shadow matcher are configured, shadow rules will be ignored.
   */
  'shadow_rules'?: (_envoy_config_rbac_v3_RBAC | null);
  /**
   * The prefix to use when emitting statistics.
   */
  'stat_prefix'?: (string);
  /**
   * RBAC enforcement strategy. By default RBAC will be enforced only once
   * when the first byte of data arrives from the downstream. When used in
   * conjunction with filters that emit dynamic metadata after decoding
   * every payload (e.g., Mongo, MySQL, Kafka) set the enforcement type to
   * CONTINUOUS to enforce RBAC policies on every message boundary.
   */
  'enforcement_type'?: (_envoy_extensions_filters_network_rbac_v3_RBAC_EnforcementType);
  /**
   * If specified, shadow rules will emit stats with the given prefix.
   * This is useful to distinguish the stat when there are more than 1 RBAC filter configured with
   * shadow rules.
   */
  'shadow_rules_stat_prefix'?: (string);
  /**
   * The match tree to use when resolving RBAC action for incoming connections. Connections do
   * not match any matcher will be denied.
   * If absent, no enforcing RBAC matcher will be applied.
   * If present and empty, deny all connections.
   */
  'matcher'?: (_xds_type_matcher_v3_Matcher | null);
  /**
   * The match tree to use for emitting stats and logs which can be used for rule testing for
   * incoming connections.
   * If absent, no shadow matcher will be applied.
   */
  'shadow_matcher'?: (_xds_type_matcher_v3_Matcher | null);
}

/**
 * RBAC network filter config.
 * 
 * Header should not be used in rules/shadow_rules in RBAC network filter as
 * this information is only available in :ref:`RBAC http filter <config_http_filters_rbac>`.
 * [#next-free-field: 8]
 */
export interface RBAC__Output {
  /**
   * Specify the RBAC rules to be applied globally.
   * If absent, no enforcing RBAC policy will be applied.
   * If present and empty, DENY.
   * If both rules and matcher are configured, rules will be ignored.
   */
  'rules'?: (_envoy_config_rbac_v3_RBAC__Output);
  /**
   * Shadow rules are not enforced by the filter but will emit stats and logs
   * and can be used for rule testing.
   * If absent, no shadow RBAC policy will be applied.
   * If both shadow rules and shadow matcher are configured, shadow rules will be ignored.
   */
  'shadow_rules'?: (_envoy_config_rbac_v3_RBAC__Output);
  /**
   * The prefix to use when emitting statistics.
   */
  'stat_prefix'?: (string);
  /**
   * RBAC enforcement strategy. By default RBAC will be enforced only once
   * when the first byte of data arrives from the downstream. When used in
   * conjunction with filters that emit dynamic metadata after decoding
   * every payload (e.g., Mongo, MySQL, Kafka) set the enforcement type to
   * CONTINUOUS to enforce RBAC policies on every message boundary.
   */
  'enforcement_type'?: (_envoy_extensions_filters_network_rbac_v3_RBAC_EnforcementType__Output);
  /**
   * If specified, shadow rules will emit stats with the given prefix.
   * This is useful to distinguish the stat when there are more than 1 RBAC filter configured with
   * shadow rules.
   */
  'shadow_rules_stat_prefix'?: (string);
  /**
   * The match tree to use when resolving RBAC action for incoming connections. Connections do
   * not match any matcher will be denied.
   * If absent, no enforcing RBAC matcher will be applied.
   * If present and empty, deny all connections.
   */
  'matcher'?: (_xds_type_matcher_v3_Matcher__Output);
  /**
   * The match tree to use for emitting stats and logs which can be used for rule testing for
   * incoming connections.
   * If absent, no shadow matcher will be applied.
   */
  'shadow_matcher'?: (_xds_type_matcher_v3_Matcher__Output);
}
