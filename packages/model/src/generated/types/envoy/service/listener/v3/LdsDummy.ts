// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/service/listener/v3/lds.proto


/**
 * [#not-implemented-hide:] Not configuration. Workaround c++ protobuf issue with importing
 * services: https://github.com/google/protobuf/issues/4221 and protoxform to upgrade the file.
 */
export interface LdsDummy {
}

/**
 * [#not-implemented-hide:] Not configuration. Workaround c++ protobuf issue with importing
 * services: https://github.com/google/protobuf/issues/4221 and protoxform to upgrade the file.
 */
export interface LdsDummy__Output {
}
