// One upstream HTTP/1.1 connection carrying one exchange at a time (no pipelining, as Envoy's HTTP/1 pool): the
// request head and a buffered body leave in one write, a streamed body follows with its framing (chunked when no
// content-length was given); the response head is parsed from the socket's bytes, 1xx interim responses are
// skipped, and the body is framed (none for HEAD, 204 and 304; chunked; content-length; or until close). The
// exchange's promise resolves with the head; the body flows through H1ClientBody. After a complete exchange the
// connection goes back to its pool when both sides keep it alive, else it closes. Errors: the socket failing
// before the head rejects the promise (error code ECONNRESET unless the socket gave one); after it, the body
// fails. A response head that does not parse is a Http1ParseError (status 502).
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import type { UpstreamResponse } from '../cluster/upstream-body.js';
import { BodyFramer, type Framing } from './body-framer.js';
import { type BodySource, H1ClientBody } from './client-body.js';
import {
  connectionHas,
  contentLength,
  type HeaderRecord,
  Http1ParseError,
  isChunked,
  MAX_HEAD_BYTES,
  parseResponseHead,
} from './head-parser.js';
import { headerLines, joinHeadAndBody, statusHasNoBody } from './serialize.js';

export interface ClientRequest {
  readonly method: string;
  readonly path: string;
  /** Lower-case names; host included; no hop-by-hop fields. */
  readonly headers: HeaderRecord;
  readonly body: Buffer | Readable | undefined;
}

/** Where a request that met a keep-alive race goes once more (the pool, on a fresh connection). */
export interface RaceRetry {
  requestOnFreshConnection(req: ClientRequest): Promise<UpstreamResponse>;
}

/** What the connection needs of a cancellation (the router's TryCancel is one). */
export interface ExchangeSignal {
  readonly aborted: boolean;
  on(event: 'abort', listener: () => void): unknown;
}

/** Errors of a connection the server closed under a request (the keep-alive race). */
const RACE_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE']);

export interface ConnectionOwner {
  /** The exchange completed and the connection may carry another (`keepAliveMs`: the server's idle limit hint). */
  release(conn: H1ClientConnection, keepAliveMs: number | undefined): void;
  /** The connection closed. */
  closed(conn: H1ClientConnection): void;
}

/**
 * One request/response on a connection. It is also its body's BodySource: pause, resume and reset act on the
 * connection only while this exchange is the connection's current one (a body read after its exchange completed,
 * the connection idle in the pool or carrying the next exchange, must not touch it). A class, so a response costs
 * no closures for them.
 */
class Exchange implements BodySource {
  /** Response head bytes received so far (a head split across reads). */
  pending: Buffer | undefined = undefined;
  framer: BodyFramer | undefined = undefined;
  body: H1ClientBody | undefined = undefined;
  keepAlive = true;
  keepAliveMs: number | undefined = undefined;
  requestWritten = false;
  /** Any response byte arrived (a failure before that on a reused connection may be retried). */
  gotBytes = false;
  readonly head: boolean;

  constructor(
    readonly conn: H1ClientConnection,
    readonly req: ClientRequest,
    /** The pool to send the request once more through on a keep-alive race (undefined: never retried). */
    readonly retry: RaceRetry | undefined,
    readonly resolve: (r: UpstreamResponse | PromiseLike<UpstreamResponse>) => void,
    readonly reject: (err: Error) => void,
  ) {
    this.head = req.method === 'HEAD';
  }

  pauseSocket(): void {
    if (this.conn.current === this) this.conn.socket.pause();
  }

  resumeSocket(): void {
    if (this.conn.current === this) this.conn.socket.resume();
  }

  reset(): void {
    if (this.conn.current === this) this.conn.abort();
  }
}

/** Framings without parameters, shared (no object per response). */
const NONE: Framing = { kind: 'none' };
const CHUNKED: Framing = { kind: 'chunked' };
const UNTIL_CLOSE: Framing = { kind: 'close' };

const HEAD_END = Buffer.from('\r\n\r\n');
const FRAMING: ReadonlySet<string> = new Set(['content-length', 'transfer-encoding']);
/** Methods whose requests carry "content-length: 0" when sent without a body, as undici and node:http do. */
const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

function resetError(message: string): Error {
  return Object.assign(new Error(message), { code: 'ECONNRESET' });
}

/** `keep-alive: timeout=N` (seconds) of a response, in ms. */
function keepAliveHint(headers: HeaderRecord): number | undefined {
  const v = headers['keep-alive'];
  if (typeof v !== 'string') return undefined;
  // An upstream sends the same value on every response: parsed once.
  if (v === lastHint) return lastHintMs;
  const m = /timeout=(\d+)/i.exec(v);
  lastHint = v;
  lastHintMs = m === null ? undefined : Number(m[1]) * 1000;
  return lastHintMs;
}

