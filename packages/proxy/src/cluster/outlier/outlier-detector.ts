// Outlier detection of one cluster (Envoy's DetectorImpl; arch overview "Outlier detection"). The router reports
// each try: an HTTP status (external origin) or a local origin event (connect failure or reset, timeout, or a
// stream that got a connection). Consecutive 5xx, consecutive gateway failures (502, 503, 504) and, with
// split_external_local_origin_errors, consecutive local origin failures eject a host at once; success-rate and
// failure-percentage outliers are found by the sweep that runs every `interval`, which also returns hosts whose
// ejection time (base_ejection_time x the ejection multiplier, at most max_ejection_time, plus jitter) is over.
// An ejection is refused (ejections_overflow) when it would take the ejected share of hosts over
// max_ejection_percent, unless none is ejected and always_eject_one_host is set; it is enforced with the
// enforcing_* percentage of its type (ejections_detected_* counts it either way). Ejected hosts carry
// FAILED_OUTLIER_CHECK (Host.outlierEjected): load balancers skip them unless the cluster is in panic.
import { performance } from 'node:perf_hooks';
import type { Stat, StatsStore } from '../../stats/stats-store.js';
import type { Host } from '../host.js';
import { HostMonitor } from './host-monitor.js';
import type { OutlierConfig } from './outlier-config.js';
import { type HostRate, sweep } from './success-rate.js';

/** Envoy's OutlierEjectionType values as its stats spell them (SUCCESS_RATE_LOCAL_ORIGIN: local_origin_success_rate). */
export type EjectionType =
  | 'consecutive_5xx'
  | 'consecutive_gateway_failure'
  | 'consecutive_local_origin_failure'
  | 'success_rate'
  | 'local_origin_success_rate'
  | 'failure_percentage'
  | 'local_origin_failure_percentage';

const TYPES: readonly EjectionType[] = [
  'consecutive_5xx',
  'consecutive_gateway_failure',
  'consecutive_local_origin_failure',
  'success_rate',
  'local_origin_success_rate',
  'failure_percentage',
  'local_origin_failure_percentage',
];

/**
 * Envoy's Outlier::Result values of local origin: a connection for an HTTP stream (LocalOriginConnectSuccess), a
 * connection that is the whole exchange (tcp_proxy: LocalOriginConnectSuccessFinal), a connect failure or reset,
 * a timeout.
 */
export type LocalOriginResult = 'connect-success' | 'connect-success-final' | 'connect-failed' | 'timeout';

export class OutlierDetector {
  readonly #monitors = new Map<Host, HostMonitor>();
  readonly #timer: NodeJS.Timeout;
  readonly #counters = new Map<string, Stat>();
  readonly #active: Stat;
  /** The last sweep's mean and ejection threshold per origin, percent (-1: not computed). */
  successRateAverage = -1;
  successRateEjectionThreshold = -1;
  localOriginSuccessRateAverage = -1;
  localOriginSuccessRateEjectionThreshold = -1;

