// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/ext_authz/v3/ext_authz.proto

import type { ListStringMatcher as _envoy_type_matcher_v3_ListStringMatcher, ListStringMatcher__Output as _envoy_type_matcher_v3_ListStringMatcher__Output } from '../../../../../../envoy/type/matcher/v3/ListStringMatcher.js';

/**
 * [#next-free-field: 6]
 */
export interface AuthorizationResponse {
  /**
   * When this :ref:`list <envoy_v3_api_msg_type.matcher.v3.ListStringMatcher>` is set, authorization
   * response headers that have a correspondent match will be added to the original client request.
   * Note that coexistent headers will be overridden.
   */
  'allowed_upstream_headers'?: (_envoy_type_matcher_v3_ListStringMatcher | null);
  /**
   * When this :ref:`list <envoy_v3_api_msg_type.matcher.v3.ListStringMatcher>` is set, authorization
   * response headers that have a correspondent match will be added to the client's response. Note
   * that when this list is *not* set, all the authorization response headers, except ``Authority
   * (Host)`` will be in the response to the client. When a header is included in this list, ``Path``,
   * ``Status``, ``Content-Length``, ``WWWAuthenticate`` and ``Location`` are automatically added.
   */
  'allowed_client_headers'?: (_envoy_type_matcher_v3_ListStringMatcher | null);
  /**
   * When this :ref:`list <envoy_v3_api_msg_type.matcher.v3.ListStringMatcher>` is set, authorization
   * response headers that have a correspondent match will be added to the original client request.
   * Note that coexistent headers will be appended.
   */
  'allowed_upstream_headers_to_append'?: (_envoy_type_matcher_v3_ListStringMatcher | null);
  /**
   * When this :ref:`list <envoy_v3_api_msg_type.matcher.v3.ListStringMatcher>` is set, authorization
   * response headers that have a correspondent match will be added to the client's response when
   * the authorization response itself is successful, i.e. not failed or denied. When this list is
   * *not* set, no additional headers will be added to the client's response on success.
   */
  'allowed_client_headers_on_success'?: (_envoy_type_matcher_v3_ListStringMatcher | null);
  /**
   * When this :ref:`list <envoy_v3_api_msg_type.matcher.v3.ListStringMatcher>` is set, authorization
   * response headers that have a correspondent match will be emitted as dynamic metadata to be consumed
   * by the next filter. This metadata lives in a namespace specified by the canonical name of extension filter
   * that requires it:
   * 
   * - :ref:`envoy.filters.http.ext_authz <config_http_filters_ext_authz_dynamic_metadata>` for HTTP filter.
   * - :ref:`envoy.filters.network.ext_authz <config_network_filters_ext_authz_dynamic_metadata>` for network filter.
   */
  'dynamic_metadata_from_headers'?: (_envoy_type_matcher_v3_ListStringMatcher | null);
}

/**
 * [#next-free-field: 6]
 */
export interface AuthorizationResponse__Output {
  /**
   * When this :ref:`list <envoy_v3_api_msg_type.matcher.v3.ListStringMatcher>` is set, authorization
   * response headers that have a correspondent match will be added to the original client request.
   * Note that coexistent headers will be overridden.
   */
  'allowed_upstream_headers'?: (_envoy_type_matcher_v3_ListStringMatcher__Output);
  /**
   * When this :ref:`list <envoy_v3_api_msg_type.matcher.v3.ListStringMatcher>` is set, authorization
   * response headers that have a correspondent match will be added to the client's response. Note
   * that when this list is *not* set, all the authorization response headers, except ``Authority
   * (Host)`` will be in the response to the client. When a header is included in this list, ``Path``,
   * ``Status``, ``Content-Length``, ``WWWAuthenticate`` and ``Location`` are automatically added.
   */
  'allowed_client_headers'?: (_envoy_type_matcher_v3_ListStringMatcher__Output);
  /**
   * When this :ref:`list <envoy_v3_api_msg_type.matcher.v3.ListStringMatcher>` is set, authorization
   * response headers that have a correspondent match will be added to the original client request.
   * Note that coexistent headers will be appended.
   */
  'allowed_upstream_headers_to_append'?: (_envoy_type_matcher_v3_ListStringMatcher__Output);
  /**
   * When this :ref:`list <envoy_v3_api_msg_type.matcher.v3.ListStringMatcher>` is set, authorization
   * response headers that have a correspondent match will be added to the client's response when
   * the authorization response itself is successful, i.e. not failed or denied. When this list is
   * *not* set, no additional headers will be added to the client's response on success.
   */
  'allowed_client_headers_on_success'?: (_envoy_type_matcher_v3_ListStringMatcher__Output);
  /**
   * When this :ref:`list <envoy_v3_api_msg_type.matcher.v3.ListStringMatcher>` is set, authorization
   * response headers that have a correspondent match will be emitted as dynamic metadata to be consumed
   * by the next filter. This metadata lives in a namespace specified by the canonical name of extension filter
   * that requires it:
   * 
   * - :ref:`envoy.filters.http.ext_authz <config_http_filters_ext_authz_dynamic_metadata>` for HTTP filter.
   * - :ref:`envoy.filters.network.ext_authz <config_network_filters_ext_authz_dynamic_metadata>` for network filter.
   */
  'dynamic_metadata_from_headers'?: (_envoy_type_matcher_v3_ListStringMatcher__Output);
}
