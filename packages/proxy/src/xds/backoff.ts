// Reconnect delays: exponential with full jitter, as Envoy's JitteredExponentialBackOffStrategy (base 500 ms, at
// most 30 s by default). Attempt n (from 0) waits a uniform random time in [0, min(max, base * 2^n)). Times in ms.

export interface BackoffOptions {
  /** First interval, ms (default 500). */
  readonly baseMs?: number;
  /** Upper bound of any interval, ms (default 30,000). */
  readonly maxMs?: number;
}

export class Backoff {
  readonly #baseMs: number;
  readonly #maxMs: number;
  #attempt = 0;

  constructor(
    options: BackoffOptions = {},
    private readonly random: () => number = Math.random,
  ) {
    this.#baseMs = options.baseMs ?? 500;
    this.#maxMs = options.maxMs ?? 30_000;
  }

  /** The next delay in ms; each call doubles the ceiling until maxMs. */
  next(): number {
    const ceiling = Math.min(this.#maxMs, this.#baseMs * 2 ** Math.min(this.#attempt, 30));
    this.#attempt++;
    return Math.floor(this.random() * ceiling);
  }

  /** After a stream delivered a response: start again from the base interval. */
  reset(): void {
    this.#attempt = 0;
  }
}