  constructor(
    readonly config: OutlierConfig,
    readonly cluster: string,
    stats: StatsStore,
    private readonly random: () => number = Math.random,
  ) {
    const labels = { envoy_cluster_name: cluster };
    const counter = (s: string) =>
      stats.counter(
        `cluster.${cluster}.outlier_detection.${s}`,
        `envoy_cluster_outlier_detection_${s}`,
        labels,
      );
    for (const t of TYPES) {
      this.#counters.set(`detected_${t}`, counter(`ejections_detected_${t}`));
      this.#counters.set(`enforced_${t}`, counter(`ejections_enforced_${t}`));
    }
    for (const s of ['ejections_enforced_total', 'ejections_overflow', 'ejections_total']) {
      this.#counters.set(s, counter(s));
    }
    // Envoy's deprecated per-type counters, still exported next to the detected/enforced ones.
    this.#counters.set('consecutive_5xx', counter('ejections_consecutive_5xx'));
    this.#counters.set('success_rate', counter('ejections_success_rate'));
    this.#active = stats.gauge(
      `cluster.${cluster}.outlier_detection.ejections_active`,
      'envoy_cluster_outlier_detection_ejections_active',
      labels,
    );
    // A new detector (a new version of the cluster) starts with no host ejected.
    this.#active.value = 0;
    this.#timer = setInterval(() => this.sweep(), config.intervalMs);
    this.#timer.unref();
  }

  /** The state of `host`, if it is in the cluster (read by /clusters). */
  monitor(host: Host): HostMonitor | undefined {
    return this.#monitors.get(host);
  }

  /** The cluster's hosts changed: new hosts start with fresh state, hosts gone take their ejection with them. */
  setHosts(hosts: readonly Host[]): void {
    const keep = new Set(hosts);
    for (const h of [...this.#monitors.keys()]) {
      if (keep.has(h)) continue;
      if (h.outlierEjected) this.#active.value--;
      this.#monitors.delete(h);
    }
    for (const h of hosts) {
      if (this.#monitors.has(h)) continue;
      h.outlierEjected = false;
      this.#monitors.set(h, new HostMonitor());
    }
  }

  /** An HTTP response's status from `host` (external origin). */
  putHttpResponseCode(host: Host, code: number): void {
    const m = this.#monitors.get(host);
    if (m === undefined) return;
    if (code >= 500 && code <= 599) {
      m.external.record(false);
      if (code === 502 || code === 503 || code === 504) {
        if (++m.consecutiveGatewayFailure === this.config.consecutiveGatewayFailure) {
          this.#onConsecutive(host, m, 'consecutive_gateway_failure');
        }
      } else m.consecutiveGatewayFailure = 0;
      if (++m.consecutive5xx === this.config.consecutive5xx) this.#onConsecutive(host, m, 'consecutive_5xx');
    } else {
      m.external.record(true);
      m.consecutive5xx = 0;
      m.consecutiveGatewayFailure = 0;
    }
  }

  /**
   * A local origin event on `host`. Without split_external_local_origin_errors a connect failure or reset counts as
   * a 503, a timeout as a 504 and a final connection success as a 200 (Envoy's resultToHttpCode); a connection
   * for an HTTP stream counts for nothing then (its response's status is reported).
   */
  putLocalOrigin(host: Host, result: LocalOriginResult): void {
    const m = this.#monitors.get(host);
    if (m === undefined) return;
    if (!this.config.splitExternalLocalOriginErrors) {
      if (result === 'connect-failed') this.putHttpResponseCode(host, 503);
      else if (result === 'timeout') this.putHttpResponseCode(host, 504);
      else if (result === 'connect-success-final') this.putHttpResponseCode(host, 200);
      return;
    }
    if (result === 'connect-success' || result === 'connect-success-final') {
      m.localOrigin.record(true);
      m.consecutiveLocalOriginFailure = 0;
      return;
    }
    m.localOrigin.record(false);
    if (++m.consecutiveLocalOriginFailure === this.config.consecutiveLocalOriginFailure) {
      this.#onConsecutive(host, m, 'consecutive_local_origin_failure');
    }
  }

  /**
   * A passing active health check returns an ejected host (successful_active_health_check_uneject_host), once the
   * host is healthy by its checks (not while it still counts towards healthy_threshold), as Envoy requires.
   */
  onHealthCheckSuccess(host: Host): void {
    const m = this.#monitors.get(host);
    if (m === undefined || !host.outlierEjected || !this.config.successfulActiveHealthCheckUnejectHost)
      return;
    if (host.activeHcFailed) return;
    this.#uneject(host, m, performance.now());
  }

  /** The interval sweep: ejections that are over end, then success-rate and failure-percentage ejections. */
  sweep(): void {
    const now = performance.now();
    for (const [h, m] of this.#monitors) {
      this.#checkUneject(h, m, now);
      m.external.rotate();
      m.localOrigin.rotate();
      m.successRate = -1;
      m.localOriginSuccessRate = -1;
    }
    this.#sweepOrigin(false);
    this.#sweepOrigin(true);
  }

  /** The cluster was replaced or removed: no more sweeps, and late reports (tries in flight) change nothing. */
  stop(): void {
    clearInterval(this.#timer);
    this.#monitors.clear();
  }

  #sweepOrigin(local: boolean): void {
    const c = this.config;
    const rates: HostRate<Host>[] = [];
    for (const [h, m] of this.#monitors) {
      if (h.outlierEjected) continue;
      const r = (local ? m.localOrigin : m.external).rate();
      if (r !== undefined) rates.push({ host: h, rate: r.rate, volume: r.volume });
    }
    const result = sweep(rates, this.#monitors.size, c);
    for (const r of result.shown) {
      const m = this.#monitors.get(r.host);
      if (m === undefined) continue;
      if (local) m.localOriginSuccessRate = r.rate;
      else m.successRate = r.rate;
    }
    if (local) {
      this.localOriginSuccessRateAverage = result.average;
      this.localOriginSuccessRateEjectionThreshold = result.ejectionThreshold;
    } else {
      this.successRateAverage = result.average;
      this.successRateEjectionThreshold = result.ejectionThreshold;
    }
    const rateType: EjectionType = local ? 'local_origin_success_rate' : 'success_rate';
    const pctType: EjectionType = local ? 'local_origin_failure_percentage' : 'failure_percentage';
    for (const h of result.successRateOutliers) {
      this.#inc('success_rate');
      this.#detectAndEject(h, rateType);
    }
    for (const h of result.failurePercentageOutliers) this.#detectAndEject(h, pctType);
  }

  #onConsecutive(host: Host, m: HostMonitor, type: EjectionType): void {
    if (host.outlierEjected) return;
    if (type === 'consecutive_5xx') this.#inc('consecutive_5xx');
    this.#detectAndEject(host, type);
    // The counter starts again either way, so a further bout of errors is detected too.
    if (type === 'consecutive_5xx') m.consecutive5xx = 0;
    else if (type === 'consecutive_gateway_failure') m.consecutiveGatewayFailure = 0;
    else m.consecutiveLocalOriginFailure = 0;
  }

  #detectAndEject(host: Host, type: EjectionType): void {
    const m = this.#monitors.get(host);
    if (m === undefined || host.outlierEjected) return;
    this.#inc(`detected_${type}`);
    const c = this.config;
    const active = this.#active.value;
    // max_ejection_percent counts the hosts ejected with this one; always_eject_one_host allows the first anyway.
    const share = (100 * (active + 1)) / this.#monitors.size;
    if (!(share <= c.maxEjectionPercent || (c.alwaysEjectOneHost && active === 0))) {
      this.#inc('ejections_overflow');
      return;
    }
    // The deprecated ejections_total counts consecutive 5xx and success rate ejections allowed by the cap.
    if (type === 'consecutive_5xx' || type === 'success_rate') this.#inc('ejections_total');
    if (this.random() * 100 >= this.#enforcing(type)) return;
    const now = performance.now();
    this.#active.value++;
    this.#inc('ejections_enforced_total');
    this.#inc(`enforced_${type}`);
    host.outlierEjected = true;
    m.numEjections++;
    m.lastEjectionTime = now;
    m.jitterMs = Math.floor(this.random() * (c.maxEjectionTimeJitterMs + 1));
    // The multiplier grows by one per ejection while base x multiplier is below max_ejection_time + base (Envoy's
    // bound); the time used is capped at max_ejection_time ("it does not increase any more").
    if (c.baseEjectionTimeMs * m.ejectTimeBackoff < c.maxEjectionTimeMs + c.baseEjectionTimeMs) {
      m.ejectTimeBackoff++;
    }
  }

  #enforcing(type: EjectionType): number {
    const c = this.config;
    switch (type) {
      case 'consecutive_5xx':
        return c.enforcingConsecutive5xx;
      case 'consecutive_gateway_failure':
        return c.enforcingConsecutiveGatewayFailure;
      case 'consecutive_local_origin_failure':
        return c.enforcingConsecutiveLocalOriginFailure;
      case 'success_rate':
        return c.enforcingSuccessRate;
      case 'local_origin_success_rate':
        return c.enforcingLocalOriginSuccessRate;
      case 'failure_percentage':
        return c.enforcingFailurePercentage;
      case 'local_origin_failure_percentage':
        return c.enforcingFailurePercentageLocalOrigin;
    }
  }

  #checkUneject(host: Host, m: HostMonitor, now: number): void {
    const c = this.config;
    if (!host.outlierEjected) {
      // "If the host is healthy during that check, the ejection time multiplier is decremented."
      if (m.ejectTimeBackoff > 0) m.ejectTimeBackoff--;
      return;
    }
    const ejectedFor = Math.min(c.baseEjectionTimeMs * m.ejectTimeBackoff, c.maxEjectionTimeMs) + m.jitterMs;
    if (now - (m.lastEjectionTime ?? now) >= ejectedFor) this.#uneject(host, m, now);
  }

  #uneject(host: Host, m: HostMonitor, now: number): void {
    host.outlierEjected = false;
    this.#active.value--;
    m.resetConsecutive();
    m.lastUnejectionTime = now;
  }

  #inc(key: string): void {
    const s = this.#counters.get(key);
    if (s !== undefined) s.value++;
  }
}
