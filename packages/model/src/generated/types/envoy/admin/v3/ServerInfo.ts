// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/admin/v3/server_info.proto

import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../../google/protobuf/Duration.js';
import type { CommandLineOptions as _envoy_admin_v3_CommandLineOptions, CommandLineOptions__Output as _envoy_admin_v3_CommandLineOptions__Output } from '../../../envoy/admin/v3/CommandLineOptions.js';
import type { Node as _envoy_config_core_v3_Node, Node__Output as _envoy_config_core_v3_Node__Output } from '../../../envoy/config/core/v3/Node.js';

// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/admin/v3/server_info.proto

export const _envoy_admin_v3_ServerInfo_State = {
  /**
   * Server is live and serving traffic.
   */
  LIVE: 'LIVE',
  /**
   * Server is draining listeners in response to external health checks failing.
   */
  DRAINING: 'DRAINING',
  /**
   * Server has not yet completed cluster manager initialization.
   */
  PRE_INITIALIZING: 'PRE_INITIALIZING',
  /**
   * Server is running the cluster manager initialization callbacks (e.g., RDS).
   */
  INITIALIZING: 'INITIALIZING',
} as const;

export type _envoy_admin_v3_ServerInfo_State =
  /**
   * Server is live and serving traffic.
   */
  | 'LIVE'
  | 0
  /**
   * Server is draining listeners in response to external health checks failing.
   */
  | 'DRAINING'
  | 1
  /**
   * Server has not yet completed cluster manager initialization.
   */
  | 'PRE_INITIALIZING'
  | 2
  /**
   * Server is running the cluster manager initialization callbacks (e.g., RDS).
   */
  | 'INITIALIZING'
  | 3

export type _envoy_admin_v3_ServerInfo_State__Output = typeof _envoy_admin_v3_ServerInfo_State[keyof typeof _envoy_admin_v3_ServerInfo_State]

/**
 * Proto representation of the value returned by /server_info, containing
 * server version/server status information.
 * [#next-free-field: 8]
 */
export interface ServerInfo {
  /**
   * Server version.
   */
  'version'?: (string);
  /**
   * State of the server.
   */
  'state'?: (_envoy_admin_v3_ServerInfo_State);
  /**
   * Uptime since current epoch was started.
   */
  'uptime_current_epoch'?: (_google_protobuf_Duration | null);
  /**
   * Uptime since the start of the first epoch.
   */
  'uptime_all_epochs'?: (_google_protobuf_Duration | null);
  /**
   * Hot restart version.
   */
  'hot_restart_version'?: (string);
  /**
   * Command line options the server is currently running with.
   */
  'command_line_options'?: (_envoy_admin_v3_CommandLineOptions | null);
  /**
   * Populated node identity of this server.
   */
  'node'?: (_envoy_config_core_v3_Node | null);
}

/**
 * Proto representation of the value returned by /server_info, containing
 * server version/server status information.
 * [#next-free-field: 8]
 */
export interface ServerInfo__Output {
  /**
   * Server version.
   */
  'version'?: (string);
  /**
   * State of the server.
   */
  'state'?: (_envoy_admin_v3_ServerInfo_State__Output);
  /**
   * Uptime since current epoch was started.
   */
  'uptime_current_epoch'?: (_google_protobuf_Duration__Output);
  /**
   * Uptime since the start of the first epoch.
   */
  'uptime_all_epochs'?: (_google_protobuf_Duration__Output);
  /**
   * Hot restart version.
   */
  'hot_restart_version'?: (string);
  /**
   * Command line options the server is currently running with.
   */
  'command_line_options'?: (_envoy_admin_v3_CommandLineOptions__Output);
  /**
   * Populated node identity of this server.
   */
  'node'?: (_envoy_config_core_v3_Node__Output);
}
