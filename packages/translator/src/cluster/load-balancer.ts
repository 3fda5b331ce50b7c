// loadBalancer and outlierDetection of a traffic policy -> lb_policy, lb configs, locality-weighted LB and
// outlier_detection (istiod's applyLoadBalancer, ApplyRingHashLoadBalancer, applyOutlierDetection,
// applyOutlierDetectionErrorCodes). Istio's default algorithm is LEAST_REQUEST (since 1.14; ROUND_ROBIN before).
import type { LoadBalancerSettings, OutlierDetection } from '@minimesh/model';
import type { ClusterDraft } from './cluster-draft.js';
import { durationOf } from './xds-values.js';

type Cluster = ClusterDraft['cluster'];
type SlowStart = NonNullable<NonNullable<Cluster['round_robin_lb_config']>['slow_start_config']>;

/** The locality LB setting in effect (GetEffectiveLbSetting): none when disabled with `enabled: false`. */
export function effectiveLocalitySetting(
  lb: LoadBalancerSettings | undefined,
): NonNullable<LoadBalancerSettings['localityLbSetting']> | undefined {
  const setting = lb?.localityLbSetting;
  if (setting === undefined || setting.enabled === false) return undefined;
  return setting;
}

/**
 * lb_policy and its config. ORIGINAL_DST clusters keep CLUSTER_PROVIDED; `simple: PASSTHROUGH` turns the
 * cluster into ORIGINAL_DST. Locality-weighted LB is switched on when the rule distributes load, or fails over
 * (failover/failoverPriority) and has outlier detection, which Envoy needs to see a locality fail. The EDS side of
 * locality LB (weights and priorities) is in endpoint/locality-lb.ts.
 */
export function applyLoadBalancer(draft: ClusterDraft, lb: LoadBalancerSettings | undefined): void {
  const c = draft.cluster;
  if (c.lb_policy === 'CLUSTER_PROVIDED') return;
  const locality = effectiveLocalitySetting(lb);
  if (locality !== undefined) {
    const failover = locality.failover !== undefined || locality.failoverPriority !== undefined;
    if (locality.distribute !== undefined || (failover && c.outlier_detection != null)) {
      c.common_lb_config = { ...c.common_lb_config, locality_weighted_lb_config: {} };
    }
  }
  if (c.type === 'ORIGINAL_DST') {
    c.lb_policy = 'CLUSTER_PROVIDED';
    return;
  }
  switch (lb?.simple) {
    case 'ROUND_ROBIN':
      c.lb_policy = 'ROUND_ROBIN';
      setSlowStart(c, lb, 'round_robin_lb_config');
      break;
    case 'RANDOM':
      c.lb_policy = 'RANDOM';
      break;
    case 'PASSTHROUGH':
      c.lb_policy = 'CLUSTER_PROVIDED';
      c.type = 'ORIGINAL_DST';
      delete c.load_assignment;
      delete c.eds_cluster_config;
      break;
    default:
      // LEAST_CONN (deprecated alias), LEAST_REQUEST, UNSPECIFIED and no algorithm at all.
      c.lb_policy = 'LEAST_REQUEST';
      setSlowStart(c, lb, 'least_request_lb_config');
  }
  applyConsistentHash(c, lb?.consistentHash);
}

/** warmup (Istio >= 1.24) or the older warmupDurationSecs -> slow_start_config. */
function setSlowStart(
  c: Cluster,
  lb: LoadBalancerSettings | undefined,
  key: 'round_robin_lb_config' | 'least_request_lb_config',
): void {
  let slowStart: SlowStart | undefined;
  if (lb?.warmup !== undefined) {
    const window = durationOf(lb.warmup.duration);
    slowStart = {
      ...(window === undefined ? {} : { slow_start_window: window }),
      // Istio writes runtime_key "(" (an unused key) with aggression 1 and 10% minimum weight by default.
      aggression: { default_value: lb.warmup.aggression ?? 1, runtime_key: '(' },
      min_weight_percent: { value: lb.warmup.minimumPercent ?? 10 },
    };
  } else if (lb?.warmupDurationSecs !== undefined) {
    const window = durationOf(lb.warmupDurationSecs);
    if (window !== undefined) slowStart = { slow_start_window: window };
  }
  if (slowStart === undefined) return;
  if (key === 'round_robin_lb_config') c.round_robin_lb_config = { slow_start_config: slowStart };
  else c.least_request_lb_config = { slow_start_config: slowStart };
}

