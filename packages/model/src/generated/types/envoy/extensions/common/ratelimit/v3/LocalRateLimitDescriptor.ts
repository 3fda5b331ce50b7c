// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/common/ratelimit/v3/ratelimit.proto

import type { _envoy_extensions_common_ratelimit_v3_RateLimitDescriptor_Entry, _envoy_extensions_common_ratelimit_v3_RateLimitDescriptor_Entry__Output } from '../../../../../envoy/extensions/common/ratelimit/v3/RateLimitDescriptor.js';
import type { TokenBucket as _envoy_type_v3_TokenBucket, TokenBucket__Output as _envoy_type_v3_TokenBucket__Output } from '../../../../../envoy/type/v3/TokenBucket.js';

export interface LocalRateLimitDescriptor {
  /**
   * Descriptor entries.
   */
  'entries'?: (_envoy_extensions_common_ratelimit_v3_RateLimitDescriptor_Entry)[];
  /**
   * Token Bucket algorithm for local ratelimiting.
   */
  'token_bucket'?: (_envoy_type_v3_TokenBucket | null);
}

export interface LocalRateLimitDescriptor__Output {
  /**
   * Descriptor entries.
   */
  'entries'?: (_envoy_extensions_common_ratelimit_v3_RateLimitDescriptor_Entry__Output)[];
  /**
   * Token Bucket algorithm for local ratelimiting.
   */
  'token_bucket'?: (_envoy_type_v3_TokenBucket__Output);
}
