// What Istio's cluster names say about a request's destination: `outbound|9080|v1|reviews.default.svc.cluster.local`
// (direction, port, subset, service host), `inbound|9080||` (the sidecar's inbound cluster), and the special
// clusters PassthroughCluster, InboundPassthroughCluster and BlackHoleCluster (istio pkg/model/service.go naming).

export interface ClusterName {
  readonly direction: 'inbound' | 'outbound' | 'passthrough' | 'blackhole' | 'other';
  /** The service host (`reviews.default.svc.cluster.local`, a ServiceEntry's host); undefined when none is named. */
  readonly host?: string;
  readonly port?: number;
  readonly subset?: string;
}

const PASSTHROUGH = new Set([
  'PassthroughCluster',
  'InboundPassthroughCluster',
  'InboundPassthroughClusterIpv4',
]);
const OTHER: ClusterName = Object.freeze({ direction: 'other' });

/** The parts of an Istio cluster name; `other` for a name Istio does not build (a static cluster). */
export function parseClusterName(name: string): ClusterName {
  if (PASSTHROUGH.has(name)) return Object.freeze({ direction: 'passthrough' });
  if (name === 'BlackHoleCluster') return Object.freeze({ direction: 'blackhole' });
  const parts = name.split('|');
  if (parts.length !== 4) return OTHER;
  const [direction, port, subset, host] = parts;
  if (direction !== 'inbound' && direction !== 'outbound') return OTHER;
  const portNumber = Number(port);
  return Object.freeze({
    direction,
    ...(host ? { host } : {}),
    ...(Number.isInteger(portNumber) && portNumber > 0 ? { port: portNumber } : {}),
    ...(subset ? { subset } : {}),
  });
}

/** Parses each distinct cluster name once: the hot path sees a handful of names, thousands of times a second. */
export class ClusterNameCache {
  readonly #cache = new Map<string, ClusterName>();
  /** Bound on distinct names kept; past it the cache starts over (names come from config, so this is rare). */
  readonly #max: number;

  constructor(max = 2000) {
    this.#max = max;
  }

  get(name: string): ClusterName {
    let parsed = this.#cache.get(name);
    if (parsed === undefined) {
      if (this.#cache.size >= this.#max) this.#cache.clear();
      parsed = parseClusterName(name);
      this.#cache.set(name, parsed);
    }
    return parsed;
  }
}
