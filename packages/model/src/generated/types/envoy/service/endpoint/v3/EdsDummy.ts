// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/service/endpoint/v3/eds.proto


/**
 * [#not-implemented-hide:] Not configuration. Workaround c++ protobuf issue with importing
 * services: https://github.com/google/protobuf/issues/4221 and protoxform to upgrade the file.
 */
export interface EdsDummy {
}

/**
 * [#not-implemented-hide:] Not configuration. Workaround c++ protobuf issue with importing
 * services: https://github.com/google/protobuf/issues/4221 and protoxform to upgrade the file.
 */
export interface EdsDummy__Output {
}
