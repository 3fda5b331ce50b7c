// The HTTP/1.1 connection pool of one upstream host: idle keep-alive connections are reused most recent first
// (LIFO, so a quiet pool lets the oldest ones expire), new ones are opened as needed (Envoy's pool has no cap
// of its own; the cluster's circuit breakers bound the requests). An idle connection is reused until its idle
// limit: the server's `keep-alive: timeout=N` hint minus a second (node:http servers close after 5 s), else
// KEEP_ALIVE_MS; one the server closed leaves the pool at once. A request that fails before any response byte on
// a reused connection (the server closed it as we wrote: a keep-alive race) is sent once more on a fresh
// connection when its body can be resent. Connect failures carry the socket's code (ECONNREFUSED ...) or
// UPSTREAM_CONNECT_TIMEOUT.
// A pool made with a cluster's ConnectionLimits (src/cluster/connection-limits.ts, one pool per host and routing
// priority) follows Envoy's HTTP/1.1 pool: a request that finds no idle connection waits in the pending queue
// (FIFO; at max_pending_requests it fails at once with code UPSTREAM_OVERFLOW: upstream_rq_pending_overflow) and
// a connection is opened for each waiting request not yet covered by one being opened, while the cluster's
// connections stay under max_connections; over it upstream_cx_overflow counts and no connection is opened,
// except the first of a pool that has none (Envoy: at least one connection per host picked). A connection that
// becomes free serves the oldest waiting request before it goes idle; a connect failure fails every waiting
// request (Envoy purges them). max_requests_per_connection closes a connection after that many exchanges
// (upstream_cx_max_requests), and the cluster's idle_timeout (default 1 h; 0: none) closes idle connections
// (upstream_cx_idle_timeout), sooner when the server's keep-alive hint says so. Idle connections past their limit
// are closed by one timer per pool, armed for the earliest expiry.
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { ConnectionLimits } from '../cluster/connection-limits.js';
import { PendingQueue } from '../cluster/pending-queue.js';
import type { UpstreamResponse } from '../cluster/upstream-body.js';
import {
  type ClientRequest,
  type ConnectionOwner,
  H1ClientConnection,
  type RaceRetry,
} from './client-connection.js';

/** Idle limit without a server hint in a pool without limits, ms (with limits: the cluster's idle_timeout). */
const KEEP_ALIVE_MS = 60_000;
/** The longest delay setTimeout takes, ms (a longer idle limit is swept in steps). */
const MAX_TIMER_MS = 2 ** 31 - 1;
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

/** A request over max_pending_requests (the router answers 503 UO, as Envoy's pool overflow). */
export function overflowError(): Error {
  return Object.assign(new Error('upstream pending requests overflow'), { code: 'UPSTREAM_OVERFLOW' });
}

function noop(): void {}

export class H1Pool implements ConnectionOwner, RaceRetry {
  readonly #idle: H1ClientConnection[] = [];
  readonly #all = new Set<H1ClientConnection>();
  #closing = false;

  /** Requests waiting for a connection (with limits only). */
  readonly #pending: PendingQueue<H1ClientConnection> | undefined;
  /** Connections being opened for waiting requests. */
  #connecting = 0;
  /** The connect timeout of the last request queued, ms (for connections opened when one closes). */
  #connectTimeoutMs = 0;
  /** Connections the server closed (FIN or reset): upstream_cx_destroy_remote, else _local. */
  readonly #remote = new Set<H1ClientConnection>();
  #sweep: NodeJS.Timeout | undefined;
  /** When the armed sweep runs (performance.now() ms; Infinity: none armed). */
  #sweepAt = Number.POSITIVE_INFINITY;

  constructor(
    readonly host: string,
    readonly port: number,
    /** The cluster's limits at one priority; undefined: no pending queue, no connection limit (tests, tools). */
    readonly limits?: ConnectionLimits,
    /** Per-host counters the pool adds to (/clusters' cx_total). */
    private readonly hostCounters?: { cxTotal: number },
  ) {
    this.#pending = limits === undefined ? undefined : new PendingQueue(limits);
  }

  /** Open connections (Envoy's cx_active). */
  get connected(): number {
    return this.#all.size;
  }

  /** Requests waiting for a connection now. */
  get pending(): number {
    return this.#pending?.size ?? 0;
  }

