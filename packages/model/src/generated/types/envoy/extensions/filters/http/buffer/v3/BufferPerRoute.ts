// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/buffer/v3/buffer.proto

import type { Buffer as _envoy_extensions_filters_http_buffer_v3_Buffer, Buffer__Output as _envoy_extensions_filters_http_buffer_v3_Buffer__Output } from '../../../../../../envoy/extensions/filters/http/buffer/v3/Buffer.js';

export interface BufferPerRoute {
  /**
   * Disable the buffer filter for this particular vhost or route.
   */
  'disabled'?: (boolean);
  /**
   * Override the global configuration of the filter with this new config.
   */
  'buffer'?: (_envoy_extensions_filters_http_buffer_v3_Buffer | null);
  'override'?: "disabled"|"buffer";
}

export interface BufferPerRoute__Output {
  /**
   * Disable the buffer filter for this particular vhost or route.
   */
  'disabled'?: (boolean);
  /**
   * Override the global configuration of the filter with this new config.
   */
  'buffer'?: (_envoy_extensions_filters_http_buffer_v3_Buffer__Output);
  'override'?: "disabled"|"buffer";
}
