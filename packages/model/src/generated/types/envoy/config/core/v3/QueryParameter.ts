// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/config/core/v3/base.proto


/**
 * Query parameter name/value pair.
 */
export interface QueryParameter {
  /**
   * The key of the query parameter. Case sensitive.
   */
  'key'?: (string);
  /**
   * The value of the query parameter.
   */
  'value'?: (string);
}

/**
 * Query parameter name/value pair.
 */
export interface QueryParameter__Output {
  /**
   * The key of the query parameter. Case sensitive.
   */
  'key'?: (string);
  /**
   * The value of the query parameter.
   */
  'value'?: (string);
}
