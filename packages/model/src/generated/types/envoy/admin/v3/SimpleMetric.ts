// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/admin/v3/metrics.proto

import type { Long } from '../../../../long.js';

// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/admin/v3/metrics.proto

export const _envoy_admin_v3_SimpleMetric_Type = {
  COUNTER: 'COUNTER',
  GAUGE: 'GAUGE',
} as const;

export type _envoy_admin_v3_SimpleMetric_Type =
  | 'COUNTER'
  | 0
  | 'GAUGE'
  | 1

export type _envoy_admin_v3_SimpleMetric_Type__Output = typeof _envoy_admin_v3_SimpleMetric_Type[keyof typeof _envoy_admin_v3_SimpleMetric_Type]

/**
 * Proto representation of an Envoy Counter or Gauge value.
 */
export interface SimpleMetric {
  /**
   * Type of the metric represented.
   */
  'type'?: (_envoy_admin_v3_SimpleMetric_Type);
  /**
   * Current metric value.
   */
  'value'?: (number | string | Long);
  /**
   * Name of the metric.
   */
  'name'?: (string);
}

/**
 * Proto representation of an Envoy Counter or Gauge value.
 */
export interface SimpleMetric__Output {
  /**
   * Type of the metric represented.
   */
  'type'?: (_envoy_admin_v3_SimpleMetric_Type__Output);
  /**
   * Current metric value.
   */
  'value'?: (string);
  /**
   * Name of the metric.
   */
  'name'?: (string);
}
