// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/admin/v3/server_info.proto

import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../../google/protobuf/Duration.js';
import type { Long } from '../../../../long.js';

// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/admin/v3/server_info.proto

export const _envoy_admin_v3_CommandLineOptions_DrainStrategy = {
  /**
   * Gradually discourage connections over the course of the drain period.
   */
  Gradual: 'Gradual',
  /**
   * Discourage all connections for the duration of the drain sequence.
   */
  Immediate: 'Immediate',
} as const;

export type _envoy_admin_v3_CommandLineOptions_DrainStrategy =
  /**
   * Gradually discourage connections over the course of the drain period.
   */
  | 'Gradual'
  | 0
  /**
   * Discourage all connections for the duration of the drain sequence.
   */
  | 'Immediate'
  | 1

export type _envoy_admin_v3_CommandLineOptions_DrainStrategy__Output = typeof _envoy_admin_v3_CommandLineOptions_DrainStrategy[keyof typeof _envoy_admin_v3_CommandLineOptions_DrainStrategy]

// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/admin/v3/server_info.proto

export const _envoy_admin_v3_CommandLineOptions_IpVersion = {
  v4: 'v4',
  v6: 'v6',
} as const;

export type _envoy_admin_v3_CommandLineOptions_IpVersion =
  | 'v4'
  | 0
  | 'v6'
  | 1

export type _envoy_admin_v3_CommandLineOptions_IpVersion__Output = typeof _envoy_admin_v3_CommandLineOptions_IpVersion[keyof typeof _envoy_admin_v3_CommandLineOptions_IpVersion]

// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/admin/v3/server_info.proto

export const _envoy_admin_v3_CommandLineOptions_Mode = {
  /**
   * Validate configs and then serve traffic normally.
   */
  Serve: 'Serve',
  /**
   * Validate configs and exit.
   */
  Validate: 'Validate',
  /**
   * Completely load and initialize the config, and then exit without running the listener loop.
   */
  InitOnly: 'InitOnly',
} as const;

export type _envoy_admin_v3_CommandLineOptions_Mode =
  /**
   * Validate configs and then serve traffic normally.
   */
  | 'Serve'
  | 0
  /**
   * Validate configs and exit.
   */
  | 'Validate'
  | 1
  /**
   * Completely load and initialize the config, and then exit without running the listener loop.
   */
  | 'InitOnly'
  | 2

export type _envoy_admin_v3_CommandLineOptions_Mode__Output = typeof _envoy_admin_v3_CommandLineOptions_Mode[keyof typeof _envoy_admin_v3_CommandLineOptions_Mode]

/**
 * [#next-free-field: 41]
 */
export interface CommandLineOptions {
  /**
   * See :option:`--base-id` for details.
   */
  'base_id'?: (number | string | Long);
  /**
   * See :option:`--concurrency` for details.
   */
  'concurrency'?: (number);
  /**
   * See :option:`--config-path` for details.
   */
  'config_path'?: (string);
  /**
   * See :option:`--config-yaml` for details.
   */
  'config_yaml'?: (string);
  /**
   * See :option:`--allow-unknown-static-fields` for details.
   */
  'allow_unknown_static_fields'?: (boolean);
  /**
   * See :option:`--admin-address-path` for details.
   */
  'admin_address_path'?: (string);
  /**
   * See :option:`--local-address-ip-version` for details.
   */
  'local_address_ip_version'?: (_envoy_admin_v3_CommandLineOptions_IpVersion);
  /**
   * See :option:`--log-level` for details.
   */
  'log_level'?: (string);
  /**
   * See :option:`--component-log-level` for details.
   */
  'component_log_level'?: (string);
  /**
   * See :option:`--log-format` for details.
   */
  'log_format'?: (string);
  /**
   * See :option:`--log-path` for details.
   */
  'log_path'?: (string);
  /**
   * See :option:`--service-cluster` for details.
   */
  'service_cluster'?: (string);
  /**
   * See :option:`--service-node` for details.
   */
  'service_node'?: (string);
  /**
   * See :option:`--service-zone` for details.
   */
  'service_zone'?: (string);
  /**
   * See :option:`--file-flush-interval-msec` for details.
   */
  'file_flush_interval'?: (_google_protobuf_Duration | null);
  /**
   * See :option:`--drain-time-s` for details.
   */
  'drain_time'?: (_google_protobuf_Duration | null);
  /**
   * See :option:`--parent-shutdown-time-s` for details.
   */
  'parent_shutdown_time'?: (_google_protobuf_Duration | null);
  /**
   * See :option:`--mode` for details.
   */
  'mode'?: (_envoy_admin_v3_CommandLineOptions_Mode);
  /**
   * See :option:`--disable-hot-restart` for details.
   */
  'disable_hot_restart'?: (boolean);
  /**
   * See :option:`--enable-mutex-tracing` for details.
   */
  'enable_mutex_tracing'?: (boolean);
  /**
   * See :option:`--restart-epoch` for details.
   */
  'restart_epoch'?: (number);
  /**
   * See :option:`--cpuset-threads` for details.
   */
  'cpuset_threads'?: (boolean);
  /**
   * See :option:`--reject-unknown-dynamic-fields` for details.
   */
  'reject_unknown_dynamic_fields'?: (boolean);
  /**
   * See :option:`--log-format-escaped` for details.
   */
  'log_format_escaped'?: (boolean);
  /**
   * See :option:`--disable-extensions` for details.
   */
  'disabled_extensions'?: (string)[];
  /**
   * See :option:`--ignore-unknown-dynamic-fields` for details.
   */
  'ignore_unknown_dynamic_fields'?: (boolean);
  /**
   * See :option:`--use-dynamic-base-id` for details.
   */
  'use_dynamic_base_id'?: (boolean);
  /**
   * See :option:`--base-id-path` for details.
   */
  'base_id_path'?: (string);
  /**
   * See :option:`--drain-strategy` for details.
   */
  'drain_strategy'?: (_envoy_admin_v3_CommandLineOptions_DrainStrategy);
  /**
   * See :option:`--enable-fine-grain-logging` for details.
   */
  'enable_fine_grain_logging'?: (boolean);
  /**
   * See :option:`--socket-path` for details.
   */
  'socket_path'?: (string);
  /**
   * See :option:`--socket-mode` for details.
   */
  'socket_mode'?: (number);
  /**
   * See :option:`--enable-core-dump` for details.
   */
  'enable_core_dump'?: (boolean);
  /**
   * See :option:`--stats-tag` for details.
   */
  'stats_tag'?: (string)[];
  /**
   * See :option:`--skip-hot-restart-on-no-parent` for details.
   */
  'skip_hot_restart_on_no_parent'?: (boolean);
  /**
   * See :option:`--skip-hot-restart-parent-stats` for details.
   */
  'skip_hot_restart_parent_stats'?: (boolean);
}

