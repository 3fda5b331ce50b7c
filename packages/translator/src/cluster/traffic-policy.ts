// Which parts of a DestinationRule's traffic policy apply to one cluster, as istiod picks them
// (util.GetPortLevelTrafficPolicy, util.MergeSubsetTrafficPolicy, model.MergeTrafficPolicy):
// - a `portLevelSettings` entry for the cluster's port REPLACES the top-level policy: its loadBalancer,
//   connectionPool, outlierDetection and tls are used and the top-level ones are dropped (also tunnel,
//   proxyProtocol and retryBudget, which port-level settings cannot carry);
// - a subset's policy (itself narrowed to its port-level entry) overrides field by field; when the subset has a
//   port-level entry for the port, all four port-level fields are taken from it, even when unset there.
import type { DestinationRule, TrafficPolicy } from '@minimesh/model';

/** The settings a cluster is built from: a TrafficPolicy without port-level settings. */
export type ClusterPolicy = Omit<TrafficPolicy, 'portLevelSettings'>;

/**
 * The policy that applies to `port`: the port-level entry when one names the port, else the policy itself
 * (portLevelSettings dropped); `hasPortLevel` tells which.
 */
export function policyForPort(
  policy: TrafficPolicy | undefined,
  port: number,
): { policy: ClusterPolicy | undefined; hasPortLevel: boolean } {
  if (policy === undefined) return { policy: undefined, hasPortLevel: false };
  const entry = policy.portLevelSettings?.find((p) => p.port.number === port);
  if (entry === undefined) {
    const { portLevelSettings: _dropped, ...rest } = policy;
    return { policy: rest, hasPortLevel: false };
  }
  const out: ClusterPolicy = {};
  if (entry.connectionPool !== undefined) out.connectionPool = entry.connectionPool;
  if (entry.loadBalancer !== undefined) out.loadBalancer = entry.loadBalancer;
  if (entry.outlierDetection !== undefined) out.outlierDetection = entry.outlierDetection;
  if (entry.tls !== undefined) out.tls = entry.tls;
  return { policy: out, hasPortLevel: true };
}

/** The policy of a subset cluster: the rule's policy for the port, overridden by the subset's (see above). */
export function subsetPolicyForPort(
  rulePolicy: TrafficPolicy | undefined,
  subsetPolicy: TrafficPolicy | undefined,
  port: number,
): ClusterPolicy | undefined {
  const original = policyForPort(rulePolicy, port).policy;
  if (subsetPolicy === undefined) return original;
  const { policy: subset, hasPortLevel } = policyForPort(subsetPolicy, port);
  if (original === undefined || subset === undefined) return subset;
  const merged: ClusterPolicy = { ...original };
  const take = <K extends keyof ClusterPolicy>(key: K, portLevel: boolean) => {
    if (subset[key] !== undefined || portLevel) {
      if (subset[key] === undefined) delete merged[key];
      else merged[key] = subset[key];
    }
  };
  take('connectionPool', hasPortLevel);
  take('outlierDetection', hasPortLevel);
  take('loadBalancer', hasPortLevel);
  take('tls', hasPortLevel);
  take('tunnel', false);
  take('proxyProtocol', false);
  take('retryBudget', false);
  return merged;
}

/**
 * Istio's merged view of several DestinationRules for one host (mergeDestinationRule): the first rule that has a
 * traffic policy gives it; subsets of later rules are appended when their names are new (a repeated name is
 * dropped). Each subset keeps the rule it comes from.
 */
export interface MergedDestinationRule {
  readonly trafficPolicy?: TrafficPolicy;
  readonly subsets: readonly {
    readonly subset: NonNullable<DestinationRule['spec']['subsets']>[number];
    /** Index of the rule (in the match's `rules`) that defines the subset. */
    readonly ruleIndex: number;
  }[];
}

export function mergeDestinationRules(rules: readonly { object: DestinationRule }[]): MergedDestinationRule {
  const policy = rules.find((r) => r.object.spec.trafficPolicy !== undefined)?.object.spec.trafficPolicy;
  const seen = new Set<string>();
  const subsets: MergedDestinationRule['subsets'][number][] = [];
  rules.forEach((rule, ruleIndex) => {
    for (const subset of rule.object.spec.subsets ?? []) {
      if (seen.has(subset.name)) continue;
      seen.add(subset.name);
      subsets.push({ subset, ruleIndex });
    }
  });
  return {
    ...(policy === undefined ? {} : { trafficPolicy: policy }),
    subsets,
  };
}
