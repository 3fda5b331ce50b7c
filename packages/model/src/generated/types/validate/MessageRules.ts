// Original file: @grpc/grpc-js-xds/deps/protoc-gen-validate/validate/validate.proto


/**
 * MessageRules describe the constraints applied to embedded message values.
 * For message-type fields, validation is performed recursively.
 */
export interface MessageRules {
  /**
   * Skip specifies that the validation rules of this field should not be
   * evaluated
   */
  'skip'?: (boolean);
  /**
   * Required specifies that this field must be set
   */
  'required'?: (boolean);
}

/**
 * MessageRules describe the constraints applied to embedded message values.
 * For message-type fields, validation is performed recursively.
 */
export interface MessageRules__Output {
  /**
   * Skip specifies that the validation rules of this field should not be
   * evaluated
   */
  'skip'?: (boolean);
  /**
   * Required specifies that this field must be set
   */
  'required'?: (boolean);
}
