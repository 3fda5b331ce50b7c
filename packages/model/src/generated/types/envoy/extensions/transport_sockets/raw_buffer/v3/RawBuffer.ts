// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/transport_sockets/raw_buffer/v3/raw_buffer.proto


/**
 * Configuration for raw buffer transport socket.
 */
export interface RawBuffer {
}

/**
 * Configuration for raw buffer transport socket.
 */
export interface RawBuffer__Output {
}
