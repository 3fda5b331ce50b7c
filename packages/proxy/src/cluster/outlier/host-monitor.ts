// The outlier detector's state of one host (Envoy's DetectorHostMonitorImpl): the consecutive error counters, the
// success rate buckets of the external origin (HTTP status codes) and the local origin (connect failures, resets,
// timeouts; counted only with split_external_local_origin_errors), and the ejection bookkeeping. Times are
// performance.now() milliseconds.

/** Requests and successes of one interval; the bucket of the last complete interval is the one read. */
export class SuccessRateBuckets {
  #total = 0;
  #success = 0;
  #lastTotal = 0;
  #lastSuccess = 0;

  record(success: boolean): void {
    this.#total++;
    if (success) this.#success++;
  }

  /** Closes the current interval: what it counted becomes the bucket read by `rate`. */
  rotate(): void {
    this.#lastTotal = this.#total;
    this.#lastSuccess = this.#success;
    this.#total = 0;
    this.#success = 0;
  }

  /** The last complete interval's success rate in percent and its request volume; undefined without requests. */
  rate(): { readonly rate: number; readonly volume: number } | undefined {
    if (this.#lastTotal === 0) return undefined;
    return { rate: (this.#lastSuccess * 100) / this.#lastTotal, volume: this.#lastTotal };
  }
}

export class HostMonitor {
  consecutive5xx = 0;
  consecutiveGatewayFailure = 0;
  consecutiveLocalOriginFailure = 0;
  readonly external = new SuccessRateBuckets();
  readonly localOrigin = new SuccessRateBuckets();
  /** The success rates the last sweep computed, percent; -1 when it did not (shown by /clusters). */
  successRate = -1;
  localOriginSuccessRate = -1;
  /** Times ejected, ever (Envoy's num_ejections). */
  numEjections = 0;
  /** The ejection time multiplier: up by one per ejection, down by one per sweep that finds the host in service. */
  ejectTimeBackoff = 0;
  /** When the current ejection started, and its random extra (max_ejection_time_jitter), ms. */
  lastEjectionTime: number | undefined;
  jitterMs = 0;
  lastUnejectionTime: number | undefined;

  /** After an ejection ends: counters start again, so a few new errors do not eject the host at once. */
  resetConsecutive(): void {
    this.consecutive5xx = 0;
    this.consecutiveGatewayFailure = 0;
    this.consecutiveLocalOriginFailure = 0;
  }
}
