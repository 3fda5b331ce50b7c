// Original file: @grpc/grpc-js-xds/deps/xds/xds/annotations/v3/status.proto


export interface MessageStatusAnnotation {
  /**
   * The entity is work-in-progress and subject to breaking changes.
   */
  'work_in_progress'?: (boolean);
}

export interface MessageStatusAnnotation__Output {
  /**
   * The entity is work-in-progress and subject to breaking changes.
   */
  'work_in_progress'?: (boolean);
}
