// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/ext_authz/v3/ext_authz.proto

import type { HttpUri as _envoy_config_core_v3_HttpUri, HttpUri__Output as _envoy_config_core_v3_HttpUri__Output } from '../../../../../../envoy/config/core/v3/HttpUri.js';
import type { AuthorizationRequest as _envoy_extensions_filters_http_ext_authz_v3_AuthorizationRequest, AuthorizationRequest__Output as _envoy_extensions_filters_http_ext_authz_v3_AuthorizationRequest__Output } from '../../../../../../envoy/extensions/filters/http/ext_authz/v3/AuthorizationRequest.js';
import type { AuthorizationResponse as _envoy_extensions_filters_http_ext_authz_v3_AuthorizationResponse, AuthorizationResponse__Output as _envoy_extensions_filters_http_ext_authz_v3_AuthorizationResponse__Output } from '../../../../../../envoy/extensions/filters/http/ext_authz/v3/AuthorizationResponse.js';

/**
 * HttpService is used for raw HTTP communication between the filter and the authorization service.
 * When configured, the filter will parse the client request and use these attributes to call the
 * authorization server. Depending on the response, the filter may reject or accept the client
 * request. Note that in any of these events, metadata can be added, removed or overridden by the
 * filter:
 * 
 * *On authorization request*, a list of allowed request headers may be supplied. See
 * :ref:`allowed_headers
 * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.AuthorizationRequest.allowed_headers>`
 * for details. Additional headers metadata may be added to the authorization request. See
 * :ref:`headers_to_add
 * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.AuthorizationRequest.headers_to_add>` for
 * details.
 * 
 * On authorization response status HTTP 200 OK, the filter will allow traffic to the upstream and
 * additional headers metadata may be added to the original client request. See
 * :ref:`allowed_upstream_headers
 * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.AuthorizationResponse.allowed_upstream_headers>`
 * for details. Additionally, the filter may add additional headers to the client's response. See
 * :ref:`allowed_client_headers_on_success
 * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.AuthorizationResponse.allowed_client_headers_on_success>`
 * for details.
 * 
 * On other authorization response statuses, the filter will not allow traffic. Additional headers
 * metadata as well as body may be added to the client's response. See :ref:`allowed_client_headers
 * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.AuthorizationResponse.allowed_client_headers>`
 * for details.
 * [#next-free-field: 9]
 */
export interface HttpService {
  /**
   * Sets the HTTP server URI which the authorization requests must be sent to.
   */
  'server_uri'?: (_envoy_config_core_v3_HttpUri | null);
  /**
   * Sets a prefix to the value of authorization request header ``Path``.
   */
  'path_prefix'?: (string);
  /**
   * Settings used for controlling authorization request metadata.
   */
  'authorization_request'?: (_envoy_extensions_filters_http_ext_authz_v3_AuthorizationRequest | null);
  /**
   * Settings used for controlling authorization response metadata.
   */
  'authorization_response'?: (_envoy_extensions_filters_http_ext_authz_v3_AuthorizationResponse | null);
}

/**
 * HttpService is used for raw HTTP communication between the filter and the authorization service.
 * When configured, the filter will parse the client request and use these attributes to call the
 * authorization server. Depending on the response, the filter may reject or accept the client
 * request. Note that in any of these events, metadata can be added, removed or overridden by the
 * filter:
 * 
 * *On authorization request*, a list of allowed request headers may be supplied. See
 * :ref:`allowed_headers
 * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.AuthorizationRequest.allowed_headers>`
 * for details. Additional headers metadata may be added to the authorization request. See
 * :ref:`headers_to_add
 * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.AuthorizationRequest.headers_to_add>` for
 * details.
 * 
 * On authorization response status HTTP 200 OK, the filter will allow traffic to the upstream and
 * additional headers metadata may be added to the original client request. See
 * :ref:`allowed_upstream_headers
 * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.AuthorizationResponse.allowed_upstream_headers>`
 * for details. Additionally, the filter may add additional headers to the client's response. See
 * :ref:`allowed_client_headers_on_success
 * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.AuthorizationResponse.allowed_client_headers_on_success>`
 * for details.
 * 
 * On other authorization response statuses, the filter will not allow traffic. Additional headers
 * metadata as well as body may be added to the client's response. See :ref:`allowed_client_headers
 * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.AuthorizationResponse.allowed_client_headers>`
 * for details.
 * [#next-free-field: 9]
 */
export interface HttpService__Output {
  /**
   * Sets the HTTP server URI which the authorization requests must be sent to.
   */
  'server_uri'?: (_envoy_config_core_v3_HttpUri__Output);
  /**
   * Sets a prefix to the value of authorization request header ``Path``.
   */
  'path_prefix'?: (string);
  /**
   * Settings used for controlling authorization request metadata.
   */
  'authorization_request'?: (_envoy_extensions_filters_http_ext_authz_v3_AuthorizationRequest__Output);
  /**
   * Settings used for controlling authorization response metadata.
   */
  'authorization_response'?: (_envoy_extensions_filters_http_ext_authz_v3_AuthorizationResponse__Output);
}
