// One bidirectional-streaming gRPC call over its own HTTP/2 connection (h2c, prior knowledge), on node:http2: a
// POST with content-type application/grpc and te: trailers, length-prefixed messages both ways (grpc-frame.ts),
// and the call's status from grpc-status / grpc-message in the trailers or in the headers of a trailers-only
// response (grpc-status.ts). The connection has a connect timeout and keepalive pings (a ping not acknowledged
// in time ends the call UNAVAILABLE). One connection per call suits the ADS client: its one stream lives as long
// as the connection, and a new call (after backoff) dials again.
//
// Invariant: `onEnd` is called exactly once, after every message was delivered, and no handler runs after it;
// the connection is closed when the call ends.
import {
  type ClientHttp2Session,
  type ClientHttp2Stream,
  connect,
  constants,
  type IncomingHttpHeaders,
  type IncomingHttpStatusHeader,
} from 'node:http2';
import { DEFAULT_MAX_MESSAGE_BYTES, frameMessage, GrpcMessageReader } from './grpc-frame.js';
import {
  GrpcCode,
  type GrpcStatus,
  GrpcStatusError,
  statusFromHeaders,
  statusFromHttp,
  statusFromRstCode,
} from './grpc-status.js';

export interface GrpcStreamOptions {
  /** HOST:PORT of the server (an IPv6 host in brackets). */
  readonly address: string;
  /** /package.Service/Method. */
  readonly path: string;
  readonly userAgent?: string;
  /** Time to establish the HTTP/2 connection, ms (default 20,000). */
  readonly connectTimeoutMs?: number;
  /** Interval of keepalive pings, ms (default 30,000; 0 = none). */
  readonly keepaliveMs?: number;
  /** Time a ping may go unacknowledged, ms (default 10,000). */
  readonly keepaliveTimeoutMs?: number;
  /** Largest message accepted, bytes (default 64 MiB). */
  readonly maxMessageBytes?: number;
}

export interface GrpcStreamHandlers {
  /** The HTTP/2 connection is established (the server may not have answered yet). */
  onConnected?(): void;
  /** A whole message, in order. It may call cancel(). */
  onMessage(message: Buffer): void;
  /** The call's end, once and last: the server's status (OK included) or a local one (UNAVAILABLE, ...). */
  onEnd(status: GrpcStatus): void;
}

type Headers = IncomingHttpHeaders & IncomingHttpStatusHeader;

export class GrpcBidiStream {
  readonly #handlers: GrpcStreamHandlers;
  readonly #session: ClientHttp2Session;
  readonly #stream: ClientHttp2Stream;
  readonly #reader: GrpcMessageReader;
  readonly #keepaliveTimeoutMs: number;
  #connectTimer: NodeJS.Timeout | undefined;
  #keepaliveTimer: NodeJS.Timeout | undefined;
  #pingTimer: NodeJS.Timeout | undefined;
  /** :status of the response headers (0 before they arrive). */
  #httpStatus = 0;
  /** The server's status from a trailers-only response or the trailers. */
  #serverStatus: GrpcStatus | undefined;
  /** A status decided here (protocol error, keepalive, cancel); wins over anything later. */
  #localStatus: GrpcStatus | undefined;
  #error: (Error & { code?: string }) | undefined;
  #ended = false;

