// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/jwt_authn/v3/config.proto

import type { JwtProvider as _envoy_extensions_filters_http_jwt_authn_v3_JwtProvider, JwtProvider__Output as _envoy_extensions_filters_http_jwt_authn_v3_JwtProvider__Output } from '../../../../../../envoy/extensions/filters/http/jwt_authn/v3/JwtProvider.js';
import type { RequirementRule as _envoy_extensions_filters_http_jwt_authn_v3_RequirementRule, RequirementRule__Output as _envoy_extensions_filters_http_jwt_authn_v3_RequirementRule__Output } from '../../../../../../envoy/extensions/filters/http/jwt_authn/v3/RequirementRule.js';
import type { FilterStateRule as _envoy_extensions_filters_http_jwt_authn_v3_FilterStateRule, FilterStateRule__Output as _envoy_extensions_filters_http_jwt_authn_v3_FilterStateRule__Output } from '../../../../../../envoy/extensions/filters/http/jwt_authn/v3/FilterStateRule.js';
import type { JwtRequirement as _envoy_extensions_filters_http_jwt_authn_v3_JwtRequirement, JwtRequirement__Output as _envoy_extensions_filters_http_jwt_authn_v3_JwtRequirement__Output } from '../../../../../../envoy/extensions/filters/http/jwt_authn/v3/JwtRequirement.js';

/**
 * This is the Envoy HTTP filter config for JWT authentication.
 * 
 * For example:
 * 
 * .. code-block:: yaml
 * 
 * providers:
 * provider1:
 * issuer: issuer1
 * audiences:
 * - audience1
 * - audience2
 * remote_jwks:
 * http_uri:
 * uri: https://example.com/.well-known/jwks.json
 * cluster: example_jwks_cluster
 * timeout: 1s
 * provider2:
 * issuer: issuer2
 * local_jwks:
 * inline_string: jwks_string
 * 
 * rules:
 * # Not jwt verification is required for /health path
 * - match:
 * prefix: /health
 * 
 * # Jwt verification for provider1 is required for path prefixed with "prefix"
 * - match:
 * prefix: /prefix
 * requires:
 * provider_name: provider1
 * 
 * # Jwt verification for either provider1 or provider2 is required for all other requests.
 * - match:
 * prefix: /
 * requires:
 * requires_any:
 * requirements:
 * - provider_name: provider1
 * - provider_name: provider2
 * 
 * [#next-free-field: 7]
 */
export interface JwtAuthentication {
  /**
   * Map of provider names to JwtProviders.
   * 
   * .. code-block:: yaml
   * 
   * providers:
   * provider1:
   * issuer: issuer1
   * audiences:
   * - audience1
   * - audience2
   * remote_jwks:
   * http_uri:
   * uri: https://example.com/.well-known/jwks.json
   * cluster: example_jwks_cluster
   * timeout: 1s
   * provider2:
   * issuer: provider2
   * local_jwks:
   * inline_string: jwks_string
   */
  'providers'?: ({[key: string]: _envoy_extensions_filters_http_jwt_authn_v3_JwtProvider});
  /**
   * Specifies requirements based on the route matches. The first matched requirement will be
   * applied. If there are overlapped match conditions, please put the most specific match first.
   * 
   * Examples
   * 
   * .. code-block:: yaml
   * 
   * rules:
   * - match:
   * prefix: /healthz
   * - match:
   * prefix: /baz
   * requires:
   * provider_name: provider1
   * - match:
   * prefix: /foo
   * requires:
   * requires_any:
   * requirements:
   * - provider_name: provider1
   * - provider_name: provider2
   * - match:
   * prefix: /bar
   * requires:
   * requires_all:
   * requirements:
   * - provider_name: provider1
   * - provider_name: provider2
   */
  'rules'?: (_envoy_extensions_filters_http_jwt_authn_v3_RequirementRule)[];
  /**
   * This message specifies Jwt requirements based on stream_info.filterState.
   * Other HTTP filters can use it to specify Jwt requirements dynamically.
   * The ``rules`` field above is checked first, if it could not find any matches,
   * check this one.
   */
  'filter_state_rules'?: (_envoy_extensions_filters_http_jwt_authn_v3_FilterStateRule | null);
  /**
   * When set to true, bypass the `CORS preflight request
   * <http://www.w3.org/TR/cors/#cross-origin-request-with-preflight>`_ regardless of JWT
   * requirements specified in the rules.
   */
  'bypass_cors_preflight'?: (boolean);
  /**
   * A map of unique requirement_names to JwtRequirements.
   * :ref:`requirement_name <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.PerRouteConfig.requirement_name>`
   * in ``PerRouteConfig`` uses this map to specify a JwtRequirement.
   */
  'requirement_map'?: ({[key: string]: _envoy_extensions_filters_http_jwt_authn_v3_JwtRequirement});
  /**
   * A request failing the verification process will receive a 401 downstream with the failure response details
   * in the body along with WWWAuthenticate header value set with "invalid token". If this value is set to true,
   * the response details will be stripped and only a 401 response code will be returned. Default value is false
   */
  'strip_failure_response'?: (boolean);
}

