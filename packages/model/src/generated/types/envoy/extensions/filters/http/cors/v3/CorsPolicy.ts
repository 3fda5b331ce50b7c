// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/cors/v3/cors.proto

import type { StringMatcher as _envoy_type_matcher_v3_StringMatcher, StringMatcher__Output as _envoy_type_matcher_v3_StringMatcher__Output } from '../../../../../../envoy/type/matcher/v3/StringMatcher.js';
import type { BoolValue as _google_protobuf_BoolValue, BoolValue__Output as _google_protobuf_BoolValue__Output } from '../../../../../../google/protobuf/BoolValue.js';
import type { RuntimeFractionalPercent as _envoy_config_core_v3_RuntimeFractionalPercent, RuntimeFractionalPercent__Output as _envoy_config_core_v3_RuntimeFractionalPercent__Output } from '../../../../../../envoy/config/core/v3/RuntimeFractionalPercent.js';

/**
 * Per route configuration for the CORS filter. This configuration should be configured in the ``RouteConfiguration`` as ``typed_per_filter_config`` at some level to
 * make the filter work.
 * [#next-free-field: 11]
 */
export interface CorsPolicy {
  /**
   * Specifies string patterns that match allowed origins. An origin is allowed if any of the
   * string matchers match.
   */
  'allow_origin_string_match'?: (_envoy_type_matcher_v3_StringMatcher)[];
  /**
   * Specifies the content for the ``access-control-allow-methods`` header.
   */
  'allow_methods'?: (string);
  /**
   * Specifies the content for the ``access-control-allow-headers`` header.
   */
  'allow_headers'?: (string);
  /**
   * Specifies the content for the ``access-control-expose-headers`` header.
   */
  'expose_headers'?: (string);
  /**
   * Specifies the content for the ``access-control-max-age`` header.
   */
  'max_age'?: (string);
  /**
   * Specifies whether the resource allows credentials.
   */
  'allow_credentials'?: (_google_protobuf_BoolValue | null);
  /**
   * Specifies the % of requests for which the CORS filter is enabled.
   * 
   * If neither ``filter_enabled``, nor ``shadow_enabled`` are specified, the CORS
   * filter will be enabled for 100% of the requests.
   * 
   * If :ref:`runtime_key <envoy_v3_api_field_config.core.v3.RuntimeFractionalPercent.runtime_key>` is
   * specified, Envoy will lookup the runtime key to get the percentage of requests to filter.
   */
  'filter_enabled'?: (_envoy_config_core_v3_RuntimeFractionalPercent | null);
  /**
   * Specifies the % of requests for which the CORS policies will be evaluated and tracked, but not
   * enforced.
   * 
   * This field is intended to be used when ``filter_enabled`` is off. That field have to explicitly disable
   * the filter in order for this setting to take effect.
   * 
   * If :ref:`runtime_key <envoy_v3_api_field_config.core.v3.RuntimeFractionalPercent.runtime_key>` is specified,
   * Envoy will lookup the runtime key to get the percentage of requests for which it will evaluate
   * and track the request's ``Origin`` to determine if it's valid but will not enforce any policies.
   */
  'shadow_enabled'?: (_envoy_config_core_v3_RuntimeFractionalPercent | null);
  /**
   * Specify whether allow requests whose target server's IP address is more private than that from
   * which the request initiator was fetched.
   * 
   * More details refer to https://developer.chrome.com/blog/private-network-access-preflight.
   */
  'allow_private_network_access'?: (_google_protobuf_BoolValue | null);
  /**
   * Specifies if preflight requests not matching the configured allowed origin should be forwarded
   * to the upstream. Default is true.
   */
  'forward_not_matching_preflights'?: (_google_protobuf_BoolValue | null);
}

/**
 * Per route configuration for the CORS filter. This configuration should be configured in the ``RouteConfiguration`` as ``typed_per_filter_config`` at some level to
 * make the filter work.
 * [#next-free-field: 11]
 */
export interface CorsPolicy__Output {
  /**
   * Specifies string patterns that match allowed origins. An origin is allowed if any of the
   * string matchers match.
   */
  'allow_origin_string_match'?: (_envoy_type_matcher_v3_StringMatcher__Output)[];
  /**
   * Specifies the content for the ``access-control-allow-methods`` header.
   */
  'allow_methods'?: (string);
  /**
   * Specifies the content for the ``access-control-allow-headers`` header.
   */
  'allow_headers'?: (string);
  /**
   * Specifies the content for the ``access-control-expose-headers`` header.
   */
  'expose_headers'?: (string);
  /**
   * Specifies the content for the ``access-control-max-age`` header.
   */
  'max_age'?: (string);
  /**
   * Specifies whether the resource allows credentials.
   */
  'allow_credentials'?: (_google_protobuf_BoolValue__Output);
  /**
   * Specifies the % of requests for which the CORS filter is enabled.
   * 
   * If neither ``filter_enabled``, nor ``shadow_enabled`` are specified, the CORS
   * filter will be enabled for 100% of the requests.
   * 
   * If :ref:`runtime_key <envoy_v3_api_field_config.core.v3.RuntimeFractionalPercent.runtime_key>` is
   * specified, Envoy will lookup the runtime key to get the percentage of requests to filter.
   */
  'filter_enabled'?: (_envoy_config_core_v3_RuntimeFractionalPercent__Output);
  /**
   * Specifies the % of requests for which the CORS policies will be evaluated and tracked, but not
   * enforced.
   * 
   * This field is intended to be used when ``filter_enabled`` is off. That field have to explicitly disable
   * the filter in order for this setting to take effect.
   * 
   * If :ref:`runtime_key <envoy_v3_api_field_config.core.v3.RuntimeFractionalPercent.runtime_key>` is specified,
   * Envoy will lookup the runtime key to get the percentage of requests for which it will evaluate
   * and track the request's ``Origin`` to determine if it's valid but will not enforce any policies.
   */
  'shadow_enabled'?: (_envoy_config_core_v3_RuntimeFractionalPercent__Output);
  /**
   * Specify whether allow requests whose target server's IP address is more private than that from
   * which the request initiator was fetched.
   * 
   * More details refer to https://developer.chrome.com/blog/private-network-access-preflight.
   */
  'allow_private_network_access'?: (_google_protobuf_BoolValue__Output);
  /**
   * Specifies if preflight requests not matching the configured allowed origin should be forwarded
   * to the upstream. Default is true.
   */
  'forward_not_matching_preflights'?: (_google_protobuf_BoolValue__Output);
}
