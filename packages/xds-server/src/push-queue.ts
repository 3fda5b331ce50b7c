// Pushes after a cache change run in slices of at most SLICE_MS of work, one setImmediate apart, instead of all
// at once inside the change notification: between slices the event loop writes what was pushed and reads the
// clients' ACKs, so the first clients are served while later ones are still being pushed to, and a large
// fleet never blocks the server for seconds. A stream queued again before its push ran is pushed once (a push
// always sends the cache's state at the time it runs); streams are pushed in the order they were queued.

/** Longest run of pushes between two turns of the event loop, in ms. */
export const SLICE_MS = 10;

export type PushTask = () => void;

export class PushQueue {
  readonly #tasks = new Set<PushTask>();
  #scheduled = false;

  /** Queues a push (once, however often it is queued before it runs). */
  schedule(task: PushTask): void {
    this.#tasks.add(task);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#run());
    }
  }

  /** Drops a queued push (its stream closed). */
  cancel(task: PushTask): void {
    this.#tasks.delete(task);
  }

  /** Number of pushes waiting. */
  get size(): number {
    return this.#tasks.size;
  }

  #run(): void {
    this.#scheduled = false;
    const end = performance.now() + SLICE_MS;
    for (const task of this.#tasks) {
      this.#tasks.delete(task);
      task();
      if (performance.now() >= end) break;
    }
    if (this.#tasks.size > 0 && !this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#run());
    }
  }
}
