// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/jwt_authn/v3/config.proto


/**
 * Specify a required provider with audiences.
 */
export interface ProviderWithAudiences {
  /**
   * Specify a required provider name.
   */
  'provider_name'?: (string);
  /**
   * This field overrides the one specified in the JwtProvider.
   */
  'audiences'?: (string)[];
}

/**
 * Specify a required provider with audiences.
 */
export interface ProviderWithAudiences__Output {
  /**
   * Specify a required provider name.
   */
  'provider_name'?: (string);
  /**
   * This field overrides the one specified in the JwtProvider.
   */
  'audiences'?: (string)[];
}
