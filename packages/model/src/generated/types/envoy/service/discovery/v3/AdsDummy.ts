// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/service/discovery/v3/ads.proto


/**
 * [#not-implemented-hide:] Not configuration. Workaround c++ protobuf issue with importing
 * services: https://github.com/google/protobuf/issues/4221
 */
export interface AdsDummy {
}

/**
 * [#not-implemented-hide:] Not configuration. Workaround c++ protobuf issue with importing
 * services: https://github.com/google/protobuf/issues/4221
 */
export interface AdsDummy__Output {
}
