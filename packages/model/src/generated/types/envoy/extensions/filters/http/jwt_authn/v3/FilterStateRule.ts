// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/jwt_authn/v3/config.proto

import type { JwtRequirement as _envoy_extensions_filters_http_jwt_authn_v3_JwtRequirement, JwtRequirement__Output as _envoy_extensions_filters_http_jwt_authn_v3_JwtRequirement__Output } from '../../../../../../envoy/extensions/filters/http/jwt_authn/v3/JwtRequirement.js';

/**
 * This message specifies Jwt requirements based on stream_info.filterState.
 * This FilterState should use ``Router::StringAccessor`` object to set a string value.
 * Other HTTP filters can use it to specify Jwt requirements dynamically.
 * 
 * Example:
 * 
 * .. code-block:: yaml
 * 
 * name: jwt_selector
 * requires:
 * issuer_1:
 * provider_name: issuer1
 * issuer_2:
 * provider_name: issuer2
 * 
 * If a filter set "jwt_selector" with "issuer_1" to FilterState for a request,
 * jwt_authn filter will use JwtRequirement{"provider_name": "issuer1"} to verify.
 */
export interface FilterStateRule {
  /**
   * The filter state name to retrieve the ``Router::StringAccessor`` object.
   */
  'name'?: (string);
  'requires'?: ({[key: string]: _envoy_extensions_filters_http_jwt_authn_v3_JwtRequirement});
}

/**
 * This message specifies Jwt requirements based on stream_info.filterState.
 * This FilterState should use ``Router::StringAccessor`` object to set a string value.
 * Other HTTP filters can use it to specify Jwt requirements dynamically.
 * 
 * Example:
 * 
 * .. code-block:: yaml
 * 
 * name: jwt_selector
 * requires:
 * issuer_1:
 * provider_name: issuer1
 * issuer_2:
 * provider_name: issuer2
 * 
 * If a filter set "jwt_selector" with "issuer_1" to FilterState for a request,
 * jwt_authn filter will use JwtRequirement{"provider_name": "issuer1"} to verify.
 */
export interface FilterStateRule__Output {
  /**
   * The filter state name to retrieve the ``Router::StringAccessor`` object.
   */
  'name'?: (string);
  'requires'?: ({[key: string]: _envoy_extensions_filters_http_jwt_authn_v3_JwtRequirement__Output});
}
