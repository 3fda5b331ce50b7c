// Locality-weighted load balancing (Cluster.common_lb_config.locality_weighted_lb_config): among the healthy hosts
// of the chosen priority, a locality is drawn with probability proportional to its load_balancing_weight times
// its share of healthy hosts (Envoy's effective locality weight; localities without a weight get no traffic),
// then the cluster's policy picks a host inside it. Envoy draws localities with an EDF scheduler; a weighted
// random draw gives the same proportions.
import type { Host } from '../host.js';
import { candidates, type LoadBalancer, type PickContext } from './load-balancer.js';

function localityKey(h: Host): string {
  const l = h.spec.locality;
  return `${l.region}/${l.zone}/${l.subZone}`;
}

export class LocalityWeighted implements LoadBalancer {
  readonly policy: string;

  constructor(
    private readonly inner: LoadBalancer,
    private readonly random: () => number = Math.random,
  ) {
    this.policy = inner.policy;
  }

  pick(hosts: readonly Host[], context: PickContext): Host | undefined {
    const pool = candidates(hosts, context.exclude, context.panicThreshold);
    if (pool.length === 0) return undefined;
    const priority = pool[0]?.spec.priority ?? 0;
    const all = new Map<string, number>();
    for (const h of hosts)
      if (h.spec.priority === priority) all.set(localityKey(h), (all.get(localityKey(h)) ?? 0) + 1);
    const groups = new Map<string, Host[]>();
    for (const h of pool) {
      const k = localityKey(h);
      const g = groups.get(k);
      if (g === undefined) groups.set(k, [h]);
      else g.push(h);
    }
    const weighted = [...groups.entries()].map(([k, g]) => ({
      hosts: g,
      weight: (g[0]?.spec.localityWeight ?? 0) * (g.length / (all.get(k) ?? g.length)),
    }));
    const total = weighted.reduce((s, w) => s + w.weight, 0);
    if (total <= 0) return undefined;
    let point = this.random() * total;
    for (const w of weighted) {
      point -= w.weight;
      if (point < 0) return this.inner.pick(w.hosts, context);
    }
    return this.inner.pick(weighted[weighted.length - 1]?.hosts ?? [], context);
  }
}
