// One downstream HTTP/1.1 connection: request heads are parsed from the socket's bytes (head-parser.ts), bodies
// framed (body-framer.ts), and each request handed to the handler with its H1Response. Requests are served one at
// a time in order: bytes of a pipelined next request wait (socket paused) until the current response ends. The
// connection stays open after a response when both sides allow it (HTTP/1.1 without "connection: close",
// HTTP/1.0 with "connection: keep-alive") and the request body was read to its end; otherwise it closes after
// the response. "expect: 100-continue" is answered here with 100 Continue and not forwarded, as Envoy does by
// default. A malformed head is answered 400 (431 when too large) and the connection closed. CONNECT goes to
// the connect handler with the socket and the bytes after the head. An idle connection closes after
// idleTimeoutMs; one with a request in flight never does (the route's timeouts govern it). Limits against bad
// peers (H1Limits, from the connection manager): the head's size (431), its number of header fields (431), and
// the time from a head's first byte to its end (request_headers_timeout: 408, then closed). Each refused head
// is reported to onProtocolError (the access log's DPE) before the connection closes.
import type { Socket } from 'node:net';
import { CoarseTimer } from '../http/coarse-timer.js';
import { BodyFramer, type Framing } from './body-framer.js';
import {
  connectionHas,
  contentLength,
  Http1ParseError,
  isChunked,
  MAX_HEAD_BYTES,
  parseRequestHead,
} from './head-parser.js';
import { statusLine } from './serialize.js';
import {
  canStartRequest,
  countFields,
  DEFAULT_MAX_HEADERS_COUNT,
  detailsOf,
  type H1Limits,
  type H1ProtocolError,
  TOO_LARGE,
  TOO_MANY,
} from './server-limits.js';
import { H1Request } from './server-request.js';
import { H1Response, type ResponseOwner } from './server-response.js';

export type H1RequestHandler = (req: H1Request, res: H1Response) => void;
export type H1ConnectHandler = (req: H1Request, socket: Socket, head: Buffer) => void;

export interface H1ServerOptions {
  readonly onRequest: H1RequestHandler;
  /** CONNECT requests; without it CONNECT is answered 405. */
  readonly onConnect?: H1ConnectHandler;
  /** Idle keep-alive connections close after this, ms (default 60 s). */
  readonly idleTimeoutMs?: number;
  readonly limits?: H1Limits;
  /** A malformed, oversized or timed-out head was answered (then the connection closes). */
  readonly onProtocolError?: (socket: Socket, error: H1ProtocolError) => void;
}

const HEAD_END = Buffer.from('\r\n\r\n');

export type { H1Limits, H1ProtocolError };

function idleFired(conn: H1ServerConnection): void {
  conn.idleTimeout();
}

function headersTimeoutFired(conn: H1ServerConnection): void {
  conn.headersTimeout();
}

