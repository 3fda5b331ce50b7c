// Active health checking of one cluster (Envoy's HealthCheckerImplBase; arch overview "Health checking"): one
// session per host, each checking on its own timer. A host new to a health-checked cluster starts unhealthy and
// pending (FAILED_ACTIVE_HC, PENDING_ACTIVE_HC) until its first check: a first success makes it healthy at once.
// A healthy host turns unhealthy after unhealthy_threshold failures in a row, or at once on an "active" failure
// (an HTTP status outside expected_statuses and retriable_statuses); an unhealthy host turns healthy after
// healthy_threshold successes in a row. The next check is due after no_traffic_interval (or
// no_traffic_healthy_interval for a healthy host) while the cluster has had no traffic, else after interval,
// unhealthy_interval after a failure, and the edge intervals while a transition is pending (#interval);
// interval_jitter and interval_jitter_percent add a random extra, initial_jitter delays the first check. Stats:
// cluster.<name>.health_check.{attempt,success,failure,network_failure,healthy}.
import type { Stat, StatsStore } from '../../stats/stats-store.js';
import type { Host } from '../host.js';
import type { HealthCheckConfig } from './health-check-config.js';
import { HttpProbe } from './http-probe.js';
import { PROBE_NETWORK, type Probe, type ProbeResult } from './probe.js';
import { TcpProbe } from './tcp-probe.js';

/** Hosts that have had a check result in some health checker: a cluster update keeps their state. */
const checked = new WeakSet<Host>();

type Transition = 'unchanged' | 'pending' | 'changed';

class Session {
  numHealthy = 0;
  numUnhealthy = 0;
  first = true;
  stopped = false;
  timer: NodeJS.Timeout | undefined;

  constructor(
    readonly host: Host,
    readonly probe: Probe,
  ) {}
}

export class HealthChecker {
  readonly #sessions = new Map<Host, Session>();
  readonly #stats: Record<'attempt' | 'success' | 'failure' | 'network_failure' | 'healthy', Stat>;

  constructor(
    readonly config: HealthCheckConfig,
    readonly cluster: string,
    stats: StatsStore,
    /** Whether the cluster has carried traffic (no_traffic_interval applies until it has). */
    private readonly hasTraffic: () => boolean,
    /** Called on each passing check (outlier detection returns an ejected host). */
    private readonly onSuccess: (host: Host) => void = () => undefined,
    private readonly random: () => number = Math.random,
  ) {
    const labels = { envoy_cluster_name: cluster };
    const name = (s: string) => `cluster.${cluster}.health_check.${s}`;
    const prom = (s: string) => `envoy_cluster_health_check_${s}`;
    this.#stats = {
      attempt: stats.counter(name('attempt'), prom('attempt'), labels),
      success: stats.counter(name('success'), prom('success'), labels),
      failure: stats.counter(name('failure'), prom('failure'), labels),
      network_failure: stats.counter(name('network_failure'), prom('network_failure'), labels),
      healthy: stats.gauge(name('healthy'), prom('healthy'), labels),
    };
  }

  /** The cluster's hosts changed: sessions start for new hosts and stop for hosts gone. */
  setHosts(hosts: readonly Host[]): void {
    const keep = new Set(hosts);
    for (const [h, s] of [...this.#sessions]) {
      if (keep.has(h)) continue;
      this.#stop(s);
      this.#sessions.delete(h);
    }
    for (const h of hosts) {
      if (this.#sessions.has(h)) continue;
      if (!checked.has(h)) {
        h.activeHcFailed = true;
        h.activeHcPending = true;
      }
      const s = new Session(h, this.#probe(h));
      this.#sessions.set(h, s);
      this.#schedule(s, Math.floor(this.random() * (this.config.initialJitterMs + 1)));
    }
    this.#updateHealthy();
  }

  stop(): void {
    for (const s of this.#sessions.values()) this.#stop(s);
    this.#sessions.clear();
  }

  #probe(h: Host): Probe {
    const a = h.spec.address;
    const address = a.startsWith('[') ? a.slice(1, -1) : a;
    const port = this.config.altPort ?? h.spec.port;
    const c = this.config.check;
    return c.kind === 'http'
      ? new HttpProbe(address, port, c, this.config.reuseConnection)
      : new TcpProbe(address, port, c);
  }

  #stop(s: Session): void {
    s.stopped = true;
    clearTimeout(s.timer);
    s.probe.close();
  }

  #schedule(s: Session, delayMs: number): void {
    s.timer = setTimeout(() => void this.#run(s), delayMs);
    s.timer.unref();
  }

  async #run(s: Session): Promise<void> {
    if (s.stopped) return;
    this.#stats.attempt.value++;
    // A probe that throws (it should not) counts as a network failure rather than an unhandled rejection.
    const result = await s.probe.check(this.config.timeoutMs).catch(() => PROBE_NETWORK);
    if (s.stopped) return;
    const transition = result.ok ? this.#success(s) : this.#failure(s, result);
    s.first = false;
    s.host.activeHcPending = false;
    checked.add(s.host);
    this.#updateHealthy();
    this.#schedule(s, this.#interval(result.ok, transition));
  }

  #success(s: Session): Transition {
    this.#stats.success.value++;
    s.numUnhealthy = 0;
    let t: Transition = 'unchanged';
    if (s.host.activeHcFailed) {
      // The first result of a new host decides at once; later, healthy_threshold successes in a row.
      if (s.first || ++s.numHealthy >= this.config.healthyThreshold) {
        s.host.activeHcFailed = false;
        s.numHealthy = 0;
        t = 'changed';
      } else t = 'pending';
    }
    this.onSuccess(s.host);
    return t;
  }

  #failure(s: Session, r: Extract<ProbeResult, { ok: false }>): Transition {
    this.#stats.failure.value++;
    if (r.failure === 'network') this.#stats.network_failure.value++;
    s.numHealthy = 0;
    if (s.host.activeHcFailed) return 'unchanged';
    if ((r.failure === 'active' && !r.retriable) || ++s.numUnhealthy >= this.config.unhealthyThreshold) {
      s.host.activeHcFailed = true;
      s.numUnhealthy = 0;
      return 'changed';
    }
    return 'pending';
  }

  /**
   * The delay before the next check, as Envoy's HealthCheckerImplBase::interval: after a passing check, the
   * healthy_edge_interval while the host is on its way to healthy (a transition pending), else interval; after a
   * failing one, the unhealthy_edge_interval while on its way to unhealthy, else unhealthy_interval; before the
   * cluster's first request, no_traffic_healthy_interval after a pass that left the host healthy, else
   * no_traffic_interval. Jitter: a random part of interval_jitter_percent of it, plus up to interval_jitter.
   */
  #interval(passed: boolean, t: Transition): number {
    const c = this.config;
    let base: number;
    if (!this.hasTraffic()) {
      base = passed && t !== 'pending' ? c.noTrafficHealthyIntervalMs : c.noTrafficIntervalMs;
    } else if (passed) base = t === 'pending' ? c.healthyEdgeIntervalMs : c.intervalMs;
    else base = t === 'pending' ? c.unhealthyEdgeIntervalMs : c.unhealthyIntervalMs;
    let extra = 0;
    if (c.intervalJitterPercent > 0) extra += this.random() * ((c.intervalJitterPercent * base) / 100);
    if (c.intervalJitterMs > 0) extra += this.random() * c.intervalJitterMs;
    return Math.floor(base + extra);
  }

  #updateHealthy(): void {
    let n = 0;
    for (const h of this.#sessions.keys()) if (!h.activeHcFailed) n++;
    this.#stats.healthy.value = n;
  }
}
