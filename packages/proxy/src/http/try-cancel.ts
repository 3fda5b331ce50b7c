// The cancellation of one upstream try: fired by the route or per-try timer, the stream idle timer (reason IDLE)
// or the client going away. The HTTP/1.1 pool takes it as its CancelSignal (it reads `aborted` and registers one
// 'abort' listener), a plain object instead of an AbortController: an AbortController, its AbortSignal (an
// EventTarget) and the listener bookkeeping on it were about 6 % of a proxied request's CPU. HTTP/2 tries take it
// too (src/cluster/h2-session.ts resets the stream on 'abort'), not node:http2's `signal` option.

type Listener = () => void;

export class TryCancel {
  /** True once cancelled. */
  aborted = false;
  /** Why: IDLE for the stream idle timer, an Error otherwise; undefined until cancelled. */
  reason: unknown = undefined;
  #listeners: Listener[] | undefined;

  /** Cancels the try (once; later calls do nothing) and runs the 'abort' listeners. */
  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason ?? new Error('upstream try cancelled');
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (listeners !== undefined) for (const l of listeners) l();
  }

  /** Adds an 'abort' listener (other events never fire); it runs at most once. */
  on(event: string, listener: Listener): this {
    if (event !== 'abort' || this.aborted) return this;
    if (this.#listeners === undefined) this.#listeners = [listener];
    else this.#listeners.push(listener);
    return this;
  }

  /** As on(): 'abort' fires once. */
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }

  removeListener(event: string, listener: Listener): this {
    const list = this.#listeners;
    if (event !== 'abort' || list === undefined) return this;
    const i = list.indexOf(listener);
    if (i >= 0) list.splice(i, 1);
    return this;
  }

  off(event: string, listener: Listener): this {
    return this.removeListener(event, listener);
  }
}
