// The body of one upstream HTTP/1.1 response (an UpstreamBody): chunks from the connection are handed to the
// sink as they arrive, or held until flow() is called (a response's first bytes usually arrive with its head,
// before the router has attached). Invariant: the sink sees data* then exactly one end() or error().
import type { BodySink, UpstreamBody } from '../cluster/upstream-body.js';

export interface BodySource {
  pauseSocket(): void;
  resumeSocket(): void;
  /** Resets the exchange (the connection is closed, not reused). */
  reset(): void;
}

enum State {
  Open = 0,
  Ended = 1,
  Failed = 2,
  Delivered = 3,
}

export class H1ClientBody implements UpstreamBody {
  #sink: BodySink | undefined;
  #held: Buffer[] | undefined;
  #state = State.Open;
  #error: Error | undefined;
  #paused = false;

  constructor(private readonly source: BodySource) {}

  /** Bytes from the connection (subarrays of the socket's chunks, which are never reused). */
  push(chunk: Buffer): void {
    if (this.#state !== State.Open) return;
    if (this.#sink !== undefined && !this.#paused && this.#held === undefined) this.#sink.data(chunk);
    else if (this.#held === undefined) this.#held = [chunk];
    else this.#held.push(chunk);
  }

  /** The body ended (framing complete). */
  end(): void {
    if (this.#state !== State.Open) return;
    this.#state = State.Ended;
    this.#deliver();
  }

  /** The exchange failed before the body ended. */
  fail(err: Error): void {
    if (this.#state !== State.Open) return;
    this.#state = State.Failed;
    this.#error = err;
    this.#held = undefined;
    this.#deliver();
  }

  flow(sink: BodySink): void {
    if (this.#sink !== undefined) return;
    this.#sink = sink;
    this.#deliver();
  }

  pause(): void {
    this.#paused = true;
    this.source.pauseSocket();
  }

  resume(): void {
    this.#paused = false;
    this.#deliver();
    if (!this.#paused) this.source.resumeSocket();
  }

  destroy(): void {
    if (this.#state === State.Open) this.source.reset();
    else if (this.#state === State.Ended) {
      // Ended upstream but not all handed to the sink (paused with chunks held): the rest is dropped and the sink
      // gets error(), as UpstreamBody promises; else a reader waiting to resume would wait forever.
      this.#state = State.Open;
    }
    this.fail(new Error('upstream response destroyed'));
  }

  dump(): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.#sink !== undefined) {
        // Already flowing elsewhere: the rest is not wanted; reset.
        this.destroy();
        resolve();
        return;
      }
      this.flow({ data() {}, end: resolve, error: () => resolve() });
      this.resume();
    });
  }

  /** Hands held chunks to the sink while not paused, then the end or the error once. */
  #deliver(): void {
    const sink = this.#sink;
    if (sink === undefined || this.#state === State.Delivered) return;
    const held = this.#held;
    if (held !== undefined) {
      while (held.length > 0 && !this.#paused) sink.data(held.shift() as Buffer);
      if (held.length > 0) return;
      this.#held = undefined;
    }
    if (this.#paused && this.#state === State.Open) return;
    if (this.#state === State.Ended) {
      this.#state = State.Delivered;
      sink.end();
    } else if (this.#state === State.Failed) {
      this.#state = State.Delivered;
      sink.error(this.#error ?? new Error('upstream response failed'));
    }
  }
}
