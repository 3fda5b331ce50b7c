// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/load_balancing_policies/round_robin/v3/round_robin.proto

import type { SlowStartConfig as _envoy_extensions_load_balancing_policies_common_v3_SlowStartConfig, SlowStartConfig__Output as _envoy_extensions_load_balancing_policies_common_v3_SlowStartConfig__Output } from '../../../../../envoy/extensions/load_balancing_policies/common/v3/SlowStartConfig.js';
import type { LocalityLbConfig as _envoy_extensions_load_balancing_policies_common_v3_LocalityLbConfig, LocalityLbConfig__Output as _envoy_extensions_load_balancing_policies_common_v3_LocalityLbConfig__Output } from '../../../../../envoy/extensions/load_balancing_policies/common/v3/LocalityLbConfig.js';

/**
 * This configuration allows the built-in ROUND_ROBIN LB policy to be configured via the LB policy
 * extension point. See the :ref:`load balancing architecture overview
 * <arch_overview_load_balancing_types>` for more information.
 */
export interface RoundRobin {
  /**
   * Configuration for slow start mode.
   * If this configuration is not set, slow start will not be not enabled.
   */
  'slow_start_config'?: (_envoy_extensions_load_balancing_policies_common_v3_SlowStartConfig | null);
  /**
   * Configuration for local zone aware load balancing or locality weighted load balancing.
   */
  'locality_lb_config'?: (_envoy_extensions_load_balancing_policies_common_v3_LocalityLbConfig | null);
}

/**
 * This configuration allows the built-in ROUND_ROBIN LB policy to be configured via the LB policy
 * extension point. See the :ref:`load balancing architecture overview
 * <arch_overview_load_balancing_types>` for more information.
 */
export interface RoundRobin__Output {
  /**
   * Configuration for slow start mode.
   * If this configuration is not set, slow start will not be not enabled.
   */
  'slow_start_config'?: (_envoy_extensions_load_balancing_policies_common_v3_SlowStartConfig__Output);
  /**
   * Configuration for local zone aware load balancing or locality weighted load balancing.
   */
  'locality_lb_config'?: (_envoy_extensions_load_balancing_policies_common_v3_LocalityLbConfig__Output);
}
