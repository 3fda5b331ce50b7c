// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/config/core/v3/grpc_method_list.proto


export interface _envoy_config_core_v3_GrpcMethodList_Service {
  /**
   * The name of the gRPC service.
   */
  'name'?: (string);
  /**
   * The names of the gRPC methods in this service.
   */
  'method_names'?: (string)[];
}

export interface _envoy_config_core_v3_GrpcMethodList_Service__Output {
  /**
   * The name of the gRPC service.
   */
  'name'?: (string);
  /**
   * The names of the gRPC methods in this service.
   */
  'method_names'?: (string)[];
}

/**
 * A list of gRPC methods which can be used as an allowlist, for example.
 */
export interface GrpcMethodList {
  'services'?: (_envoy_config_core_v3_GrpcMethodList_Service)[];
}

/**
 * A list of gRPC methods which can be used as an allowlist, for example.
 */
export interface GrpcMethodList__Output {
  'services'?: (_envoy_config_core_v3_GrpcMethodList_Service__Output)[];
}
