// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/jwt_authn/v3/config.proto

import type { JwtRequirement as _envoy_extensions_filters_http_jwt_authn_v3_JwtRequirement, JwtRequirement__Output as _envoy_extensions_filters_http_jwt_authn_v3_JwtRequirement__Output } from '../../../../../../envoy/extensions/filters/http/jwt_authn/v3/JwtRequirement.js';

/**
 * This message specifies a list of RequiredProvider.
 * Their results are AND-ed; all of them must pass, if one of them fails or missing, it fails.
 */
export interface JwtRequirementAndList {
  /**
   * Specify a list of JwtRequirement.
   */
  'requirements'?: (_envoy_extensions_filters_http_jwt_authn_v3_JwtRequirement)[];
}

/**
 * This message specifies a list of RequiredProvider.
 * Their results are AND-ed; all of them must pass, if one of them fails or missing, it fails.
 */
export interface JwtRequirementAndList__Output {
  /**
   * Specify a list of JwtRequirement.
   */
  'requirements'?: (_envoy_extensions_filters_http_jwt_authn_v3_JwtRequirement__Output)[];
}
