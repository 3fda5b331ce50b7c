// What decides a cluster's host health besides EDS: its outlier detector (Cluster.outlier_detection), its active
// health checker (Cluster.health_checks) and the panic threshold the load balancers apply
// (common_lb_config.healthy_panic_threshold, default 50 %). The config is compiled when the cluster is validated
// (healthConfigOf: ConfigRejectedError, nothing started) and the detector and checker started when the cluster is
// committed (ClusterHealth); the cluster manager hands them the cluster's hosts after every change and stops them
// when the cluster is replaced or removed. A cluster without one of them clears that flag on its hosts (a host
// kept from a previous version of the cluster must not stay ejected or failed by a detector now gone).
import type { Cluster } from '@minimesh/model/xds';
import { ConfigRejectedError } from '../../errors.js';
import type { StatsStore } from '../../stats/stats-store.js';
import type { Host } from '../host.js';
import { DEFAULT_PANIC_THRESHOLD, type PickContext } from '../lb/load-balancer.js';
import { type OutlierConfig, outlierConfigOf } from '../outlier/outlier-config.js';
import { OutlierDetector } from '../outlier/outlier-detector.js';
import { type HealthCheckConfig, healthCheckConfigOf } from './health-check-config.js';
import { HealthChecker } from './health-checker.js';

export interface HealthConfig {
  readonly outlier: OutlierConfig | undefined;
  readonly healthCheck: HealthCheckConfig | undefined;
  /** Percent; 0 disables panic mode. */
  readonly panicThreshold: number;
}

/** The compiled health settings of `cluster`; throws ConfigRejectedError. */
export function healthConfigOf(cluster: Cluster): HealthConfig {
  const t = cluster.common_lb_config?.healthy_panic_threshold;
  const panicThreshold = t === undefined || t === null ? DEFAULT_PANIC_THRESHOLD : Number(t.value ?? 0);
  if (!(panicThreshold >= 0 && panicThreshold <= 100)) {
    throw new ConfigRejectedError(
      'Cluster',
      cluster.name ?? '',
      'common_lb_config.healthy_panic_threshold must be in [0, 100]',
    );
  }
  return { outlier: outlierConfigOf(cluster), healthCheck: healthCheckConfigOf(cluster), panicThreshold };
}

export class ClusterHealth {
  readonly outlier: OutlierDetector | undefined;
  readonly healthChecker: HealthChecker | undefined;
  /** The load balancers' options when no retry exclusion or hash applies (shared, never mutated). */
  readonly pickOptions: PickContext;
  #hosts: readonly Host[] = [];
  #traffic = false;

  constructor(
    readonly config: HealthConfig,
    cluster: string,
    stats: StatsStore,
  ) {
    this.pickOptions = Object.freeze({ panicThreshold: config.panicThreshold });
    this.outlier =
      config.outlier === undefined ? undefined : new OutlierDetector(config.outlier, cluster, stats);
    const detector = this.outlier;
    this.healthChecker =
      config.healthCheck === undefined
        ? undefined
        : new HealthChecker(
            config.healthCheck,
            cluster,
            stats,
            () => this.#hadTraffic(),
            detector === undefined ? undefined : (h) => detector.onHealthCheckSuccess(h),
          );
  }

  /** Whether the cluster has carried a request (once true, for good: Envoy's "has ever had traffic"). */
  #hadTraffic(): boolean {
    this.#traffic ||= this.#hosts.some((h) => h.stats.rqTotal > 0);
    return this.#traffic;
  }

  get panicThreshold(): number {
    return this.config.panicThreshold;
  }

  /** The cluster's hosts now (after a CDS or EDS update). */
  setHosts(hosts: readonly Host[]): void {
    this.#hosts = hosts;
    for (const h of hosts) {
      if (this.outlier === undefined) h.outlierEjected = false;
      if (this.healthChecker === undefined) {
        h.activeHcFailed = false;
        h.activeHcPending = false;
      }
    }
    this.outlier?.setHosts(hosts);
    this.healthChecker?.setHosts(hosts);
  }

  /** Timers and health check connections stop (the cluster was replaced or removed, or the proxy stops). */
  stop(): void {
    this.outlier?.stop();
    this.healthChecker?.stop();
  }
}
