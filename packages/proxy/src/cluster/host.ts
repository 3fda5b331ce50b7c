// One upstream endpoint of a cluster: its address, the HTTP/1.1 pool that keeps connections to it alive (created
// on first use, closed gracefully when the endpoint leaves the cluster), and the per-host counters /clusters
// prints. A Host object lives as long as the endpoint stays in its cluster across EDS updates, so its pool and
// counters survive config pushes.
import { H1Pool } from '../http1/client-pool.js';
import { H2Session } from './h2-session.js';

export interface HostLocality {
  readonly region: string;
  readonly zone: string;
  readonly subZone: string;
}

export interface HostStats {
  rqTotal: number;
  rqSuccess: number;
  rqError: number;
  rqTimeout: number;
  /** Requests in flight now (LEAST_REQUEST reads it). */
  rqActive: number;
  cxConnectFail: number;
}

export interface HostSpec {
  /** IP or host name (STRICT_DNS / LOGICAL_DNS). */
  readonly address: string;
  readonly port: number;
  /** load_balancing_weight, >= 1. */
  readonly weight: number;
  readonly priority: number;
  readonly locality: HostLocality;
  /** The locality's load_balancing_weight (0 when unset), read by locality-weighted load balancing. */
  readonly localityWeight: number;
  /** Envoy's health flag text: "healthy", "/failed_eds_health", "/eds_status_draining" ... */
  readonly healthFlags: string;
  readonly healthy: boolean;
  readonly hostname: string;
}

export class Host {
  readonly key: string;
  readonly stats: HostStats = {
    rqTotal: 0,
    rqSuccess: 0,
    rqError: 0,
    rqTimeout: 0,
    rqActive: 0,
    cxConnectFail: 0,
  };
  spec: HostSpec;
  #pool: H1Pool | undefined;
  #h2: H2Session | undefined;

  constructor(spec: HostSpec) {
    this.spec = spec;
    this.key = hostKey(spec.address, spec.port);
  }

  /** "10.0.0.1:9080", or "[::1]:9080" for IPv6. */
  get url(): string {
    return `http://${this.key}`;
  }

  /** The HTTP/1.1 connection pool, created on first use. */
  pool(): H1Pool {
    if (this.#pool === undefined) {
      const a = this.spec.address;
      this.#pool = new H1Pool(a.startsWith('[') ? a.slice(1, -1) : a, this.spec.port);
    }
    return this.#pool;
  }

  /** The HTTP/2 (h2c) session to this host, for clusters that speak HTTP/2. */
  h2(): H2Session {
    this.#h2 ??= new H2Session(this.url);
    return this.#h2;
  }

  /** Open connections now (Envoy's cx_active). */
  get cxActive(): number {
    return this.#pool?.connected ?? 0;
  }

  /** Closes the pool after the requests in flight finish. */
  async close(): Promise<void> {
    this.#h2?.close();
    this.#h2 = undefined;
    const p = this.#pool;
    this.#pool = undefined;
    if (p !== undefined) await p.close();
  }

  /** Closes the pool at once, failing requests in flight (proxy shutdown). */
  async destroy(): Promise<void> {
    this.#h2?.destroy();
    this.#h2 = undefined;
    const p = this.#pool;
    this.#pool = undefined;
    if (p !== undefined) await p.destroy();
  }
}

export function hostKey(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
