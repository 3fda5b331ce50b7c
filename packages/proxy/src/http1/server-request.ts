// One downstream HTTP/1.1 request with the part of node:http's IncomingMessage the proxy uses: method, url,
// httpVersion, headers (node's combining rules), socket, and the body as a Readable made only when somebody
// reads it (pipe), so a request without a body allocates no stream. Body bytes that arrive before anyone reads
// are held (the socket is paused past BUFFER_LIMIT); backpressure from the reader pauses the socket.
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { HeaderRecord } from './head-parser.js';

/** Body bytes held for a reader that has not attached yet before the socket is paused, bytes. */
const BUFFER_LIMIT = 1024 * 1024;

export class H1Request {
  /** The whole body was received (true at once for a request without a body). */
  complete: boolean;
  #held: Buffer[] | undefined;
  #heldBytes = 0;
  #stream: Readable | undefined;
  #error: Error | undefined;
  /** The body is being thrown away (resume() without a reader). */
  #discard = false;
  /** Where pipe() sends the body (ended with it when the body is aborted). */
  #dest: NodeJS.WritableStream | undefined;

  constructor(
    readonly method: string,
    readonly url: string,
    readonly httpVersion: string,
    readonly headers: HeaderRecord,
    readonly socket: Socket,
    hasBody: boolean,
  ) {
    this.complete = !hasBody;
  }

  /** The body as a Readable (made on first call; ends at once when there is no body). */
  body(): Readable {
    if (this.#stream !== undefined) return this.#stream;
    const socket = this.socket;
    const stream = new Readable({
      read() {
        if (socket.isPaused()) socket.resume();
      },
    });
    this.#stream = stream;
    const held = this.#held;
    this.#held = undefined;
    if (held !== undefined) for (const b of held) stream.push(b);
    if (this.#error !== undefined) stream.destroy();
    else if (this.complete) stream.push(null);
    return stream;
  }

  pipe<T extends NodeJS.WritableStream>(dest: T): T {
    this.#dest = dest;
    const out = this.body().pipe(dest);
    if (this.#error !== undefined) destroyQuietly(dest);
    return out;
  }

  /** Reads the body and throws it away (a local reply was sent); returns this, as IncomingMessage does. */
  resume(): this {
    if (this.#stream !== undefined) this.#stream.resume();
    else {
      this.#discard = true;
      this.#held = undefined;
      if (this.socket.isPaused()) this.socket.resume();
    }
    return this;
  }

  /** Body bytes from the connection. */
  pushBody(chunk: Buffer): void {
    if (this.#stream !== undefined) {
      if (!this.#stream.push(chunk)) this.socket.pause();
      return;
    }
    if (this.#discard) return;
    // Held bytes may be subarrays of a buffer the connection reuses for the next message: copied.
    const copy = Buffer.from(chunk);
    if (this.#held === undefined) this.#held = [copy];
    else this.#held.push(copy);
    this.#heldBytes += chunk.length;
    if (this.#heldBytes > BUFFER_LIMIT) this.socket.pause();
  }

  /** The body ended. */
  endBody(): void {
    this.complete = true;
    this.#stream?.push(null);
  }

  /** The connection failed before the body ended. */
  abortBody(err: Error): void {
    if (this.complete) return;
    this.#error = err;
    // As node:http's IncomingMessage: the error is emitted only to a listener. Readers by pipe() register none,
    // and an 'error' without a listener would be an uncaught exception that takes the whole proxy down.
    const s = this.#stream;
    if (s !== undefined) s.destroy(s.listenerCount('error') > 0 ? err : undefined);
    // pipe() never ends its destination when the source is destroyed: whoever reads it (the router reading a body
    // whole for retries) would wait forever, holding its circuit breaker slot. Destroyed without an error (no
    // listener may be attached yet): readers see a premature close.
    if (this.#dest !== undefined) destroyQuietly(this.#dest);
  }
}

function destroyQuietly(dest: NodeJS.WritableStream): void {
  (dest as { destroy?: () => void }).destroy?.();
}
