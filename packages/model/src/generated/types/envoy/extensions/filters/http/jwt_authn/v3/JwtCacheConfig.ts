// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/jwt_authn/v3/config.proto


/**
 * This message specifies JWT Cache configuration.
 */
export interface JwtCacheConfig {
  /**
   * The unit is number of JWT tokens, default to 100.
   */
  'jwt_cache_size'?: (number);
}

/**
 * This message specifies JWT Cache configuration.
 */
export interface JwtCacheConfig__Output {
  /**
   * The unit is number of JWT tokens, default to 100.
   */
  'jwt_cache_size'?: (number);
}
