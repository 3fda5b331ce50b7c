// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/ext_authz/v3/ext_authz.proto

import type { BufferSettings as _envoy_extensions_filters_http_ext_authz_v3_BufferSettings, BufferSettings__Output as _envoy_extensions_filters_http_ext_authz_v3_BufferSettings__Output } from '../../../../../../envoy/extensions/filters/http/ext_authz/v3/BufferSettings.js';

/**
 * Extra settings for the check request.
 */
export interface CheckSettings {
  /**
   * Context extensions to set on the CheckRequest's
   * :ref:`AttributeContext.context_extensions<envoy_v3_api_field_service.auth.v3.AttributeContext.context_extensions>`
   * 
   * You can use this to provide extra context for the external authorization server on specific
   * virtual hosts/routes. For example, adding a context extension on the virtual host level can
   * give the ext-authz server information on what virtual host is used without needing to parse the
   * host header. If CheckSettings is specified in multiple per-filter-configs, they will be merged
   * in order, and the result will be used.
   * 
   * Merge semantics for this field are such that keys from more specific configs override.
   * 
   * .. note::
   * 
   * These settings are only applied to a filter configured with a
   * :ref:`grpc_service<envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.grpc_service>`.
   */
  'context_extensions'?: ({[key: string]: string});
  /**
   * When set to true, disable the configured :ref:`with_request_body
   * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.with_request_body>` for a specific route.
   * 
   * Please note that only one of *disable_request_body_buffering* or
   * :ref:`with_request_body <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.CheckSettings.with_request_body>`
   * may be specified.
   */
  'disable_request_body_buffering'?: (boolean);
  /**
   * Enable or override request body buffering, which is configured using the
   * :ref:`with_request_body <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.with_request_body>`
   * option for a specific route.
   * 
   * Please note that only only one of *with_request_body* or
   * :ref:`disable_request_body_buffering <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.CheckSettings.disable_request_body_buffering>`
   * may be specified.
   */
  'with_request_body'?: (_envoy_extensions_filters_http_ext_authz_v3_BufferSettings | null);
}

/**
 * Extra settings for the check request.
 */
export interface CheckSettings__Output {
  /**
   * Context extensions to set on the CheckRequest's
   * :ref:`AttributeContext.context_extensions<envoy_v3_api_field_service.auth.v3.AttributeContext.context_extensions>`
   * 
   * You can use this to provide extra context for the external authorization server on specific
   * virtual hosts/routes. For example, adding a context extension on the virtual host level can
   * give the ext-authz server information on what virtual host is used without needing to parse the
   * host header. If CheckSettings is specified in multiple per-filter-configs, they will be merged
   * in order, and the result will be used.
   * 
   * Merge semantics for this field are such that keys from more specific configs override.
   * 
   * .. note::
   * 
   * These settings are only applied to a filter configured with a
   * :ref:`grpc_service<envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.grpc_service>`.
   */
  'context_extensions'?: ({[key: string]: string});
  /**
   * When set to true, disable the configured :ref:`with_request_body
   * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.with_request_body>` for a specific route.
   * 
   * Please note that only one of *disable_request_body_buffering* or
   * :ref:`with_request_body <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.CheckSettings.with_request_body>`
   * may be specified.
   */
  'disable_request_body_buffering'?: (boolean);
  /**
   * Enable or override request body buffering, which is configured using the
   * :ref:`with_request_body <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.with_request_body>`
   * option for a specific route.
   * 
   * Please note that only only one of *with_request_body* or
   * :ref:`disable_request_body_buffering <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.CheckSettings.disable_request_body_buffering>`
   * may be specified.
   */
  'with_request_body'?: (_envoy_extensions_filters_http_ext_authz_v3_BufferSettings__Output);
}