export class H1ServerConnection implements ResponseOwner {
  /** Received bytes not yet parsed (a partial head, or a pipelined request waiting for the current response). */
  #pending: Buffer | undefined;
  #req: H1Request | undefined;
  #res: H1Response | undefined;
  /** The current request's body framer, while its body is still arriving. */
  #framer: BodyFramer | undefined;
  #parsing = false;
  /** The client half-closed: close once the response in flight ends. */
  #ended = false;
  #detached = false;
  /** Closes a draining idle connection when its grace ends (closeIfIdle). */
  #drainTimer: NodeJS.Timeout | undefined;
  /** Closes the connection when it stays idle (no request in flight) for the idle timeout. */
  readonly #idle: CoarseTimer<H1ServerConnection>;
  readonly #maxHead: number;
  readonly #maxFields: number;
  readonly #headersTimeoutMs: number;
  /** Runs from a head's first byte until the head is complete (request_headers_timeout). */
  #headersTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly socket: Socket,
    private readonly options: H1ServerOptions,
  ) {
    socket.setNoDelay(true);
    this.#maxHead = options.limits?.maxHeadBytes ?? MAX_HEAD_BYTES;
    this.#maxFields = options.limits?.maxHeadersCount ?? DEFAULT_MAX_HEADERS_COUNT;
    this.#headersTimeoutMs = options.limits?.requestHeadersTimeoutMs ?? 0;
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('end', () => this.#onEnd());
    socket.on('error', () => undefined);
    socket.on('close', () => this.#onClose());
    this.#idle = new CoarseTimer<H1ServerConnection>(options.idleTimeoutMs ?? 60_000, idleFired, this);
    // An idle timeout of 0 disables it (Envoy's idle_timeout 0).
    if (this.#idle.limitMs > 0) this.#idle.start();
  }

  /** The idle timer fired: an idle connection closes; one serving a request gets another period. */
  idleTimeout(): void {
    if (this.#res === undefined && this.#framer === undefined) this.socket.destroy();
    else this.#idle.start();
  }

  /** request_headers_timeout fired: a head still incomplete is answered 408 and the connection closed. */
  headersTimeout(): void {
    this.#headersTimer = undefined;
    if (this.#detached || this.#res !== undefined || this.#framer !== undefined) return;
    this.#fail(new Http1ParseError('request headers timeout'), 408, 'request_header_timeout');
  }

  /** Bytes read before this connection took the socket (the protocol sniffer's). */
  receive(chunk: Buffer): void {
    this.#onData(chunk);
  }

  /**
   * Drains the connection: the response in flight, and any request that comes during the drain, is answered with
   * `connection: close` (when its head has not left yet, as Envoy's HTTP/1.1 codec does while draining) and the
   * connection closes after it. An idle connection closes now, or after `graceMs` if it stays idle that long
   * (Envoy closes a draining HTTP/1.1 connection with no stream when the HCM's drain_timeout fires): a client
   * that sends its next request meanwhile is answered, not cut off.
   */
  closeIfIdle(graceMs = 0): void {
    this.#ended = true;
    if (this.#res !== undefined) this.#res.keepAlive = false;
    if (this.#res !== undefined || this.#framer !== undefined || this.#detached) return;
    if (graceMs <= 0) {
      this.#detached = true;
      this.socket.end();
      return;
    }
    this.#drainTimer ??= setTimeout(() => {
      if (this.#res !== undefined || this.#framer !== undefined || this.#detached) return;
      this.#detached = true;
      this.socket.end();
    }, graceMs);
  }

  #onData(chunk: Buffer): void {
    if (this.#detached) return;
    try {
      let buf = chunk;
      if (this.#framer !== undefined) {
        const framer = this.#framer;
        const used = framer.feed(buf, 0);
        if (!framer.done) return;
        this.#bodyDone();
        if (used === buf.length) {
          this.#resumePending();
          return;
        }
        buf = buf.subarray(used);
      }
      if (this.#pending !== undefined) {
        buf = Buffer.concat([this.#pending, buf]);
        this.#pending = undefined;
      }
      this.#parse(buf);
    } catch (err) {
      this.#fail(err);
    }
  }

  /** Parses and serves requests from `buf` while no response is in flight; keeps the rest for later. */
  #parse(input: Buffer): void {
    let buf = input;
    this.#parsing = true;
    try {
      while (buf.length > 0 && !this.#detached) {
        if (this.#res !== undefined || this.#framer !== undefined) {
          this.#pending = buf;
          this.socket.pause();
          return;
        }
        // RFC 9112 2.2: empty lines before a request line are ignored.
        let start = 0;
        while (start + 1 < buf.length && buf[start] === 13 && buf[start + 1] === 10) start += 2;
        const end = buf.indexOf(HEAD_END, start);
        if (end < 0) {
          if (buf.length - start > this.#maxHead) throw new Http1ParseError(TOO_LARGE, 431);
          // Bytes that cannot begin a request line (TLS, binary) are refused now, as llhttp does, not at the head's end.
          if (!canStartRequest(buf, start)) throw new Http1ParseError('invalid method');
          this.#pending = start === 0 ? buf : buf.subarray(start);
          if (this.#headersTimeoutMs > 0 && this.#headersTimer === undefined && buf.length > start) {
            this.#headersTimer = setTimeout(headersTimeoutFired, this.#headersTimeoutMs, this);
          }
          return;
        }
        if (end - start > this.#maxHead) throw new Http1ParseError(TOO_LARGE, 431);
        if (this.#headersTimer !== undefined) {
          clearTimeout(this.#headersTimer);
          this.#headersTimer = undefined;
        }
        buf = this.#serve(buf, start, end);
      }
    } finally {
      this.#parsing = false;
    }
  }

  /** Serves the request whose head is buf[start, end + 4); returns the bytes after what it consumed. */
  #serve(buf: Buffer, start: number, end: number): Buffer {
    const head = parseRequestHead(buf, start, end + 2);
    if (countFields(buf, start, end + 2) > this.#maxFields) throw new Http1ParseError(TOO_MANY, 431);
    this.#idle.refresh();
    const headers = head.headers;
    const chunked = isChunked(headers, 400);
    const length = contentLength(headers, 400);
    if (chunked && length !== undefined) {
      throw new Http1ParseError('both transfer-encoding and content-length');
    }
    const http10 = head.version === '1.0';
    // A draining connection (#ended) answers with `connection: close`.
    const keepAlive =
      !this.#ended && (http10 ? connectionHas(headers, 'keep-alive') : !connectionHas(headers, 'close'));
    const bodyStart = end + 4;
    if (head.method === 'CONNECT') {
      this.#detached = true;
      const req = new H1Request(head.method, head.target, head.version, headers, this.socket, false);
      const rest = buf.subarray(bodyStart);
      this.#idle.stop();
      // The tunnel takes the socket paused (nothing read is lost before it attaches).
      this.socket.pause();
      this.socket.removeAllListeners('data');
      this.socket.removeAllListeners('end');
      if (this.options.onConnect === undefined) {
        this.socket.end(`${statusLine(405)}content-length: 0\r\nconnection: close\r\n\r\n`);
      } else this.options.onConnect(req, this.socket, rest);
      return Buffer.alloc(0);
    }
    const framing: Framing = chunked
      ? { kind: 'chunked' }
      : length !== undefined && length > 0
        ? { kind: 'length', length }
        : { kind: 'none' };
    const req = new H1Request(
      head.method,
      head.target,
      head.version,
      headers,
      this.socket,
      framing.kind !== 'none',
    );
    const res = new H1Response(this, head.method === 'HEAD', keepAlive, http10);
    this.#req = req;
    this.#res = res;
    let rest = buf.subarray(bodyStart);
    if (framing.kind !== 'none') {
      const framer = new BodyFramer(framing, (chunk) => req.pushBody(chunk), 400);
      this.#framer = framer;
      const used = framer.feed(buf, bodyStart);
      rest = buf.subarray(used);
      if (framer.done) this.#bodyDone();
      else if (
        !http10 &&
        headers.expect !== undefined &&
        String(headers.expect).toLowerCase() === '100-continue'
      ) {
        // Not for HTTP/1.0 clients: RFC 9110 10.1.1 says their 100-continue expectation is ignored.
        this.socket.write('HTTP/1.1 100 Continue\r\n\r\n', 'latin1');
      }
    }
    if (headers.expect !== undefined) headers.expect = undefined;
    this.options.onRequest(req, res);
    return rest;
  }

  #bodyDone(): void {
    const req = this.#req;
    this.#framer = undefined;
    req?.endBody();
    // The response ended before the body did: now the connection can go on (or close).
    if (this.#res === undefined) this.#afterExchange(req);
  }

  /** A response ended (from H1Response.end). */
  responseDone(res: H1Response): void {
    if (this.#res !== res) return;
    this.#res = undefined;
    if (this.#framer !== undefined) {
      // The body is still arriving: Envoy does not drain an unread body; the connection closes after the response.
      res.keepAlive = false;
      this.#framer = undefined;
      this.#req?.abortBody(new Error('response sent before the request body ended'));
    }
    this.#afterExchange(this.#req, res);
  }

  #afterExchange(req: H1Request | undefined, res?: H1Response): void {
    if (req !== undefined && this.#req === req) this.#req = undefined;
    if ((res !== undefined && !res.keepAlive) || this.#ended) {
      this.#detached = true;
      this.socket.end();
      return;
    }
    if (!this.#parsing) this.#resumePending();
  }

  #resumePending(): void {
    const pending = this.#pending;
    if (this.socket.isPaused()) this.socket.resume();
    if (pending === undefined || this.#res !== undefined || this.#framer !== undefined) return;
    this.#pending = undefined;
    try {
      this.#parse(pending);
    } catch (err) {
      this.#fail(err);
    }
  }

  /**
   * The client half-closed. With no request in flight the connection closes; with one, the request is reset, as
   * Envoy treats a downstream half-close on HTTP/1.1 (the access log's DC), and the connection is destroyed.
   */
  #onEnd(): void {
    this.#ended = true;
    if (this.#res === undefined && this.#framer === undefined) {
      this.#detached = true;
      this.socket.end();
      return;
    }
    this.socket.destroy();
  }

  #onClose(): void {
    this.#detached = true;
    this.#idle.stop();
    clearTimeout(this.#drainTimer);
    if (this.#headersTimer !== undefined) clearTimeout(this.#headersTimer);
    const err = new Error('downstream connection closed');
    this.#req?.abortBody(err);
    const res = this.#res;
    this.#res = undefined;
    res?.aborted();
  }

  /**
   * A malformed request: answered with the parse error's status (when nothing was sent yet), then closed. A
   * refused head (no request in flight) is reported to onProtocolError.
   */
  #fail(err: unknown, timeoutStatus?: number, timeoutDetails?: string): void {
    const status = timeoutStatus ?? (err instanceof Http1ParseError ? err.status : 400);
    this.#detached = true;
    if (this.#headersTimer !== undefined) clearTimeout(this.#headersTimer);
    const inFlight = this.#res !== undefined;
    if (this.#res === undefined || !this.#res.headersSent) {
      const body = err instanceof Http1ParseError ? err.message : 'bad request';
      this.socket.end(
        `${statusLine(status)}content-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
      if (!inFlight) {
        this.options.onProtocolError?.(this.socket, {
          status,
          details: timeoutDetails ?? detailsOf(err),
          protocolError: timeoutStatus === undefined,
          bytesSent: Buffer.byteLength(body),
        });
      }
    } else this.socket.destroy();
    this.#req?.abortBody(err as Error);
  }
}
