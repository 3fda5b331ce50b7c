// Prometheus metrics of the server, on a registry the user passes (default: a new registry of its own, so that
// two servers in one process never collide on the global registry).
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface XdsMetricsOptions {
  registry?: Registry;
  /** Prefix of every metric name (default 'xds_'). */
  prefix?: string;
}

export class XdsMetrics {
  readonly registry: Registry;
  /** Responses written, by type URL. */
  readonly pushes: Counter<'type_url'>;
  /** Seconds from the event that caused a response (cache change or request) to its write, by type URL. */
  readonly pushLatency: Histogram<'type_url'>;
  /** Open xDS streams. */
  readonly connectedProxies: Gauge;
  /** NACKs received, by type URL. */
  readonly nacks: Counter<'type_url'>;

  constructor(options: XdsMetricsOptions = {}) {
    this.registry = options.registry ?? new Registry();
    const p = options.prefix ?? 'xds_';
    const registers = [this.registry];
    this.pushes = new Counter({
      name: `${p}pushes_total`,
      help: 'xDS responses sent, by type URL',
      labelNames: ['type_url'],
      registers,
    });
    this.pushLatency = new Histogram({
      name: `${p}push_duration_seconds`,
      help: 'Seconds from a cache change or request to the response being written',
      labelNames: ['type_url'],
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers,
    });
    this.connectedProxies = new Gauge({
      name: `${p}connected_proxies`,
      help: 'Open xDS streams',
      registers,
    });
    this.nacks = new Counter({
      name: `${p}nacks_total`,
      help: 'xDS NACKs received, by type URL',
      labelNames: ['type_url'],
      registers,
    });
  }
}
