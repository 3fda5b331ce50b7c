// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/jwt_authn/v3/config.proto

import type { RemoteJwks as _envoy_extensions_filters_http_jwt_authn_v3_RemoteJwks, RemoteJwks__Output as _envoy_extensions_filters_http_jwt_authn_v3_RemoteJwks__Output } from '../../../../../../envoy/extensions/filters/http/jwt_authn/v3/RemoteJwks.js';
import type { DataSource as _envoy_config_core_v3_DataSource, DataSource__Output as _envoy_config_core_v3_DataSource__Output } from '../../../../../../envoy/config/core/v3/DataSource.js';
import type { JwtHeader as _envoy_extensions_filters_http_jwt_authn_v3_JwtHeader, JwtHeader__Output as _envoy_extensions_filters_http_jwt_authn_v3_JwtHeader__Output } from '../../../../../../envoy/extensions/filters/http/jwt_authn/v3/JwtHeader.js';
import type { JwtCacheConfig as _envoy_extensions_filters_http_jwt_authn_v3_JwtCacheConfig, JwtCacheConfig__Output as _envoy_extensions_filters_http_jwt_authn_v3_JwtCacheConfig__Output } from '../../../../../../envoy/extensions/filters/http/jwt_authn/v3/JwtCacheConfig.js';
import type { JwtClaimToHeader as _envoy_extensions_filters_http_jwt_authn_v3_JwtClaimToHeader, JwtClaimToHeader__Output as _envoy_extensions_filters_http_jwt_authn_v3_JwtClaimToHeader__Output } from '../../../../../../envoy/extensions/filters/http/jwt_authn/v3/JwtClaimToHeader.js';
import type { StringMatcher as _envoy_type_matcher_v3_StringMatcher, StringMatcher__Output as _envoy_type_matcher_v3_StringMatcher__Output } from '../../../../../../envoy/type/matcher/v3/StringMatcher.js';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../../../../../google/protobuf/Duration.js';

/**
 * Alters the payload representation in the request dynamic metadata to facilitate its use in matching.
 */
export interface _envoy_extensions_filters_http_jwt_authn_v3_JwtProvider_NormalizePayload {
  /**
   * Each claim in this list will be interpreted as a space-delimited string
   * and converted to a list of strings based on the delimited values.
   * Example: a token with a claim ``scopes: "email profile"`` is translated
   * to dynamic metadata  ``scopes: ["email", "profile"]`` if this field is
   * set value ``["scopes"]``. This special handling of ``scopes`` is
   * recommended by `RFC8693
   * <https://datatracker.ietf.org/doc/html/rfc8693#name-scope-scopes-claim>`_.
   */
  'space_delimited_claims'?: (string)[];
}

/**
 * Alters the payload representation in the request dynamic metadata to facilitate its use in matching.
 */
export interface _envoy_extensions_filters_http_jwt_authn_v3_JwtProvider_NormalizePayload__Output {
  /**
   * Each claim in this list will be interpreted as a space-delimited string
   * and converted to a list of strings based on the delimited values.
   * Example: a token with a claim ``scopes: "email profile"`` is translated
   * to dynamic metadata  ``scopes: ["email", "profile"]`` if this field is
   * set value ``["scopes"]``. This special handling of ``scopes`` is
   * recommended by `RFC8693
   * <https://datatracker.ietf.org/doc/html/rfc8693#name-scope-scopes-claim>`_.
   */
  'space_delimited_claims'?: (string)[];
}

/**
 * Please see following for JWT authentication flow:
 * 
 * * `JSON Web Token (JWT) <https://tools.ietf.org/html/rfc7519>`_
 * * `The OAuth 2.0 Authorization Framework <https://tools.ietf.org/html/rfc6749>`_
 * * `OpenID Connect <http://openid.net/connect>`_
 * 
 * A JwtProvider message specifies how a JSON Web Token (JWT) can be verified. It specifies:
 * 
 * * issuer: the principal that issues the JWT. If specified, it has to match the ``iss`` field in JWT.
 * * allowed audiences: the ones in the token have to be listed here.
 * * how to fetch public key JWKS to verify the token signature.
 * * how to extract JWT token in the request.
 * * how to pass successfully verified token payload.
 * 
 * Example:
 * 
 * .. code-block:: yaml
 * 
 * issuer: https://example.com
 * audiences:
 * - bookstore_android.apps.googleusercontent.com
 * - bookstore_web.apps.googleusercontent.com
 * remote_jwks:
 * http_uri:
 * uri: https://example.com/.well-known/jwks.json
 * cluster: example_jwks_cluster
 * timeout: 1s
 * cache_duration:
 * seconds: 300
 * 
 * [#next-free-field: 22]
 */
