// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/local_ratelimit/v3/local_rate_limit.proto

import type { HttpStatus as _envoy_type_v3_HttpStatus, HttpStatus__Output as _envoy_type_v3_HttpStatus__Output } from '../../../../../../envoy/type/v3/HttpStatus.js';
import type { TokenBucket as _envoy_type_v3_TokenBucket, TokenBucket__Output as _envoy_type_v3_TokenBucket__Output } from '../../../../../../envoy/type/v3/TokenBucket.js';
import type { RuntimeFractionalPercent as _envoy_config_core_v3_RuntimeFractionalPercent, RuntimeFractionalPercent__Output as _envoy_config_core_v3_RuntimeFractionalPercent__Output } from '../../../../../../envoy/config/core/v3/RuntimeFractionalPercent.js';
import type { HeaderValueOption as _envoy_config_core_v3_HeaderValueOption, HeaderValueOption__Output as _envoy_config_core_v3_HeaderValueOption__Output } from '../../../../../../envoy/config/core/v3/HeaderValueOption.js';
import type { LocalRateLimitDescriptor as _envoy_extensions_common_ratelimit_v3_LocalRateLimitDescriptor, LocalRateLimitDescriptor__Output as _envoy_extensions_common_ratelimit_v3_LocalRateLimitDescriptor__Output } from '../../../../../../envoy/extensions/common/ratelimit/v3/LocalRateLimitDescriptor.js';
import type { XRateLimitHeadersRFCVersion as _envoy_extensions_common_ratelimit_v3_XRateLimitHeadersRFCVersion, XRateLimitHeadersRFCVersion__Output as _envoy_extensions_common_ratelimit_v3_XRateLimitHeadersRFCVersion__Output } from '../../../../../../envoy/extensions/common/ratelimit/v3/XRateLimitHeadersRFCVersion.js';
import type { VhRateLimitsOptions as _envoy_extensions_common_ratelimit_v3_VhRateLimitsOptions, VhRateLimitsOptions__Output as _envoy_extensions_common_ratelimit_v3_VhRateLimitsOptions__Output } from '../../../../../../envoy/extensions/common/ratelimit/v3/VhRateLimitsOptions.js';
import type { BoolValue as _google_protobuf_BoolValue, BoolValue__Output as _google_protobuf_BoolValue__Output } from '../../../../../../google/protobuf/BoolValue.js';
import type { LocalClusterRateLimit as _envoy_extensions_common_ratelimit_v3_LocalClusterRateLimit, LocalClusterRateLimit__Output as _envoy_extensions_common_ratelimit_v3_LocalClusterRateLimit__Output } from '../../../../../../envoy/extensions/common/ratelimit/v3/LocalClusterRateLimit.js';

/**
 * [#next-free-field: 17]
 */
