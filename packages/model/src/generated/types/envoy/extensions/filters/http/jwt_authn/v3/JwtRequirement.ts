// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/jwt_authn/v3/config.proto

import type { ProviderWithAudiences as _envoy_extensions_filters_http_jwt_authn_v3_ProviderWithAudiences, ProviderWithAudiences__Output as _envoy_extensions_filters_http_jwt_authn_v3_ProviderWithAudiences__Output } from '../../../../../../envoy/extensions/filters/http/jwt_authn/v3/ProviderWithAudiences.js';
import type { JwtRequirementOrList as _envoy_extensions_filters_http_jwt_authn_v3_JwtRequirementOrList, JwtRequirementOrList__Output as _envoy_extensions_filters_http_jwt_authn_v3_JwtRequirementOrList__Output } from '../../../../../../envoy/extensions/filters/http/jwt_authn/v3/JwtRequirementOrList.js';
import type { JwtRequirementAndList as _envoy_extensions_filters_http_jwt_authn_v3_JwtRequirementAndList, JwtRequirementAndList__Output as _envoy_extensions_filters_http_jwt_authn_v3_JwtRequirementAndList__Output } from '../../../../../../envoy/extensions/filters/http/jwt_authn/v3/JwtRequirementAndList.js';
import type { Empty as _google_protobuf_Empty, Empty__Output as _google_protobuf_Empty__Output } from '../../../../../../google/protobuf/Empty.js';

/**
 * This message specifies a Jwt requirement. An empty message means JWT verification is not
 * required. Here are some config examples:
 * 
 * .. code-block:: yaml
 * 
 * # Example 1: not required with an empty message
 * 
 * # Example 2: require A
 * provider_name: provider-A
 * 
 * # Example 3: require A or B
 * requires_any:
 * requirements:
 * - provider_name: provider-A
 * - provider_name: provider-B
 * 
 * # Example 4: require A and B
 * requires_all:
 * requirements:
 * - provider_name: provider-A
 * - provider_name: provider-B
 * 
 * # Example 5: require A and (B or C)
 * requires_all:
 * requirements:
 * - provider_name: provider-A
 * - requires_any:
 * requirements:
 * - provider_name: provider-B
 * - provider_name: provider-C
 * 
 * # Example 6: require A or (B and C)
 * requires_any:
 * requirements:
 * - provider_name: provider-A
 * - requires_all:
 * requirements:
 * - provider_name: provider-B
 * - provider_name: provider-C
 * 
 * # Example 7: A is optional (if token from A is provided, it must be valid, but also allows
 * missing token.)
 * requires_any:
 * requirements:
 * - provider_name: provider-A
 * - allow_missing: {}
 * 
 * # Example 8: A is optional and B is required.
 * requires_all:
 * requirements:
 * - requires_any:
 * requirements:
 * - provider_name: provider-A
 * - allow_missing: {}
 * - provider_name: provider-B
 * 
 * [#next-free-field: 7]
 */
export interface JwtRequirement {
  /**
   * Specify a required provider name.
   */
  'provider_name'?: (string);
  /**
   * Specify a required provider with audiences.
   */
  'provider_and_audiences'?: (_envoy_extensions_filters_http_jwt_authn_v3_ProviderWithAudiences | null);
  /**
   * Specify list of JwtRequirement. Their results are OR-ed.
   * If any one of them passes, the result is passed.
   */
  'requires_any'?: (_envoy_extensions_filters_http_jwt_authn_v3_JwtRequirementOrList | null);
  /**
   * Specify list of JwtRequirement. Their results are AND-ed.
   * All of them must pass, if one of them fails or missing, it fails.
   */
  'requires_all'?: (_envoy_extensions_filters_http_jwt_authn_v3_JwtRequirementAndList | null);
  /**
   * The requirement is always satisfied even if JWT is missing or the JWT
   * verification fails. A typical usage is: this filter is used to only verify
   * JWTs and pass the verified JWT payloads to another filter, the other filter
   * will make decision. In this mode, all JWT tokens will be verified.
   */
  'allow_missing_or_failed'?: (_google_protobuf_Empty | null);
  /**
   * The requirement is satisfied if JWT is missing, but failed if JWT is
   * presented but invalid. Similar to allow_missing_or_failed, this is used
   * to only verify JWTs and pass the verified payload to another filter. The
   * different is this mode will reject requests with invalid tokens.
   */
  'allow_missing'?: (_google_protobuf_Empty | null);
  'requires_type'?: "provider_name"|"provider_and_audiences"|"requires_any"|"requires_all"|"allow_missing_or_failed"|"allow_missing";
}

