// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/access_loggers/file/v3/file.proto

import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../../../../google/protobuf/Struct.js';
import type { SubstitutionFormatString as _envoy_config_core_v3_SubstitutionFormatString, SubstitutionFormatString__Output as _envoy_config_core_v3_SubstitutionFormatString__Output } from '../../../../../envoy/config/core/v3/SubstitutionFormatString.js';

/**
 * Custom configuration for an :ref:`AccessLog <envoy_v3_api_msg_config.accesslog.v3.AccessLog>`
 * that writes log entries directly to a file. Configures the built-in ``envoy.access_loggers.file``
 * AccessLog.
 * [#next-free-field: 6]
 */
export interface FileAccessLog {
  /**
   * A path to a local file to which to write the access log entries.
   */
  'path'?: (string);
  /**
   * Access log :ref:`format string<config_access_log_format_strings>`.
   * Envoy supports :ref:`custom access log formats <config_access_log_format>` as well as a
   * :ref:`default format <config_access_log_default_format>`.
   * This field is deprecated.
   * Please use :ref:`log_format <envoy_v3_api_field_extensions.access_loggers.file.v3.FileAccessLog.log_format>`.
   * @deprecated
   */
  'format'?: (string);
  /**
   * Access log :ref:`format dictionary<config_access_log_format_dictionaries>`. All values
   * are rendered as strings.
   * This field is deprecated.
   * Please use :ref:`log_format <envoy_v3_api_field_extensions.access_loggers.file.v3.FileAccessLog.log_format>`.
   * @deprecated
   */
  'json_format'?: (_google_protobuf_Struct | null);
  /**
   * Access log :ref:`format dictionary<config_access_log_format_dictionaries>`. Values are
   * rendered as strings, numbers, or boolean values as appropriate. Nested JSON objects may
   * be produced by some command operators (e.g.FILTER_STATE or DYNAMIC_METADATA). See the
   * documentation for a specific command operator for details.
   * This field is deprecated.
   * Please use :ref:`log_format <envoy_v3_api_field_extensions.access_loggers.file.v3.FileAccessLog.log_format>`.
   * @deprecated
   */
  'typed_json_format'?: (_google_protobuf_Struct | null);
  /**
   * Configuration to form access log data and format.
   * If not specified, use :ref:`default format <config_access_log_default_format>`.
   */
  'log_format'?: (_envoy_config_core_v3_SubstitutionFormatString | null);
  'access_log_format'?: "format"|"json_format"|"typed_json_format"|"log_format";
}

/**
 * Custom configuration for an :ref:`AccessLog <envoy_v3_api_msg_config.accesslog.v3.AccessLog>`
 * that writes log entries directly to a file. Configures the built-in ``envoy.access_loggers.file``
 * AccessLog.
 * [#next-free-field: 6]
 */
export interface FileAccessLog__Output {
  /**
   * A path to a local file to which to write the access log entries.
   */
  'path'?: (string);
  /**
   * Access log :ref:`format string<config_access_log_format_strings>`.
   * Envoy supports :ref:`custom access log formats <config_access_log_format>` as well as a
   * :ref:`default format <config_access_log_default_format>`.
   * This field is deprecated.
   * Please use :ref:`log_format <envoy_v3_api_field_extensions.access_loggers.file.v3.FileAccessLog.log_format>`.
   * @deprecated
   */
  'format'?: (string);
  /**
   * Access log :ref:`format dictionary<config_access_log_format_dictionaries>`. All values
   * are rendered as strings.
   * This field is deprecated.
   * Please use :ref:`log_format <envoy_v3_api_field_extensions.access_loggers.file.v3.FileAccessLog.log_format>`.
   * @deprecated
   */
  'json_format'?: (_google_protobuf_Struct__Output);
  /**
   * Access log :ref:`format dictionary<config_access_log_format_dictionaries>`. Values are
   * rendered as strings, numbers, or boolean values as appropriate. Nested JSON objects may
   * be produced by some command operators (e.g.FILTER_STATE or DYNAMIC_METADATA). See the
   * documentation for a specific command operator for details.
   * This field is deprecated.
   * Please use :ref:`log_format <envoy_v3_api_field_extensions.access_loggers.file.v3.FileAccessLog.log_format>`.
   * @deprecated
   */
  'typed_json_format'?: (_google_protobuf_Struct__Output);
  /**
   * Configuration to form access log data and format.
   * If not specified, use :ref:`default format <config_access_log_default_format>`.
   */
  'log_format'?: (_envoy_config_core_v3_SubstitutionFormatString__Output);
  'access_log_format'?: "format"|"json_format"|"typed_json_format"|"log_format";
}
