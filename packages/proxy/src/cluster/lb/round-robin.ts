// ROUND_ROBIN: hosts in turn. With weights, smooth weighted round robin (each pick adds every host's weight to
// its credit and takes the host with the most, then charges it the total), which spreads picks as Envoy's EDF
// scheduler does; with equal weights it is plain rotation.
import type { Host } from '../host.js';
import { candidates, type LoadBalancer, type PickContext } from './load-balancer.js';

export class RoundRobin implements LoadBalancer {
  readonly policy = 'ROUND_ROBIN';
  #next = 0;
  readonly #credit = new WeakMap<Host, number>();

  pick(hosts: readonly Host[], context: PickContext): Host | undefined {
    const pool = candidates(hosts, context.exclude, context.panicThreshold);
    if (pool.length === 0) return undefined;
    const first = pool[0] as Host;
    if (pool.every((h) => h.spec.weight === first.spec.weight)) {
      const h = pool[this.#next % pool.length];
      this.#next = (this.#next + 1) % 1_000_000_007;
      return h;
    }
    let total = 0;
    let best: Host = first;
    let bestCredit = Number.NEGATIVE_INFINITY;
    for (const h of pool) {
      const c = (this.#credit.get(h) ?? 0) + h.spec.weight;
      this.#credit.set(h, c);
      total += h.spec.weight;
      if (c > bestCredit) {
        best = h;
        bestCredit = c;
      }
    }
    this.#credit.set(best, bestCredit - total);
    return best;
  }
}
