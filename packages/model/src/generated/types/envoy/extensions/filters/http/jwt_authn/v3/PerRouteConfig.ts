// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/jwt_authn/v3/config.proto


/**
 * Specify per-route config.
 */
export interface PerRouteConfig {
  /**
   * Disable Jwt Authentication for this route.
   */
  'disabled'?: (boolean);
  /**
   * Use requirement_name to specify a JwtRequirement.
   * This requirement_name MUST be specified at the
   * :ref:`requirement_map <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtAuthentication.requirement_map>`
   * in ``JwtAuthentication``. If no, the requests using this route will be rejected with 403.
   */
  'requirement_name'?: (string);
  'requirement_specifier'?: "disabled"|"requirement_name";
}

/**
 * Specify per-route config.
 */
export interface PerRouteConfig__Output {
  /**
   * Disable Jwt Authentication for this route.
   */
  'disabled'?: (boolean);
  /**
   * Use requirement_name to specify a JwtRequirement.
   * This requirement_name MUST be specified at the
   * :ref:`requirement_map <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtAuthentication.requirement_map>`
   * in ``JwtAuthentication``. If no, the requests using this route will be rejected with 403.
   */
  'requirement_name'?: (string);
  'requirement_specifier'?: "disabled"|"requirement_name";
}