export interface LocalRateLimit {
  /**
   * The human readable prefix to use when emitting stats.
   */
  'stat_prefix'?: (string);
  /**
   * This field allows for a custom HTTP response status code to the downstream client when
   * the request has been rate limited.
   * Defaults to 429 (TooManyRequests).
   * 
   * .. note::
   * If this is set to < 400, 429 will be used instead.
   */
  'status'?: (_envoy_type_v3_HttpStatus | null);
  /**
   * The token bucket configuration to use for rate limiting requests that are processed by this
   * filter. Each request processed by the filter consumes a single token. If the token is available,
   * the request will be allowed. If no tokens are available, the request will receive the configured
   * rate limit status.
   * 
   * .. note::
   * It's fine for the token bucket to be unset for the global configuration since the rate limit
   * can be applied at a the virtual host or route level. Thus, the token bucket must be set
   * for the per route configuration otherwise the config will be rejected.
   * 
   * .. note::
   * When using per route configuration, the bucket becomes unique to that route.
   * 
   * .. note::
   * In the current implementation the token bucket's :ref:`fill_interval
   * <envoy_v3_api_field_type.v3.TokenBucket.fill_interval>` must be >= 50ms to avoid too aggressive
   * refills.
   */
  'token_bucket'?: (_envoy_type_v3_TokenBucket | null);
  /**
   * If set, this will enable -- but not necessarily enforce -- the rate limit for the given
   * fraction of requests.
   * Defaults to 0% of requests for safety.
   */
  'filter_enabled'?: (_envoy_config_core_v3_RuntimeFractionalPercent | null);
  /**
   * If set, this will enforce the rate limit decisions for the given fraction of requests.
   * 
   * Note: this only applies to the fraction of enabled requests.
   * 
   * Defaults to 0% of requests for safety.
   */
  'filter_enforced'?: (_envoy_config_core_v3_RuntimeFractionalPercent | null);
  /**
   * Specifies a list of HTTP headers that should be added to each response for requests that
   * have been rate limited. This occurs when the filter is enabled and fully enforced.
   */
  'response_headers_to_add'?: (_envoy_config_core_v3_HeaderValueOption)[];
  /**
   * The rate limit descriptor list to use in the local rate limit to override
   * on. The rate limit descriptor is selected by the first full match from the
   * request descriptors.
   * 
   * Example on how to use :ref:`this <config_http_filters_local_rate_limit_descriptors>`.
   * 
   * .. note::
   * 
   * In the current implementation the descriptor's token bucket :ref:`fill_interval
   * <envoy_v3_api_field_type.v3.TokenBucket.fill_interval>` must be a multiple
   * global :ref:`token bucket's<envoy_v3_api_field_extensions.filters.http.local_ratelimit.v3.LocalRateLimit.token_bucket>` fill interval.
   * 
   * The descriptors must match verbatim for rate limiting to apply. There is no partial
   * match by a subset of descriptor entries in the current implementation.
   */
  'descriptors'?: (_envoy_extensions_common_ratelimit_v3_LocalRateLimitDescriptor)[];
  /**
   * Specifies the rate limit configurations to be applied with the same
   * stage number. If not set, the default stage number is 0.
   * 
   * .. note::
   * 
   * The filter supports a range of 0 - 10 inclusively for stage numbers.
   */
  'stage'?: (number);
  /**
   * Specifies a list of HTTP headers that should be added to each request that
   * has been rate limited and is also forwarded upstream. This can only occur when the
   * filter is enabled but not enforced.
   */
  'request_headers_to_add_when_not_enforced'?: (_envoy_config_core_v3_HeaderValueOption)[];
  /**
   * Specifies the scope of the rate limiter's token bucket.
   * If set to false, the token bucket is shared across all worker threads,
   * thus the rate limits are applied per Envoy process.
   * If set to true, a token bucket is allocated for each connection.
   * Thus the rate limits are applied per connection thereby allowing
   * one to rate limit requests on a per connection basis.
   * If unspecified, the default value is false.
   */
  'local_rate_limit_per_downstream_connection'?: (boolean);
  /**
   * Defines the standard version to use for X-RateLimit headers emitted by the filter.
   * 
   * Disabled by default.
   */
  'enable_x_ratelimit_headers'?: (_envoy_extensions_common_ratelimit_v3_XRateLimitHeadersRFCVersion);
  /**
   * Specifies if the local rate limit filter should include the virtual host rate limits.
   */
  'vh_rate_limits'?: (_envoy_extensions_common_ratelimit_v3_VhRateLimitsOptions);
  /**
   * Specifies if default token bucket should be always consumed.
   * If set to false, default token bucket will only be consumed when there is
   * no matching descriptor. If set to true, default token bucket will always
   * be consumed. Default is true.
   */
  'always_consume_default_token_bucket'?: (_google_protobuf_BoolValue | null);
  /**
   * Specifies whether a ``RESOURCE_EXHAUSTED`` gRPC code must be returned instead
   * of the default ``UNAVAILABLE`` gRPC code for a rate limited gRPC call. The
   * HTTP code will be 200 for a gRPC response.
   */
  'rate_limited_as_resource_exhausted'?: (boolean);
  /**
   * Enables the local cluster level rate limiting, iff this is set explicitly. For example,
   * given an Envoy gateway that contains N Envoy instances and a rate limit rule X tokens
   * per second. If this is set, the total rate limit of whole gateway will always be X tokens
   * per second regardless of how N changes. If this is not set, the total rate limit of whole
   * gateway will be N * X tokens per second.
   * 
   * .. note::
   * This should never be set if the ``local_rate_limit_per_downstream_connection`` is set to
   * true. Because if per connection rate limiting is enabled, we assume that the token buckets
   * should never be shared across Envoy instances.
   * 
   * .. note::
   * This only works when the :ref:`local cluster name
   * <envoy_v3_api_field_config.bootstrap.v3.ClusterManager.local_cluster_name>` is set and
   * the related cluster is defined in the bootstrap configuration.
   */
  'local_cluster_rate_limit'?: (_envoy_extensions_common_ratelimit_v3_LocalClusterRateLimit | null);
}

/**
 * [#next-free-field: 17]
 */