/**
 * This is the Envoy HTTP filter config for JWT authentication.
 * 
 * For example:
 * 
 * .. code-block:: yaml
 * 
 * providers:
 * provider1:
 * issuer: issuer1
 * audiences:
 * - audience1
 * - audience2
 * remote_jwks:
 * http_uri:
 * uri: https://example.com/.well-known/jwks.json
 * cluster: example_jwks_cluster
 * timeout: 1s
 * provider2:
 * issuer: issuer2
 * local_jwks:
 * inline_string: jwks_string
 * 
 * rules:
 * # Not jwt verification is required for /health path
 * - match:
 * prefix: /health
 * 
 * # Jwt verification for provider1 is required for path prefixed with "prefix"
 * - match:
 * prefix: /prefix
 * requires:
 * provider_name: provider1
 * 
 * # Jwt verification for either provider1 or provider2 is required for all other requests.
 * - match:
 * prefix: /
 * requires:
 * requires_any:
 * requirements:
 * - provider_name: provider1
 * - provider_name: provider2
 * 
 * [#next-free-field: 7]
 */
export interface JwtAuthentication__Output {
  /**
   * Map of provider names to JwtProviders.
   * 
   * .. code-block:: yaml
   * 
   * providers:
   * provider1:
   * issuer: issuer1
   * audiences:
   * - audience1
   * - audience2
   * remote_jwks:
   * http_uri:
   * uri: https://example.com/.well-known/jwks.json
   * cluster: example_jwks_cluster
   * timeout: 1s
   * provider2:
   * issuer: provider2
   * local_jwks:
   * inline_string: jwks_string
   */
  'providers'?: ({[key: string]: _envoy_extensions_filters_http_jwt_authn_v3_JwtProvider__Output});
  /**
   * Specifies requirements based on the route matches. The first matched requirement will be
   * applied. If there are overlapped match conditions, please put the most specific match first.
   * 
   * Examples
   * 
   * .. code-block:: yaml
   * 
   * rules:
   * - match:
   * prefix: /healthz
   * - match:
   * prefix: /baz
   * requires:
   * provider_name: provider1
   * - match:
   * prefix: /foo
   * requires:
   * requires_any:
   * requirements:
   * - provider_name: provider1
   * - provider_name: provider2
   * - match:
   * prefix: /bar
   * requires:
   * requires_all:
   * requirements:
   * - provider_name: provider1
   * - provider_name: provider2
   */
  'rules'?: (_envoy_extensions_filters_http_jwt_authn_v3_RequirementRule__Output)[];
  /**
   * This message specifies Jwt requirements based on stream_info.filterState.
   * Other HTTP filters can use it to specify Jwt requirements dynamically.
   * The ``rules`` field above is checked first, if it could not find any matches,
   * check this one.
   */
  'filter_state_rules'?: (_envoy_extensions_filters_http_jwt_authn_v3_FilterStateRule__Output);
  /**
   * When set to true, bypass the `CORS preflight request
   * <http://www.w3.org/TR/cors/#cross-origin-request-with-preflight>`_ regardless of JWT
   * requirements specified in the rules.
   */
  'bypass_cors_preflight'?: (boolean);
  /**
   * A map of unique requirement_names to JwtRequirements.
   * :ref:`requirement_name <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.PerRouteConfig.requirement_name>`
   * in ``PerRouteConfig`` uses this map to specify a JwtRequirement.
   */
  'requirement_map'?: ({[key: string]: _envoy_extensions_filters_http_jwt_authn_v3_JwtRequirement__Output});
  /**
   * A request failing the verification process will receive a 401 downstream with the failure response details
   * in the body along with WWWAuthenticate header value set with "invalid token". If this value is set to true,
   * the response details will be stripped and only a 401 response code will be returned. Default value is false
   */
  'strip_failure_response'?: (boolean);
}