  /**
   * Sends `req` on an idle connection (no promise or closure of the pool's own: the common case) or a new one
   * (with limits: through the pending queue). A keep-alive race on a reused connection sends it once more on a
   * fresh connection (the connection asks).
   */
  request(req: PoolRequest): Promise<UpstreamResponse> {
    const signal = req.signal;
    if (signal?.aborted === true) return Promise.reject(cancelledError());
    const reused = this.#takeIdle();
    if (reused !== undefined) return reused.send(req, signal, this);
    if (this.#pending === undefined) return this.requestOnFreshConnection(req);
    return this.#queue(req, this.#pending);
  }

  /** Envoy's newStream without a ready connection: wait in the pending queue, or overflow. */
  #queue(req: PoolRequest, pending: PendingQueue<H1ClientConnection>): Promise<UpstreamResponse> {
    const limits = this.limits as ConnectionLimits;
    if (!limits.breakers.canQueueRequest()) {
      limits.stats.rqPendingOverflow.value++;
      return Promise.reject(overflowError());
    }
    this.#connectTimeoutMs = req.connectTimeoutMs;
    return new Promise<UpstreamResponse>((resolve, reject) => {
      const cancel = pending.push({
        dispatch: (conn) => resolve(conn.send(req, req.signal, this)),
        fail: reject,
      });
      // Cancelled while waiting: the request never reached a host (the router reports no try to outlier detection).
      req.signal?.on('abort', () => cancel(Object.assign(cancelledError(), { pending: true })));
      this.#openForPending();
    });
  }

