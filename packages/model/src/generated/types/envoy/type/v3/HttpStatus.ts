// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/type/v3/http_status.proto

import type { StatusCode as _envoy_type_v3_StatusCode, StatusCode__Output as _envoy_type_v3_StatusCode__Output } from '../../../envoy/type/v3/StatusCode.js';

/**
 * HTTP status.
 */
export interface HttpStatus {
  /**
   * Supplies HTTP response code.
   */
  'code'?: (_envoy_type_v3_StatusCode);
}

/**
 * HTTP status.
 */
export interface HttpStatus__Output {
  /**
   * Supplies HTTP response code.
   */
  'code'?: (_envoy_type_v3_StatusCode__Output);
}