  private constructor(options: GrpcStreamOptions, handlers: GrpcStreamHandlers) {
    this.#handlers = handlers;
    this.#reader = new GrpcMessageReader(options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES);
    this.#keepaliveTimeoutMs = options.keepaliveTimeoutMs ?? 10_000;
    const session = connect(`http://${options.address}`, { settings: { enablePush: false } });
    this.#session = session;
    const connectTimeoutMs = options.connectTimeoutMs ?? 20_000;
    this.#connectTimer = setTimeout(() => {
      this.#abort(GrpcCode.Unavailable, `no connection to ${options.address} within ${connectTimeoutMs} ms`);
    }, connectTimeoutMs);
    this.#connectTimer.unref();
    session.on('error', (err: Error) => {
      this.#error ??= err;
    });
    session.once('connect', () => {
      clearTimeout(this.#connectTimer);
      this.#connectTimer = undefined;
      if (this.#ended) return;
      const every = options.keepaliveMs ?? 30_000;
      if (every > 0) {
        this.#keepaliveTimer = setInterval(() => this.#ping(), every);
        this.#keepaliveTimer.unref();
      }
      this.#handlers.onConnected?.();
    });
    // A connection that goes before the stream reports its end (refused, reset, destroyed) ends the call.
    session.once('close', () => this.#finish());
    const stream = session.request(
      {
        [constants.HTTP2_HEADER_METHOD]: 'POST',
        [constants.HTTP2_HEADER_PATH]: options.path,
        [constants.HTTP2_HEADER_SCHEME]: 'http',
        [constants.HTTP2_HEADER_AUTHORITY]: options.address,
        [constants.HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
        [constants.HTTP2_HEADER_TE]: 'trailers',
        [constants.HTTP2_HEADER_USER_AGENT]: options.userAgent ?? 'minimesh-grpc',
        'grpc-accept-encoding': 'identity',
      },
      { endStream: false },
    );
    this.#stream = stream;
    stream.on('response', (headers: Headers) => this.#onHeaders(headers));
    stream.on('trailers', (trailers: IncomingHttpHeaders) => {
      this.#serverStatus ??= statusFromHeaders(trailers) ?? {
        code: GrpcCode.Internal,
        details: 'trailers without grpc-status',
      };
    });
    stream.on('data', (chunk: Buffer) => this.#onData(chunk));
    // The server ended its side: every message was delivered; end now when its status is known.
    stream.on('end', () => {
      if (this.#serverStatus !== undefined) this.#finish();
    });
    stream.on('error', (err: Error) => {
      this.#error ??= err;
    });
    stream.once('close', () => this.#finish());
  }

  /** Opens the connection and the call; messages may be written at once (they wait for the connection). */
  static open(options: GrpcStreamOptions, handlers: GrpcStreamHandlers): GrpcBidiStream {
    return new GrpcBidiStream(options, handlers);
  }

  /** True once the call ended (onEnd was called). */
  get ended(): boolean {
    return this.#ended;
  }

  /** Bytes written and not yet handed to the connection (HTTP/2 flow control holds them while the peer lags). */
  get bufferedBytes(): number {
    return this.#stream.writableLength;
  }

  /** Sends one message; false (and nothing sent) once the call ended. */
  write(message: Uint8Array): boolean {
    if (this.#ended || this.#stream.writableEnded) return false;
    this.#stream.write(frameMessage(message));
    return true;
  }

  /** Half-closes: no more messages from this side; the server's messages and status still come. */
  end(): void {
    if (!this.#ended && !this.#stream.writableEnded) this.#stream.end();
  }

  /** Ends the call from this side (status CANCELLED unless it ended already) and closes the connection. */
  cancel(details = 'cancelled by the client'): void {
    this.#abort(GrpcCode.Cancelled, details);
  }

  #onHeaders(headers: Headers): void {
    this.#httpStatus = Number(headers[constants.HTTP2_HEADER_STATUS] ?? 0);
    // Trailers-only: the status is in the headers and no message follows.
    const status = statusFromHeaders(headers);
    if (status !== undefined) {
      this.#serverStatus = status;
      return;
    }
    if (this.#httpStatus !== 200) {
      this.#abortWith(statusFromHttp(this.#httpStatus));
      return;
    }
    const type = String(headers[constants.HTTP2_HEADER_CONTENT_TYPE] ?? '');
    if (!type.startsWith('application/grpc')) {
      this.#abort(GrpcCode.Unknown, `response content-type ${JSON.stringify(type)} is not gRPC`);
    }
  }

  #onData(chunk: Buffer): void {
    if (this.#ended) return;
    let messages: Buffer[];
    try {
      messages = this.#reader.push(chunk);
    } catch (err) {
      if (err instanceof GrpcStatusError) this.#abortWith(err.status);
      else this.#abort(GrpcCode.Internal, String(err));
      return;
    }
    for (const m of messages) {
      if (this.#ended) return;
      this.#handlers.onMessage(m);
    }
  }

  #ping(): void {
    if (this.#ended || this.#pingTimer !== undefined) return;
    const sent = this.#session.ping((err) => {
      clearTimeout(this.#pingTimer);
      this.#pingTimer = undefined;
      if (err !== null) this.#error ??= err;
    });
    if (!sent) return;
    this.#pingTimer = setTimeout(() => {
      this.#abort(
        GrpcCode.Unavailable,
        `keepalive ping not acknowledged within ${this.#keepaliveTimeoutMs} ms`,
      );
    }, this.#keepaliveTimeoutMs);
    this.#pingTimer.unref();
  }

  #abort(code: number, details: string): void {
    this.#abortWith({ code, details });
  }

  /** Ends the call with a status decided here and resets the stream. */
  #abortWith(status: GrpcStatus): void {
    if (this.#ended) return;
    this.#localStatus = status;
    this.#finish();
  }

  /** The call's status, from the best source there is (see the header comment of grpc-status.ts). */
  #status(): GrpcStatus {
    if (this.#localStatus !== undefined) return this.#localStatus;
    if (this.#serverStatus !== undefined) {
      if (this.#reader.pending > 0) {
        return { code: GrpcCode.Internal, details: 'stream ended inside a message' };
      }
      return this.#serverStatus;
    }
    const err = this.#error;
    const rst = this.#stream.rstCode;
    if (err?.code === 'ERR_HTTP2_STREAM_ERROR' && rst !== undefined) return statusFromRstCode(rst);
    if (err !== undefined) {
      // Connection errors reach the stream wrapped (ERR_HTTP2_STREAM_CANCEL with the cause).
      const cause = err.cause instanceof Error ? err.cause : err;
      return { code: GrpcCode.Unavailable, details: cause.message };
    }
    // A connection that went away cancels its streams locally (rstCode CANCEL): that is not the server's cancel.
    if (this.#session.destroyed || this.#session.closed) {
      return { code: GrpcCode.Unavailable, details: 'connection closed' };
    }
    if (rst !== undefined && rst !== constants.NGHTTP2_NO_ERROR) return statusFromRstCode(rst);
    if (this.#httpStatus !== 0 && this.#httpStatus !== 200) return statusFromHttp(this.#httpStatus);
    return {
      code: this.#httpStatus === 0 ? GrpcCode.Unavailable : GrpcCode.Internal,
      details:
        this.#httpStatus === 0 ? 'connection closed before a response' : 'stream ended without grpc-status',
    };
  }

  #finish(): void {
    if (this.#ended) return;
    this.#ended = true;
    const status = this.#status();
    clearTimeout(this.#connectTimer);
    clearInterval(this.#keepaliveTimer);
    clearTimeout(this.#pingTimer);
    if (!this.#stream.closed && !this.#stream.destroyed) {
      // The server ended its side with a status: close ours without error; anything else is a cancel.
      const done = this.#serverStatus !== undefined && this.#localStatus === undefined;
      this.#stream.close(done ? constants.NGHTTP2_NO_ERROR : constants.NGHTTP2_CANCEL);
    }
    if (!this.#session.destroyed) {
      if (this.#session.connecting || this.#localStatus !== undefined) this.#session.destroy();
      else this.#session.close();
    }
    this.#handlers.onEnd(status);
  }
}
