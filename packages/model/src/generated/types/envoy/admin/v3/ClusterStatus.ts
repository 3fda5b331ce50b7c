// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/admin/v3/clusters.proto

import type { Percent as _envoy_type_v3_Percent, Percent__Output as _envoy_type_v3_Percent__Output } from '../../../envoy/type/v3/Percent.js';
import type { HostStatus as _envoy_admin_v3_HostStatus, HostStatus__Output as _envoy_admin_v3_HostStatus__Output } from '../../../envoy/admin/v3/HostStatus.js';
import type { CircuitBreakers as _envoy_config_cluster_v3_CircuitBreakers, CircuitBreakers__Output as _envoy_config_cluster_v3_CircuitBreakers__Output } from '../../../envoy/config/cluster/v3/CircuitBreakers.js';

/**
 * Details an individual cluster's current status.
 * [#next-free-field: 9]
 */
export interface ClusterStatus {
  /**
   * Name of the cluster.
   */
  'name'?: (string);
  /**
   * Denotes whether this cluster was added via API or configured statically.
   */
  'added_via_api'?: (boolean);
  /**
   * The success rate threshold used in the last interval.
   * If
   * :ref:`outlier_detection.split_external_local_origin_errors<envoy_v3_api_field_config.cluster.v3.OutlierDetection.split_external_local_origin_errors>`
   * is ``false``, all errors: externally and locally generated were used to calculate the threshold.
   * If
   * :ref:`outlier_detection.split_external_local_origin_errors<envoy_v3_api_field_config.cluster.v3.OutlierDetection.split_external_local_origin_errors>`
   * is ``true``, only externally generated errors were used to calculate the threshold.
   * The threshold is used to eject hosts based on their success rate. See
   * :ref:`Cluster outlier detection <arch_overview_outlier_detection>` documentation for details.
   * 
   * Note: this field may be omitted in any of the three following cases:
   * 
   * 1. There were not enough hosts with enough request volume to proceed with success rate based
   * outlier ejection.
   * 2. The threshold is computed to be < 0 because a negative value implies that there was no
   * threshold for that interval.
   * 3. Outlier detection is not enabled for this cluster.
   */
  'success_rate_ejection_threshold'?: (_envoy_type_v3_Percent | null);
  /**
   * Mapping from host address to the host's current status.
   */
  'host_statuses'?: (_envoy_admin_v3_HostStatus)[];
  /**
   * The success rate threshold used in the last interval when only locally originated failures were
   * taken into account and externally originated errors were treated as success.
   * This field should be interpreted only when
   * :ref:`outlier_detection.split_external_local_origin_errors<envoy_v3_api_field_config.cluster.v3.OutlierDetection.split_external_local_origin_errors>`
   * is ``true``. The threshold is used to eject hosts based on their success rate.
   * See :ref:`Cluster outlier detection <arch_overview_outlier_detection>` documentation for
   * details.
   * 
   * Note: this field may be omitted in any of the three following cases:
   * 
   * 1. There were not enough hosts with enough request volume to proceed with success rate based
   * outlier ejection.
   * 2. The threshold is computed to be < 0 because a negative value implies that there was no
   * threshold for that interval.
   * 3. Outlier detection is not enabled for this cluster.
   */
  'local_origin_success_rate_ejection_threshold'?: (_envoy_type_v3_Percent | null);
  /**
   * :ref:`Circuit breaking <arch_overview_circuit_break>` settings of the cluster.
   */
  'circuit_breakers'?: (_envoy_config_cluster_v3_CircuitBreakers | null);
  /**
   * Observability name of the cluster.
   */
  'observability_name'?: (string);
  /**
   * The :ref:`EDS service name <envoy_v3_api_field_config.cluster.v3.Cluster.EdsClusterConfig.service_name>` if the cluster is an EDS cluster.
   */
  'eds_service_name'?: (string);
}

/**
 * Details an individual cluster's current status.
 * [#next-free-field: 9]
 */
export interface ClusterStatus__Output {
  /**
   * Name of the cluster.
   */
  'name'?: (string);
  /**
   * Denotes whether this cluster was added via API or configured statically.
   */
  'added_via_api'?: (boolean);
  /**
   * The success rate threshold used in the last interval.
   * If
   * :ref:`outlier_detection.split_external_local_origin_errors<envoy_v3_api_field_config.cluster.v3.OutlierDetection.split_external_local_origin_errors>`
   * is ``false``, all errors: externally and locally generated were used to calculate the threshold.
   * If
   * :ref:`outlier_detection.split_external_local_origin_errors<envoy_v3_api_field_config.cluster.v3.OutlierDetection.split_external_local_origin_errors>`
   * is ``true``, only externally generated errors were used to calculate the threshold.
   * The threshold is used to eject hosts based on their success rate. See
   * :ref:`Cluster outlier detection <arch_overview_outlier_detection>` documentation for details.
   * 
   * Note: this field may be omitted in any of the three following cases:
   * 
   * 1. There were not enough hosts with enough request volume to proceed with success rate based
   * outlier ejection.
   * 2. The threshold is computed to be < 0 because a negative value implies that there was no
   * threshold for that interval.
   * 3. Outlier detection is not enabled for this cluster.
   */
  'success_rate_ejection_threshold'?: (_envoy_type_v3_Percent__Output);
  /**
   * Mapping from host address to the host's current status.
   */
  'host_statuses'?: (_envoy_admin_v3_HostStatus__Output)[];
  /**
   * The success rate threshold used in the last interval when only locally originated failures were
   * taken into account and externally originated errors were treated as success.
   * This field should be interpreted only when
   * :ref:`outlier_detection.split_external_local_origin_errors<envoy_v3_api_field_config.cluster.v3.OutlierDetection.split_external_local_origin_errors>`
   * is ``true``. The threshold is used to eject hosts based on their success rate.
   * See :ref:`Cluster outlier detection <arch_overview_outlier_detection>` documentation for
   * details.
   * 
   * Note: this field may be omitted in any of the three following cases:
   * 
   * 1. There were not enough hosts with enough request volume to proceed with success rate based
   * outlier ejection.
   * 2. The threshold is computed to be < 0 because a negative value implies that there was no
   * threshold for that interval.
   * 3. Outlier detection is not enabled for this cluster.
   */
  'local_origin_success_rate_ejection_threshold'?: (_envoy_type_v3_Percent__Output);
  /**
   * :ref:`Circuit breaking <arch_overview_circuit_break>` settings of the cluster.
   */
  'circuit_breakers'?: (_envoy_config_cluster_v3_CircuitBreakers__Output);
  /**
   * Observability name of the cluster.
   */
  'observability_name'?: (string);
  /**
   * The :ref:`EDS service name <envoy_v3_api_field_config.cluster.v3.Cluster.EdsClusterConfig.service_name>` if the cluster is an EDS cluster.
   */
  'eds_service_name'?: (string);
}
