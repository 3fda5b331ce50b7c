// The clusters the proxy routes to: CDS (state of the world: each response is the whole set) and EDS (each
// ClusterLoadAssignment replaces its cluster's hosts). Updates are validated first and committed whole, so a
// rejected response changes nothing. A Host with the same address and port is kept across updates (its pool and
// counters survive); hosts that leave are closed after their requests in flight finish. Cluster types: STATIC,
// EDS, STRICT_DNS and LOGICAL_DNS (host names are resolved by the connection pool on each new connection), and
// ORIGINAL_DST (the host is the request's original destination, known in forward-proxy mode).
import type { Cluster, ClusterLoadAssignment } from '@minimesh/model/xds';
import { ConfigRejectedError } from '../errors.js';
import { StatsStore } from '../stats/stats-store.js';
import { durationToMs } from '../util/proto-values.js';
import type { CircuitBreakers } from './circuit-breakers.js';
import { type ClusterLimits, clusterLimitsOf, httpConnectionSettingsOf } from './connection-limits.js';
import { hostSpecs } from './endpoints.js';
import { ClusterHealth, type HealthConfig, healthConfigOf } from './health-check/cluster-health.js';
import { Host, type HostSpec, hostKey } from './host.js';
import { createLoadBalancer } from './lb/create-load-balancer.js';
import type { LoadBalancer } from './lb/load-balancer.js';
import { type UpstreamProtocol, upstreamProtocolOf } from './upstream-protocol.js';

export type ClusterKind = 'STATIC' | 'EDS' | 'STRICT_DNS' | 'LOGICAL_DNS' | 'ORIGINAL_DST';

export interface ClusterRuntime {
  readonly name: string;
  readonly config: Cluster;
  readonly kind: ClusterKind;
  /** The ClusterLoadAssignment name an EDS cluster reads (service_name, else the cluster name). */
  readonly edsName: string | undefined;
  readonly lb: LoadBalancer;
  /** Connect timeout in ms (default 5,000, Envoy's). */
  readonly connectTimeoutMs: number;
  /** The DEFAULT priority's circuit breakers (limits.default.breakers). */
  readonly breakers: CircuitBreakers;
  /** Circuit breakers and HTTP/1.1 pool limits per routing priority (src/cluster/connection-limits.ts). */
  readonly limits: ClusterLimits;
  readonly protocol: UpstreamProtocol;
  /** Outlier detection, active health checks and the panic threshold (src/cluster/health-check/cluster-health.ts). */
  readonly health: ClusterHealth;
  hosts: readonly Host[];
  versionInfo: string;
  lastUpdated: Date;
}

const KINDS: ReadonlySet<string> = new Set(['STATIC', 'EDS', 'STRICT_DNS', 'LOGICAL_DNS', 'ORIGINAL_DST']);

function prepare(cluster: Cluster): Omit<
  ClusterRuntime,
  'hosts' | 'versionInfo' | 'lastUpdated' | 'breakers' | 'limits' | 'health'
> & {
  specs: HostSpec[];
  healthConfig: HealthConfig;
} {
  const name = cluster.name ?? '';
  if (cluster.cluster_type !== undefined && cluster.cluster_type !== null) {
    throw new ConfigRejectedError(
      'Cluster',
      name,
      `custom cluster_type ${cluster.cluster_type.name ?? ''} is not supported`,
    );
  }
  const kind = String(cluster.type ?? 'STATIC');
  if (!KINDS.has(kind))
    throw new ConfigRejectedError('Cluster', name, `cluster type ${kind} is not supported`);
  const ts = cluster.transport_socket?.typed_config as { '@type'?: string } | undefined;
  if (
    ts !== undefined &&
    ts['@type'] !== 'type.googleapis.com/envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer'
  ) {
    throw new ConfigRejectedError(
      'Cluster',
      name,
      `transport_socket ${ts['@type'] ?? ''} is not supported: this proxy connects to upstreams in plaintext only; expected raw_buffer or no transport_socket`,
    );
  }
  const lb = createLoadBalancer(cluster);
  httpConnectionSettingsOf(cluster); // validated here; the limits (with their stats) are made on commit
  const edsName = kind === 'EDS' ? cluster.eds_cluster_config?.service_name || name : undefined;
  if (kind === 'EDS') {
    const src = cluster.eds_cluster_config?.eds_config;
    if (src !== undefined && src !== null && src.ads === undefined && src.config_source_specifier !== 'ads') {
      throw new ConfigRejectedError('Cluster', name, 'eds_config must be ads: {} (only ADS is supported)');
    }
  }
  const dns = kind === 'STRICT_DNS' || kind === 'LOGICAL_DNS';
  const specs =
    kind === 'EDS' ||
    kind === 'ORIGINAL_DST' ||
    cluster.load_assignment === undefined ||
    cluster.load_assignment === null
      ? []
      : hostSpecs(cluster.load_assignment, name, dns);
  return {
    name,
    config: cluster,
    kind: kind as ClusterKind,
    edsName,
    lb,
    connectTimeoutMs: durationToMs(cluster.connect_timeout) ?? 5_000,
    protocol: upstreamProtocolOf(cluster),
    specs,
    healthConfig: healthConfigOf(cluster),
  };
}

export class ClusterManager {
  readonly #clusters = new Map<string, ClusterRuntime>();
  /** Accepted ClusterLoadAssignments by name, with their version. */
  readonly #assignments = new Map<
    string,
    { cla: ClusterLoadAssignment; versionInfo: string; lastUpdated: Date }
  >();
  /** ORIGINAL_DST hosts by address, created per destination. */
  readonly #originalDst = new Map<string, Host>();
  versionInfo = '';
  readonly #stats: StatsStore;

