// Locality load balancing on a ClusterLoadAssignment (istiod's loadbalancer.ApplyLocalityLoadBalancer):
// - `distribute`: the first rule whose `from` matches the proxy's locality sets each locality group's weight to
//   its share of the rule's percentage (rounded up); groups the rule does not name lose their endpoints;
// - failover (only when outlier detection is on, as Envoy needs it to notice failures): priorities by distance
//   from the proxy: 0 same region/zone/subzone, 1 same zone, 2 same region, 3 the `failover.to` region of the
//   proxy's region, 4 any other; or, with failoverPriority, by how many of the listed labels the endpoint shares
//   with the proxy (then `failover` refines). Priorities are renumbered densely from 0, as istiod does.
import type {
  ClusterLoadAssignment,
  LoadBalancerSettings,
  LocalityLbEndpoints,
  WorkloadInstance,
} from '@minimesh/model';

export type LocalitySetting = NonNullable<LoadBalancerSettings['localityLbSetting']>;

export interface ProxyLocality {
  readonly region: string;
  readonly zone: string;
  readonly subzone: string;
}

/** One locality group with the instances behind its lb_endpoints (same order). */
export interface LocalityGroup {
  readonly endpoints: LocalityLbEndpoints;
  readonly instances: readonly WorkloadInstance[];
}

/** Istio's LocalityMatch: `region[/zone[/subzone]]` with `*` matching anything and missing parts matching all. */
export function localityMatches(locality: ProxyLocality, rule: string): boolean {
  const [region = '', zone = '', subzone = ''] = rule.split('/');
  return (
    (region === '*' || locality.region === region) &&
    (zone === '*' || zone === '' || locality.zone === zone) &&
    (subzone === '*' || subzone === '' || locality.subzone === subzone)
  );
}

function localityOf(group: LocalityLbEndpoints): ProxyLocality {
  const l = group.locality ?? {};
  return { region: l.region ?? '', zone: l.zone ?? '', subzone: l.sub_zone ?? '' };
}

function weightOf(group: LocalityLbEndpoints): number {
  return group.load_balancing_weight?.value ?? 1;
}

/** Applies `setting` to `cla` (whose endpoints are `groups`, in order); see the file comment. */
export function applyLocalityLb(
  cla: ClusterLoadAssignment,
  groups: readonly LocalityGroup[],
  proxy: ProxyLocality,
  proxyLabels: Readonly<Record<string, string>>,
  setting: LocalitySetting,
  enableFailover: boolean,
): void {
  if (setting.distribute !== undefined) {
    applyWeights(cla, proxy, setting.distribute);
  } else if (enableFailover) {
    if ((setting.failoverPriority ?? []).length > 0) {
      applyFailoverPriorities(cla, groups, proxyLabels, setting.failoverPriority ?? []);
      if ((setting.failover ?? []).length > 0) applyFailover(cla, proxy, setting.failover ?? []);
    } else {
      applyFailover(cla, proxy, setting.failover ?? []);
    }
  }
}

function applyWeights(
  cla: ClusterLoadAssignment,
  proxy: ProxyLocality,
  distribute: NonNullable<LocalitySetting['distribute']>,
): void {
  const endpoints = cla.endpoints ?? [];
  const rule = distribute.find((d) => localityMatches(proxy, d.from ?? ''));
  if (rule === undefined) return;
  const unmatched = new Set(endpoints.map((_, i) => i));
  for (const [target, percent] of Object.entries(rule.to ?? {})) {
    const matched: [number, number][] = [];
    let total = 0;
    endpoints.forEach((group, i) => {
      if (!unmatched.has(i) || !localityMatches(localityOf(group), target)) return;
      unmatched.delete(i);
      matched.push([i, weightOf(group)]);
      total += weightOf(group);
    });
    for (const [i, original] of matched) {
      const share = (original * percent) / total;
      const group = endpoints[i];
      if (share > 0 && group !== undefined) group.load_balancing_weight = { value: Math.ceil(share) };
    }
  }
  for (const i of unmatched) {
    const group = endpoints[i];
    if (group !== undefined) group.lb_endpoints = [];
  }
}

/** Istio's LbPriority plus the failover step (3 for the failover region, 4 for the rest). */
function failoverPriority(
  proxy: ProxyLocality,
  l: ProxyLocality,
  failover: NonNullable<LocalitySetting['failover']>,
): number {
  if (proxy.region === l.region) {
    if (proxy.zone === l.zone) return proxy.subzone === l.subzone ? 0 : 1;
    return 2;
  }
  const entry = failover.find((f) => (f.from ?? '') === proxy.region);
  return entry !== undefined && l.region !== (entry.to ?? '') ? 4 : 3;
}

function renumber(groups: LocalityLbEndpoints[]): void {
  const distinct = [...new Set(groups.map((g) => g.priority ?? 0))].sort((a, b) => a - b);
  for (const g of groups) g.priority = distinct.indexOf(g.priority ?? 0);
}

function applyFailover(
  cla: ClusterLoadAssignment,
  proxy: ProxyLocality,
  failover: NonNullable<LocalitySetting['failover']>,
): void {
  const endpoints = cla.endpoints ?? [];
  for (const group of endpoints) {
    group.priority = (group.priority ?? 0) * 5 + failoverPriority(proxy, localityOf(group), failover);
  }
  renumber(endpoints);
}

/**
 * failoverPriority labels (`label` or `label=value`, where the value overrides the proxy's): an endpoint's
 * priority is the number of labels from the first one it does not share with the proxy (0 when it shares all).
 * Each locality group is split by priority.
 */
function applyFailoverPriorities(
  cla: ClusterLoadAssignment,
  groups: readonly LocalityGroup[],
  proxyLabels: Readonly<Record<string, string>>,
  priorities: readonly string[],
): void {
  if (Object.keys(proxyLabels).length === 0 || groups.length === 0) return;
  const parsed = priorities.map((p) => {
    const [label = '', value] = p.split('=');
    return { label, value: value ?? proxyLabels[label] };
  });
  const includesNetwork = parsed[0]?.label === 'topology.istio.io/network';
  const out: LocalityLbEndpoints[] = [];
  for (const group of groups) {
    const byPriority = new Map<number, number[]>();
    group.instances.forEach((instance, i) => {
      let priority = 0;
      let adjust = 0;
      for (const [j, { label, value }] of parsed.entries()) {
        if (value === instance.labels[label]) continue;
        if (j === 0 && includesNetwork) {
          adjust = parsed.length;
          continue;
        }
        priority = parsed.length - j;
        break;
      }
      const key = priority + adjust;
      byPriority.set(key, [...(byPriority.get(key) ?? []), i]);
    });
    for (const priority of [...byPriority.keys()].sort((a, b) => a - b)) {
      const members = (byPriority.get(priority) ?? []).map((i) => group.endpoints.lb_endpoints?.[i]);
      const lbEndpoints = members.filter((e) => e !== undefined);
      const weight = lbEndpoints.reduce((sum, e) => sum + (e.load_balancing_weight?.value ?? 1), 0);
      out.push({
        ...group.endpoints,
        lb_endpoints: lbEndpoints,
        priority,
        load_balancing_weight: { value: weight },
      });
    }
  }
  renumber(out);
  cla.endpoints = out;
}
