// RANDOM: a uniformly random healthy host (weights honoured by drawing over the weight sum).
import type { Host } from '../host.js';
import { candidates, type LoadBalancer, type PickContext } from './load-balancer.js';

export class RandomLb implements LoadBalancer {
  readonly policy = 'RANDOM';
  constructor(private readonly random: () => number = Math.random) {}

  pick(hosts: readonly Host[], context: PickContext): Host | undefined {
    const pool = candidates(hosts, context.exclude, context.panicThreshold);
    if (pool.length === 0) return undefined;
    let total = 0;
    for (const h of pool) total += h.spec.weight;
    let point = this.random() * total;
    for (const h of pool) {
      point -= h.spec.weight;
      if (point < 0) return h;
    }
    return pool[pool.length - 1];
  }
}
