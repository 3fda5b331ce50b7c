// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/annotations/resource.proto


export interface ResourceAnnotation {
  /**
   * Annotation for xDS services that indicates the fully-qualified Protobuf type for the resource
   * type.
   */
  'type'?: (string);
}

export interface ResourceAnnotation__Output {
  /**
   * Annotation for xDS services that indicates the fully-qualified Protobuf type for the resource
   * type.
   */
  'type'?: (string);
}
