// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/admin/v3/clusters.proto

import type { ClusterStatus as _envoy_admin_v3_ClusterStatus, ClusterStatus__Output as _envoy_admin_v3_ClusterStatus__Output } from '../../../envoy/admin/v3/ClusterStatus.js';

/**
 * Admin endpoint uses this wrapper for ``/clusters`` to display cluster status information.
 * See :ref:`/clusters <operations_admin_interface_clusters>` for more information.
 */
export interface Clusters {
  /**
   * Mapping from cluster name to each cluster's status.
   */
  'cluster_statuses'?: (_envoy_admin_v3_ClusterStatus)[];
}

/**
 * Admin endpoint uses this wrapper for ``/clusters`` to display cluster status information.
 * See :ref:`/clusters <operations_admin_interface_clusters>` for more information.
 */
export interface Clusters__Output {
  /**
   * Mapping from cluster name to each cluster's status.
   */
  'cluster_statuses'?: (_envoy_admin_v3_ClusterStatus__Output)[];
}
