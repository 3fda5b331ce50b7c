// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/jwt_authn/v3/config.proto

import type { HttpUri as _envoy_config_core_v3_HttpUri, HttpUri__Output as _envoy_config_core_v3_HttpUri__Output } from '../../../../../../envoy/config/core/v3/HttpUri.js';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../../../../../google/protobuf/Duration.js';
import type { JwksAsyncFetch as _envoy_extensions_filters_http_jwt_authn_v3_JwksAsyncFetch, JwksAsyncFetch__Output as _envoy_extensions_filters_http_jwt_authn_v3_JwksAsyncFetch__Output } from '../../../../../../envoy/extensions/filters/http/jwt_authn/v3/JwksAsyncFetch.js';
import type { RetryPolicy as _envoy_config_core_v3_RetryPolicy, RetryPolicy__Output as _envoy_config_core_v3_RetryPolicy__Output } from '../../../../../../envoy/config/core/v3/RetryPolicy.js';

/**
 * This message specifies how to fetch JWKS from remote and how to cache it.
 */
export interface RemoteJwks {
  /**
   * The HTTP URI to fetch the JWKS. For example:
   * 
   * .. code-block:: yaml
   * 
   * http_uri:
   * uri: https://www.googleapis.com/oauth2/v1/certs
   * cluster: jwt.www.googleapis.com|443
   * timeout: 1s
   */
  'http_uri'?: (_envoy_config_core_v3_HttpUri | null);
  /**
   * Duration after which the cached JWKS should be expired. If not specified, default cache
   * duration is 10 minutes.
   */
  'cache_duration'?: (_google_protobuf_Duration | null);
  /**
   * Fetch Jwks asynchronously in the main thread before the listener is activated.
   * Fetched Jwks can be used by all worker threads.
   * 
   * If this feature is not enabled:
   * 
   * * The Jwks is fetched on-demand when the requests come. During the fetching, first
   * few requests are paused until the Jwks is fetched.
   * * Each worker thread fetches its own Jwks since Jwks cache is per worker thread.
   * 
   * If this feature is enabled:
   * 
   * * Fetched Jwks is done in the main thread before the listener is activated. Its fetched
   * Jwks can be used by all worker threads. Each worker thread doesn't need to fetch its own.
   * * Jwks is ready when the requests come, not need to wait for the Jwks fetching.
   */
  'async_fetch'?: (_envoy_extensions_filters_http_jwt_authn_v3_JwksAsyncFetch | null);
  /**
   * Retry policy for fetching Jwks. optional. turned off by default.
   * 
   * For example:
   * 
   * .. code-block:: yaml
   * 
   * retry_policy:
   * retry_back_off:
   * base_interval: 0.01s
   * max_interval: 20s
   * num_retries: 10
   * 
   * will yield a randomized truncated exponential backoff policy with an initial delay of 10ms
   * 10 maximum attempts spaced at most 20s seconds.
   * 
   * .. code-block:: yaml
   * 
   * retry_policy:
   * num_retries:1
   * 
   * uses the default :ref:`retry backoff strategy <envoy_v3_api_msg_config.core.v3.BackoffStrategy>`.
   * with the default base interval is 1000 milliseconds. and the default maximum interval of 10 times the base interval.
   * 
   * if num_retries is omitted, the default is to allow only one retry.
   * 
   * 
   * If enabled, the retry policy will apply to all Jwks fetching approaches, e.g. on demand or asynchronously in background.
   */
  'retry_policy'?: (_envoy_config_core_v3_RetryPolicy | null);
}

/**
 * This message specifies how to fetch JWKS from remote and how to cache it.
 */
export interface RemoteJwks__Output {
  /**
   * The HTTP URI to fetch the JWKS. For example:
   * 
   * .. code-block:: yaml
   * 
   * http_uri:
   * uri: https://www.googleapis.com/oauth2/v1/certs
   * cluster: jwt.www.googleapis.com|443
   * timeout: 1s
   */
  'http_uri'?: (_envoy_config_core_v3_HttpUri__Output);
  /**
   * Duration after which the cached JWKS should be expired. If not specified, default cache
   * duration is 10 minutes.
   */
  'cache_duration'?: (_google_protobuf_Duration__Output);
  /**
   * Fetch Jwks asynchronously in the main thread before the listener is activated.
   * Fetched Jwks can be used by all worker threads.
   * 
   * If this feature is not enabled:
   * 
   * * The Jwks is fetched on-demand when the requests come. During the fetching, first
   * few requests are paused until the Jwks is fetched.
   * * Each worker thread fetches its own Jwks since Jwks cache is per worker thread.
   * 
   * If this feature is enabled:
   * 
   * * Fetched Jwks is done in the main thread before the listener is activated. Its fetched
   * Jwks can be used by all worker threads. Each worker thread doesn't need to fetch its own.
   * * Jwks is ready when the requests come, not need to wait for the Jwks fetching.
   */
  'async_fetch'?: (_envoy_extensions_filters_http_jwt_authn_v3_JwksAsyncFetch__Output);
  /**
   * Retry policy for fetching Jwks. optional. turned off by default.
   * 
   * For example:
   * 
   * .. code-block:: yaml
   * 
   * retry_policy:
   * retry_back_off:
   * base_interval: 0.01s
   * max_interval: 20s
   * num_retries: 10
   * 
   * will yield a randomized truncated exponential backoff policy with an initial delay of 10ms
   * 10 maximum attempts spaced at most 20s seconds.
   * 
   * .. code-block:: yaml
   * 
   * retry_policy:
   * num_retries:1
   * 
   * uses the default :ref:`retry backoff strategy <envoy_v3_api_msg_config.core.v3.BackoffStrategy>`.
   * with the default base interval is 1000 milliseconds. and the default maximum interval of 10 times the base interval.
   * 
   * if num_retries is omitted, the default is to allow only one retry.
   * 
   * 
   * If enabled, the retry policy will apply to all Jwks fetching approaches, e.g. on demand or asynchronously in background.
   */
  'retry_policy'?: (_envoy_config_core_v3_RetryPolicy__Output);
}
