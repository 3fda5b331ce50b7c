// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/admin/v3/clusters.proto

import type { Address as _envoy_config_core_v3_Address, Address__Output as _envoy_config_core_v3_Address__Output } from '../../../envoy/config/core/v3/Address.js';
import type { SimpleMetric as _envoy_admin_v3_SimpleMetric, SimpleMetric__Output as _envoy_admin_v3_SimpleMetric__Output } from '../../../envoy/admin/v3/SimpleMetric.js';
import type { HostHealthStatus as _envoy_admin_v3_HostHealthStatus, HostHealthStatus__Output as _envoy_admin_v3_HostHealthStatus__Output } from '../../../envoy/admin/v3/HostHealthStatus.js';
import type { Percent as _envoy_type_v3_Percent, Percent__Output as _envoy_type_v3_Percent__Output } from '../../../envoy/type/v3/Percent.js';
import type { Locality as _envoy_config_core_v3_Locality, Locality__Output as _envoy_config_core_v3_Locality__Output } from '../../../envoy/config/core/v3/Locality.js';

/**
 * Current state of a particular host.
 * [#next-free-field: 10]
 */
export interface HostStatus {
  /**
   * Address of this host.
   */
  'address'?: (_envoy_config_core_v3_Address | null);
  /**
   * List of stats specific to this host.
   */
  'stats'?: (_envoy_admin_v3_SimpleMetric)[];
  /**
   * The host's current health status.
   */
  'health_status'?: (_envoy_admin_v3_HostHealthStatus | null);
  /**
   * Request success rate for this host over the last calculated interval.
   * If
   * :ref:`outlier_detection.split_external_local_origin_errors<envoy_v3_api_field_config.cluster.v3.OutlierDetection.split_external_local_origin_errors>`
   * is ``false``, all errors: externally and locally generated were used in success rate
   * calculation. If
   * :ref:`outlier_detection.split_external_local_origin_errors<envoy_v3_api_field_config.cluster.v3.OutlierDetection.split_external_local_origin_errors>`
   * is ``true``, only externally generated errors were used in success rate calculation.
   * See :ref:`Cluster outlier detection <arch_overview_outlier_detection>` documentation for
   * details.
   * 
   * Note: the message will not be present if host did not have enough request volume to calculate
   * success rate or the cluster did not have enough hosts to run through success rate outlier
   * ejection.
   */
  'success_rate'?: (_envoy_type_v3_Percent | null);
  /**
   * The host's weight. If not configured, the value defaults to 1.
   */
  'weight'?: (number);
  /**
   * The hostname of the host, if applicable.
   */
  'hostname'?: (string);
  /**
   * The host's priority. If not configured, the value defaults to 0 (highest priority).
   */
  'priority'?: (number);
  /**
   * Request success rate for this host over the last calculated
   * interval when only locally originated errors are taken into account and externally originated
   * errors were treated as success.
   * This field should be interpreted only when
   * :ref:`outlier_detection.split_external_local_origin_errors<envoy_v3_api_field_config.cluster.v3.OutlierDetection.split_external_local_origin_errors>`
   * is ``true``.
   * See :ref:`Cluster outlier detection <arch_overview_outlier_detection>` documentation for
   * details.
   * 
   * Note: the message will not be present if host did not have enough request volume to calculate
   * success rate or the cluster did not have enough hosts to run through success rate outlier
   * ejection.
   */
  'local_origin_success_rate'?: (_envoy_type_v3_Percent | null);
  /**
   * locality of the host.
   */
  'locality'?: (_envoy_config_core_v3_Locality | null);
}

/**
 * Current state of a particular host.
 * [#next-free-field: 10]
 */
export interface HostStatus__Output {
  /**
   * Address of this host.
   */
  'address'?: (_envoy_config_core_v3_Address__Output);
  /**
   * List of stats specific to this host.
   */
  'stats'?: (_envoy_admin_v3_SimpleMetric__Output)[];
  /**
   * The host's current health status.
   */
  'health_status'?: (_envoy_admin_v3_HostHealthStatus__Output);
  /**
   * Request success rate for this host over the last calculated interval.
   * If
   * :ref:`outlier_detection.split_external_local_origin_errors<envoy_v3_api_field_config.cluster.v3.OutlierDetection.split_external_local_origin_errors>`
   * is ``false``, all errors: externally and locally generated were used in success rate
   * calculation. If
   * :ref:`outlier_detection.split_external_local_origin_errors<envoy_v3_api_field_config.cluster.v3.OutlierDetection.split_external_local_origin_errors>`
   * is ``true``, only externally generated errors were used in success rate calculation.
   * See :ref:`Cluster outlier detection <arch_overview_outlier_detection>` documentation for
   * details.
   * 
   * Note: the message will not be present if host did not have enough request volume to calculate
   * success rate or the cluster did not have enough hosts to run through success rate outlier
   * ejection.
   */
  'success_rate'?: (_envoy_type_v3_Percent__Output);
  /**
   * The host's weight. If not configured, the value defaults to 1.
   */
  'weight'?: (number);
  /**
   * The hostname of the host, if applicable.
   */
  'hostname'?: (string);
  /**
   * The host's priority. If not configured, the value defaults to 0 (highest priority).
   */
  'priority'?: (number);
  /**
   * Request success rate for this host over the last calculated
   * interval when only locally originated errors are taken into account and externally originated
   * errors were treated as success.
   * This field should be interpreted only when
   * :ref:`outlier_detection.split_external_local_origin_errors<envoy_v3_api_field_config.cluster.v3.OutlierDetection.split_external_local_origin_errors>`
   * is ``true``.
   * See :ref:`Cluster outlier detection <arch_overview_outlier_detection>` documentation for
   * details.
   * 
   * Note: the message will not be present if host did not have enough request volume to calculate
   * success rate or the cluster did not have enough hosts to run through success rate outlier
   * ejection.
   */
  'local_origin_success_rate'?: (_envoy_type_v3_Percent__Output);
  /**
   * locality of the host.
   */
  'locality'?: (_envoy_config_core_v3_Locality__Output);
}