let lastHint = '';
let lastHintMs: number | undefined;

export class H1ClientConnection {
  #exchange: Exchange | undefined;
  /** Exchanges completed on this connection (0: fresh). */
  served = 0;
  /** When an idle connection stops being reused (performance.now() ms). */
  expiresAt = 0;
  closed = false;
  /** The last exchange failed before any response byte (on a reused connection: a keep-alive race). */
  lastFailureBeforeResponse = false;

  constructor(
    readonly socket: Socket,
    private readonly owner: ConnectionOwner,
    /** The socket was made with net's `onread` option (its bytes arrive through receive(), not 'data'). */
    ownReads = false,
  ) {
    socket.setNoDelay(true);
    if (!ownReads) socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (err) => this.#onClose(err));
    socket.on('close', () => this.#onClose(undefined));
    socket.on('end', () => socket.end());
  }

  /** Bytes read from the socket (a chunk the connection may keep). */
  receive(chunk: Buffer): void {
    this.#onData(chunk);
  }

  /** The exchange in flight (undefined when idle). */
  get current(): Exchange | undefined {
    return this.#exchange;
  }

  get busy(): boolean {
    return this.#exchange !== undefined;
  }

  /**
   * Sends `req`; resolves with the response head once it arrives. `attach` gets a cancel function bound to this
   * exchange (it does nothing once the exchange is over, when the connection may carry another).
   */
  send(
    req: ClientRequest,
    attach?: ((cancel: () => void) => void) | ExchangeSignal,
    retry?: RaceRetry,
  ): Promise<UpstreamResponse> {
    return new Promise<UpstreamResponse>((resolve, reject) => {
      const x = new Exchange(this, req, retry, resolve, reject);
      this.#exchange = x;
      const cancel = () => {
        if (this.#exchange === x) this.abort();
        // Over upstream but the body not all handed on (its reader paused: a client that went away while the
        // router waited for 'drain'): the reader gets error() instead of waiting forever. The connection is not
        // touched (it may carry another exchange).
        else x.body?.destroy();
      };
      if (typeof attach === 'function') attach(cancel);
      else attach?.on('abort', cancel);
      try {
        this.#write(req, x);
      } catch (err) {
        this.#exchange = undefined;
        this.abort();
        reject(err as Error);
      }
    });
  }

  #write(req: ClientRequest, x: Exchange): void {
    const body = req.body;
    let framing = '';
    const given = req.headers['content-length'] !== undefined;
    if (body === undefined) {
      if (!given && BODY_METHODS.has(req.method)) framing = 'content-length: 0\r\n';
    } else if (Buffer.isBuffer(body)) framing = `content-length: ${body.length}\r\n`;
    else if (given) framing = `content-length: ${String(req.headers['content-length'])}\r\n`;
    else framing = 'transfer-encoding: chunked\r\n';
    const head = `${req.method} ${req.path} HTTP/1.1\r\n${headerLines(req.headers, FRAMING)}${framing}\r\n`;
    if (body === undefined || Buffer.isBuffer(body)) {
      this.socket.write(
        body === undefined || body.length === 0 ? Buffer.from(head, 'latin1') : joinHeadAndBody(head, body),
      );
      x.requestWritten = true;
      return;
    }
    this.socket.write(head, 'latin1');
    const chunked = !given;
    body.on('data', (chunk: Buffer) => {
      if (this.#exchange !== x || chunk.length === 0) return;
      const ok = chunked
        ? this.socket.write(joinHeadAndBody(`${chunk.length.toString(16)}\r\n`, chunk, '', '\r\n'))
        : this.socket.write(chunk);
      if (!ok) {
        body.pause();
        this.socket.once('drain', () => body.resume());
      }
    });
    body.on('end', () => {
      if (this.#exchange !== x) return;
      if (chunked) this.socket.write('0\r\n\r\n', 'latin1');
      x.requestWritten = true;
      if (x.framer?.done === true) this.#complete(x);
    });
    body.on('error', () => {
      if (this.#exchange === x) this.abort();
    });
  }

  #onData(chunk: Buffer): void {
    const x = this.#exchange;
    if (x === undefined) {
      // Bytes on an idle connection: the server is confused; never reuse it.
      this.socket.destroy();
      return;
    }
    x.gotBytes = true;
    try {
      if (x.framer !== undefined) {
        x.framer.feed(chunk, 0);
        if (x.framer.done) this.#responseDone(x);
        return;
      }
      let buf = x.pending === undefined ? chunk : Buffer.concat([x.pending, chunk]);
      x.pending = undefined;
      for (;;) {
        const end = buf.indexOf(HEAD_END);
        if (end < 0) {
          if (buf.length > MAX_HEAD_BYTES) throw new Http1ParseError('upstream response head too large', 502);
          x.pending = buf;
          return;
        }
        const head = parseResponseHead(buf, 0, end + 2);
        // 1xx interim responses (100 Continue, 103 Early Hints) are dropped; 101 would switch protocols: refused.
        if (head.status < 200 && head.status !== 101) {
          buf = buf.subarray(end + 4);
          if (buf.length === 0) return;
          continue;
        }
        if (head.status === 101) throw new Http1ParseError('upstream switched protocols (101)', 502);
        this.#onHead(x, head.status, head.version, head.headers, buf, end + 4);
        return;
      }
    } catch (err) {
      this.#failExchange(x, err as Error);
    }
  }

  #onHead(
    x: Exchange,
    status: number,
    version: string,
    headers: HeaderRecord,
    buf: Buffer,
    at: number,
  ): void {
    const chunked = isChunked(headers, 502);
    const length = contentLength(headers, 502);
    // Refused as Envoy refuses it by default (allow_chunked_length false) and as the server refuses such requests:
    // the content-length would be forwarded with the decoded body and frame it wrongly for the client.
    if (chunked && length !== undefined) {
      throw new Http1ParseError('upstream response with both transfer-encoding and content-length', 502);
    }
    const framing: Framing =
      x.head || statusHasNoBody(status)
        ? NONE
        : chunked
          ? CHUNKED
          : length !== undefined
            ? { kind: 'length', length }
            : UNTIL_CLOSE;
    x.keepAlive =
      framing.kind !== 'close' &&
      (version === '1.1' ? !connectionHas(headers, 'close') : connectionHas(headers, 'keep-alive'));
    x.keepAliveMs = keepAliveHint(headers);
    const body = new H1ClientBody(x);
    const framer = new BodyFramer(framing, (c) => body.push(c), 502);
    x.body = body;
    x.framer = framer;
    x.resolve({ statusCode: status, headers, body, trailers: framer.trailers });
    if (at < buf.length) framer.feed(buf, at);
    if (framer.done) this.#responseDone(x);
  }

  /**
   * The response body is complete. With the request written, the exchange completes; with the request body still
   * streaming (an upstream answering early, a 401 before an upload), the response ends now (waiting for the
   * request could deadlock a client that waits for the answer) and the connection closes without sending the
   * rest, as Envoy resets the upstream stream.
   */
  #responseDone(x: Exchange): void {
    if (x.requestWritten) {
      this.#complete(x);
      return;
    }
    if (this.#exchange !== x) return;
    this.#exchange = undefined;
    this.socket.destroy();
    x.body?.end();
  }

  /** Request written and response body complete: the body ends; the connection is released or closed. */
  #complete(x: Exchange): void {
    if (this.#exchange !== x) return;
    this.#exchange = undefined;
    this.served++;
    // The body's reader may have paused the socket for backpressure: what is left of the body is held by the
    // body itself now, and the idle connection must read (a close, the next exchange's response).
    if (this.socket.isPaused()) this.socket.resume();
    x.body?.end();
    if (x.keepAlive && !this.closed) this.owner.release(this, x.keepAliveMs);
    else this.socket.destroy();
  }

  #failExchange(x: Exchange, err: Error): void {
    if (this.#exchange !== x) return;
    this.#exchange = undefined;
    this.lastFailureBeforeResponse = !x.gotBytes;
    this.socket.destroy();
    if (x.body !== undefined) x.body.fail(err);
    else if (this.#raced(x, err)) x.resolve((x.retry as RaceRetry).requestOnFreshConnection(x.req));
    else x.reject(err);
  }

  /**
   * A keep-alive race: the server closed a reused connection as the request went out (nothing came back), and the
   * request can be sent again (no body, or a buffered one).
   */
  #raced(x: Exchange, err: Error): boolean {
    const body = x.req.body;
    return (
      x.retry !== undefined &&
      this.served > 0 &&
      !x.gotBytes &&
      (body === undefined || Buffer.isBuffer(body)) &&
      RACE_CODES.has((err as { code?: string }).code ?? '')
    );
  }

  /** Resets the exchange in flight (a cancelled try) and closes the connection. */
  abort(): void {
    const x = this.#exchange;
    if (x !== undefined) {
      this.#failExchange(
        x,
        Object.assign(new Error('upstream request cancelled'), { code: 'UPSTREAM_CANCELLED' }),
      );
    }
    this.socket.destroy();
  }

  #onClose(err: Error | undefined): void {
    const x = this.#exchange;
    if (x !== undefined) {
      if (x.framer?.finishOnClose() === true && x.requestWritten) this.#complete(x);
      else this.#failExchange(x, err ?? resetError('upstream connection closed'));
    }
    if (!this.closed) {
      this.closed = true;
      this.owner.closed(this);
    }
  }
}
