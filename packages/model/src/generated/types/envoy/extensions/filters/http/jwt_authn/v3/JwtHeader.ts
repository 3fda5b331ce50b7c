// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/jwt_authn/v3/config.proto


/**
 * This message specifies a header location to extract JWT token.
 */
export interface JwtHeader {
  /**
   * The HTTP header name.
   */
  'name'?: (string);
  /**
   * The value prefix. The value format is "value_prefix<token>"
   * For example, for "Authorization: Bearer <token>", value_prefix="Bearer " with a space at the
   * end.
   */
  'value_prefix'?: (string);
}

/**
 * This message specifies a header location to extract JWT token.
 */
export interface JwtHeader__Output {
  /**
   * The HTTP header name.
   */
  'name'?: (string);
  /**
   * The value prefix. The value format is "value_prefix<token>"
   * For example, for "Authorization: Bearer <token>", value_prefix="Bearer " with a space at the
   * end.
   */
  'value_prefix'?: (string);
}
