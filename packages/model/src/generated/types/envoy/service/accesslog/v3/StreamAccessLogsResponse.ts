// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/service/accesslog/v3/als.proto


/**
 * Empty response for the StreamAccessLogs API. Will never be sent. See below.
 */
export interface StreamAccessLogsResponse {
}

/**
 * Empty response for the StreamAccessLogs API. Will never be sent. See below.
 */
export interface StreamAccessLogsResponse__Output {
}
