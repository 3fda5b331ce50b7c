// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/retry/host/previous_hosts/v3/previous_hosts.proto


export interface PreviousHostsPredicate {
}

export interface PreviousHostsPredicate__Output {
}