/**
 * This message specifies a Jwt requirement. An empty message means JWT verification is not
 * required. Here are some config examples:
 * 
 * .. code-block:: yaml
 * 
 * # Example 1: not required with an empty message
 * 
 * # Example 2: require A
 * provider_name: provider-A
 * 
 * # Example 3: require A or B
 * requires_any:
 * requirements:
 * - provider_name: provider-A
 * - provider_name: provider-B
 * 
 * # Example 4: require A and B
 * requires_all:
 * requirements:
 * - provider_name: provider-A
 * - provider_name: provider-B
 * 
 * # Example 5: require A and (B or C)
 * requires_all:
 * requirements:
 * - provider_name: provider-A
 * - requires_any:
 * requirements:
 * - provider_name: provider-B
 * - provider_name: provider-C
 * 
 * # Example 6: require A or (B and C)
 * requires_any:
 * requirements:
 * - provider_name: provider-A
 * - requires_all:
 * requirements:
 * - provider_name: provider-B
 * - provider_name: provider-C
 * 
 * # Example 7: A is optional (if token from A is provided, it must be valid, but also allows
 * missing token.)
 * requires_any:
 * requirements:
 * - provider_name: provider-A
 * - allow_missing: {}
 * 
 * # Example 8: A is optional and B is required.
 * requires_all:
 * requirements:
 * - requires_any:
 * requirements:
 * - provider_name: provider-A
 * - allow_missing: {}
 * - provider_name: provider-B
 * 
 * [#next-free-field: 7]
 */
export interface JwtRequirement__Output {
  /**
   * Specify a required provider name.
   */
  'provider_name'?: (string);
  /**
   * Specify a required provider with audiences.
   */
  'provider_and_audiences'?: (_envoy_extensions_filters_http_jwt_authn_v3_ProviderWithAudiences__Output);
  /**
   * Specify list of JwtRequirement. Their results are OR-ed.
   * If any one of them passes, the result is passed.
   */
  'requires_any'?: (_envoy_extensions_filters_http_jwt_authn_v3_JwtRequirementOrList__Output);
  /**
   * Specify list of JwtRequirement. Their results are AND-ed.
   * All of them must pass, if one of them fails or missing, it fails.
   */
  'requires_all'?: (_envoy_extensions_filters_http_jwt_authn_v3_JwtRequirementAndList__Output);
  /**
   * The requirement is always satisfied even if JWT is missing or the JWT
   * verification fails. A typical usage is: this filter is used to only verify
   * JWTs and pass the verified JWT payloads to another filter, the other filter
   * will make decision. In this mode, all JWT tokens will be verified.
   */
  'allow_missing_or_failed'?: (_google_protobuf_Empty__Output);
  /**
   * The requirement is satisfied if JWT is missing, but failed if JWT is
   * presented but invalid. Similar to allow_missing_or_failed, this is used
   * to only verify JWTs and pass the verified payload to another filter. The
   * different is this mode will reject requests with invalid tokens.
   */
  'allow_missing'?: (_google_protobuf_Empty__Output);
  'requires_type'?: "provider_name"|"provider_and_audiences"|"requires_any"|"requires_all"|"allow_missing_or_failed"|"allow_missing";
}
