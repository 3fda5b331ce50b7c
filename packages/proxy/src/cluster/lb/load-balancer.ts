// The load balancer family: one file per policy, each picking a host among the healthy hosts of the highest
// priority that has any (Envoy's default overprovisioning of 1.4 and priority spill-over are simplified to that).
// `exclude` holds hosts a retry must avoid (the previous_hosts predicate); a policy falls back to any healthy
// host when every one is excluded. `hash` is the request hash for RING_HASH (undefined: random).
import type { Host } from '../host.js';

export interface PickContext {
  readonly exclude?: ReadonlySet<Host>;
  readonly hash?: bigint;
}

export interface LoadBalancer {
  readonly policy: string;
  pick(hosts: readonly Host[], context: PickContext): Host | undefined;
}

/** The hosts a policy chooses from: the healthy hosts of the lowest priority number that has healthy hosts. */
export function candidates(hosts: readonly Host[], exclude?: ReadonlySet<Host>): readonly Host[] {
  let best = Number.POSITIVE_INFINITY;
  // The common case, every host healthy at one priority, allocates nothing.
  let uniform = true;
  for (const h of hosts) {
    if (!h.spec.healthy) uniform = false;
    else if (h.spec.priority < best) {
      if (best !== Number.POSITIVE_INFINITY) uniform = false;
      best = h.spec.priority;
    } else if (h.spec.priority !== best) uniform = false;
  }
  const pool = uniform ? hosts : hosts.filter((h) => h.spec.healthy && h.spec.priority === best);
  if (exclude === undefined || exclude.size === 0) return pool;
  const rest = pool.filter((h) => !exclude.has(h));
  return rest.length === 0 ? pool : rest;
}