  /** `stats`: where the clusters' circuit breaker and connection pool stats go (the proxy's /stats). */
  constructor(stats: StatsStore = new StatsStore()) {
    this.#stats = stats;
  }

  get(name: string): ClusterRuntime | undefined {
    return this.#clusters.get(name);
  }

  /** Every cluster, sorted by name. */
  all(): ClusterRuntime[] {
    return [...this.#clusters.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  assignments(): { cla: ClusterLoadAssignment; versionInfo: string; lastUpdated: Date }[] {
    return [...this.#assignments.values()];
  }

  /** ClusterLoadAssignment names the EDS clusters need, sorted (the EDS subscription). */
  edsNames(): string[] {
    const names = new Set<string>();
    for (const c of this.#clusters.values()) if (c.edsName !== undefined) names.add(c.edsName);
    return [...names].sort();
  }

  /** Replaces the whole cluster set (a CDS response). Throws ConfigRejectedError, changing nothing. */
  applyClusters(clusters: readonly Cluster[], versionInfo: string): void {
    const prepared = clusters.map(prepare);
    const now = new Date();
    const next = new Map<string, ClusterRuntime>();
    for (const p of prepared) {
      const old = this.#clusters.get(p.name);
      if (old !== undefined && JSON.stringify(old.config) === JSON.stringify(p.config)) {
        next.set(p.name, old);
        continue;
      }
      const { specs, healthConfig, ...rest } = p;
      const limits = clusterLimitsOf(p.config, this.#stats);
      const runtime: ClusterRuntime = {
        ...rest,
        breakers: limits.default.breakers,
        limits,
        health: new ClusterHealth(healthConfig, p.name, this.#stats),
        hosts: [],
        versionInfo,
        lastUpdated: now,
      };
      const assigned = p.edsName === undefined ? undefined : this.#assignments.get(p.edsName);
      const hostSpecsNow =
        assigned === undefined ? specs : hostSpecs(assigned.cla, p.edsName ?? p.name, false);
      runtime.hosts = this.#reuse(old?.hosts ?? [], hostSpecsNow);
      runtime.health.setHosts(runtime.hosts);
      next.set(p.name, runtime);
    }
    for (const [name, old] of this.#clusters) {
      const kept = next.get(name);
      if (kept !== old) old.health.stop();
      const keptKeys = new Set(kept?.hosts.map((h) => h.key) ?? []);
      for (const h of old.hosts) if (!keptKeys.has(h.key)) void h.close();
    }
    this.#clusters.clear();
    for (const [k, v] of next) this.#clusters.set(k, v);
    // Assignments no EDS cluster names any more are dropped (Envoy drops EDS state with its cluster).
    const wanted = new Set(this.edsNames());
    for (const k of [...this.#assignments.keys()]) if (!wanted.has(k)) this.#assignments.delete(k);
    this.versionInfo = versionInfo;
  }

  /** Applies ClusterLoadAssignments (an EDS response). Throws ConfigRejectedError, changing nothing. */
  applyAssignments(clas: readonly ClusterLoadAssignment[], versionInfo: string): void {
    const wanted = new Set(this.edsNames());
    const parsed = clas
      .filter((cla) => wanted.has(cla.cluster_name ?? ''))
      .map((cla) => ({ cla, specs: hostSpecs(cla, cla.cluster_name ?? '', false) }));
    const now = new Date();
    for (const { cla, specs } of parsed) {
      const name = cla.cluster_name ?? '';
      this.#assignments.set(name, { cla, versionInfo, lastUpdated: now });
      for (const c of this.#clusters.values()) {
        if (c.edsName !== name) continue;
        const before = c.hosts;
        c.hosts = this.#reuse(before, specs);
        c.health.setHosts(c.hosts);
        const keep = new Set(c.hosts);
        for (const h of before) if (!keep.has(h)) void h.close();
      }
    }
  }

  /** The host of an ORIGINAL_DST cluster for a destination "ip:port" (or "host:port"). */
  originalDestination(address: string, port: number): Host {
    const key = hostKey(address, port);
    let h = this.#originalDst.get(key);
    if (h === undefined) {
      h = new Host({
        address,
        port,
        weight: 1,
        priority: 0,
        locality: { region: '', zone: '', subZone: '' },
        localityWeight: 0,
        healthFlags: 'healthy',
        healthy: true,
        hostname: '',
      });
      this.#originalDst.set(key, h);
    }
    return h;
  }

  /** Closes every pool at once (proxy shutdown). */
  async destroy(): Promise<void> {
    for (const c of this.#clusters.values()) c.health.stop();
    const all = [...this.#clusters.values()].flatMap((c) => c.hosts).concat([...this.#originalDst.values()]);
    await Promise.all(all.map((h) => h.destroy()));
  }

  #reuse(previous: readonly Host[], specs: readonly HostSpec[]): Host[] {
    const byKey = new Map(previous.map((h) => [h.key, h]));
    const out: Host[] = [];
    const seen = new Set<string>();
    for (const s of specs) {
      const key = hostKey(s.address, s.port);
      if (seen.has(key)) continue;
      seen.add(key);
      const h = byKey.get(key);
      if (h === undefined) out.push(new Host(s));
      else {
        h.spec = s;
        out.push(h);
      }
    }
    return out;
  }
}
