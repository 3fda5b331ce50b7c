// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/load_balancing_policies/least_request/v3/least_request.proto

import type { UInt32Value as _google_protobuf_UInt32Value, UInt32Value__Output as _google_protobuf_UInt32Value__Output } from '../../../../../google/protobuf/UInt32Value.js';
import type { RuntimeDouble as _envoy_config_core_v3_RuntimeDouble, RuntimeDouble__Output as _envoy_config_core_v3_RuntimeDouble__Output } from '../../../../../envoy/config/core/v3/RuntimeDouble.js';
import type { SlowStartConfig as _envoy_extensions_load_balancing_policies_common_v3_SlowStartConfig, SlowStartConfig__Output as _envoy_extensions_load_balancing_policies_common_v3_SlowStartConfig__Output } from '../../../../../envoy/extensions/load_balancing_policies/common/v3/SlowStartConfig.js';
import type { LocalityLbConfig as _envoy_extensions_load_balancing_policies_common_v3_LocalityLbConfig, LocalityLbConfig__Output as _envoy_extensions_load_balancing_policies_common_v3_LocalityLbConfig__Output } from '../../../../../envoy/extensions/load_balancing_policies/common/v3/LocalityLbConfig.js';
import type { BoolValue as _google_protobuf_BoolValue, BoolValue__Output as _google_protobuf_BoolValue__Output } from '../../../../../google/protobuf/BoolValue.js';

// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/load_balancing_policies/least_request/v3/least_request.proto

/**
 * Available methods for selecting the host set from which to return the host with the
 * fewest active requests.
 */
export const _envoy_extensions_load_balancing_policies_least_request_v3_LeastRequest_SelectionMethod = {
  /**
   * Return host with fewest requests from a set of ``choice_count`` randomly selected hosts.
   * Best selection method for most scenarios.
   */
  N_CHOICES: 'N_CHOICES',
  /**
   * Return host with fewest requests from all hosts.
   * Useful in some niche use cases involving low request rates and one of:
   * (example 1) low request limits on workloads, or (example 2) few hosts.
   * 
   * Example 1: Consider a workload type that can only accept one connection at a time.
   * If such workloads are deployed across many hosts, only a small percentage of those
   * workloads have zero connections at any given time, and the rate of new connections is low,
   * the ``FULL_SCAN`` method is more likely to select a suitable host than ``N_CHOICES``.
   * 
   * Example 2: Consider a workload type that is only deployed on 2 hosts. With default settings,
   * the ``N_CHOICES`` method will return the host with more active requests 25% of the time.
   * If the request rate is sufficiently low, the behavior of always selecting the host with least
   * requests as of the last metrics refresh may be preferable.
   */
  FULL_SCAN: 'FULL_SCAN',
} as const;

/**
 * Available methods for selecting the host set from which to return the host with the
 * fewest active requests.
 */
export type _envoy_extensions_load_balancing_policies_least_request_v3_LeastRequest_SelectionMethod =
  /**
   * Return host with fewest requests from a set of ``choice_count`` randomly selected hosts.
   * Best selection method for most scenarios.
   */
  | 'N_CHOICES'
  | 0
  /**
   * Return host with fewest requests from all hosts.
   * Useful in some niche use cases involving low request rates and one of:
   * (example 1) low request limits on workloads, or (example 2) few hosts.
   * 
   * Example 1: Consider a workload type that can only accept one connection at a time.
   * If such workloads are deployed across many hosts, only a small percentage of those
   * workloads have zero connections at any given time, and the rate of new connections is low,
   * the ``FULL_SCAN`` method is more likely to select a suitable host than ``N_CHOICES``.
   * 
   * Example 2: Consider a workload type that is only deployed on 2 hosts. With default settings,
   * the ``N_CHOICES`` method will return the host with more active requests 25% of the time.
   * If the request rate is sufficiently low, the behavior of always selecting the host with least
   * requests as of the last metrics refresh may be preferable.
   */
  | 'FULL_SCAN'
  | 1

/**
 * Available methods for selecting the host set from which to return the host with the
 * fewest active requests.
 */
export type _envoy_extensions_load_balancing_policies_least_request_v3_LeastRequest_SelectionMethod__Output = typeof _envoy_extensions_load_balancing_policies_least_request_v3_LeastRequest_SelectionMethod[keyof typeof _envoy_extensions_load_balancing_policies_least_request_v3_LeastRequest_SelectionMethod]

/**
 * This configuration allows the built-in LEAST_REQUEST LB policy to be configured via the LB policy
 * extension point. See the :ref:`load balancing architecture overview
 * <arch_overview_load_balancing_types>` for more information.
 * [#next-free-field: 7]
 */
