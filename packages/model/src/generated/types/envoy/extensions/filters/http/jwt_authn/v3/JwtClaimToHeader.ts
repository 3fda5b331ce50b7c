// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/jwt_authn/v3/config.proto


/**
 * This message specifies a combination of header name and claim name.
 */
export interface JwtClaimToHeader {
  /**
   * The HTTP header name to copy the claim to.
   * The header name will be sanitized and replaced.
   */
  'header_name'?: (string);
  /**
   * The field name for the JWT Claim : it can be a nested claim of type (eg. "claim.nested.key", "sub")
   * String separated with "." in case of nested claims. The nested claim name must use dot "." to separate
   * the JSON name path.
   */
  'claim_name'?: (string);
}

/**
 * This message specifies a combination of header name and claim name.
 */
export interface JwtClaimToHeader__Output {
  /**
   * The HTTP header name to copy the claim to.
   * The header name will be sanitized and replaced.
   */
  'header_name'?: (string);
  /**
   * The field name for the JWT Claim : it can be a nested claim of type (eg. "claim.nested.key", "sub")
   * String separated with "." in case of nested claims. The nested claim name must use dot "." to separate
   * the JSON name path.
   */
  'claim_name'?: (string);
}
