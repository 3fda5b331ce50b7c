// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/grpc_web/v3/grpc_web.proto


/**
 * gRPC Web filter config.
 */
export interface GrpcWeb {
}

/**
 * gRPC Web filter config.
 */
export interface GrpcWeb__Output {
}
