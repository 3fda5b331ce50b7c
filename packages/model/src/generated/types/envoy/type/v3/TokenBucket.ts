// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/type/v3/token_bucket.proto

import type { UInt32Value as _google_protobuf_UInt32Value, UInt32Value__Output as _google_protobuf_UInt32Value__Output } from '../../../google/protobuf/UInt32Value.js';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../../google/protobuf/Duration.js';

/**
 * Configures a token bucket, typically used for rate limiting.
 */
export interface TokenBucket {
  /**
   * The maximum tokens that the bucket can hold. This is also the number of tokens that the bucket
   * initially contains.
   */
  'max_tokens'?: (number);
  /**
   * The number of tokens added to the bucket during each fill interval. If not specified, defaults
   * to a single token.
   */
  'tokens_per_fill'?: (_google_protobuf_UInt32Value | null);
  /**
   * The fill interval that tokens are added to the bucket. During each fill interval
   * ``tokens_per_fill`` are added to the bucket. The bucket will never contain more than
   * ``max_tokens`` tokens.
   */
  'fill_interval'?: (_google_protobuf_Duration | null);
}

/**
 * Configures a token bucket, typically used for rate limiting.
 */
export interface TokenBucket__Output {
  /**
   * The maximum tokens that the bucket can hold. This is also the number of tokens that the bucket
   * initially contains.
   */
  'max_tokens'?: (number);
  /**
   * The number of tokens added to the bucket during each fill interval. If not specified, defaults
   * to a single token.
   */
  'tokens_per_fill'?: (_google_protobuf_UInt32Value__Output);
  /**
   * The fill interval that tokens are added to the bucket. During each fill interval
   * ``tokens_per_fill`` are added to the bucket. The bucket will never contain more than
   * ``max_tokens`` tokens.
   */
  'fill_interval'?: (_google_protobuf_Duration__Output);
}
