// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/ext_authz/v3/ext_authz.proto

import type { CheckSettings as _envoy_extensions_filters_http_ext_authz_v3_CheckSettings, CheckSettings__Output as _envoy_extensions_filters_http_ext_authz_v3_CheckSettings__Output } from '../../../../../../envoy/extensions/filters/http/ext_authz/v3/CheckSettings.js';

/**
 * Extra settings on a per virtualhost/route/weighted-cluster level.
 */
export interface ExtAuthzPerRoute {
  /**
   * Disable the ext auth filter for this particular vhost or route.
   * If disabled is specified in multiple per-filter-configs, the most specific one will be used.
   */
  'disabled'?: (boolean);
  /**
   * Check request settings for this route.
   */
  'check_settings'?: (_envoy_extensions_filters_http_ext_authz_v3_CheckSettings | null);
  'override'?: "disabled"|"check_settings";
}

/**
 * Extra settings on a per virtualhost/route/weighted-cluster level.
 */
export interface ExtAuthzPerRoute__Output {
  /**
   * Disable the ext auth filter for this particular vhost or route.
   * If disabled is specified in multiple per-filter-configs, the most specific one will be used.
   */
  'disabled'?: (boolean);
  /**
   * Check request settings for this route.
   */
  'check_settings'?: (_envoy_extensions_filters_http_ext_authz_v3_CheckSettings__Output);
  'override'?: "disabled"|"check_settings";
}
