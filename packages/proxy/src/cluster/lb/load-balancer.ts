// The load balancer family: one file per policy, each picking a host among the healthy hosts of the highest
// priority that has any (Envoy's default overprovisioning of 1.4 and priority spill-over are simplified to that).
// `exclude` holds hosts a retry must avoid (the previous_hosts predicate); a policy falls back to any healthy
// host when every one is excluded. `hash` is the request hash for RING_HASH (undefined: random).
import type { Host } from '../host.js';

export interface PickContext {
  readonly exclude?: ReadonlySet<Host>;
  readonly hash?: bigint;
  /** common_lb_config.healthy_panic_threshold, percent (default 50; 0 disables panic mode). */
  readonly panicThreshold?: number;
}

export interface LoadBalancer {
  readonly policy: string;
  pick(hosts: readonly Host[], context: PickContext): Host | undefined;
}

/** Envoy's default healthy_panic_threshold, percent (cluster.proto CommonLbConfig). */
export const DEFAULT_PANIC_THRESHOLD = 50;

/** Envoy's default overprovisioning factor (1.4, as 140 percent): a priority at 5/7 of its hosts is fully healthy. */
const OVERPROVISIONING = 140;

/**
 * The hosts a policy chooses from: the healthy hosts (Host.healthy: no EDS, outlier or active health check flag)
 * of the lowest priority number that has healthy hosts. Panic mode, as Envoy's recalculatePerPriorityPanic: never
 * while the cluster's normalized availability (per priority min(100, 1.4 x healthy percent), summed, at most 100)
 * is 100; otherwise a priority whose raw healthy percent is below `panicThreshold` is in panic, and then health is
 * disregarded and every host of that priority (the lowest one when none is healthy) is a candidate.
 */
export function candidates(
  hosts: readonly Host[],
  exclude?: ReadonlySet<Host>,
  panicThreshold = DEFAULT_PANIC_THRESHOLD,
): readonly Host[] {
  let best = Number.POSITIVE_INFINITY;
  // The common case, every host healthy at one priority, allocates nothing.
  let uniform = true;
  let healthyCount = 0;
  const first = hosts[0]?.spec.priority;
  let onePriority = true;
  for (const h of hosts) {
    if (h.spec.priority !== first) onePriority = false;
    if (!h.healthy) uniform = false;
    else {
      healthyCount++;
      if (h.spec.priority < best) {
        if (best !== Number.POSITIVE_INFINITY) uniform = false;
        best = h.spec.priority;
      } else if (h.spec.priority !== best) uniform = false;
    }
  }
  let pool = uniform ? hosts : hosts.filter((h) => h.healthy && h.spec.priority === best);
  // One priority (the usual case) needs no per-priority tally for the cluster's availability.
  const availability =
    healthyCount === hosts.length
      ? 100
      : onePriority
        ? Math.min(100, (OVERPROVISIONING * healthyCount) / hosts.length)
        : normalizedHealth(hosts);
  if (panicThreshold > 0 && availability < 100 && inPanic(hosts, best, panicThreshold)) {
    if (best === Number.POSITIVE_INFINITY) for (const h of hosts) best = Math.min(best, h.spec.priority);
    pool = hosts.filter((h) => h.spec.priority === best);
  }
  if (exclude === undefined || exclude.size === 0) return pool;
  const rest = pool.filter((h) => !exclude.has(h));
  return rest.length === 0 ? pool : rest;
}

/**
 * Envoy's isHostSetInPanic for the priority the pick uses (`best`, or the lowest when no host is healthy): its raw
 * healthy percent is below the threshold.
 */
function inPanic(hosts: readonly Host[], best: number, threshold: number): boolean {
  let priority = best;
  if (priority === Number.POSITIVE_INFINITY)
    for (const h of hosts) priority = Math.min(priority, h.spec.priority);
  let total = 0;
  let healthy = 0;
  for (const h of hosts) {
    if (h.spec.priority !== priority) continue;
    total++;
    if (h.healthy) healthy++;
  }
  return total === 0 || (100 * healthy) / total < threshold;
}

/** The cluster's health in percent, Envoy's way: per priority min(100, 1.4 x healthy share), summed, capped at 100. */
function normalizedHealth(hosts: readonly Host[]): number {
  const total = new Map<number, number>();
  const healthy = new Map<number, number>();
  for (const h of hosts) {
    const p = h.spec.priority;
    total.set(p, (total.get(p) ?? 0) + 1);
    if (h.healthy) healthy.set(p, (healthy.get(p) ?? 0) + 1);
  }
  let sum = 0;
  for (const [p, n] of total) sum += Math.min(100, (OVERPROVISIONING * (healthy.get(p) ?? 0)) / n);
  return Math.min(100, sum);
}
