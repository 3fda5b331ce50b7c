// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/ext_authz/v3/ext_authz.proto

import type { ListStringMatcher as _envoy_type_matcher_v3_ListStringMatcher, ListStringMatcher__Output as _envoy_type_matcher_v3_ListStringMatcher__Output } from '../../../../../../envoy/type/matcher/v3/ListStringMatcher.js';
import type { HeaderValue as _envoy_config_core_v3_HeaderValue, HeaderValue__Output as _envoy_config_core_v3_HeaderValue__Output } from '../../../../../../envoy/config/core/v3/HeaderValue.js';

export interface AuthorizationRequest {
  /**
   * Authorization request includes the client request headers that have a correspondent match
   * in the :ref:`list <envoy_v3_api_msg_type.matcher.v3.ListStringMatcher>`.
   * This field has been deprecated in favor of :ref:`allowed_headers
   * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.allowed_headers>`.
   * 
   * .. note::
   * 
   * In addition to the the user's supplied matchers, ``Host``, ``Method``, ``Path``,
   * ``Content-Length``, and ``Authorization`` are **automatically included** to the list.
   * 
   * .. note::
   * 
   * By default, ``Content-Length`` header is set to ``0`` and the request to the authorization
   * service has no message body. However, the authorization request *may* include the buffered
   * client request body (controlled by :ref:`with_request_body
   * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.with_request_body>`
   * setting) hence the value of its ``Content-Length`` reflects the size of its payload size.
   * @deprecated
   */
  'allowed_headers'?: (_envoy_type_matcher_v3_ListStringMatcher | null);
  /**
   * Sets a list of headers that will be included to the request to authorization service. Note that
   * client request of the same key will be overridden.
   */
  'headers_to_add'?: (_envoy_config_core_v3_HeaderValue)[];
}

export interface AuthorizationRequest__Output {
  /**
   * Authorization request includes the client request headers that have a correspondent match
   * in the :ref:`list <envoy_v3_api_msg_type.matcher.v3.ListStringMatcher>`.
   * This field has been deprecated in favor of :ref:`allowed_headers
   * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.allowed_headers>`.
   * 
   * .. note::
   * 
   * In addition to the the user's supplied matchers, ``Host``, ``Method``, ``Path``,
   * ``Content-Length``, and ``Authorization`` are **automatically included** to the list.
   * 
   * .. note::
   * 
   * By default, ``Content-Length`` header is set to ``0`` and the request to the authorization
   * service has no message body. However, the authorization request *may* include the buffered
   * client request body (controlled by :ref:`with_request_body
   * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.with_request_body>`
   * setting) hence the value of its ``Content-Length`` reflects the size of its payload size.
   * @deprecated
   */
  'allowed_headers'?: (_envoy_type_matcher_v3_ListStringMatcher__Output);
  /**
   * Sets a list of headers that will be included to the request to authorization service. Note that
   * client request of the same key will be overridden.
   */
  'headers_to_add'?: (_envoy_config_core_v3_HeaderValue__Output)[];
}