  /**
   * Envoy's tryCreateNewConnections: one connection being opened per waiting request, within max_connections;
   * over it upstream_cx_overflow counts, and a pool with no connection at all still opens one.
   */
  #openForPending(): void {
    const pending = this.#pending;
    const limits = this.limits;
    if (pending === undefined || limits === undefined) return;
    while (pending.size > this.#connecting) {
      const can = limits.breakers.canCreateConnection();
      if (!can) {
        limits.stats.cxOverflow.value++;
        if (this.#all.size > 0 || this.#connecting > 0) return;
      }
      this.#connecting++;
      this.#connect(this.#connectTimeoutMs, noop).then(
        (conn) => {
          this.#connecting--;
          this.#ready(conn);
        },
        (err: Error) => {
          this.#connecting--;
          pending.failAll(err);
        },
      );
    }
  }

  /** A connection opened for waiting requests connected: the oldest gets it; none left: it goes idle. */
  #ready(conn: H1ClientConnection): void {
    const next = this.#pending?.shift();
    if (next !== undefined) next.dispatch(conn);
    else if (this.#closing) this.#closeLocal(conn);
    else this.#toIdle(conn, undefined);
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
      // Every connection counts from its first SYN (Envoy: connecting ones count against max_connections).
      const limits = this.limits;
      if (limits !== undefined) {
        limits.breakers.connections++;
        limits.stats.cxTotal.value++;
        limits.stats.cxActive.value++;
      }
      if (this.hostCounters !== undefined) this.hostCounters.cxTotal++;
      let failed = false;
      const fail = (err: Error) => {
        if (failed) return;
        failed = true;
        socket.destroy();
        if (limits !== undefined) {
          limits.breakers.connections--;
          limits.stats.cxActive.value--;
          limits.stats.cxDestroy.value++;
          limits.stats.cxDestroyLocal.value++;
          if ((err as { code?: string }).code === 'UPSTREAM_CONNECT_TIMEOUT')
            limits.stats.cxConnectTimeout.value++;
        }
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
        if (failed) return;
        socket.off('error', fail);
        socket.setTimeout(0);
        socket.removeAllListeners('timeout');
        const c = new H1ClientConnection(socket, this, true);
        conn = c;
        this.#all.add(c);
        if (limits !== undefined) {
          socket.once('end', () => this.#remote.add(c));
          socket.on('error', (e: { code?: string }) => {
            if (e.code === 'ECONNRESET') this.#remote.add(c);
          });
        }
        // A pool closed while this connected (its host left the cluster) still carries the request it was
        // opened for: release() closes the connection after that exchange.
        resolve(c);
      });
    });
  }

  /**
   * An exchange completed on a connection both sides keep alive: closed at max_requests_per_connection, else
   * given to the oldest waiting request, else idle (closed if the pool is closing).
   */
  release(conn: H1ClientConnection, keepAliveMs: number | undefined): void {
    const max = this.limits?.settings.maxRequestsPerConnection ?? 0;
    if (max > 0 && conn.served >= max) {
      (this.limits as ConnectionLimits).stats.cxMaxRequests.value++;
      this.#closeLocal(conn);
      return;
    }
    if (keepAliveMs !== undefined && keepAliveMs <= HINT_MARGIN_MS) {
      conn.socket.end();
      return;
    }
    const next = this.#pending?.shift();
    if (next !== undefined) {
      next.dispatch(conn);
      return;
    }
    if (this.#closing) {
      conn.socket.end();
      return;
    }
    this.#toIdle(conn, keepAliveMs);
  }

  /** Idles `conn` until the cluster's idle_timeout or the server's keep-alive hint (the sooner), ms. */
  #toIdle(conn: H1ClientConnection, keepAliveMs: number | undefined): void {
    const limits = this.limits;
    const idleMs =
      limits === undefined
        ? KEEP_ALIVE_MS
        : limits.settings.idleTimeoutMs > 0
          ? limits.settings.idleTimeoutMs
          : Number.POSITIVE_INFINITY;
    const limit = keepAliveMs === undefined ? idleMs : Math.min(idleMs, keepAliveMs - HINT_MARGIN_MS);
    conn.expiresAt = performance.now() + limit;
    this.#idle.push(conn);
    if (limit !== Number.POSITIVE_INFINITY) this.#armSweep(conn.expiresAt);
  }

  /** Arms the pool's one idle timer for `at` unless it runs sooner already. */
  #armSweep(at: number): void {
    if (this.#sweepAt <= at) return;
    clearTimeout(this.#sweep);
    this.#sweepAt = at;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, at - performance.now()) + 1);
    this.#sweep = setTimeout(() => this.#sweepIdle(), delay);
    this.#sweep.unref();
  }

  /** Closes idle connections past their limit (upstream_cx_idle_timeout) and re-arms for the next one. */
  #sweepIdle(): void {
    this.#sweep = undefined;
    this.#sweepAt = Number.POSITIVE_INFINITY;
    const now = performance.now();
    let next = Number.POSITIVE_INFINITY;
    for (let i = this.#idle.length - 1; i >= 0; i--) {
      const c = this.#idle[i] as H1ClientConnection;
      if (c.expiresAt > now) {
        next = Math.min(next, c.expiresAt);
        continue;
      }
      this.#idle.splice(i, 1);
      if (this.limits !== undefined) this.limits.stats.cxIdleTimeout.value++;
      this.#closeLocal(c);
    }
    if (next !== Number.POSITIVE_INFINITY) this.#armSweep(next);
  }

  /** Closes `conn` from this side (nothing in flight on it). */
  #closeLocal(conn: H1ClientConnection): void {
    conn.socket.destroy();
  }

  closed(conn: H1ClientConnection): void {
    if (!this.#all.delete(conn)) return;
    const i = this.#idle.indexOf(conn);
    if (i >= 0) this.#idle.splice(i, 1);
    const limits = this.limits;
    if (limits === undefined) return;
    limits.breakers.connections--;
    limits.stats.cxActive.value--;
    limits.stats.cxDestroy.value++;
    if (this.#remote.delete(conn)) limits.stats.cxDestroyRemote.value++;
    else limits.stats.cxDestroyLocal.value++;
    // A connection slot is free: waiting requests may get a connection now.
    if (this.#pending !== undefined && this.#pending.size > 0) this.#openForPending();
  }

  /** Closes idle connections now and busy ones when their exchange ends (waiting requests are served first). */
  async close(): Promise<void> {
    this.#closing = true;
    clearTimeout(this.#sweep);
    this.#sweep = undefined;
    this.#sweepAt = Number.POSITIVE_INFINITY;
    for (const c of this.#idle.splice(0)) c.socket.end();
  }

  /** Closes every connection at once (requests in flight and waiting fail). */
  async destroy(): Promise<void> {
    this.#closing = true;
    this.#idle.length = 0;
    clearTimeout(this.#sweep);
    this.#pending?.failAll(cancelledError());
    for (const c of this.#all) c.abort();
  }
}
