// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/common/ratelimit/v3/ratelimit.proto


/**
 * Configuration used to enable local cluster level rate limiting where the token buckets
 * will be shared across all the Envoy instances in the local cluster.
 * A share will be calculated based on the membership of the local cluster dynamically
 * and the configuration. When the limiter refilling the token bucket, the share will be
 * applied. By default, the token bucket will be shared evenly.
 * 
 * See :ref:`local cluster name
 * <envoy_v3_api_field_config.bootstrap.v3.ClusterManager.local_cluster_name>` for more context
 * about local cluster.
 */
export interface LocalClusterRateLimit {
}

/**
 * Configuration used to enable local cluster level rate limiting where the token buckets
 * will be shared across all the Envoy instances in the local cluster.
 * A share will be calculated based on the membership of the local cluster dynamically
 * and the configuration. When the limiter refilling the token bucket, the share will be
 * applied. By default, the token bucket will be shared evenly.
 * 
 * See :ref:`local cluster name
 * <envoy_v3_api_field_config.bootstrap.v3.ClusterManager.local_cluster_name>` for more context
 * about local cluster.
 */
export interface LocalClusterRateLimit__Output {
}
