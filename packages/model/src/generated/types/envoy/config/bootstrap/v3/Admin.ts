// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/config/bootstrap/v3/bootstrap.proto

import type { Address as _envoy_config_core_v3_Address, Address__Output as _envoy_config_core_v3_Address__Output } from '../../../../envoy/config/core/v3/Address.js';
import type { SocketOption as _envoy_config_core_v3_SocketOption, SocketOption__Output as _envoy_config_core_v3_SocketOption__Output } from '../../../../envoy/config/core/v3/SocketOption.js';
import type { AccessLog as _envoy_config_accesslog_v3_AccessLog, AccessLog__Output as _envoy_config_accesslog_v3_AccessLog__Output } from '../../../../envoy/config/accesslog/v3/AccessLog.js';

/**
 * Administration interface :ref:`operations documentation
 * <operations_admin_interface>`.
 * [#next-free-field: 7]
 */
export interface Admin {
  /**
   * The path to write the access log for the administration server. If no
   * access log is desired specify ‘/dev/null’. This is only required if
   * :ref:`address <envoy_v3_api_field_config.bootstrap.v3.Admin.address>` is set.
   * Deprecated in favor of ``access_log`` which offers more options.
   * @deprecated
   */
  'access_log_path'?: (string);
  /**
   * The cpu profiler output path for the administration server. If no profile
   * path is specified, the default is ‘/var/log/envoy/envoy.prof’.
   */
  'profile_path'?: (string);
  /**
   * The TCP address that the administration server will listen on.
   * If not specified, Envoy will not start an administration server.
   */
  'address'?: (_envoy_config_core_v3_Address | null);
  /**
   * Additional socket options that may not be present in Envoy source code or
   * precompiled binaries.
   */
  'socket_options'?: (_envoy_config_core_v3_SocketOption)[];
  /**
   * Configuration for :ref:`access logs <arch_overview_access_logs>`
   * emitted by the administration server.
   */
  'access_log'?: (_envoy_config_accesslog_v3_AccessLog)[];
  /**
   * Indicates whether :ref:`global_downstream_max_connections <config_overload_manager_limiting_connections>`
   * should apply to the admin interface or not.
   */
  'ignore_global_conn_limit'?: (boolean);
}

/**
 * Administration interface :ref:`operations documentation
 * <operations_admin_interface>`.
 * [#next-free-field: 7]
 */
export interface Admin__Output {
  /**
   * The path to write the access log for the administration server. If no
   * access log is desired specify ‘/dev/null’. This is only required if
   * :ref:`address <envoy_v3_api_field_config.bootstrap.v3.Admin.address>` is set.
   * Deprecated in favor of ``access_log`` which offers more options.
   * @deprecated
   */
  'access_log_path'?: (string);
  /**
   * The cpu profiler output path for the administration server. If no profile
   * path is specified, the default is ‘/var/log/envoy/envoy.prof’.
   */
  'profile_path'?: (string);
  /**
   * The TCP address that the administration server will listen on.
   * If not specified, Envoy will not start an administration server.
   */
  'address'?: (_envoy_config_core_v3_Address__Output);
  /**
   * Additional socket options that may not be present in Envoy source code or
   * precompiled binaries.
   */
  'socket_options'?: (_envoy_config_core_v3_SocketOption__Output)[];
  /**
   * Configuration for :ref:`access logs <arch_overview_access_logs>`
   * emitted by the administration server.
   */
  'access_log'?: (_envoy_config_accesslog_v3_AccessLog__Output)[];
  /**
   * Indicates whether :ref:`global_downstream_max_connections <config_overload_manager_limiting_connections>`
   * should apply to the admin interface or not.
   */
  'ignore_global_conn_limit'?: (boolean);
}
