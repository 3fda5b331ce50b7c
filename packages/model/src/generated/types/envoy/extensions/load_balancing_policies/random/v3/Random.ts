// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/load_balancing_policies/random/v3/random.proto

import type { LocalityLbConfig as _envoy_extensions_load_balancing_policies_common_v3_LocalityLbConfig, LocalityLbConfig__Output as _envoy_extensions_load_balancing_policies_common_v3_LocalityLbConfig__Output } from '../../../../../envoy/extensions/load_balancing_policies/common/v3/LocalityLbConfig.js';

/**
 * This configuration allows the built-in Random LB policy to be configured via the LB policy
 * extension point. See the :ref:`load balancing architecture overview
 * <arch_overview_load_balancing_types>` for more information.
 */
export interface Random {
  /**
   * Configuration for local zone aware load balancing or locality weighted load balancing.
   */
  'locality_lb_config'?: (_envoy_extensions_load_balancing_policies_common_v3_LocalityLbConfig | null);
}

/**
 * This configuration allows the built-in Random LB policy to be configured via the LB policy
 * extension point. See the :ref:`load balancing architecture overview
 * <arch_overview_load_balancing_types>` for more information.
 */
export interface Random__Output {
  /**
   * Configuration for local zone aware load balancing or locality weighted load balancing.
   */
  'locality_lb_config'?: (_envoy_extensions_load_balancing_policies_common_v3_LocalityLbConfig__Output);
}