/**
 * [#next-free-field: 41]
 */
export interface CommandLineOptions__Output {
  /**
   * See :option:`--base-id` for details.
   */
  'base_id'?: (string);
  /**
   * See :option:`--concurrency` for details.
   */
  'concurrency'?: (number);
  /**
   * See :option:`--config-path` for details.
   */
  'config_path'?: (string);
  /**
   * See :option:`--config-yaml` for details.
   */
  'config_yaml'?: (string);
  /**
   * See :option:`--allow-unknown-static-fields` for details.
   */
  'allow_unknown_static_fields'?: (boolean);
  /**
   * See :option:`--admin-address-path` for details.
   */
  'admin_address_path'?: (string);
  /**
   * See :option:`--local-address-ip-version` for details.
   */
  'local_address_ip_version'?: (_envoy_admin_v3_CommandLineOptions_IpVersion__Output);
  /**
   * See :option:`--log-level` for details.
   */
  'log_level'?: (string);
  /**
   * See :option:`--component-log-level` for details.
   */
  'component_log_level'?: (string);
  /**
   * See :option:`--log-format` for details.
   */
  'log_format'?: (string);
  /**
   * See :option:`--log-path` for details.
   */
  'log_path'?: (string);
  /**
   * See :option:`--service-cluster` for details.
   */
  'service_cluster'?: (string);
  /**
   * See :option:`--service-node` for details.
   */
  'service_node'?: (string);
  /**
   * See :option:`--service-zone` for details.
   */
  'service_zone'?: (string);
  /**
   * See :option:`--file-flush-interval-msec` for details.
   */
  'file_flush_interval'?: (_google_protobuf_Duration__Output);
  /**
   * See :option:`--drain-time-s` for details.
   */
  'drain_time'?: (_google_protobuf_Duration__Output);
  /**
   * See :option:`--parent-shutdown-time-s` for details.
   */
  'parent_shutdown_time'?: (_google_protobuf_Duration__Output);
  /**
   * See :option:`--mode` for details.
   */
  'mode'?: (_envoy_admin_v3_CommandLineOptions_Mode__Output);
  /**
   * See :option:`--disable-hot-restart` for details.
   */
  'disable_hot_restart'?: (boolean);
  /**
   * See :option:`--enable-mutex-tracing` for details.
   */
  'enable_mutex_tracing'?: (boolean);
  /**
   * See :option:`--restart-epoch` for details.
   */
  'restart_epoch'?: (number);
  /**
   * See :option:`--cpuset-threads` for details.
   */
  'cpuset_threads'?: (boolean);
  /**
   * See :option:`--reject-unknown-dynamic-fields` for details.
   */
  'reject_unknown_dynamic_fields'?: (boolean);
  /**
   * See :option:`--log-format-escaped` for details.
   */
  'log_format_escaped'?: (boolean);
  /**
   * See :option:`--disable-extensions` for details.
   */
  'disabled_extensions'?: (string)[];
  /**
   * See :option:`--ignore-unknown-dynamic-fields` for details.
   */
  'ignore_unknown_dynamic_fields'?: (boolean);
  /**
   * See :option:`--use-dynamic-base-id` for details.
   */
  'use_dynamic_base_id'?: (boolean);
  /**
   * See :option:`--base-id-path` for details.
   */
  'base_id_path'?: (string);
  /**
   * See :option:`--drain-strategy` for details.
   */
  'drain_strategy'?: (_envoy_admin_v3_CommandLineOptions_DrainStrategy__Output);
  /**
   * See :option:`--enable-fine-grain-logging` for details.
   */
  'enable_fine_grain_logging'?: (boolean);
  /**
   * See :option:`--socket-path` for details.
   */
  'socket_path'?: (string);
  /**
   * See :option:`--socket-mode` for details.
   */
  'socket_mode'?: (number);
  /**
   * See :option:`--enable-core-dump` for details.
   */
  'enable_core_dump'?: (boolean);
  /**
   * See :option:`--stats-tag` for details.
   */
  'stats_tag'?: (string)[];
  /**
   * See :option:`--skip-hot-restart-on-no-parent` for details.
   */
  'skip_hot_restart_on_no_parent'?: (boolean);
  /**
   * See :option:`--skip-hot-restart-parent-stats` for details.
   */
  'skip_hot_restart_parent_stats'?: (boolean);
}