export interface LocalRateLimit__Output {
  /**
   * The human readable prefix to use when emitting stats.
   */
  'stat_prefix'?: (string);
  /**
   * This field allows for a custom HTTP response status code to the downstream client when
   * the request has been rate limited.
   * Defaults to 429 (TooManyRequests).
   * 
   * .. note::
   * If this is set to < 400, 429 will be used instead.
   */
  'status'?: (_envoy_type_v3_HttpStatus__Output);
  /**
   * The token bucket configuration to use for rate limiting requests that are processed by this
   * filter. Each request processed by the filter consumes a single token. If the token is available,
   * the request will be allowed. If no tokens are available, the request will receive the configured
   * rate limit status.
   * 
   * .. note::
   * It's fine for the token bucket to be unset for the global configuration since the rate limit
   * can be applied at a the virtual host or route level. Thus, the token bucket must be set
   * for the per route configuration otherwise the config will be rejected.
   * 
   * .. note::
   * When using per route configuration, the bucket becomes unique to that route.
   * 
   * .. note::
   * In the current implementation the token bucket's :ref:`fill_interval
   * <envoy_v3_api_field_type.v3.TokenBucket.fill_interval>` must be >= 50ms to avoid too aggressive
   * refills.
   */
  'token_bucket'?: (_envoy_type_v3_TokenBucket__Output);
  /**
   * If set, this will enable -- but not necessarily enforce -- the rate limit for the given
   * fraction of requests.
   * Defaults to 0% of requests for safety.
   */
  'filter_enabled'?: (_envoy_config_core_v3_RuntimeFractionalPercent__Output);
  /**
   * If set, this will enforce the rate limit decisions for the given fraction of requests.
   * 
   * Note: this only applies to the fraction of enabled requests.
   * 
   * Defaults to 0% of requests for safety.
   */
  'filter_enforced'?: (_envoy_config_core_v3_RuntimeFractionalPercent__Output);
  /**
   * Specifies a list of HTTP headers that should be added to each response for requests that
   * have been rate limited. This occurs when the filter is enabled and fully enforced.
   */
  'response_headers_to_add'?: (_envoy_config_core_v3_HeaderValueOption__Output)[];
  /**
   * The rate limit descriptor list to use in the local rate limit to override
   * on. The rate limit descriptor is selected by the first full match from the
   * request descriptors.
   * 
   * Example on how to use :ref:`this <config_http_filters_local_rate_limit_descriptors>`.
   * 
   * .. note::
   * 
   * In the current implementation the descriptor's token bucket :ref:`fill_interval
   * <envoy_v3_api_field_type.v3.TokenBucket.fill_interval>` must be a multiple
   * global :ref:`token bucket's<envoy_v3_api_field_extensions.filters.http.local_ratelimit.v3.LocalRateLimit.token_bucket>` fill interval.
   * 
   * The descriptors must match verbatim for rate limiting to apply. There is no partial
   * match by a subset of descriptor entries in the current implementation.
   */
  'descriptors'?: (_envoy_extensions_common_ratelimit_v3_LocalRateLimitDescriptor__Output)[];
  /**
   * Specifies the rate limit configurations to be applied with the same
   * stage number. If not set, the default stage number is 0.
   * 
   * .. note::
   * 
   * The filter supports a range of 0 - 10 inclusively for stage numbers.
   */
  'stage'?: (number);
  /**
   * Specifies a list of HTTP headers that should be added to each request that
   * has been rate limited and is also forwarded upstream. This can only occur when the
   * filter is enabled but not enforced.
   */
  'request_headers_to_add_when_not_enforced'?: (_envoy_config_core_v3_HeaderValueOption__Output)[];
  /**
   * Specifies the scope of the rate limiter's token bucket.
   * If set to false, the token bucket is shared across all worker threads,
   * thus the rate limits are applied per Envoy process.
   * If set to true, a token bucket is allocated for each connection.
   * Thus the rate limits are applied per connection thereby allowing
   * one to rate limit requests on a per connection basis.
   * If unspecified, the default value is false.
   */
  'local_rate_limit_per_downstream_connection'?: (boolean);
  /**
   * Defines the standard version to use for X-RateLimit headers emitted by the filter.
   * 
   * Disabled by default.
   */
  'enable_x_ratelimit_headers'?: (_envoy_extensions_common_ratelimit_v3_XRateLimitHeadersRFCVersion__Output);
  /**
   * Specifies if the local rate limit filter should include the virtual host rate limits.
   */
  'vh_rate_limits'?: (_envoy_extensions_common_ratelimit_v3_VhRateLimitsOptions__Output);
  /**
   * Specifies if default token bucket should be always consumed.
   * If set to false, default token bucket will only be consumed when there is
   * no matching descriptor. If set to true, default token bucket will always
   * be consumed. Default is true.
   */
  'always_consume_default_token_bucket'?: (_google_protobuf_BoolValue__Output);
  /**
   * Specifies whether a ``RESOURCE_EXHAUSTED`` gRPC code must be returned instead
   * of the default ``UNAVAILABLE`` gRPC code for a rate limited gRPC call. The
   * HTTP code will be 200 for a gRPC response.
   */
  'rate_limited_as_resource_exhausted'?: (boolean);
  /**
   * Enables the local cluster level rate limiting, iff this is set explicitly. For example,
   * given an Envoy gateway that contains N Envoy instances and a rate limit rule X tokens
   * per second. If this is set, the total rate limit of whole gateway will always be X tokens
   * per second regardless of how N changes. If this is not set, the total rate limit of whole
   * gateway will be N * X tokens per second.
   * 
   * .. note::
   * This should never be set if the ``local_rate_limit_per_downstream_connection`` is set to
   * true. Because if per connection rate limiting is enabled, we assume that the token buckets
   * should never be shared across Envoy instances.
   * 
   * .. note::
   * This only works when the :ref:`local cluster name
   * <envoy_v3_api_field_config.bootstrap.v3.ClusterManager.local_cluster_name>` is set and
   * the related cluster is defined in the bootstrap configuration.
   */
  'local_cluster_rate_limit'?: (_envoy_extensions_common_ratelimit_v3_LocalClusterRateLimit__Output);
}
