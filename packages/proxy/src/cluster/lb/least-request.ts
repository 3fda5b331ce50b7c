// LEAST_REQUEST: the power of two choices (Envoy's default choice_count 2): draw `choiceCount` hosts at random and
// take the one with the fewest requests in flight (the first drawn on a tie).
import type { Host } from '../host.js';
import { candidates, type LoadBalancer, type PickContext } from './load-balancer.js';

export class LeastRequest implements LoadBalancer {
  readonly policy = 'LEAST_REQUEST';
  constructor(
    private readonly choiceCount = 2,
    private readonly random: () => number = Math.random,
  ) {}

  pick(hosts: readonly Host[], context: PickContext): Host | undefined {
    const pool = candidates(hosts, context.exclude, context.panicThreshold);
    if (pool.length === 0) return undefined;
    let best: Host | undefined;
    for (let i = 0; i < this.choiceCount; i++) {
      const h = pool[Math.floor(this.random() * pool.length)] as Host;
      if (best === undefined || h.stats.rqActive < best.stats.rqActive) best = h;
    }
    return best;
  }
}
