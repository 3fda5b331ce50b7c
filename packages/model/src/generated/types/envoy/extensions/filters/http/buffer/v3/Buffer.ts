// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/buffer/v3/buffer.proto

import type { UInt32Value as _google_protobuf_UInt32Value, UInt32Value__Output as _google_protobuf_UInt32Value__Output } from '../../../../../../google/protobuf/UInt32Value.js';

export interface Buffer {
  /**
   * The maximum request size that the filter will buffer before the connection
   * manager will stop buffering and return a 413 response.
   */
  'max_request_bytes'?: (_google_protobuf_UInt32Value | null);
}

export interface Buffer__Output {
  /**
   * The maximum request size that the filter will buffer before the connection
   * manager will stop buffering and return a 413 response.
   */
  'max_request_bytes'?: (_google_protobuf_UInt32Value__Output);
}
