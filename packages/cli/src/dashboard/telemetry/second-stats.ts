// Per-second request statistics of one key (an edge, a service or workload as one reporter saw it, the whole
// mesh): fixed rings indexed by `second % length`, each slot stamped with the second it holds, so a slot is reset
// lazily when a later second reuses it and an idle key costs nothing. Seconds are whole seconds since the epoch.
// Invariants: memory is fixed at construction (6 x seriesLen doubles) plus at most `histLen` 16-bit histograms
// (allocated on first use, then reused; about 4.5 KB each); recording is O(1) and allocates nothing once a slot's
// histogram exists. A golden key active for a whole window holds about 32 x 4.5 KB ≈ 150 KB per reporter.
import { build, type Histogram } from 'hdr-histogram-js';

/** Latencies are recorded in microseconds, integers; above one hour they are clamped (bounds the resize). */
export const MAX_LATENCY_US = 3_600_000_000;

/**
 * A histogram of microsecond latencies: 2 significant digits (1% error), grows to the largest value seen (about
 * 4.5 KB at 16 bits, 8 KB at 32, for latencies from 1 ms to 1 s). Per-second histograms use 16-bit counts (a
 * bucket holds 65,535 requests of one key in one second, far beyond a local mesh); merged ones use 32.
 */
export function newLatencyHistogram(bits: 16 | 32 = 32): Histogram {
  return build({
    bitBucketSize: bits,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 2,
    numberOfSignificantValueDigits: 2,
  });
}

/** Microseconds (integer, clamped to [0, MAX_LATENCY_US]) of a duration in ms. */
export function latencyUs(durationMs: number): number {
  const us = Math.round(durationMs * 1000);
  return us > 0 ? Math.min(us, MAX_LATENCY_US) : 0;
}

/** One second's percentiles in ms; zeros for a second without requests. */
export interface Percentiles {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** The value at `percentile` in ms (3 decimals), 0 for an empty histogram. */
export function percentileMs(h: Histogram, percentile: number): number {
  return h.totalCount === 0 ? 0 : Math.round(h.getValueAtPercentile(percentile)) / 1000;
}

export class SecondStats {
  readonly #stamps: Float64Array;
  readonly #requests: Float64Array;
  readonly #errors: Float64Array;
  /** Percentiles of a second, kept when its histogram slot is reused (series older than the histogram ring). */
  readonly #p50: Float64Array;
  readonly #p95: Float64Array;
  readonly #p99: Float64Array;
  readonly #histStamps: Float64Array;
  readonly #hists: (Histogram | undefined)[];
  /** The latest second recorded, -Infinity before any. */
  lastSecond = Number.NEGATIVE_INFINITY;

  /**
   * @param seriesLen seconds of counts (and kept percentiles) retained
   * @param histLen seconds of full histograms retained (mergeable for windows); at most seriesLen
   */
  constructor(seriesLen: number, histLen: number) {
    const h = Math.min(histLen, seriesLen);
    this.#stamps = new Float64Array(seriesLen).fill(Number.NaN);
    this.#requests = new Float64Array(seriesLen);
    this.#errors = new Float64Array(seriesLen);
    this.#p50 = new Float64Array(seriesLen);
    this.#p95 = new Float64Array(seriesLen);
    this.#p99 = new Float64Array(seriesLen);
    this.#histStamps = new Float64Array(h).fill(Number.NaN);
    this.#hists = new Array<Histogram | undefined>(h).fill(undefined);
  }

  /** Counts one request of `second` with a latency in microseconds; `error`: a 5xx or no response. */
  record(second: number, latency: number, error: boolean): void {
    const i = second % this.#stamps.length;
    if (this.#stamps[i] !== second) {
      this.#stamps[i] = second;
      this.#requests[i] = 0;
      this.#errors[i] = 0;
      this.#p50[i] = 0;
      this.#p95[i] = 0;
      this.#p99[i] = 0;
    }
    this.#requests[i] = (this.#requests[i] ?? 0) + 1;
    if (error) this.#errors[i] = (this.#errors[i] ?? 0) + 1;
    const j = second % this.#hists.length;
    let hist = this.#hists[j];
    if (hist === undefined) {
      hist = newLatencyHistogram(16);
      this.#hists[j] = hist;
      this.#histStamps[j] = second;
    } else if (this.#histStamps[j] !== second) {
      this.#keepPercentiles(this.#histStamps[j] ?? Number.NaN, hist);
      hist.reset();
      this.#histStamps[j] = second;
    }
    hist.recordValue(latency);
    if (second > this.lastSecond) this.lastSecond = second;
  }

  /** Stores the percentiles of the evicted second `second` in its series slot (when the slot still holds it). */
  #keepPercentiles(second: number, hist: Histogram): void {
    const i = second % this.#stamps.length;
    if (this.#stamps[i] !== second) return;
    this.#p50[i] = percentileMs(hist, 50);
    this.#p95[i] = percentileMs(hist, 95);
    this.#p99[i] = percentileMs(hist, 99);
  }

  requestsAt(second: number): number {
    const i = second % this.#stamps.length;
    return this.#stamps[i] === second ? (this.#requests[i] ?? 0) : 0;
  }

  errorsAt(second: number): number {
    const i = second % this.#stamps.length;
    return this.#stamps[i] === second ? (this.#errors[i] ?? 0) : 0;
  }

  /** The histogram of `second` while it is retained, else undefined. */
  histogramAt(second: number): Histogram | undefined {
    const j = second % this.#hists.length;
    return this.#histStamps[j] === second ? this.#hists[j] : undefined;
  }

  /** The percentiles of one second into `out` (from its histogram while retained, else the kept values). */
  percentilesAt(second: number, out: Percentiles): Percentiles {
    const hist = this.histogramAt(second);
    const i = second % this.#stamps.length;
    if (hist !== undefined) {
      out.p50Ms = percentileMs(hist, 50);
      out.p95Ms = percentileMs(hist, 95);
      out.p99Ms = percentileMs(hist, 99);
    } else if (this.#stamps[i] === second) {
      out.p50Ms = this.#p50[i] ?? 0;
      out.p95Ms = this.#p95[i] ?? 0;
      out.p99Ms = this.#p99[i] ?? 0;
    } else {
      out.p50Ms = 0;
      out.p95Ms = 0;
      out.p99Ms = 0;
    }
    return out;
  }

  /**
   * Adds the seconds [from, to) into `into` (requests, errors, and the histograms of the seconds still retained)
   * and returns it. Seconds older than the retained histograms count requests but no latencies.
   */
  sum(from: number, to: number, into: WindowSum): WindowSum {
    const start = Math.max(from, to - this.#stamps.length);
    for (let s = start; s < to; s++) {
      const i = s % this.#stamps.length;
      if (this.#stamps[i] !== s) continue;
      into.requests += this.#requests[i] ?? 0;
      into.errors += this.#errors[i] ?? 0;
      const hist = this.histogramAt(s);
      if (hist !== undefined) into.latency.add(hist);
    }
    return into;
  }

  /** Whether any request was recorded in [from, to). */
  hasRequests(from: number, to: number): boolean {
    if (this.lastSecond < from) return false;
    const start = Math.max(from, to - this.#stamps.length);
    for (let s = start; s < to; s++) if (this.requestsAt(s) > 0) return true;
    return false;
  }
}

/** A running sum over seconds; `latency` is a scratch histogram the caller resets. */
export interface WindowSum {
  requests: number;
  errors: number;
  readonly latency: Histogram;
}
