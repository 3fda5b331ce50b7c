// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/service/route/v3/rds.proto


/**
 * [#not-implemented-hide:] Not configuration. Workaround c++ protobuf issue with importing
 * services: https://github.com/google/protobuf/issues/4221 and protoxform to upgrade the file.
 */
export interface RdsDummy {
}

/**
 * [#not-implemented-hide:] Not configuration. Workaround c++ protobuf issue with importing
 * services: https://github.com/google/protobuf/issues/4221 and protoxform to upgrade the file.
 */
export interface RdsDummy__Output {
}
