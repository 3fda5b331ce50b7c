// Chooses the load balancer of a cluster from lb_policy (or load_balancing_policy's first known policy). A policy
// the proxy does not implement is a ConfigRejectedError: the cluster is NACKed rather than balanced differently.
import type { Cluster } from '@minimesh/model/xds';
import { TypeUrl } from '@minimesh/model/xds';
import { ConfigRejectedError } from '../../errors.js';
import { uint32Value } from '../../util/proto-values.js';
import { LeastRequest } from './least-request.js';
import type { LoadBalancer } from './load-balancer.js';
import { LocalityWeighted } from './locality-weighted.js';
import { RandomLb } from './random.js';
import { RingHash } from './ring-hash.js';
import { RoundRobin } from './round-robin.js';

function fromPolicyList(cluster: Cluster): LoadBalancer | undefined {
  const policies = cluster.load_balancing_policy?.policies ?? [];
  for (const p of policies) {
    const cfg = p.typed_extension_config?.typed_config as {
      '@type'?: string;
      choice_count?: { value?: number };
    };
    switch (cfg?.['@type']) {
      case TypeUrl.ROUND_ROBIN:
        return new RoundRobin();
      case TypeUrl.LEAST_REQUEST:
        return new LeastRequest(uint32Value(cfg.choice_count, 2));
      case TypeUrl.RANDOM:
        return new RandomLb();
      case TypeUrl.RING_HASH:
        return new RingHash();
      default:
        break;
    }
  }
  if (policies.length > 0) {
    throw new ConfigRejectedError(
      'Cluster',
      cluster.name ?? '',
      'no supported policy in load_balancing_policy',
    );
  }
  return undefined;
}

/** The load balancer for `cluster`, locality-weighted when common_lb_config asks; throws ConfigRejectedError. */
export function createLoadBalancer(cluster: Cluster): LoadBalancer {
  const lb = policyLoadBalancer(cluster);
  const common = cluster.common_lb_config;
  if (common?.zone_aware_lb_config !== undefined && common.zone_aware_lb_config !== null) {
    throw new ConfigRejectedError('Cluster', cluster.name ?? '', 'zone_aware_lb_config is not supported');
  }
  const weighted = common?.locality_weighted_lb_config;
  return weighted === undefined || weighted === null ? lb : new LocalityWeighted(lb);
}

function policyLoadBalancer(cluster: Cluster): LoadBalancer {
  const listed = fromPolicyList(cluster);
  if (listed !== undefined) return listed;
  const policy = cluster.lb_policy ?? 'ROUND_ROBIN';
  switch (policy) {
    case 'ROUND_ROBIN':
      return new RoundRobin();
    case 'LEAST_REQUEST': {
      const n = uint32Value(cluster.least_request_lb_config?.choice_count, 2);
      if (n < 2) {
        throw new ConfigRejectedError(
          'Cluster',
          cluster.name ?? '',
          'least_request_lb_config.choice_count must be >= 2',
        );
      }
      return new LeastRequest(n);
    }
    case 'RANDOM':
      return new RandomLb();
    case 'RING_HASH': {
      const min = Number(String(cluster.ring_hash_lb_config?.minimum_ring_size?.value ?? 1024));
      if (!(min >= 1 && min <= 8_388_608)) {
        throw new ConfigRejectedError(
          'Cluster',
          cluster.name ?? '',
          'ring_hash_lb_config.minimum_ring_size must be in [1, 8388608]',
        );
      }
      // Rings are kept at most 64 Ki entries here, whatever the configured minimum (memory per cluster).
      return new RingHash(Math.min(min, 65_536));
    }
    // ORIGINAL_DST clusters (Istio's PassthroughCluster) use CLUSTER_PROVIDED; the host comes from the request.
    case 'CLUSTER_PROVIDED':
      return new RoundRobin();
    default:
      throw new ConfigRejectedError(
        'Cluster',
        cluster.name ?? '',
        `lb_policy ${String(policy)} is not supported`,
      );
  }
}
