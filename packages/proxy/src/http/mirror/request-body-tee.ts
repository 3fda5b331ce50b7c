// A request body streamed upstream while a copy is kept, as Envoy's router buffers a body for retries and shadows:
// every chunk goes on to the current try's reader as it arrives (a bidi gRPC stream is never held back) and into
// the copy while the copy stays within `limit` bytes (Envoy's buffer limit). A retry gets a new reader that
// replays the copy and then follows the live body; once the copy overflowed, replays are refused (Envoy's
// retry_or_shadow_abandoned). Backpressure: only the current reader pauses the source, so a slow upstream slows
// the client and nothing is buffered beyond the copy's limit. `complete()` resolves with the whole body when the
// request ended within the limit (what a shadow sends), or undefined.
import { Readable } from 'node:stream';

function ignore(): void {}

export class RequestBodyTee {
  #chunks: Buffer[] = [];
  #size = 0;
  #overflowed = false;
  #ended = false;
  #failed: Error | undefined;
  #reader: Readable | undefined;
  /** Readers made so far (the first gets what arrived before it; later ones need the copy). */
  #readers = 0;
  /** Chunks that arrived while no reader was live (the source then pauses: at most a chunk or so). */
  #gap: Buffer[] = [];
  #waiters: ((body: Buffer | undefined) => void)[] = [];

  constructor(
    private readonly source: Readable,
    private readonly limit: number,
  ) {
    source.on('data', (chunk: Buffer) => this.#data(chunk));
    source.once('end', () => this.#end());
    source.once('error', (err: Error) => this.#fail(err));
    // A client that goes away mid-body ends the request without 'end' or 'error' on some streams.
    source.once('close', () => {
      if (!this.#ended && this.#failed === undefined) this.#fail(new Error('request body aborted'));
    });
  }

  /** Whether the whole request body arrived. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Whether a new reader can still replay the whole body (the copy did not overflow). */
  get replayable(): boolean {
    return !this.#overflowed && this.#failed === undefined;
  }

  /**
   * A reader for the next try: the body so far (for a retry, the copy), then the live body. The previous reader is
   * detached (its try is over). A retry's reader when the copy overflowed meanwhile (between the caller's
   * `replayable` check and now) fails at once: its try fails and is not retried again.
   */
  reader(): Readable {
    this.#reader?.destroy();
    const first = this.#readers++ === 0;
    const reader = new Readable({ read: () => this.#pull(reader) });
    // Its consumer (the HTTP/1.1 pool, or node:http2 through pipe(), which does not listen) learns of a failure by
    // its own means; an 'error' without a listener would throw.
    reader.on('error', ignore);
    this.#reader = reader;
    if (!first && !this.replayable) {
      reader.destroy(this.#failed ?? new Error('request body over the buffer limit: no replay'));
      return reader;
    }
    for (const c of first ? this.#gap : this.#chunks) reader.push(c);
    this.#gap = [];
    if (this.#ended) reader.push(null);
    return reader;
  }

  /** Resolves with the whole body once the request ended within the limit; undefined otherwise. */
  complete(): Promise<Buffer | undefined> {
    if (this.#ended) return Promise.resolve(this.#overflowed ? undefined : Buffer.concat(this.#chunks));
    if (this.#overflowed || this.#failed !== undefined) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** The current reader wants more: the source may flow again. */
  #pull(reader: Readable): void {
    if (reader === this.#reader && this.source.isPaused()) this.source.resume();
  }

  #data(chunk: Buffer): void {
    if (!this.#overflowed) {
      this.#size += chunk.length;
      if (this.#size > this.limit) {
        this.#overflowed = true;
        this.#chunks = [];
        this.#settle(undefined);
      } else this.#chunks.push(chunk);
    }
    const reader = this.#reader;
    if (reader === undefined || reader.destroyed) {
      // Between tries (no live reader) the source waits, so the copy does not grow during a retry's backoff.
      this.#gap.push(chunk);
      this.source.pause();
    } else if (!reader.push(chunk)) this.source.pause();
  }

  #end(): void {
    this.#ended = true;
    const reader = this.#reader;
    if (reader !== undefined && !reader.destroyed) reader.push(null);
    this.#settle(this.#overflowed ? undefined : Buffer.concat(this.#chunks));
  }

  #fail(err: Error): void {
    if (this.#ended || this.#failed !== undefined) return;
    this.#failed = err;
    this.#chunks = [];
    this.#reader?.destroy(err);
    this.#settle(undefined);
  }

  #settle(body: Buffer | undefined): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w(body);
  }
}