export interface JwtProvider {
  /**
   * Specify the `principal <https://tools.ietf.org/html/rfc7519#section-4.1.1>`_ that issued
   * the JWT, usually a URL or an email address.
   * 
   * It is optional. If specified, it has to match the ``iss`` field in JWT,
   * otherwise the JWT ``iss`` field is not checked.
   * 
   * Note: ``JwtRequirement`` :ref:`allow_missing <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtRequirement.allow_missing>`
   * and :ref:`allow_missing_or_failed <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtRequirement.allow_missing_or_failed>`
   * are implemented differently than other ``JwtRequirements``. Hence the usage of this field
   * is different as follows if ``allow_missing`` or ``allow_missing_or_failed`` is used:
   * 
   * * If a JWT has ``iss`` field, it needs to be specified by this field in one of ``JwtProviders``.
   * * If a JWT doesn't have ``iss`` field, one of ``JwtProviders`` should fill this field empty.
   * * Multiple ``JwtProviders`` should not have same value in this field.
   * 
   * Example: https://securetoken.google.com
   * Example: 1234567-compute@developer.gserviceaccount.com
   */
  'issuer'?: (string);
  /**
   * The list of JWT `audiences <https://tools.ietf.org/html/rfc7519#section-4.1.3>`_ are
   * allowed to access. A JWT containing any of these audiences will be accepted. If not specified,
   * will not check audiences in the token.
   * 
   * Example:
   * 
   * .. code-block:: yaml
   * 
   * audiences:
   * - bookstore_android.apps.googleusercontent.com
   * - bookstore_web.apps.googleusercontent.com
   */
  'audiences'?: (string)[];
  /**
   * JWKS can be fetched from remote server via HTTP/HTTPS. This field specifies the remote HTTP
   * URI and how the fetched JWKS should be cached.
   * 
   * Example:
   * 
   * .. code-block:: yaml
   * 
   * remote_jwks:
   * http_uri:
   * uri: https://www.googleapis.com/oauth2/v1/certs
   * cluster: jwt.www.googleapis.com|443
   * timeout: 1s
   * cache_duration:
   * seconds: 300
   */
  'remote_jwks'?: (_envoy_extensions_filters_http_jwt_authn_v3_RemoteJwks | null);
  /**
   * JWKS is in local data source. It could be either in a local file or embedded in the
   * inline_string.
   * 
   * Example: local file
   * 
   * .. code-block:: yaml
   * 
   * local_jwks:
   * filename: /etc/envoy/jwks/jwks1.txt
   * 
   * Example: inline_string
   * 
   * .. code-block:: yaml
   * 
   * local_jwks:
   * inline_string: ACADADADADA
   */
  'local_jwks'?: (_envoy_config_core_v3_DataSource | null);
  /**
   * If false, the JWT is removed in the request after a success verification. If true, the JWT is
   * not removed in the request. Default value is false.
   * caveat: only works for from_header/from_params & has no effect for JWTs extracted through from_cookies.
   */
  'forward'?: (boolean);
  /**
   * Two fields below define where to extract the JWT from an HTTP request.
   * 
   * If no explicit location is specified, the following default locations are tried in order:
   * 
   * 1. The Authorization header using the `Bearer schema
   * <https://tools.ietf.org/html/rfc6750#section-2.1>`_. Example::
   * 
   * Authorization: Bearer <token>.
   * 
   * 2. `access_token <https://tools.ietf.org/html/rfc6750#section-2.3>`_ query parameter.
   * 
   * Multiple JWTs can be verified for a request. Each JWT has to be extracted from the locations
   * its provider specified or from the default locations.
   * 
   * Specify the HTTP headers to extract JWT token. For examples, following config:
   * 
   * .. code-block:: yaml
   * 
   * from_headers:
   * - name: x-goog-iap-jwt-assertion
   * 
   * can be used to extract token from header::
   * 
   * ``x-goog-iap-jwt-assertion: <JWT>``.
   */
  'from_headers'?: (_envoy_extensions_filters_http_jwt_authn_v3_JwtHeader)[];
  /**
   * JWT is sent in a query parameter. ``jwt_params`` represents the query parameter names.
   * 
   * For example, if config is:
   * 
   * .. code-block:: yaml
   * 
   * from_params:
   * - jwt_token
   * 
   * The JWT format in query parameter is::
   * 
   * /path?jwt_token=<JWT>
   */
  'from_params'?: (string)[];
  /**
   * This field specifies the header name to forward a successfully verified JWT payload to the
   * backend. The forwarded data is::
   * 
   * base64url_encoded(jwt_payload_in_JSON)
   * 
   * If it is not specified, the payload will not be forwarded.
   */
  'forward_payload_header'?: (string);
  /**
   * If non empty, successfully verified JWT payloads will be written to StreamInfo DynamicMetadata
   * in the format as: ``namespace`` is the jwt_authn filter name as ````envoy.filters.http.jwt_authn````
   * The value is the ``protobuf::Struct``. The value of this field will be the key for its ``fields``
   * and the value is the ``protobuf::Struct`` converted from JWT JSON payload.
   * 
   * For example, if payload_in_metadata is ``my_payload``:
   * 
   * .. code-block:: yaml
   * 
   * envoy.filters.http.jwt_authn:
   * my_payload:
   * iss: https://example.com
   * sub: test@example.com
   * aud: https://example.com
   * exp: 1501281058
   */
  'payload_in_metadata'?: (string);
  /**
   * Specify the clock skew in seconds when verifying JWT time constraint,
   * such as ``exp``, and ``nbf``. If not specified, default is 60 seconds.
   */
  'clock_skew_seconds'?: (number);
  /**
   * When :ref:`forward_payload_header <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtProvider.forward_payload_header>`
   * is specified, the base64 encoded payload will be added to the headers.
   * Normally JWT based64 encode doesn't add padding. If this field is true,
   * the header will be padded.
   * 
   * This field is only relevant if :ref:`forward_payload_header <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtProvider.forward_payload_header>`
   * is specified.
   */
  'pad_forward_payload_header'?: (boolean);
  /**
   * Enables JWT cache, its size is specified by ``jwt_cache_size``.
   * Only valid JWT tokens are cached.
   */
  'jwt_cache_config'?: (_envoy_extensions_filters_http_jwt_authn_v3_JwtCacheConfig | null);
  /**
   * JWT is sent in a cookie. ``from_cookies`` represents the cookie names to extract from.
   * 
   * For example, if config is:
   * 
   * .. code-block:: yaml
   * 
   * from_cookies:
   * - auth-token
   * 
   * Then JWT will be extracted from ``auth-token`` cookie in the request.
   */
  'from_cookies'?: (string)[];
  /**
   * If not empty, similar to :ref:`payload_in_metadata <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtProvider.payload_in_metadata>`,
   * a successfully verified JWT header will be written to :ref:`Dynamic State <arch_overview_data_sharing_between_filters>`
   * as an entry (``protobuf::Struct``) in ``envoy.filters.http.jwt_authn`` ``namespace`` with the
   * value of this field as the key.
   * 
   * For example, if ``header_in_metadata`` is ``my_header``:
   * 
   * .. code-block:: yaml
   * 
   * envoy.filters.http.jwt_authn:
   * my_header:
   * alg: JWT
   * kid: EF71iSaosbC5C4tC6Syq1Gm647M
   * alg: PS256
   * 
   * When the metadata has ``envoy.filters.http.jwt_authn`` entry already (for example if
   * :ref:`payload_in_metadata <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtProvider.payload_in_metadata>`
   * is not empty), it will be inserted as a new entry in the same ``namespace`` as shown below:
   * 
   * .. code-block:: yaml
   * 
   * envoy.filters.http.jwt_authn:
   * my_payload:
   * iss: https://example.com
   * sub: test@example.com
   * aud: https://example.com
   * exp: 1501281058
   * my_header:
   * alg: JWT
   * kid: EF71iSaosbC5C4tC6Syq1Gm647M
   * alg: PS256
   * 
   * .. warning::
   * Using the same key name for :ref:`header_in_metadata <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtProvider.payload_in_metadata>`
   * and :ref:`payload_in_metadata <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtProvider.payload_in_metadata>`
   * is not suggested due to potential override of existing entry, while it is not enforced during
   * config validation.
   */
  'header_in_metadata'?: (string);
  /**
   * Add JWT claim to HTTP Header
   * Specify the claim name you want to copy in which HTTP header. For examples, following config:
   * The claim must be of type; string, int, double, bool. Array type claims are not supported
   * 
   * .. code-block:: yaml
   * 
   * claim_to_headers:
   * - name: x-jwt-claim-nested-claim
   * claim: claim.nested.key
   * 
   * This header is only reserved for jwt claim; any other value will be overwritten.
   */
  'claim_to_headers'?: (_envoy_extensions_filters_http_jwt_authn_v3_JwtClaimToHeader)[];
  /**
   * If non empty, the failure status ``::google::jwt_verify::Status`` for a non verified JWT will be written to StreamInfo DynamicMetadata
   * in the format as: ``namespace`` is the jwt_authn filter name as ``envoy.filters.http.jwt_authn``
   * The value is the ``protobuf::Struct``. The values of this field will be ``code`` and ``message``
   * and they will contain the JWT authentication failure status code and a message describing the failure.
   * 
   * For example, if failed_status_in_metadata is ``my_auth_failure_status``:
   * 
   * .. code-block:: yaml
   * 
   * envoy.filters.http.jwt_authn:
   * my_auth_failure_status:
   * code: 3
   * message: Jwt expired
   */
  'failed_status_in_metadata'?: (string);
  /**
   * Clears route cache in order to allow JWT token to correctly affect
   * routing decisions. Filter clears all cached routes when:
   * 
   * 1. The field is set to ``true``.
   * 
   * 2. At least one ``claim_to_headers`` header is added to the request OR
   * if ``payload_in_metadata`` is set.
   */
  'clear_route_cache'?: (boolean);
  /**
   * Normalizes the payload representation in the request metadata.
   */
  'normalize_payload_in_metadata'?: (_envoy_extensions_filters_http_jwt_authn_v3_JwtProvider_NormalizePayload | null);
  /**
   * Restrict the `subjects <https://tools.ietf.org/html/rfc7519#section-4.1.2>`_
   * that the JwtProvider can assert. For instance, this could implement JWT-SVID
   * `subject restrictions <https://github.com/spiffe/spiffe/blob/main/standards/JWT-SVID.md#31-subject>`_.
   * If not specified, will not check subjects in the token.
   * 
   * Example:
   * 
   * .. code-block:: yaml
   * 
   * subjects:
   * prefix: spiffe://spiffe.example.com/
   */
  'subjects'?: (_envoy_type_matcher_v3_StringMatcher | null);
  /**
   * Requires that the credential contains an `expiration <https://tools.ietf.org/html/rfc7519#section-4.1.4>`_.
   * For instance, this could implement JWT-SVID
   * `expiration restrictions <https://github.com/spiffe/spiffe/blob/main/standards/JWT-SVID.md#33-expiration-time>`_.
   * Unlike ``max_lifetime``, this only requires that expiration is present, where ``max_lifetime`` also checks the value.
   * 
   * Example:
   * 
   * .. code-block:: yaml
   * 
   * require_expiration: true
   */
  'require_expiration'?: (boolean);
  /**
   * Restrict the maximum remaining lifetime of a credential from the JwtProvider. Credential lifetime
   * is the difference between the current time and the expiration of the credential. For instance,
   * the following example will reject credentials that have a lifetime longer than 24 hours. If not set,
   * expiration checking still occurs, but there is no limit on credential lifetime. If set, takes precedence
   * over ``require_expiration``.
   * 
   * Example:
   * 
   * .. code-block:: yaml
   * 
   * max_lifetime:
   * seconds: 86400
   */
  'max_lifetime'?: (_google_protobuf_Duration | null);
  /**
   * `JSON Web Key Set (JWKS) <https://tools.ietf.org/html/rfc7517#appendix-A>`_ is needed to
   * validate signature of a JWT. This field specifies where to fetch JWKS.
   */
  'jwks_source_specifier'?: "remote_jwks"|"local_jwks";
}

