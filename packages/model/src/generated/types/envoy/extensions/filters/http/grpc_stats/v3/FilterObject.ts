// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/grpc_stats/v3/config.proto

import type { Long } from '../../../../../../../long.js';

/**
 * gRPC statistics filter state object in protobuf form.
 */
export interface FilterObject {
  /**
   * Count of request messages in the request stream.
   */
  'request_message_count'?: (number | string | Long);
  /**
   * Count of response messages in the response stream.
   */
  'response_message_count'?: (number | string | Long);
}

/**
 * gRPC statistics filter state object in protobuf form.
 */
export interface FilterObject__Output {
  /**
   * Count of request messages in the request stream.
   */
  'request_message_count'?: (string);
  /**
   * Count of response messages in the response stream.
   */
  'response_message_count'?: (string);
}
