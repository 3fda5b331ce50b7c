// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/ext_authz/v3/ext_authz.proto

import type { GrpcService as _envoy_config_core_v3_GrpcService, GrpcService__Output as _envoy_config_core_v3_GrpcService__Output } from '../../../../../../envoy/config/core/v3/GrpcService.js';
import type { HttpService as _envoy_extensions_filters_http_ext_authz_v3_HttpService, HttpService__Output as _envoy_extensions_filters_http_ext_authz_v3_HttpService__Output } from '../../../../../../envoy/extensions/filters/http/ext_authz/v3/HttpService.js';
import type { BufferSettings as _envoy_extensions_filters_http_ext_authz_v3_BufferSettings, BufferSettings__Output as _envoy_extensions_filters_http_ext_authz_v3_BufferSettings__Output } from '../../../../../../envoy/extensions/filters/http/ext_authz/v3/BufferSettings.js';
import type { HttpStatus as _envoy_type_v3_HttpStatus, HttpStatus__Output as _envoy_type_v3_HttpStatus__Output } from '../../../../../../envoy/type/v3/HttpStatus.js';
import type { RuntimeFractionalPercent as _envoy_config_core_v3_RuntimeFractionalPercent, RuntimeFractionalPercent__Output as _envoy_config_core_v3_RuntimeFractionalPercent__Output } from '../../../../../../envoy/config/core/v3/RuntimeFractionalPercent.js';
import type { RuntimeFeatureFlag as _envoy_config_core_v3_RuntimeFeatureFlag, RuntimeFeatureFlag__Output as _envoy_config_core_v3_RuntimeFeatureFlag__Output } from '../../../../../../envoy/config/core/v3/RuntimeFeatureFlag.js';
import type { ApiVersion as _envoy_config_core_v3_ApiVersion, ApiVersion__Output as _envoy_config_core_v3_ApiVersion__Output } from '../../../../../../envoy/config/core/v3/ApiVersion.js';
import type { MetadataMatcher as _envoy_type_matcher_v3_MetadataMatcher, MetadataMatcher__Output as _envoy_type_matcher_v3_MetadataMatcher__Output } from '../../../../../../envoy/type/matcher/v3/MetadataMatcher.js';
import type { ListStringMatcher as _envoy_type_matcher_v3_ListStringMatcher, ListStringMatcher__Output as _envoy_type_matcher_v3_ListStringMatcher__Output } from '../../../../../../envoy/type/matcher/v3/ListStringMatcher.js';
import type { BoolValue as _google_protobuf_BoolValue, BoolValue__Output as _google_protobuf_BoolValue__Output } from '../../../../../../google/protobuf/BoolValue.js';
import type { HeaderMutationRules as _envoy_config_common_mutation_rules_v3_HeaderMutationRules, HeaderMutationRules__Output as _envoy_config_common_mutation_rules_v3_HeaderMutationRules__Output } from '../../../../../../envoy/config/common/mutation_rules/v3/HeaderMutationRules.js';

/**
 * [#next-free-field: 28]
 */
