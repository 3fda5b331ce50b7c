// Cluster.outlier_detection compiled, with Envoy's defaults (envoy/config/cluster/v3/outlier_detection.proto).
// Times are in ms, percentages in [0, 100], success_rate_stdev_factor already divided by 1000. A field the proxy
// cannot honour (`monitors`, a field Envoy hides as unsupported) is a ConfigRejectedError (a NACK naming the field).
import type { Cluster } from '@minimesh/model/xds';
import { ConfigRejectedError } from '../../errors.js';
import { boolValue, durationToMs, uint32Value } from '../../util/proto-values.js';

export interface OutlierConfig {
  /** interval: time between ejection analysis sweeps; default 10 s. */
  readonly intervalMs: number;
  /** base_ejection_time: default 30 s; the real time is this times the host's ejection multiplier. */
  readonly baseEjectionTimeMs: number;
  /** max_ejection_time: default the larger of 300 s and base_ejection_time. */
  readonly maxEjectionTimeMs: number;
  /** max_ejection_time_jitter: a random 0..jitter ms added to each ejection; default 0. */
  readonly maxEjectionTimeJitterMs: number;
  /** max_ejection_percent: default 10 (capped at 100). */
  readonly maxEjectionPercent: number;
  /** always_eject_one_host: eject one host whatever max_ejection_percent says; default false. */
  readonly alwaysEjectOneHost: boolean;
  /** consecutive_5xx: default 5; enforcing_consecutive_5xx default 100. */
  readonly consecutive5xx: number;
  readonly enforcingConsecutive5xx: number;
  /** consecutive_gateway_failure (502, 503, 504): default 5; enforcing_consecutive_gateway_failure default 0. */
  readonly consecutiveGatewayFailure: number;
  readonly enforcingConsecutiveGatewayFailure: number;
  /** split_external_local_origin_errors: default false (local origin errors are mapped to 5xx codes). */
  readonly splitExternalLocalOriginErrors: boolean;
  /** consecutive_local_origin_failure: default 5; enforcing default 100 (only with the split). */
  readonly consecutiveLocalOriginFailure: number;
  readonly enforcingConsecutiveLocalOriginFailure: number;
  /** Success rate: success_rate_minimum_hosts 5, success_rate_request_volume 100, stdev factor 1900 / 1000. */
  readonly successRateMinimumHosts: number;
  readonly successRateRequestVolume: number;
  readonly successRateStdevFactor: number;
  /** enforcing_success_rate default 100; enforcing_local_origin_success_rate default 100. */
  readonly enforcingSuccessRate: number;
  readonly enforcingLocalOriginSuccessRate: number;
  /** Failure percentage: threshold 85, minimum hosts 5, request volume 50. */
  readonly failurePercentageThreshold: number;
  readonly failurePercentageMinimumHosts: number;
  readonly failurePercentageRequestVolume: number;
  /** enforcing_failure_percentage and _local_origin: default 0 (detected, never enforced). */
  readonly enforcingFailurePercentage: number;
  readonly enforcingFailurePercentageLocalOrigin: number;
  /** successful_active_health_check_uneject_host: default true. */
  readonly successfulActiveHealthCheckUnejectHost: boolean;
}

function percent(name: string, cluster: string, v: number): number {
  if (v > 100) throw new ConfigRejectedError('Cluster', cluster, `outlier_detection.${name} must be <= 100`);
  return v;
}

function positiveMs(name: string, cluster: string, v: number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (!(v > 0)) throw new ConfigRejectedError('Cluster', cluster, `outlier_detection.${name} must be > 0`);
  return v;
}

/** The compiled outlier_detection of `cluster`, undefined when it has none; throws ConfigRejectedError. */
export function outlierConfigOf(cluster: Cluster): OutlierConfig | undefined {
  const od = cluster.outlier_detection;
  if (od === undefined || od === null) return undefined;
  const name = cluster.name ?? '';
  if ((od.monitors ?? []).length > 0) {
    throw new ConfigRejectedError('Cluster', name, 'outlier_detection.monitors is not supported');
  }
  const baseEjectionTimeMs = positiveMs(
    'base_ejection_time',
    name,
    durationToMs(od.base_ejection_time),
    30_000,
  );
  const maxSet = durationToMs(od.max_ejection_time);
  // max_ejection_time: "If not specified, the default value (300000ms or 300s) or base_ejection_time value is
  // applied, whatever is larger." A configured value below base_ejection_time is refused, as Envoy does.
  if (maxSet !== undefined && maxSet < baseEjectionTimeMs) {
    throw new ConfigRejectedError(
      'Cluster',
      name,
      'outlier_detection.max_ejection_time must not be below base_ejection_time',
    );
  }
  const p = (field: string, v: { value?: number } | null | undefined, fallback: number) =>
    percent(field, name, uint32Value(v, fallback));
  return {
    intervalMs: positiveMs('interval', name, durationToMs(od.interval), 10_000),
    baseEjectionTimeMs,
    maxEjectionTimeMs: maxSet ?? Math.max(300_000, baseEjectionTimeMs),
    maxEjectionTimeJitterMs: durationToMs(od.max_ejection_time_jitter) ?? 0,
    maxEjectionPercent: Math.min(100, uint32Value(od.max_ejection_percent, 10)),
    alwaysEjectOneHost: boolValue(od.always_eject_one_host, false),
    consecutive5xx: uint32Value(od.consecutive_5xx, 5),
    enforcingConsecutive5xx: p('enforcing_consecutive_5xx', od.enforcing_consecutive_5xx, 100),
    consecutiveGatewayFailure: uint32Value(od.consecutive_gateway_failure, 5),
    enforcingConsecutiveGatewayFailure: p(
      'enforcing_consecutive_gateway_failure',
      od.enforcing_consecutive_gateway_failure,
      0,
    ),
    splitExternalLocalOriginErrors: od.split_external_local_origin_errors === true,
    consecutiveLocalOriginFailure: uint32Value(od.consecutive_local_origin_failure, 5),
    enforcingConsecutiveLocalOriginFailure: p(
      'enforcing_consecutive_local_origin_failure',
      od.enforcing_consecutive_local_origin_failure,
      100,
    ),
    successRateMinimumHosts: uint32Value(od.success_rate_minimum_hosts, 5),
    successRateRequestVolume: uint32Value(od.success_rate_request_volume, 100),
    successRateStdevFactor: uint32Value(od.success_rate_stdev_factor, 1900) / 1000,
    enforcingSuccessRate: p('enforcing_success_rate', od.enforcing_success_rate, 100),
    enforcingLocalOriginSuccessRate: p(
      'enforcing_local_origin_success_rate',
      od.enforcing_local_origin_success_rate,
      100,
    ),
    failurePercentageThreshold: p('failure_percentage_threshold', od.failure_percentage_threshold, 85),
    failurePercentageMinimumHosts: uint32Value(od.failure_percentage_minimum_hosts, 5),
    failurePercentageRequestVolume: uint32Value(od.failure_percentage_request_volume, 50),
    enforcingFailurePercentage: p('enforcing_failure_percentage', od.enforcing_failure_percentage, 0),
    enforcingFailurePercentageLocalOrigin: p(
      'enforcing_failure_percentage_local_origin',
      od.enforcing_failure_percentage_local_origin,
      0,
    ),
    successfulActiveHealthCheckUnejectHost: boolValue(od.successful_active_health_check_uneject_host, true),
  };
}
