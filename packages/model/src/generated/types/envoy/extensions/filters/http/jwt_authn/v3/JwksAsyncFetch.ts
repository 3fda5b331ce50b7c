// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/jwt_authn/v3/config.proto

import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../../../../../google/protobuf/Duration.js';

/**
 * Fetch Jwks asynchronously in the main thread when the filter config is parsed.
 * The listener is activated only after the Jwks is fetched.
 * When the Jwks is expired in the cache, it is fetched again in the main thread.
 * The fetched Jwks from the main thread can be used by all worker threads.
 */
export interface JwksAsyncFetch {
  /**
   * If false, the listener is activated after the initial fetch is completed.
   * The initial fetch result can be either successful or failed.
   * If true, it is activated without waiting for the initial fetch to complete.
   * Default is false.
   */
  'fast_listener'?: (boolean);
  /**
   * The duration to refetch after a failed fetch. If not specified, default is 1 second.
   */
  'failed_refetch_duration'?: (_google_protobuf_Duration | null);
}

/**
 * Fetch Jwks asynchronously in the main thread when the filter config is parsed.
 * The listener is activated only after the Jwks is fetched.
 * When the Jwks is expired in the cache, it is fetched again in the main thread.
 * The fetched Jwks from the main thread can be used by all worker threads.
 */
export interface JwksAsyncFetch__Output {
  /**
   * If false, the listener is activated after the initial fetch is completed.
   * The initial fetch result can be either successful or failed.
   * If true, it is activated without waiting for the initial fetch to complete.
   * Default is false.
   */
  'fast_listener'?: (boolean);
  /**
   * The duration to refetch after a failed fetch. If not specified, default is 1 second.
   */
  'failed_refetch_duration'?: (_google_protobuf_Duration__Output);
}