/**
 * Please see following for JWT authentication flow:
 * 
 * * `JSON Web Token (JWT) <https://tools.ietf.org/html/rfc7519>`_
 * * `The OAuth 2.0 Authorization Framework <https://tools.ietf.org/html/rfc6749>`_
 * * `OpenID Connect <http://openid.net/connect>`_
 * 
 * A JwtProvider message specifies how a JSON Web Token (JWT) can be verified. It specifies:
 * 
 * * issuer: the principal that issues the JWT. If specified, it has to match the ``iss`` field in JWT.
 * * allowed audiences: the ones in the token have to be listed here.
 * * how to fetch public key JWKS to verify the token signature.
 * * how to extract JWT token in the request.
 * * how to pass successfully verified token payload.
 * 
 * Example:
 * 
 * .. code-block:: yaml
 * 
 * issuer: https://example.com
 * audiences:
 * - bookstore_android.apps.googleusercontent.com
 * - bookstore_web.apps.googleusercontent.com
 * remote_jwks:
 * http_uri:
 * uri: https://example.com/.well-known/jwks.json
 * cluster: example_jwks_cluster
 * timeout: 1s
 * cache_duration:
 * seconds: 300
 * 
 * [#next-free-field: 22]
 */
export interface JwtProvider__Output {
  /**
   * Specify the `principal <https://tools.ietf.org/html/rfc7519#section-4.1.1>`_ that issued
   * the JWT, usually a URL or an email address.
   * 
   * It is optional. If specified, it has to match the ``iss`` field in JWT,
   * otherwise the JWT ``iss`` field is not checked.
   * 
   * Note: ``JwtRequirement`` :ref:`allow_missing <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtRequirement.allow_missing>`
   * and :ref:`allow_missing_or_failed <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtRequirement.allow_missing_or_failed>`
   * are implemented differently than other ``JwtRequirements``. Hence the usage of this field
   * is different as follows if ``allow_missing`` or ``allow_missing_or_failed`` is used:
   * 
   * * If a JWT has ``iss`` field, it needs to be specified by this field in one of ``JwtProviders``.
   * * If a JWT doesn't have ``iss`` field, one of ``JwtProviders`` should fill this field empty.
   * * Multiple ``JwtProviders`` should not have same value in this field.
   * 
   * Example: https://securetoken.google.com
   * Example: 1234567-compute@developer.gserviceaccount.com
   */
  'issuer'?: (string);
  /**
   * The list of JWT `audiences <https://tools.ietf.org/html/rfc7519#section-4.1.3>`_ are
   * allowed to access. A JWT containing any of these audiences will be accepted. If not specified,
   * will not check audiences in the token.
   * 
   * Example:
   * 
   * .. code-block:: yaml
   * 
   * audiences:
   * - bookstore_android.apps.googleusercontent.com
   * - bookstore_web.apps.googleusercontent.com
   */
  'audiences'?: (string)[];
  /**
   * JWKS can be fetched from remote server via HTTP/HTTPS. This field specifies the remote HTTP
   * URI and how the fetched JWKS should be cached.
   * 
   * Example:
   * 
   * .. code-block:: yaml
   * 
   * remote_jwks:
   * http_uri:
   * uri: https://www.googleapis.com/oauth2/v1/certs
   * cluster: jwt.www.googleapis.com|443
   * timeout: 1s
   * cache_duration:
   * seconds: 300
   */
  'remote_jwks'?: (_envoy_extensions_filters_http_jwt_authn_v3_RemoteJwks__Output);
  /**
   * JWKS is in local data source. It could be either in a local file or embedded in the
   * inline_string.
   * 
   * Example: local file
   * 
   * .. code-block:: yaml
   * 
   * local_jwks:
   * filename: /etc/envoy/jwks/jwks1.txt
   * 
   * Example: inline_string
   * 
   * .. code-block:: yaml
   * 
   * local_jwks:
   * inline_string: ACADADADADA
   */
  'local_jwks'?: (_envoy_config_core_v3_DataSource__Output);
  /**
   * If false, the JWT is removed in the request after a success verification. If true, the JWT is
   * not removed in the request. Default value is false.
   * caveat: only works for from_header/from_params & has no effect for JWTs extracted through from_cookies.
   */
  'forward'?: (boolean);
  /**
   * Two fields below define where to extract the JWT from an HTTP request.
   * 
   * If no explicit location is specified, the following default locations are tried in order:
   * 
   * 1. The Authorization header using the `Bearer schema
   * <https://tools.ietf.org/html/rfc6750#section-2.1>`_. Example::
   * 
   * Authorization: Bearer <token>.
   * 
   * 2. `access_token <https://tools.ietf.org/html/rfc6750#section-2.3>`_ query parameter.
   * 
   * Multiple JWTs can be verified for a request. Each JWT has to be extracted from the locations
   * its provider specified or from the default locations.
   * 
   * Specify the HTTP headers to extract JWT token. For examples, following config:
   * 
   * .. code-block:: yaml
   * 
   * from_headers:
   * - name: x-goog-iap-jwt-assertion
   * 
   * can be used to extract token from header::
   * 
   * ``x-goog-iap-jwt-assertion: <JWT>``.
   */
  'from_headers'?: (_envoy_extensions_filters_http_jwt_authn_v3_JwtHeader__Output)[];
  /**
   * JWT is sent in a query parameter. ``jwt_params`` represents the query parameter names.
   * 
   * For example, if config is:
   * 
   * .. code-block:: yaml
   * 
   * from_params:
   * - jwt_token
   * 
   * The JWT format in query parameter is::
   * 
   * /path?jwt_token=<JWT>
   */
  'from_params'?: (string)[];
  /**
   * This field specifies the header name to forward a successfully verified JWT payload to the
   * backend. The forwarded data is::
   * 
   * base64url_encoded(jwt_payload_in_JSON)
   * 
   * If it is not specified, the payload will not be forwarded.
   */
  'forward_payload_header'?: (string);
  /**
   * If non empty, successfully verified JWT payloads will be written to StreamInfo DynamicMetadata
   * in the format as: ``namespace`` is the jwt_authn filter name as ````envoy.filters.http.jwt_authn````
   * The value is the ``protobuf::Struct``. The value of this field will be the key for its ``fields``
   * and the value is the ``protobuf::Struct`` converted from JWT JSON payload.
   * 
   * For example, if payload_in_metadata is ``my_payload``:
   * 
   * .. code-block:: yaml
   * 
   * envoy.filters.http.jwt_authn:
   * my_payload:
   * iss: https://example.com
   * sub: test@example.com
   * aud: https://example.com
   * exp: 1501281058
   */
  'payload_in_metadata'?: (string);
  /**
   * Specify the clock skew in seconds when verifying JWT time constraint,
   * such as ``exp``, and ``nbf``. If not specified, default is 60 seconds.
   */
  'clock_skew_seconds'?: (number);
  /**
   * When :ref:`forward_payload_header <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtProvider.forward_payload_header>`
   * is specified, the base64 encoded payload will be added to the headers.
   * Normally JWT based64 encode doesn't add padding. If this field is true,
   * the header will be padded.
   * 
   * This field is only relevant if :ref:`forward_payload_header <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtProvider.forward_payload_header>`
   * is specified.
   */
  'pad_forward_payload_header'?: (boolean);
  /**
   * Enables JWT cache, its size is specified by ``jwt_cache_size``.
   * Only valid JWT tokens are cached.
   */
  'jwt_cache_config'?: (_envoy_extensions_filters_http_jwt_authn_v3_JwtCacheConfig__Output);
  /**
   * JWT is sent in a cookie. ``from_cookies`` represents the cookie names to extract from.
   * 
   * For example, if config is:
   * 
   * .. code-block:: yaml
   * 
   * from_cookies:
   * - auth-token
   * 
   * Then JWT will be extracted from ``auth-token`` cookie in the request.
   */
  'from_cookies'?: (string)[];
  /**
   * If not empty, similar to :ref:`payload_in_metadata <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtProvider.payload_in_metadata>`,
   * a successfully verified JWT header will be written to :ref:`Dynamic State <arch_overview_data_sharing_between_filters>`
   * as an entry (``protobuf::Struct``) in ``envoy.filters.http.jwt_authn`` ``namespace`` with the
   * value of this field as the key.
   * 
   * For example, if ``header_in_metadata`` is ``my_header``:
   * 
   * .. code-block:: yaml
   * 
   * envoy.filters.http.jwt_authn:
   * my_header:
   * alg: JWT
   * kid: EF71iSaosbC5C4tC6Syq1Gm647M
   * alg: PS256
   * 
   * When the metadata has ``envoy.filters.http.jwt_authn`` entry already (for example if
   * :ref:`payload_in_metadata <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtProvider.payload_in_metadata>`
   * is not empty), it will be inserted as a new entry in the same ``namespace`` as shown below:
   * 
   * .. code-block:: yaml
   * 
   * envoy.filters.http.jwt_authn:
   * my_payload:
   * iss: https://example.com
   * sub: test@example.com
   * aud: https://example.com
   * exp: 1501281058
   * my_header:
   * alg: JWT
   * kid: EF71iSaosbC5C4tC6Syq1Gm647M
   * alg: PS256
   * 
   * .. warning::
   * Using the same key name for :ref:`header_in_metadata <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtProvider.payload_in_metadata>`
   * and :ref:`payload_in_metadata <envoy_v3_api_field_extensions.filters.http.jwt_authn.v3.JwtProvider.payload_in_metadata>`
   * is not suggested due to potential override of existing entry, while it is not enforced during
   * config validation.
   */
  'header_in_metadata'?: (string);
  /**
   * Add JWT claim to HTTP Header
   * Specify the claim name you want to copy in which HTTP header. For examples, following config:
   * The claim must be of type; string, int, double, bool. Array type claims are not supported
   * 
   * .. code-block:: yaml
   * 
   * claim_to_headers:
   * - name: x-jwt-claim-nested-claim
   * claim: claim.nested.key
   * 
   * This header is only reserved for jwt claim; any other value will be overwritten.
   */
  'claim_to_headers'?: (_envoy_extensions_filters_http_jwt_authn_v3_JwtClaimToHeader__Output)[];
  /**
   * If non empty, the failure status ``::google::jwt_verify::Status`` for a non verified JWT will be written to StreamInfo DynamicMetadata
   * in the format as: ``namespace`` is the jwt_authn filter name as ``envoy.filters.http.jwt_authn``
   * The value is the ``protobuf::Struct``. The values of this field will be ``code`` and ``message``
   * and they will contain the JWT authentication failure status code and a message describing the failure.
   * 
   * For example, if failed_status_in_metadata is ``my_auth_failure_status``:
   * 
   * .. code-block:: yaml
   * 
   * envoy.filters.http.jwt_authn:
   * my_auth_failure_status:
   * code: 3
   * message: Jwt expired
   */
  'failed_status_in_metadata'?: (string);
  /**
   * Clears route cache in order to allow JWT token to correctly affect
   * routing decisions. Filter clears all cached routes when:
   * 
   * 1. The field is set to ``true``.
   * 
   * 2. At least one ``claim_to_headers`` header is added to the request OR
   * if ``payload_in_metadata`` is set.
   */
  'clear_route_cache'?: (boolean);
  /**
   * Normalizes the payload representation in the request metadata.
   */
  'normalize_payload_in_metadata'?: (_envoy_extensions_filters_http_jwt_authn_v3_JwtProvider_NormalizePayload__Output);
  /**
   * Restrict the `subjects <https://tools.ietf.org/html/rfc7519#section-4.1.2>`_
   * that the JwtProvider can assert. For instance, this could implement JWT-SVID
   * `subject restrictions <https://github.com/spiffe/spiffe/blob/main/standards/JWT-SVID.md#31-subject>`_.
   * If not specified, will not check subjects in the token.
   * 
   * Example:
   * 
   * .. code-block:: yaml
   * 
   * subjects:
   * prefix: spiffe://spiffe.example.com/
   */
  'subjects'?: (_envoy_type_matcher_v3_StringMatcher__Output);
  /**
   * Requires that the credential contains an `expiration <https://tools.ietf.org/html/rfc7519#section-4.1.4>`_.
   * For instance, this could implement JWT-SVID
   * `expiration restrictions <https://github.com/spiffe/spiffe/blob/main/standards/JWT-SVID.md#33-expiration-time>`_.
   * Unlike ``max_lifetime``, this only requires that expiration is present, where ``max_lifetime`` also checks the value.
   * 
   * Example:
   * 
   * .. code-block:: yaml
   * 
   * require_expiration: true
   */
  'require_expiration'?: (boolean);
  /**
   * Restrict the maximum remaining lifetime of a credential from the JwtProvider. Credential lifetime
   * is the difference between the current time and the expiration of the credential. For instance,
   * the following example will reject credentials that have a lifetime longer than 24 hours. If not set,
   * expiration checking still occurs, but there is no limit on credential lifetime. If set, takes precedence
   * over ``require_expiration``.
   * 
   * Example:
   * 
   * .. code-block:: yaml
   * 
   * max_lifetime:
   * seconds: 86400
   */
  'max_lifetime'?: (_google_protobuf_Duration__Output);
  /**
   * `JSON Web Key Set (JWKS) <https://tools.ietf.org/html/rfc7517#appendix-A>`_ is needed to
   * validate signature of a JWT. This field specifies where to fetch JWKS.
   */
  'jwks_source_specifier'?: "remote_jwks"|"local_jwks";
}
