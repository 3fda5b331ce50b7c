// The pending requests of one HTTP/1.1 pool: requests that found no idle connection and wait, first in first
// out, for one to be ready (Envoy's pending streams). A request leaves the queue when it is given a connection,
// when it is cancelled (its try timed out, the client went away: upstream_rq_cancelled) or when the pool fails
// it (a connect failure fails every pending request, as Envoy purges them). Every request in the queue holds one
// of its priority's max_pending_requests and counts in upstream_rq_pending_active; entering counts in
// upstream_rq_pending_total.
import type { ConnectionLimits } from './connection-limits.js';

/** One waiting request: what the pool calls when it leaves the queue (C: the pool's connection type). */
export interface PendingRequest<C> {
  /** Given a connection (the request is sent on it). */
  readonly dispatch: (conn: C) => void;
  /** Failed without a connection (a connect failure, the pool destroyed, the try cancelled). */
  readonly fail: (err: Error) => void;
}

interface Entry<C> extends PendingRequest<C> {
  live: boolean;
}

export class PendingQueue<C> {
  /** Entries from `#head` on, some dead (cancelled: skipped when they reach the head). */
  #entries: (Entry<C> | undefined)[] = [];
  #head = 0;
  #size = 0;

  constructor(private readonly limits: ConnectionLimits) {}

  /** Waiting requests now. */
  get size(): number {
    return this.#size;
  }

  /** Queues `p`; returns the function that takes it out again (a cancelled try), doing nothing once it left. */
  push(p: PendingRequest<C>): (err: Error) => void {
    const e: Entry<C> = { ...p, live: true };
    this.#entries.push(e);
    this.#size++;
    this.#count(1);
    this.limits.stats.rqPendingTotal.value++;
    return (err: Error) => {
      if (!e.live) return;
      this.#leave(e);
      this.limits.stats.rqCancelled.value++;
      e.fail(err);
    };
  }

  /** Takes the oldest waiting request out of the queue (undefined when none waits). */
  shift(): PendingRequest<C> | undefined {
    while (this.#head < this.#entries.length) {
      const e = this.#entries[this.#head];
      this.#entries[this.#head] = undefined;
      this.#head++;
      if (e?.live === true) {
        this.#leave(e);
        this.#compact();
        return e;
      }
    }
    this.#compact();
    return undefined;
  }

  /** Fails every waiting request with `err` (a connect failure, the pool destroyed). */
  failAll(err: Error): void {
    for (let p = this.shift(); p !== undefined; p = this.shift()) p.fail(err);
  }

  #leave(e: Entry<C>): void {
    e.live = false;
    this.#size--;
    this.#count(-1);
  }

  #count(by: number): void {
    this.limits.breakers.pendingRequests += by;
    this.limits.stats.rqPendingActive.value += by;
  }

  /** Drops consumed slots once the queue is drained or half of it is consumed (amortised O(1) shift). */
  #compact(): void {
    if (this.#head === this.#entries.length) {
      this.#entries = [];
      this.#head = 0;
    } else if (this.#head > 64 && this.#head * 2 > this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head);
      this.#head = 0;
    }
  }
}
