// The HTTP/1.1 connection pool of one upstream host: idle keep-alive connections are reused most recent first
// (LIFO, so a quiet pool lets the oldest ones expire), new ones are opened as needed (Envoy's pool has no cap
// of its own; the cluster's circuit breakers bound the requests). An idle connection is reused until its idle
// limit: the server's `keep-alive: timeout=N` hint minus a second (node:http servers close after 5 s), else
// KEEP_ALIVE_MS; one the server closed leaves the pool at once. A request that fails before any response byte on
// a reused connection (the server closed it as we wrote: a keep-alive race) is sent once more on a fresh
// connection when its body can be resent. Connect failures carry the socket's code (ECONNREFUSED ...) or
// UPSTREAM_CONNECT_TIMEOUT.
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { UpstreamResponse } from '../cluster/upstream-body.js';
import {
  type ClientRequest,
  type ConnectionOwner,
  H1ClientConnection,
  type RaceRetry,
} from './client-connection.js';

/** Idle limit without a server hint, ms (node:http's upstream agent default is similar; Envoy's is 1 h). */
const KEEP_ALIVE_MS = 60_000;
/** Margin taken off a server's keep-alive hint, ms. */
const HINT_MARGIN_MS = 1_000;

/** The buffer every upstream socket reads into (copied out at once; one read at a time on one thread). */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

export interface PoolRequest extends ClientRequest {
  /** Connect timeout, ms. */
  readonly connectTimeoutMs: number;
  /** Cancels the request: during connect (the connect fails) or the exchange (the connection is reset). */
  readonly signal?: CancelSignal;
}

/** What the pool needs of a cancellation (the router's TryCancel is one). */
export interface CancelSignal {
  readonly aborted: boolean;
  on(event: 'abort', listener: () => void): unknown;
}

function cancelledError(): Error {
  return Object.assign(new Error('upstream request cancelled'), { code: 'UPSTREAM_CANCELLED' });
}

export class H1Pool implements ConnectionOwner, RaceRetry {
  readonly #idle: H1ClientConnection[] = [];
  readonly #all = new Set<H1ClientConnection>();
  #closing = false;

  constructor(
    readonly host: string,
    readonly port: number,
  ) {}

  /** Open connections (Envoy's cx_active). */
  get connected(): number {
    return this.#all.size;
  }

  /**
   * Sends `req` on an idle connection (no promise or closure of the pool's own: the common case) or a new one.
   * A keep-alive race on a reused connection sends it once more on a fresh connection (the connection asks).
   */
  request(req: PoolRequest): Promise<UpstreamResponse> {
    const signal = req.signal;
    if (signal?.aborted === true) return Promise.reject(cancelledError());
    const reused = this.#takeIdle();
    if (reused === undefined) return this.requestOnFreshConnection(req);
    return reused.send(req, signal, this);
  }

  /** Sends `req` on a new connection; a cancellation stops the connect, then resets the exchange. */
  async requestOnFreshConnection(req: PoolRequest): Promise<UpstreamResponse> {
    let cancel: (() => void) | undefined;
    const signal = req.signal;
    if (signal !== undefined) {
      if (signal.aborted) throw cancelledError();
      signal.on('abort', () => cancel?.());
    }
    const attach = (c: () => void) => {
      cancel = c;
    };
    const conn = await this.#connect(req.connectTimeoutMs, attach);
    if (signal?.aborted === true) throw cancelledError();
    return conn.send(req, attach);
  }

  #takeIdle(): H1ClientConnection | undefined {
    const now = performance.now();
    for (;;) {
      const conn = this.#idle.pop();
      if (conn === undefined) return undefined;
      if (!conn.closed && conn.expiresAt > now && !conn.socket.destroyed) return conn;
      conn.socket.destroy();
    }
  }

  #connect(timeoutMs: number, attach: (cancel: () => void) => void): Promise<H1ClientConnection> {
    return new Promise((resolve, reject) => {
      // Reads land in one shared buffer through net's `onread` (no stream machinery, no nextTick per read); each
      // read is copied out before the callback returns, since the buffer is reused by the next read.
      let conn: H1ClientConnection | undefined;
      const socket: Socket = connect({
        host: this.host,
        port: this.port,
        onread: {
          buffer: READ_BUFFER,
          callback: (n: number, buf: Uint8Array) => {
            conn?.receive(Buffer.from(buf.subarray(0, n)));
            return true;
          },
        },
      });
      const fail = (err: Error) => {
        socket.destroy();
        reject(err);
      };
      attach(() => fail(cancelledError()));
      socket.once('error', fail);
      if (timeoutMs > 0) {
        socket.setTimeout(timeoutMs, () =>
          fail(
            Object.assign(new Error(`connect timeout after ${timeoutMs} ms`), {
              code: 'UPSTREAM_CONNECT_TIMEOUT',
            }),
          ),
        );
      }
      socket.once('connect', () => {
        socket.off('error', fail);
        socket.setTimeout(0);
        socket.removeAllListeners('timeout');
        const c = new H1ClientConnection(socket, this, true);
        conn = c;
        this.#all.add(c);
        if (this.#closing) c.socket.end();
        resolve(c);
      });
    });
  }

  release(conn: H1ClientConnection, keepAliveMs: number | undefined): void {
    if (this.#closing) {
      conn.socket.end();
      return;
    }
    const limit = keepAliveMs === undefined ? KEEP_ALIVE_MS : Math.max(0, keepAliveMs - HINT_MARGIN_MS);
    if (limit === 0) {
      conn.socket.end();
      return;
    }
    conn.expiresAt = performance.now() + limit;
    this.#idle.push(conn);
  }

  closed(conn: H1ClientConnection): void {
    this.#all.delete(conn);
    const i = this.#idle.indexOf(conn);
    if (i >= 0) this.#idle.splice(i, 1);
  }

  /** Closes idle connections now and busy ones when their exchange ends. */
  async close(): Promise<void> {
    this.#closing = true;
    for (const c of this.#idle.splice(0)) c.socket.end();
  }

  /** Closes every connection at once (requests in flight fail). */
  async destroy(): Promise<void> {
    this.#closing = true;
    this.#idle.length = 0;
    for (const c of this.#all) c.abort();
  }
}
