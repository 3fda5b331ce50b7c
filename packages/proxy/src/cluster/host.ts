// One upstream endpoint of a cluster: its address, the HTTP/1.1 pool that keeps connections to it alive (created
// on first use, closed gracefully when the endpoint leaves the cluster), and the per-host counters /clusters
// prints. A Host object lives as long as the endpoint stays in its cluster across EDS updates, so its pool and
// counters survive config pushes.
import { H1Pool } from '../http1/client-pool.js';
import type { ConnectionLimits } from './connection-limits.js';
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
  /** HTTP/1.1 connections opened (Envoy's host cx_total). */
  cxTotal: number;
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
    cxTotal: 0,
  };
  spec: HostSpec;
  /** Envoy's FAILED_OUTLIER_CHECK: ejected by the cluster's outlier detector (src/cluster/outlier). */
  outlierEjected = false;
  /** FAILED_ACTIVE_HC and PENDING_ACTIVE_HC, kept by the cluster's health checker (src/cluster/health-check). */
  activeHcFailed = false;
  activeHcPending = false;
  /** HTTP/1.1 pools: one per cluster routing priority (ConnectionLimits), as Envoy keeps one per priority. */
  #pools: H1Pool[] = [];
  /** HTTP/2 sessions: one per cluster routing priority (ConnectionLimits), as the HTTP/1.1 pools. */
  #h2: H2Session[] = [];
  /**
   * The host left its cluster (close()): a request that still picks it (a retry on the cluster runtime it started
   * on) is served, on a pool that closes each connection after its exchange, so nothing is left open.
   */
  #closed = false;

  constructor(spec: HostSpec) {
    this.spec = spec;
    this.key = hostKey(spec.address, spec.port);
  }

  /** No health flag set: healthy in EDS, not ejected, passing active health checks (load balancers pick these). */
  get healthy(): boolean {
    return this.spec.healthy && !this.outlierEjected && !this.activeHcFailed;
  }

  /** Envoy's health_flags text for /clusters: "healthy", or the flags set ("/failed_active_hc/failed_outlier_check"). */
  get healthFlagsText(): string {
    if (!this.outlierEjected && !this.activeHcFailed && !this.activeHcPending) return this.spec.healthFlags;
    let out = this.activeHcFailed ? '/failed_active_hc' : '';
    if (this.outlierEjected) out += '/failed_outlier_check';
    if (this.spec.healthFlags !== 'healthy') out += this.spec.healthFlags;
    if (this.activeHcPending) out += '/pending_active_hc';
    return out;
  }

  /** "10.0.0.1:9080", or "[::1]:9080" for IPv6. */
  get url(): string {
    return `http://${this.key}`;
  }

  /**
   * The HTTP/1.1 connection pool for `limits` (the cluster's at the route's priority), created on first use; no
   * limits: the first pool, else one without limits. A pool of the same cluster and priority with older limits (a
   * CDS update replaced the cluster) is closed gracefully, as Envoy drains a replaced cluster's connections.
   */
  pool(limits?: ConnectionLimits): H1Pool {
    const pools = this.#pools;
    for (const p of pools) if (p.limits === limits || limits === undefined) return p;
    const a = this.spec.address;
    const pool = new H1Pool(a.startsWith('[') ? a.slice(1, -1) : a, this.spec.port, limits, this.stats);
    if (this.#closed) void pool.close();
    const stale = pools.filter(
      (p) => p.limits !== undefined && limits?.sameScope(p.limits) === true && p.limits !== limits,
    );
    for (const p of stale) void p.close();
    this.#pools = pools.filter((p) => !stale.includes(p)).concat(pool);
    return pool;
  }

  /**
   * The HTTP/2 (h2c) session to this host for `limits` (the cluster's at the route's priority), for clusters that
   * speak HTTP/2; a session of the same cluster and priority with older limits (a CDS update) is closed gracefully.
   */
  h2(limits?: ConnectionLimits): H2Session {
    if (this.#closed) {
      // A host that left its cluster: a session for the request about to start, closed (GOAWAY) once it is sent.
      const once = new H2Session(this.url, limits);
      setImmediate(() => once.close());
      return once;
    }
    const sessions = this.#h2;
    for (const h of sessions) if (h.limits === limits || limits === undefined) return h;
    const session = new H2Session(this.url, limits);
    const stale = sessions.filter(
      (h) => h.limits !== undefined && limits?.sameScope(h.limits) === true && h.limits !== limits,
    );
    for (const h of stale) h.close();
    this.#h2 = sessions.filter((h) => !stale.includes(h)).concat(session);
    return session;
  }

  /** Open connections now (Envoy's cx_active). */
  get cxActive(): number {
    let n = 0;
    for (const p of this.#pools) n += p.connected;
    return n;
  }

  /** Closes the pool after the requests in flight finish. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const h of this.#h2) h.close();
    this.#h2 = [];
    const pools = this.#pools;
    this.#pools = [];
    await Promise.all(pools.map((p) => p.close()));
  }

  /** Closes the pool at once, failing requests in flight (proxy shutdown). */
  async destroy(): Promise<void> {
    for (const h of this.#h2) h.destroy();
    this.#h2 = [];
    const pools = this.#pools;
    this.#pools = [];
    await Promise.all(pools.map((p) => p.destroy()));
  }
}

export function hostKey(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
