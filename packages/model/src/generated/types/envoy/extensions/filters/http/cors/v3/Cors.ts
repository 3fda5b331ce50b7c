// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/cors/v3/cors.proto


/**
 * Cors filter config. Set this in
 * ref:`http_filters <envoy_v3_api_field_extensions.filters.network.http_connection_manager.v3.HttpConnectionManager.http_filters>`
 * to enable the CORS filter.
 * 
 * Please note that the :ref:`CorsPolicy <envoy_v3_api_msg_extensions.filters.http.cors.v3.CorsPolicy>`
 * must be configured in the ``RouteConfiguration`` as ``typed_per_filter_config`` at some level to make the filter work.
 */
export interface Cors {
}

/**
 * Cors filter config. Set this in
 * ref:`http_filters <envoy_v3_api_field_extensions.filters.network.http_connection_manager.v3.HttpConnectionManager.http_filters>`
 * to enable the CORS filter.
 * 
 * Please note that the :ref:`CorsPolicy <envoy_v3_api_msg_extensions.filters.http.cors.v3.CorsPolicy>`
 * must be configured in the ``RouteConfiguration`` as ``typed_per_filter_config`` at some level to make the filter work.
 */
export interface Cors__Output {
}