/** consistentHash -> MAGLEV (table size when set) or RING_HASH (minimum ring size, 1024 by default). */
function applyConsistentHash(c: Cluster, hash: LoadBalancerSettings['consistentHash']): void {
  if (hash === undefined) return;
  delete c.least_request_lb_config;
  delete c.round_robin_lb_config;
  if (hash.maglev !== undefined) {
    c.lb_policy = 'MAGLEV';
    if ((hash.maglev.tableSize ?? 0) !== 0)
      c.maglev_lb_config = { table_size: { value: String(hash.maglev.tableSize) } };
  } else if (hash.ringHash !== undefined) {
    c.lb_policy = 'RING_HASH';
    if ((hash.ringHash.minimumRingSize ?? 0) !== 0)
      c.ring_hash_lb_config = { minimum_ring_size: { value: String(hash.ringHash.minimumRingSize) } };
  } else {
    c.lb_policy = 'RING_HASH';
    const size = (hash.minimumRingSize ?? 0) !== 0 ? hash.minimumRingSize : 1024;
    c.ring_hash_lb_config = { minimum_ring_size: { value: String(size) } };
  }
}

/**
 * outlierDetection -> outlier_detection. Success-rate ejection is always off (enforcing_success_rate 0); each
 * consecutive-error detector is enforced at 100% when its threshold is above 0, and `consecutiveErrors`
 * (deprecated, ignored since Istio 1.9) is not read. minHealthPercent becomes the healthy panic threshold.
 */
export function applyOutlierDetection(draft: ClusterDraft, outlier: OutlierDetection | undefined): void {
  if (outlier === undefined) return;
  const c = draft.cluster;
  const out: NonNullable<Cluster['outlier_detection']> = { enforcing_success_rate: { value: 0 } };
  if (outlier.consecutive5xxErrors != null) {
    const v = outlier.consecutive5xxErrors;
    out.consecutive_5xx = { value: v };
    out.enforcing_consecutive_5xx = { value: v > 0 ? 100 : 0 };
  }
  if (outlier.consecutiveGatewayErrors != null) {
    const v = outlier.consecutiveGatewayErrors;
    out.consecutive_gateway_failure = { value: v };
    out.enforcing_consecutive_gateway_failure = { value: v > 0 ? 100 : 0 };
  }
  const interval = durationOf(outlier.interval);
  if (interval !== undefined) out.interval = interval;
  const base = durationOf(outlier.baseEjectionTime);
  if (base !== undefined) out.base_ejection_time = base;
  if ((outlier.maxEjectionPercent ?? 0) > 0) out.max_ejection_percent = { value: outlier.maxEjectionPercent };
  if (outlier.splitExternalLocalOriginErrors) {
    out.split_external_local_origin_errors = true;
    if ((outlier.consecutiveLocalOriginFailures ?? 0) > 0) {
      out.consecutive_local_origin_failure = { value: outlier.consecutiveLocalOriginFailures ?? 0 };
      out.enforcing_consecutive_local_origin_failure = { value: 100 };
    }
    out.enforcing_local_origin_success_rate = { value: 0 };
  }
  c.outlier_detection = out;
  // Istio's int32 minHealthPercent is 0 when unset, so the panic threshold is written as 0 then too.
  c.common_lb_config = {
    ...c.common_lb_config,
    healthy_panic_threshold: { value: outlier.minHealthPercent ?? 0 },
  };
  // outlierDetectionHttpErrorCodes (Istio 1.28+, HttpProtocolOptions.outlier_detection) is not written: the
  // Envoy protos of @minimesh/model predate that field. build-clusters reports it.
}