export interface ExtAuthz {
  /**
   * gRPC service configuration (default timeout: 200ms).
   */
  'grpc_service'?: (_envoy_config_core_v3_GrpcService | null);
  /**
   * Changes filter's behaviour on errors:
   * 
   * 1. When set to true, the filter will ``accept`` client request even if the communication with
   * the authorization service has failed, or if the authorization service has returned a HTTP 5xx
   * error.
   * 
   * 2. When set to false, ext-authz will ``reject`` client requests and return a ``Forbidden``
   * response if the communication with the authorization service has failed, or if the
   * authorization service has returned a HTTP 5xx error.
   * 
   * Note that errors can be ``always`` tracked in the :ref:`stats
   * <config_http_filters_ext_authz_stats>`.
   */
  'failure_mode_allow'?: (boolean);
  /**
   * HTTP service configuration (default timeout: 200ms).
   */
  'http_service'?: (_envoy_extensions_filters_http_ext_authz_v3_HttpService | null);
  /**
   * Enables filter to buffer the client request body and send it within the authorization request.
   * A ``x-envoy-auth-partial-body: false|true`` metadata header will be added to the authorization
   * request message indicating if the body data is partial.
   */
  'with_request_body'?: (_envoy_extensions_filters_http_ext_authz_v3_BufferSettings | null);
  /**
   * Clears route cache in order to allow the external authorization service to correctly affect
   * routing decisions. Filter clears all cached routes when:
   * 
   * 1. The field is set to ``true``.
   * 
   * 2. The status returned from the authorization service is a HTTP 200 or gRPC 0.
   * 
   * 3. At least one ``authorization response header`` is added to the client request, or is used for
   * altering another client request header.
   */
  'clear_route_cache'?: (boolean);
  /**
   * Sets the HTTP status that is returned to the client when the authorization server returns an error
   * or cannot be reached. The default status is HTTP 403 Forbidden.
   */
  'status_on_error'?: (_envoy_type_v3_HttpStatus | null);
  /**
   * Specifies a list of metadata namespaces whose values, if present, will be passed to the
   * ext_authz service. The :ref:`filter_metadata <envoy_v3_api_field_config.core.v3.Metadata.filter_metadata>`
   * is passed as an opaque ``protobuf::Struct``.
   * 
   * Please note that this field exclusively applies to the gRPC ext_authz service and has no effect on the HTTP service.
   * 
   * For example, if the ``jwt_authn`` filter is used and :ref:`payload_in_metadata
   * <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtProvider.payload_in_metadata>` is set,
   * then the following will pass the jwt payload to the authorization server.
   * 
   * .. code-block:: yaml
   * 
   * metadata_context_namespaces:
   * - envoy.filters.http.jwt_authn
   */
  'metadata_context_namespaces'?: (string)[];
  /**
   * Specifies if the filter is enabled.
   * 
   * If :ref:`runtime_key <envoy_v3_api_field_config.core.v3.RuntimeFractionalPercent.runtime_key>` is specified,
   * Envoy will lookup the runtime key to get the percentage of requests to filter.
   * 
   * If this field is not specified, the filter will be enabled for all requests.
   */
  'filter_enabled'?: (_envoy_config_core_v3_RuntimeFractionalPercent | null);
  /**
   * Specifies if the peer certificate is sent to the external service.
   * 
   * When this field is true, Envoy will include the peer X.509 certificate, if available, in the
   * :ref:`certificate<envoy_v3_api_field_service.auth.v3.AttributeContext.Peer.certificate>`.
   */
  'include_peer_certificate'?: (boolean);
  /**
   * Specifies whether to deny the requests, when the filter is disabled.
   * If :ref:`runtime_key <envoy_v3_api_field_config.core.v3.RuntimeFeatureFlag.runtime_key>` is specified,
   * Envoy will lookup the runtime key to determine whether to deny request for
   * filter protected path at filter disabling. If filter is disabled in
   * typed_per_filter_config for the path, requests will not be denied.
   * 
   * If this field is not specified, all requests will be allowed when disabled.
   * 
   * If a request is denied due to this setting, the response code in :ref:`status_on_error
   * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.status_on_error>` will
   * be returned.
   */
  'deny_at_disable'?: (_envoy_config_core_v3_RuntimeFeatureFlag | null);
  /**
   * API version for ext_authz transport protocol. This describes the ext_authz gRPC endpoint and
   * version of messages used on the wire.
   */
  'transport_api_version'?: (_envoy_config_core_v3_ApiVersion);
  /**
   * Optional additional prefix to use when emitting statistics. This allows to distinguish
   * emitted statistics between configured ``ext_authz`` filters in an HTTP filter chain. For example:
   * 
   * .. code-block:: yaml
   * 
   * http_filters:
   * - name: envoy.filters.http.ext_authz
   * typed_config:
   * "@type": type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz
   * stat_prefix: waf # This emits ext_authz.waf.ok, ext_authz.waf.denied, etc.
   * - name: envoy.filters.http.ext_authz
   * typed_config:
   * "@type": type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz
   * stat_prefix: blocker # This emits ext_authz.blocker.ok, ext_authz.blocker.denied, etc.
   */
  'stat_prefix'?: (string);
  /**
   * Specifies if the filter is enabled with metadata matcher.
   * If this field is not specified, the filter will be enabled for all requests.
   */
  'filter_enabled_metadata'?: (_envoy_type_matcher_v3_MetadataMatcher | null);
  /**
   * Optional labels that will be passed to :ref:`labels<envoy_v3_api_field_service.auth.v3.AttributeContext.Peer.labels>` in
   * :ref:`destination<envoy_v3_api_field_service.auth.v3.AttributeContext.destination>`.
   * The labels will be read from :ref:`metadata<envoy_v3_api_msg_config.core.v3.Node>` with the specified key.
   */
  'bootstrap_metadata_labels_key'?: (string);
  /**
   * Specifies a list of metadata namespaces whose values, if present, will be passed to the
   * ext_authz service. :ref:`typed_filter_metadata <envoy_v3_api_field_config.core.v3.Metadata.typed_filter_metadata>`
   * is passed as a ``protobuf::Any``.
   * 
   * Please note that this field exclusively applies to the gRPC ext_authz service and has no effect on the HTTP service.
   * 
   * It works in a way similar to ``metadata_context_namespaces`` but allows Envoy and ext_authz server to share
   * the protobuf message definition in order to do a safe parsing.
   */
  'typed_metadata_context_namespaces'?: (string)[];
  /**
   * Check request to authorization server will include the client request headers that have a correspondent match
   * in the :ref:`list <envoy_v3_api_msg_type.matcher.v3.ListStringMatcher>`. If this option isn't specified, then
   * all client request headers are included in the check request to a gRPC authorization server, whereas no client request headers
   * (besides the ones allowed by default - see note below) are included in the check request to an HTTP authorization server.
   * This inconsistency between gRPC and HTTP servers is to maintain backwards compatibility with legacy behavior.
   * 
   * .. note::
   * 
   * 1. For requests to an HTTP authorization server: in addition to the the user's supplied matchers, ``Host``, ``Method``, ``Path``,
   * ``Content-Length``, and ``Authorization`` are **additionally included** in the list.
   * 
   * .. note::
   * 
   * 2. For requests to an HTTP authorization server: *Content-Length* will be set to 0 and the request to the
   * authorization server will not have a message body. However, the check request can include the buffered
   * client request body (controlled by :ref:`with_request_body
   * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.with_request_body>` setting),
   * consequently the value of *Content-Length* of the authorization request reflects the size of
   * its payload size.
   * 
   * .. note::
   * 
   * 3. This can be overridden by the field ``disallowed_headers`` below. That is, if a header
   * matches for both ``allowed_headers`` and ``disallowed_headers``, the header will NOT be sent.
   */
  'allowed_headers'?: (_envoy_type_matcher_v3_ListStringMatcher | null);
  /**
   * Specifies if the TLS session level details like SNI are sent to the external service.
   * 
   * When this field is true, Envoy will include the SNI name used for TLSClientHello, if available, in the
   * :ref:`tls_session<envoy_v3_api_field_service.auth.v3.AttributeContext.tls_session>`.
   */
  'include_tls_session'?: (boolean);
  /**
   * When ``failure_mode_allow`` and ``failure_mode_allow_header_add`` are both set to true,
   * ``x-envoy-auth-failure-mode-allowed: true`` will be added to request headers if the communication
   * with the authorization service has failed, or if the authorization service has returned a
   * HTTP 5xx error.
   */
  'failure_mode_allow_header_add'?: (boolean);
  /**
   * Whether to increment cluster statistics (e.g. cluster.<cluster_name>.upstream_rq_*) on authorization failure.
   * Defaults to true.
   */
  'charge_cluster_response_stats'?: (_google_protobuf_BoolValue | null);
  /**
   * Specifies a list of route metadata namespaces whose values, if present, will be passed to the
   * ext_authz service at :ref:`route_metadata_context <envoy_v3_api_field_service.auth.v3.AttributeContext.route_metadata_context>` in
   * :ref:`CheckRequest <envoy_v3_api_field_service.auth.v3.CheckRequest.attributes>`.
   * :ref:`filter_metadata <envoy_v3_api_field_config.core.v3.Metadata.filter_metadata>` is passed as an opaque ``protobuf::Struct``.
   */
  'route_metadata_context_namespaces'?: (string)[];
  /**
   * Specifies a list of route metadata namespaces whose values, if present, will be passed to the
   * ext_authz service at :ref:`route_metadata_context <envoy_v3_api_field_service.auth.v3.AttributeContext.route_metadata_context>` in
   * :ref:`CheckRequest <envoy_v3_api_field_service.auth.v3.CheckRequest.attributes>`.
   * :ref:`typed_filter_metadata <envoy_v3_api_field_config.core.v3.Metadata.typed_filter_metadata>` is passed as an ``protobuf::Any``.
   */
  'route_typed_metadata_context_namespaces'?: (string)[];
  /**
   * Whether to encode the raw headers (i.e. unsanitized values & unconcatenated multi-line headers)
   * in authentication request. Works with both HTTP and GRPC clients.
   * 
   * When this is set to true, header values are not sanitized. Headers with the same key will also
   * not be combined into a single, comma-separated header.
   * Requests to GRPC services will populate the field
   * :ref:`header_map<envoy_v3_api_field_service.auth.v3.AttributeContext.HttpRequest.header_map>`.
   * Requests to HTTP services will be constructed with the unsanitized header values and preserved
   * multi-line headers with the same key.
   * 
   * If this field is set to false, header values will be sanitized, with any non-UTF-8-compliant
   * bytes replaced with '!'. Headers with the same key will have their values concatenated into a
   * single comma-separated header value.
   * Requests to GRPC services will populate the field
   * :ref:`headers<envoy_v3_api_field_service.auth.v3.AttributeContext.HttpRequest.headers>`.
   * Requests to HTTP services will have their header values sanitized and will not preserve
   * multi-line headers with the same key.
   * 
   * It's recommended you set this to true unless you already rely on the old behavior. False is the
   * default only for backwards compatibility.
   */
  'encode_raw_headers'?: (boolean);
  /**
   * When this is set to true, the filter will check the :ref:`ext_authz response
   * <envoy_v3_api_msg_service.auth.v3.CheckResponse>` for invalid header &
   * query parameter mutations. If the side stream response is invalid, it will send a local reply
   * to the downstream request with status HTTP 500 Internal Server Error.
   * 
   * Note that headers_to_remove & query_parameters_to_remove are validated, but invalid elements in
   * those fields should not affect any headers & thus will not cause the filter to send a local
   * reply.
   * 
   * When set to false, any invalid mutations will be visible to the rest of envoy and may cause
   * unexpected behavior.
   * 
   * If you are using ext_authz with an untrusted ext_authz server, you should set this to true.
   */
  'validate_mutations'?: (boolean);
  /**
   * If set, specifically disallow any header in this list to be forwarded to the external
   * authentication server. This overrides the above ``allowed_headers`` if a header matches both.
   */
  'disallowed_headers'?: (_envoy_type_matcher_v3_ListStringMatcher | null);
  /**
   * Rules for what modifications an ext_authz server may make to the request headers before
   * continuing decoding / forwarding upstream.
   * 
   * If set to anything, enables header mutation checking against configured rules. Note that
   * :ref:`HeaderMutationRules <envoy_v3_api_msg_config.common.mutation_rules.v3.HeaderMutationRules>`
   * has defaults that change ext_authz behavior. Also note that if this field is set to anything,
   * ext_authz can no longer append to :-prefixed headers.
   * 
   * If empty, header mutation rule checking is completely disabled.
   * 
   * Regardless of what is configured here, ext_authz cannot remove :-prefixed headers.
   * 
   * This field and ``validate_mutations`` have different use cases. ``validate_mutations`` enables
   * correctness checks for all header / query parameter mutations (e.g. for invalid characters).
   * This field allows the filter to reject mutations to specific headers.
   */
  'decoder_header_mutation_rules'?: (_envoy_config_common_mutation_rules_v3_HeaderMutationRules | null);
  /**
   * Enable / disable ingestion of dynamic metadata from ext_authz service.
   * 
   * If false, the filter will ignore dynamic metadata injected by the ext_authz service. If the
   * ext_authz service tries injecting dynamic metadata, the filter will log, increment the
   * ``ignored_dynamic_metadata`` stat, then continue handling the response.
   * 
   * If true, the filter will ingest dynamic metadata entries as normal.
   * 
   * If unset, defaults to true.
   */
  'enable_dynamic_metadata_ingestion'?: (_google_protobuf_BoolValue | null);
  /**
   * External authorization service configuration.
   */
  'services'?: "grpc_service"|"http_service";
}

