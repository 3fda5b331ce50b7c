// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/access_loggers/stream/v3/stream.proto

import type { SubstitutionFormatString as _envoy_config_core_v3_SubstitutionFormatString, SubstitutionFormatString__Output as _envoy_config_core_v3_SubstitutionFormatString__Output } from '../../../../../envoy/config/core/v3/SubstitutionFormatString.js';

/**
 * Custom configuration for an :ref:`AccessLog <envoy_v3_api_msg_config.accesslog.v3.AccessLog>`
 * that writes log entries directly to the operating system's standard output.
 * [#extension: envoy.access_loggers.stdout]
 */
export interface StdoutAccessLog {
  /**
   * Configuration to form access log data and format.
   * If not specified, use :ref:`default format <config_access_log_default_format>`.
   */
  'log_format'?: (_envoy_config_core_v3_SubstitutionFormatString | null);
  'access_log_format'?: "log_format";
}

/**
 * Custom configuration for an :ref:`AccessLog <envoy_v3_api_msg_config.accesslog.v3.AccessLog>`
 * that writes log entries directly to the operating system's standard output.
 * [#extension: envoy.access_loggers.stdout]
 */
export interface StdoutAccessLog__Output {
  /**
   * Configuration to form access log data and format.
   * If not specified, use :ref:`default format <config_access_log_default_format>`.
   */
  'log_format'?: (_envoy_config_core_v3_SubstitutionFormatString__Output);
  'access_log_format'?: "log_format";
}
