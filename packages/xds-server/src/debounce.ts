// Coalesces bursts of changes: keys marked dirty are flushed together once no new key arrived for `delayMs`, or
// at the latest `maxDelayMs` after the first key of the burst. Both in milliseconds.
import { InvalidOptionError } from './errors.js';

export interface DebounceOptions {
  /** Quiet time before a flush, in ms (default 100). 0 flushes synchronously, on every change. */
  delayMs?: number;
  /** Longest time a change waits, in ms (default 1000); must be >= delayMs. */
  maxDelayMs?: number;
}

export const DEFAULT_DEBOUNCE_MS = 100;
export const DEFAULT_MAX_DEBOUNCE_MS = 1000;

export class Debouncer<K> {
  readonly #delayMs: number;
  readonly #maxDelayMs: number;
  readonly #flush: (keys: ReadonlySet<K>) => void;
  #pending = new Set<K>();
  /** Time (performance.now(), ms) of the first key of the pending burst; undefined when nothing is pending. */
  #burstStart: number | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: DebounceOptions, flush: (keys: ReadonlySet<K>) => void) {
    this.#delayMs = options.delayMs ?? DEFAULT_DEBOUNCE_MS;
    this.#maxDelayMs = options.maxDelayMs ?? Math.max(DEFAULT_MAX_DEBOUNCE_MS, this.#delayMs);
    if (!(this.#delayMs >= 0) || !(this.#maxDelayMs >= this.#delayMs)) {
      throw new InvalidOptionError(
        `debounce needs 0 <= delayMs <= maxDelayMs, got delayMs ${this.#delayMs}, maxDelayMs ${this.#maxDelayMs}`,
      );
    }
    this.#flush = flush;
  }

  /** Marks a key dirty; it is flushed with the rest of its burst. */
  add(key: K): void {
    if (this.#delayMs === 0) {
      this.#flush(new Set([key]));
      return;
    }
    this.#pending.add(key);
    const now = performance.now();
    this.#burstStart ??= now;
    const wait = Math.min(this.#delayMs, this.#burstStart + this.#maxDelayMs - now);
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flushNow(), Math.max(0, wait));
  }

  /** Flushes what is pending now. */
  flushNow(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#burstStart = undefined;
    const keys = this.#pending;
    this.#pending = new Set();
    if (keys.size > 0) this.#flush(keys);
  }

  /** Drops what is pending and stops the timer. */
  cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#burstStart = undefined;
    this.#pending.clear();
  }
}