/**
 * [#next-free-field: 28]
 */
export interface ExtAuthz__Output {
  /**
   * gRPC service configuration (default timeout: 200ms).
   */
  'grpc_service'?: (_envoy_config_core_v3_GrpcService__Output);
  /**
   * Changes filter's behaviour on errors:
   * 
   * 1. When set to true, the filter will ``accept`` client request even if the communication with
   * the authorization service has failed, or if the authorization service has returned a HTTP 5xx
   * error.
   * 
   * 2. When set to false, ext-authz will ``reject`` client requests and return a ``Forbidden``
   * response if the communication with the authorization service has failed, or if the
   * authorization service has returned a HTTP 5xx error.
   * 
   * Note that errors can be ``always`` tracked in the :ref:`stats
   * <config_http_filters_ext_authz_stats>`.
   */
  'failure_mode_allow'?: (boolean);
  /**
   * HTTP service configuration (default timeout: 200ms).
   */
  'http_service'?: (_envoy_extensions_filters_http_ext_authz_v3_HttpService__Output);
  /**
   * Enables filter to buffer the client request body and send it within the authorization request.
   * A ``x-envoy-auth-partial-body: false|true`` metadata header will be added to the authorization
   * request message indicating if the body data is partial.
   */
  'with_request_body'?: (_envoy_extensions_filters_http_ext_authz_v3_BufferSettings__Output);
  /**
   * Clears route cache in order to allow the external authorization service to correctly affect
   * routing decisions. Filter clears all cached routes when:
   * 
   * 1. The field is set to ``true``.
   * 
   * 2. The status returned from the authorization service is a HTTP 200 or gRPC 0.
   * 
   * 3. At least one ``authorization response header`` is added to the client request, or is used for
   * altering another client request header.
   */
  'clear_route_cache'?: (boolean);
  /**
   * Sets the HTTP status that is returned to the client when the authorization server returns an error
   * or cannot be reached. The default status is HTTP 403 Forbidden.
   */
  'status_on_error'?: (_envoy_type_v3_HttpStatus__Output);
  /**
   * Specifies a list of metadata namespaces whose values, if present, will be passed to the
   * ext_authz service. The :ref:`filter_metadata <envoy_v3_api_field_config.core.v3.Metadata.filter_metadata>`
   * is passed as an opaque ``protobuf::Struct``.
   * 
   * Please note that this field exclusively applies to the gRPC ext_authz service and has no effect on the HTTP service.
   * 
   * For example, if the ``jwt_authn`` filter is used and :ref:`payload_in_metadata
   * <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtProvider.payload_in_metadata>` is set,
   * then the following will pass the jwt payload to the authorization server.
   * 
   * .. code-block:: yaml
   * 
   * metadata_context_namespaces:
   * - envoy.filters.http.jwt_authn
   */
  'metadata_context_namespaces'?: (string)[];
  /**
   * Specifies if the filter is enabled.
   * 
   * If :ref:`runtime_key <envoy_v3_api_field_config.core.v3.RuntimeFractionalPercent.runtime_key>` is specified,
   * Envoy will lookup the runtime key to get the percentage of requests to filter.
   * 
   * If this field is not specified, the filter will be enabled for all requests.
   */
  'filter_enabled'?: (_envoy_config_core_v3_RuntimeFractionalPercent__Output);
  /**
   * Specifies if the peer certificate is sent to the external service.
   * 
   * When this field is true, Envoy will include the peer X.509 certificate, if available, in the
   * :ref:`certificate<envoy_v3_api_field_service.auth.v3.AttributeContext.Peer.certificate>`.
   */
  'include_peer_certificate'?: (boolean);
  /**
   * Specifies whether to deny the requests, when the filter is disabled.
   * If :ref:`runtime_key <envoy_v3_api_field_config.core.v3.RuntimeFeatureFlag.runtime_key>` is specified,
   * Envoy will lookup the runtime key to determine whether to deny request for
   * filter protected path at filter disabling. If filter is disabled in
   * typed_per_filter_config for the path, requests will not be denied.
   * 
   * If this field is not specified, all requests will be allowed when disabled.
   * 
   * If a request is denied due to this setting, the response code in :ref:`status_on_error
   * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.status_on_error>` will
   * be returned.
   */
  'deny_at_disable'?: (_envoy_config_core_v3_RuntimeFeatureFlag__Output);
  /**
   * API version for ext_authz transport protocol. This describes the ext_authz gRPC endpoint and
   * version of messages used on the wire.
   */
  'transport_api_version'?: (_envoy_config_core_v3_ApiVersion__Output);
  /**
   * Optional additional prefix to use when emitting statistics. This allows to distinguish
   * emitted statistics between configured ``ext_authz`` filters in an HTTP filter chain. For example:
   * 
   * .. code-block:: yaml
   * 
   * http_filters:
   * - name: envoy.filters.http.ext_authz
   * typed_config:
   * "@type": type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz
   * stat_prefix: waf # This emits ext_authz.waf.ok, ext_authz.waf.denied, etc.
   * - name: envoy.filters.http.ext_authz
   * typed_config:
   * "@type": type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz
   * stat_prefix: blocker # This emits ext_authz.blocker.ok, ext_authz.blocker.denied, etc.
   */
  'stat_prefix'?: (string);
  /**
   * Specifies if the filter is enabled with metadata matcher.
   * If this field is not specified, the filter will be enabled for all requests.
   */
  'filter_enabled_metadata'?: (_envoy_type_matcher_v3_MetadataMatcher__Output);
  /**
   * Optional labels that will be passed to :ref:`labels<envoy_v3_api_field_service.auth.v3.AttributeContext.Peer.labels>` in
   * :ref:`destination<envoy_v3_api_field_service.auth.v3.AttributeContext.destination>`.
   * The labels will be read from :ref:`metadata<envoy_v3_api_msg_config.core.v3.Node>` with the specified key.
   */
  'bootstrap_metadata_labels_key'?: (string);
  /**
   * Specifies a list of metadata namespaces whose values, if present, will be passed to the
   * ext_authz service. :ref:`typed_filter_metadata <envoy_v3_api_field_config.core.v3.Metadata.typed_filter_metadata>`
   * is passed as a ``protobuf::Any``.
   * 
   * Please note that this field exclusively applies to the gRPC ext_authz service and has no effect on the HTTP service.
   * 
   * It works in a way similar to ``metadata_context_namespaces`` but allows Envoy and ext_authz server to share
   * the protobuf message definition in order to do a safe parsing.
   */
  'typed_metadata_context_namespaces'?: (string)[];
  /**
   * Check request to authorization server will include the client request headers that have a correspondent match
   * in the :ref:`list <envoy_v3_api_msg_type.matcher.v3.ListStringMatcher>`. If this option isn't specified, then
   * all client request headers are included in the check request to a gRPC authorization server, whereas no client request headers
   * (besides the ones allowed by default - see note below) are included in the check request to an HTTP authorization server.
   * This inconsistency between gRPC and HTTP servers is to maintain backwards compatibility with legacy behavior.
   * 
   * .. note::
   * 
   * 1. For requests to an HTTP authorization server: in addition to the the user's supplied matchers, ``Host``, ``Method``, ``Path``,
   * ``Content-Length``, and ``Authorization`` are **additionally included** in the list.
   * 
   * .. note::
   * 
   * 2. For requests to an HTTP authorization server: *Content-Length* will be set to 0 and the request to the
   * authorization server will not have a message body. However, the check request can include the buffered
   * client request body (controlled by :ref:`with_request_body
   * <envoy_v3_api_field_extensions.filters.http.ext_authz.v3.ExtAuthz.with_request_body>` setting),
   * consequently the value of *Content-Length* of the authorization request reflects the size of
   * its payload size.
   * 
   * .. note::
   * 
   * 3. This can be overridden by the field ``disallowed_headers`` below. That is, if a header
   * matches for both ``allowed_headers`` and ``disallowed_headers``, the header will NOT be sent.
   */
  'allowed_headers'?: (_envoy_type_matcher_v3_ListStringMatcher__Output);
  /**
   * Specifies if the TLS session level details like SNI are sent to the external service.
   * 
   * When this field is true, Envoy will include the SNI name used for TLSClientHello, if available, in the
   * :ref:`tls_session<envoy_v3_api_field_service.auth.v3.AttributeContext.tls_session>`.
   */
  'include_tls_session'?: (boolean);
  /**
   * When ``failure_mode_allow`` and ``failure_mode_allow_header_add`` are both set to true,
   * ``x-envoy-auth-failure-mode-allowed: true`` will be added to request headers if the communication
   * with the authorization service has failed, or if the authorization service has returned a
   * HTTP 5xx error.
   */
  'failure_mode_allow_header_add'?: (boolean);
  /**
   * Whether to increment cluster statistics (e.g. cluster.<cluster_name>.upstream_rq_*) on authorization failure.
   * Defaults to true.
   */
  'charge_cluster_response_stats'?: (_google_protobuf_BoolValue__Output);
  /**
   * Specifies a list of route metadata namespaces whose values, if present, will be passed to the
   * ext_authz service at :ref:`route_metadata_context <envoy_v3_api_field_service.auth.v3.AttributeContext.route_metadata_context>` in
   * :ref:`CheckRequest <envoy_v3_api_field_service.auth.v3.CheckRequest.attributes>`.
   * :ref:`filter_metadata <envoy_v3_api_field_config.core.v3.Metadata.filter_metadata>` is passed as an opaque ``protobuf::Struct``.
   */
  'route_metadata_context_namespaces'?: (string)[];
  /**
   * Specifies a list of route metadata namespaces whose values, if present, will be passed to the
   * ext_authz service at :ref:`route_metadata_context <envoy_v3_api_field_service.auth.v3.AttributeContext.route_metadata_context>` in
   * :ref:`CheckRequest <envoy_v3_api_field_service.auth.v3.CheckRequest.attributes>`.
   * :ref:`typed_filter_metadata <envoy_v3_api_field_config.core.v3.Metadata.typed_filter_metadata>` is passed as an ``protobuf::Any``.
   */
  'route_typed_metadata_context_namespaces'?: (string)[];
  /**
   * Whether to encode the raw headers (i.e. unsanitized values & unconcatenated multi-line headers)
   * in authentication request. Works with both HTTP and GRPC clients.
   * 
   * When this is set to true, header values are not sanitized. Headers with the same key will also
   * not be combined into a single, comma-separated header.
   * Requests to GRPC services will populate the field
   * :ref:`header_map<envoy_v3_api_field_service.auth.v3.AttributeContext.HttpRequest.header_map>`.
   * Requests to HTTP services will be constructed with the unsanitized header values and preserved
   * multi-line headers with the same key.
   * 
   * If this field is set to false, header values will be sanitized, with any non-UTF-8-compliant
   * bytes replaced with '!'. Headers with the same key will have their values concatenated into a
   * single comma-separated header value.
   * Requests to GRPC services will populate the field
   * :ref:`headers<envoy_v3_api_field_service.auth.v3.AttributeContext.HttpRequest.headers>`.
   * Requests to HTTP services will have their header values sanitized and will not preserve
   * multi-line headers with the same key.
   * 
   * It's recommended you set this to true unless you already rely on the old behavior. False is the
   * default only for backwards compatibility.
   */
  'encode_raw_headers'?: (boolean);
  /**
   * When this is set to true, the filter will check the :ref:`ext_authz response
   * <envoy_v3_api_msg_service.auth.v3.CheckResponse>` for invalid header &
   * query parameter mutations. If the side stream response is invalid, it will send a local reply
   * to the downstream request with status HTTP 500 Internal Server Error.
   * 
   * Note that headers_to_remove & query_parameters_to_remove are validated, but invalid elements in
   * those fields should not affect any headers & thus will not cause the filter to send a local
   * reply.
   * 
   * When set to false, any invalid mutations will be visible to the rest of envoy and may cause
   * unexpected behavior.
   * 
   * If you are using ext_authz with an untrusted ext_authz server, you should set this to true.
   */
  'validate_mutations'?: (boolean);
  /**
   * If set, specifically disallow any header in this list to be forwarded to the external
   * authentication server. This overrides the above ``allowed_headers`` if a header matches both.
   */
  'disallowed_headers'?: (_envoy_type_matcher_v3_ListStringMatcher__Output);
  /**
   * Rules for what modifications an ext_authz server may make to the request headers before
   * continuing decoding / forwarding upstream.
   * 
   * If set to anything, enables header mutation checking against configured rules. Note that
   * :ref:`HeaderMutationRules <envoy_v3_api_msg_config.common.mutation_rules.v3.HeaderMutationRules>`
   * has defaults that change ext_authz behavior. Also note that if this field is set to anything,
   * ext_authz can no longer append to :-prefixed headers.
   * 
   * If empty, header mutation rule checking is completely disabled.
   * 
   * Regardless of what is configured here, ext_authz cannot remove :-prefixed headers.
   * 
   * This field and ``validate_mutations`` have different use cases. ``validate_mutations`` enables
   * correctness checks for all header / query parameter mutations (e.g. for invalid characters).
   * This field allows the filter to reject mutations to specific headers.
   */
  'decoder_header_mutation_rules'?: (_envoy_config_common_mutation_rules_v3_HeaderMutationRules__Output);
  /**
   * Enable / disable ingestion of dynamic metadata from ext_authz service.
   * 
   * If false, the filter will ignore dynamic metadata injected by the ext_authz service. If the
   * ext_authz service tries injecting dynamic metadata, the filter will log, increment the
   * ``ignored_dynamic_metadata`` stat, then continue handling the response.
   * 
   * If true, the filter will ingest dynamic metadata entries as normal.
   * 
   * If unset, defaults to true.
   */
  'enable_dynamic_metadata_ingestion'?: (_google_protobuf_BoolValue__Output);
  /**
   * External authorization service configuration.
   */
  'services'?: "grpc_service"|"http_service";
}
