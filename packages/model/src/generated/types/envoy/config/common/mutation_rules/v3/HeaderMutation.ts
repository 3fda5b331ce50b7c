// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/config/common/mutation_rules/v3/mutation_rules.proto

import type { HeaderValueOption as _envoy_config_core_v3_HeaderValueOption, HeaderValueOption__Output as _envoy_config_core_v3_HeaderValueOption__Output } from '../../../../../envoy/config/core/v3/HeaderValueOption.js';

/**
 * The HeaderMutation structure specifies an action that may be taken on HTTP
 * headers.
 */
export interface HeaderMutation {
  /**
   * Remove the specified header if it exists.
   */
  'remove'?: (string);
  /**
   * Append new header by the specified HeaderValueOption.
   */
  'append'?: (_envoy_config_core_v3_HeaderValueOption | null);
  'action'?: "remove"|"append";
}

/**
 * The HeaderMutation structure specifies an action that may be taken on HTTP
 * headers.
 */
export interface HeaderMutation__Output {
  /**
   * Remove the specified header if it exists.
   */
  'remove'?: (string);
  /**
   * Append new header by the specified HeaderValueOption.
   */
  'append'?: (_envoy_config_core_v3_HeaderValueOption__Output);
  'action'?: "remove"|"append";
}