export interface LeastRequest {
  /**
   * The number of random healthy hosts from which the host with the fewest active requests will
   * be chosen. Defaults to 2 so that we perform two-choice selection if the field is not set.
   * Only applies to the ``N_CHOICES`` selection method.
   */
  'choice_count'?: (_google_protobuf_UInt32Value | null);
  /**
   * The following formula is used to calculate the dynamic weights when hosts have different load
   * balancing weights:
   * 
   * ``weight = load_balancing_weight / (active_requests + 1)^active_request_bias``
   * 
   * The larger the active request bias is, the more aggressively active requests will lower the
   * effective weight when all host weights are not equal.
   * 
   * ``active_request_bias`` must be greater than or equal to 0.0.
   * 
   * When ``active_request_bias == 0.0`` the Least Request Load Balancer doesn't consider the number
   * of active requests at the time it picks a host and behaves like the Round Robin Load
   * Balancer.
   * 
   * When ``active_request_bias > 0.0`` the Least Request Load Balancer scales the load balancing
   * weight by the number of active requests at the time it does a pick.
   * 
   * The value is cached for performance reasons and refreshed whenever one of the Load Balancer's
   * host sets changes, e.g., whenever there is a host membership update or a host load balancing
   * weight change.
   * 
   * .. note::
   * This setting only takes effect if all host weights are not equal.
   */
  'active_request_bias'?: (_envoy_config_core_v3_RuntimeDouble | null);
  /**
   * Configuration for slow start mode.
   * If this configuration is not set, slow start will not be not enabled.
   */
  'slow_start_config'?: (_envoy_extensions_load_balancing_policies_common_v3_SlowStartConfig | null);
  /**
   * Configuration for local zone aware load balancing or locality weighted load balancing.
   */
  'locality_lb_config'?: (_envoy_extensions_load_balancing_policies_common_v3_LocalityLbConfig | null);
  /**
   * [#not-implemented-hide:]
   * Unused. Replaced by the `selection_method` enum for better extensibility.
   * @deprecated
   */
  'enable_full_scan'?: (_google_protobuf_BoolValue | null);
  /**
   * Method for selecting the host set from which to return the host with the fewest active requests.
   * 
   * Defaults to ``N_CHOICES``.
   */
  'selection_method'?: (_envoy_extensions_load_balancing_policies_least_request_v3_LeastRequest_SelectionMethod);
}

/**
 * This configuration allows the built-in LEAST_REQUEST LB policy to be configured via the LB policy
 * extension point. See the :ref:`load balancing architecture overview
 * <arch_overview_load_balancing_types>` for more information.
 * [#next-free-field: 7]
 */
export interface LeastRequest__Output {
  /**
   * The number of random healthy hosts from which the host with the fewest active requests will
   * be chosen. Defaults to 2 so that we perform two-choice selection if the field is not set.
   * Only applies to the ``N_CHOICES`` selection method.
   */
  'choice_count'?: (_google_protobuf_UInt32Value__Output);
  /**
   * The following formula is used to calculate the dynamic weights when hosts have different load
   * balancing weights:
   * 
   * ``weight = load_balancing_weight / (active_requests + 1)^active_request_bias``
   * 
   * The larger the active request bias is, the more aggressively active requests will lower the
   * effective weight when all host weights are not equal.
   * 
   * ``active_request_bias`` must be greater than or equal to 0.0.
   * 
   * When ``active_request_bias == 0.0`` the Least Request Load Balancer doesn't consider the number
   * of active requests at the time it picks a host and behaves like the Round Robin Load
   * Balancer.
   * 
   * When ``active_request_bias > 0.0`` the Least Request Load Balancer scales the load balancing
   * weight by the number of active requests at the time it does a pick.
   * 
   * The value is cached for performance reasons and refreshed whenever one of the Load Balancer's
   * host sets changes, e.g., whenever there is a host membership update or a host load balancing
   * weight change.
   * 
   * .. note::
   * This setting only takes effect if all host weights are not equal.
   */
  'active_request_bias'?: (_envoy_config_core_v3_RuntimeDouble__Output);
  /**
   * Configuration for slow start mode.
   * If this configuration is not set, slow start will not be not enabled.
   */
  'slow_start_config'?: (_envoy_extensions_load_balancing_policies_common_v3_SlowStartConfig__Output);
  /**
   * Configuration for local zone aware load balancing or locality weighted load balancing.
   */
  'locality_lb_config'?: (_envoy_extensions_load_balancing_policies_common_v3_LocalityLbConfig__Output);
  /**
   * [#not-implemented-hide:]
   * Unused. Replaced by the `selection_method` enum for better extensibility.
   * @deprecated
   */
  'enable_full_scan'?: (_google_protobuf_BoolValue__Output);
  /**
   * Method for selecting the host set from which to return the host with the fewest active requests.
   * 
   * Defaults to ``N_CHOICES``.
   */
  'selection_method'?: (_envoy_extensions_load_balancing_policies_least_request_v3_LeastRequest_SelectionMethod__Output);
}
