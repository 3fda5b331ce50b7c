// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/jwt_authn/v3/config.proto

import type { RouteMatch as _envoy_config_route_v3_RouteMatch, RouteMatch__Output as _envoy_config_route_v3_RouteMatch__Output } from '../../../../../../envoy/config/route/v3/RouteMatch.js';
import type { JwtRequirement as _envoy_extensions_filters_http_jwt_authn_v3_JwtRequirement, JwtRequirement__Output as _envoy_extensions_filters_http_jwt_authn_v3_JwtRequirement__Output } from '../../../../../../envoy/extensions/filters/http/jwt_authn/v3/JwtRequirement.js';

/**
 * This message specifies a Jwt requirement for a specific Route condition.
 * Example 1:
 * 
 * .. code-block:: yaml
 * 
 * - match:
 * prefix: /healthz
 * 
 * In above example, "requires" field is empty for /healthz prefix match,
 * it means that requests matching the path prefix don't require JWT authentication.
 * 
 * Example 2:
 * 
 * .. code-block:: yaml
 * 
 * - match:
 * prefix: /
 * requires: { provider_name: provider-A }
 * 
 * In above example, all requests matched the path prefix require jwt authentication
 * from "provider-A".
 */
export interface RequirementRule {
  /**
   * The route matching parameter. Only when the match is satisfied, the "requires" field will
   * apply.
   * 
   * For example: following match will match all requests.
   * 
   * .. code-block:: yaml
   * 
   * match:
   * prefix: /
   */
  'match'?: (_envoy_config_route_v3_RouteMatch | null);
  /**
   * Specify a Jwt requirement. Please see detail comment in message JwtRequirement.
   */
  'requires'?: (_envoy_extensions_filters_http_jwt_authn_v3_JwtRequirement | null);
  /**
   * Use requirement_name to specify a Jwt requirement.
   * This requirement_name MUST be specified at the
   * :ref:`requirement_map <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtAuthentication.requirement_map>`
   * in ``JwtAuthentication``.
   */
  'requirement_name'?: (string);
  /**
   * Specify a Jwt requirement.
   * If not specified, Jwt verification is disabled.
   */
  'requirement_type'?: "requires"|"requirement_name";
}

/**
 * This message specifies a Jwt requirement for a specific Route condition.
 * Example 1:
 * 
 * .. code-block:: yaml
 * 
 * - match:
 * prefix: /healthz
 * 
 * In above example, "requires" field is empty for /healthz prefix match,
 * it means that requests matching the path prefix don't require JWT authentication.
 * 
 * Example 2:
 * 
 * .. code-block:: yaml
 * 
 * - match:
 * prefix: /
 * requires: { provider_name: provider-A }
 * 
 * In above example, all requests matched the path prefix require jwt authentication
 * from "provider-A".
 */
export interface RequirementRule__Output {
  /**
   * The route matching parameter. Only when the match is satisfied, the "requires" field will
   * apply.
   * 
   * For example: following match will match all requests.
   * 
   * .. code-block:: yaml
   * 
   * match:
   * prefix: /
   */
  'match'?: (_envoy_config_route_v3_RouteMatch__Output);
  /**
   * Specify a Jwt requirement. Please see detail comment in message JwtRequirement.
   */
  'requires'?: (_envoy_extensions_filters_http_jwt_authn_v3_JwtRequirement__Output);
  /**
   * Use requirement_name to specify a Jwt requirement.
   * This requirement_name MUST be specified at the
   * :ref:`requirement_map <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtAuthentication.requirement_map>`
   * in ``JwtAuthentication``.
   */
  'requirement_name'?: (string);
  /**
   * Specify a Jwt requirement.
   * If not specified, Jwt verification is disabled.
   */
  'requirement_type'?: "requires"|"requirement_name";
}
