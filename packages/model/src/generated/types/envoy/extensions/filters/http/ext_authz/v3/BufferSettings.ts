// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/ext_authz/v3/ext_authz.proto


/**
 * Configuration for buffering the request data.
 */
export interface BufferSettings {
  /**
   * Sets the maximum size of a message body that the filter will hold in memory. Envoy will return
   * ``HTTP 413`` and will *not* initiate the authorization process when buffer reaches the number
   * set in this field. Note that this setting will have precedence over :ref:`failure_mode_allow
   * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.failure_mode_allow>`.
   */
  'max_request_bytes'?: (number);
  /**
   * When this field is true, Envoy will buffer the message until ``max_request_bytes`` is reached.
   * The authorization request will be dispatched and no 413 HTTP error will be returned by the
   * filter.
   */
  'allow_partial_message'?: (boolean);
  /**
   * If true, the body sent to the external authorization service is set with raw bytes, it sets
   * the :ref:`raw_body<envoy_v3_api_field_service.auth.v3.AttributeContext.HttpRequest.raw_body>`
   * field of HTTP request attribute context. Otherwise, :ref:`body
   * <envoy_v3_api_field_service.auth.v3.AttributeContext.HttpRequest.body>` will be filled
   * with UTF-8 string request body.
   * 
   * This field only affects configurations using a :ref:`grpc_service
   * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.grpc_service>`. In configurations that use
   * an :ref:`http_service <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.http_service>`, this
   * has no effect.
   */
  'pack_as_bytes'?: (boolean);
}

/**
 * Configuration for buffering the request data.
 */
export interface BufferSettings__Output {
  /**
   * Sets the maximum size of a message body that the filter will hold in memory. Envoy will return
   * ``HTTP 413`` and will *not* initiate the authorization process when buffer reaches the number
   * set in this field. Note that this setting will have precedence over :ref:`failure_mode_allow
   * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.failure_mode_allow>`.
   */
  'max_request_bytes'?: (number);
  /**
   * When this field is true, Envoy will buffer the message until ``max_request_bytes`` is reached.
   * The authorization request will be dispatched and no 413 HTTP error will be returned by the
   * filter.
   */
  'allow_partial_message'?: (boolean);
  /**
   * If true, the body sent to the external authorization service is set with raw bytes, it sets
   * the :ref:`raw_body<envoy_v3_api_field_service.auth.v3.AttributeContext.HttpRequest.raw_body>`
   * field of HTTP request attribute context. Otherwise, :ref:`body
   * <envoy_v3_api_field_service.auth.v3.AttributeContext.HttpRequest.body>` will be filled
   * with UTF-8 string request body.
   * 
   * This field only affects configurations using a :ref:`grpc_service
   * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.grpc_service>`. In configurations that use
   * an :ref:`http_service <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.http_service>`, this
   * has no effect.
   */
  'pack_as_bytes'?: (boolean);
}
