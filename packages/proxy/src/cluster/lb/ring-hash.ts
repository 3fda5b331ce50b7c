// RING_HASH: a consistent hash ring (Ketama style). Each healthy host of the chosen priority gets ring entries in
// proportion to its weight, at least minimum_ring_size entries in all (default 1024, as Envoy); an entry's
// position is the 64-bit hash of "<address>:<port>_<n>". A request with a hash (from the route's hash_policy)
// takes the first entry at or after its hash, wrapping; without one, a random position. Hosts excluded by a
// retry's previous_hosts predicate are skipped by walking on. The hash is the first 8 bytes of MD5, not Envoy's
// xxHash64, so the same key lands on the same host here across requests and restarts, but not on the host Envoy
// would choose.
import { createHash, randomBytes } from 'node:crypto';
import type { Host } from '../host.js';
import { candidates, type LoadBalancer, type PickContext } from './load-balancer.js';

/** 64-bit hash of a string (first 8 bytes of its MD5, big-endian). */
export function hash64(text: string): bigint {
  return createHash('md5').update(text).digest().readBigUInt64BE(0);
}

interface Ring {
  readonly positions: readonly bigint[];
  readonly hosts: readonly Host[];
}

function buildRing(pool: readonly Host[], minimumSize: number): Ring {
  const total = pool.reduce((s, h) => s + h.spec.weight, 0);
  const entries: { pos: bigint; host: Host }[] = [];
  for (const h of pool) {
    const n = Math.max(1, Math.ceil((minimumSize * h.spec.weight) / total));
    for (let i = 0; i < n; i++) entries.push({ pos: hash64(`${h.key}_${i}`), host: h });
  }
  entries.sort((a, b) => (a.pos < b.pos ? -1 : a.pos > b.pos ? 1 : 0));
  return { positions: entries.map((e) => e.pos), hosts: entries.map((e) => e.host) };
}

function firstAtOrAfter(positions: readonly bigint[], value: bigint): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((positions[mid] as bigint) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo === positions.length ? 0 : lo;
}

export class RingHash implements LoadBalancer {
  readonly policy = 'RING_HASH';
  #ring: Ring | undefined;
  #builtFor: readonly Host[] | undefined;
  #builtKeys = '';

  constructor(private readonly minimumSize = 1024) {}

  pick(hosts: readonly Host[], context: PickContext): Host | undefined {
    const pool = candidates(hosts, undefined, context.panicThreshold);
    if (pool.length === 0) return undefined;
    const keys = pool.map((h) => `${h.key}*${h.spec.weight}`).join(',');
    if (this.#ring === undefined || this.#builtFor !== hosts || this.#builtKeys !== keys) {
      this.#ring = buildRing(pool, this.minimumSize);
      this.#builtFor = hosts;
      this.#builtKeys = keys;
    }
    const ring = this.#ring;
    const at = context.hash ?? randomBytes(8).readBigUInt64BE(0);
    const start = firstAtOrAfter(ring.positions, at);
    const exclude = context.exclude;
    for (let i = 0; i < ring.hosts.length; i++) {
      const h = ring.hosts[(start + i) % ring.hosts.length] as Host;
      if (exclude === undefined || !exclude.has(h)) return h;
    }
    return ring.hosts[start];
  }
}
