// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/admin/v3/clusters.proto

import type { HealthStatus as _envoy_config_core_v3_HealthStatus, HealthStatus__Output as _envoy_config_core_v3_HealthStatus__Output } from '../../../envoy/config/core/v3/HealthStatus.js';

/**
 * Health status for a host.
 * [#next-free-field: 9]
 */
export interface HostHealthStatus {
  /**
   * The host is currently failing active health checks.
   */
  'failed_active_health_check'?: (boolean);
  /**
   * The host is currently considered an outlier and has been ejected.
   */
  'failed_outlier_check'?: (boolean);
  /**
   * Health status as reported by EDS. Note: only HEALTHY and UNHEALTHY are currently supported
   * here.
   * [#comment:TODO(mrice32): pipe through remaining EDS health status possibilities.]
   */
  'eds_health_status'?: (_envoy_config_core_v3_HealthStatus);
  /**
   * The host is currently being marked as degraded through active health checking.
   */
  'failed_active_degraded_check'?: (boolean);
  /**
   * The host has been removed from service discovery, but is being stabilized due to active
   * health checking.
   */
  'pending_dynamic_removal'?: (boolean);
  /**
   * The host has not yet been health checked.
   */
  'pending_active_hc'?: (boolean);
  /**
   * The host should be excluded from panic, spillover, etc. calculations because it was explicitly
   * taken out of rotation via protocol signal and is not meant to be routed to.
   */
  'excluded_via_immediate_hc_fail'?: (boolean);
  /**
   * The host failed active HC due to timeout.
   */
  'active_hc_timeout'?: (boolean);
}

/**
 * Health status for a host.
 * [#next-free-field: 9]
 */
export interface HostHealthStatus__Output {
  /**
   * The host is currently failing active health checks.
   */
  'failed_active_health_check'?: (boolean);
  /**
   * The host is currently considered an outlier and has been ejected.
   */
  'failed_outlier_check'?: (boolean);
  /**
   * Health status as reported by EDS. Note: only HEALTHY and UNHEALTHY are currently supported
   * here.
   * [#comment:TODO(mrice32): pipe through remaining EDS health status possibilities.]
   */
  'eds_health_status'?: (_envoy_config_core_v3_HealthStatus__Output);
  /**
   * The host is currently being marked as degraded through active health checking.
   */
  'failed_active_degraded_check'?: (boolean);
  /**
   * The host has been removed from service discovery, but is being stabilized due to active
   * health checking.
   */
  'pending_dynamic_removal'?: (boolean);
  /**
   * The host has not yet been health checked.
   */
  'pending_active_hc'?: (boolean);
  /**
   * The host should be excluded from panic, spillover, etc. calculations because it was explicitly
   * taken out of rotation via protocol signal and is not meant to be routed to.
   */
  'excluded_via_immediate_hc_fail'?: (boolean);
  /**
   * The host failed active HC due to timeout.
   */
  'active_hc_timeout'?: (boolean);
}
