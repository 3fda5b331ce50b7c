// The webhook's Prometheus metrics, under Istio's names (sidecar_injection_*), in a registry of its own so that
// several servers in one process (tests, benchmarks) do not share counters.
import { Counter, Histogram, Registry } from 'prom-client';
import type { AdmissionOutcome } from './admission.js';

export class WebhookMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'sidecar_injection_requests_total',
    help: 'Total number of sidecar injection requests.',
    registers: [this.registry],
  });
  readonly success = new Counter({
    name: 'sidecar_injection_success_total',
    help: 'Total number of successful sidecar injection requests.',
    registers: [this.registry],
  });
  readonly skip = new Counter({
    name: 'sidecar_injection_skip_total',
    help: 'Total number of skipped sidecar injection requests.',
    registers: [this.registry],
  });
  readonly failure = new Counter({
    name: 'sidecar_injection_failure_total',
    help: 'Total number of failed sidecar injection requests.',
    labelNames: ['type'],
    registers: [this.registry],
  });
  readonly time = new Histogram({
    name: 'sidecar_injection_time_seconds',
    help: 'Total time taken for injection in seconds.',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly tlsReloads = new Counter({
    name: 'minimesh_injector_tls_reloads_total',
    help: 'TLS certificate reloads, by result.',
    labelNames: ['result'],
    registers: [this.registry],
  });

  record(outcome: AdmissionOutcome | 'bad_request', seconds: number): void {
    this.requests.inc();
    this.time.observe(seconds);
    if (outcome === 'injected') this.success.inc();
    else if (outcome === 'skipped') this.skip.inc();
    else
      this.failure.inc({
        type: outcome === 'failed' ? 'inject' : outcome === 'invalid' ? 'decode' : 'request',
      });
  }
}
