// HTTP/2 (h2c, prior knowledge) to one upstream host: one client session, opened on first use and again after it
// closes, multiplexing every request to the host (Envoy's HTTP/2 pool keeps one connection per host by default).
// A request yields the same UpstreamResponse as the HTTP/1.1 client (status, headers, an UpstreamBody, trailers
// filled when the body ends), so the router handles both versions alike.
// With the cluster's limits (src/cluster/connection-limits.ts), as Envoy's HTTP/2 pool:
// - a request sent while the session is still connecting waits as pending: upstream_rq_pending_total / _active,
//   and over max_pending_requests it fails at once (UPSTREAM_OVERFLOW: 503 UO, upstream_rq_pending_overflow);
// - max_requests_per_connection: after that many streams the session is drained (GOAWAY, its streams finish) and
//   the next request opens a new one (upstream_cx_max_requests);
// - idle_timeout: a session with no stream for that long is closed (upstream_cx_idle_timeout);
// - upstream_cx_total / upstream_cx_active / upstream_cx_destroy count sessions.
import { type ClientHttp2Session, connect, constants } from 'node:http2';
import type { Readable } from 'node:stream';
import { overflowError } from '../http1/client-pool.js';
import type { ConnectionLimits } from './connection-limits.js';
import { type Headers, readableBody, type UpstreamResponse } from './upstream-body.js';

export type { Headers, UpstreamResponse } from './upstream-body.js';

/**
 * The try's cancellation as the session reads it (the router's TryCancel): a plain listener instead of an
 * AbortSignal, whose per-request AbortController and node:http2's async-hooks binding of it cost a visible share
 * of a gRPC call's CPU.
 */
export interface CancelSource {
  readonly aborted: boolean;
  readonly reason: unknown;
  on(event: 'abort', listener: () => void): unknown;
  removeListener(event: 'abort', listener: () => void): unknown;
}

/** What node:http2 destroys a stream with when its signal aborts (an AbortError). */
function abortError(reason: unknown): Error {
  return Object.assign(new Error('The operation was aborted'), {
    name: 'AbortError',
    code: 'ABORT_ERR',
    cause: reason,
  });
}

export class H2Session {
  #session: ClientHttp2Session | undefined;
  /** Streams started on the current session (max_requests_per_connection). */
  #started = 0;
  /** Streams open on the current session (idle_timeout runs while 0). */
  #open = 0;
  #idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    readonly limits?: ConnectionLimits,
  ) {}

  #get(): ClientHttp2Session {
    const current = this.#session;
    const max = this.limits?.settings.maxRequestsPerConnection ?? 0;
    if (current !== undefined && !current.closed && !current.destroyed) {
      if (max === 0 || this.#started < max) return current;
      // The session served its share: drained (GOAWAY; its streams finish), a new one takes the next request.
      if (this.limits !== undefined) this.limits.stats.cxMaxRequests.value++;
      current.close();
    }
    const session = connect(this.url);
    const stats = this.limits?.stats;
    if (stats !== undefined) {
      stats.cxTotal.value++;
      stats.cxActive.value++;
    }
    session.on('error', () => undefined);
    session.on('close', () => {
      if (stats !== undefined) {
        stats.cxActive.value--;
        stats.cxDestroy.value++;
      }
      if (this.#session === session) this.#forget();
    });
    this.#session = session;
    this.#started = 0;
    this.#open = 0;
    return session;
  }

  #forget(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    this.#session = undefined;
  }

  /** A stream of `session` ended: at no stream left, the idle timer starts (idle_timeout, ms; 0 = none). */
  #streamClosed(session: ClientHttp2Session): void {
    if (session !== this.#session) return;
    this.#open--;
    const idleMs = this.limits?.settings.idleTimeoutMs ?? 0;
    if (this.#open > 0 || idleMs <= 0) return;
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      if (this.#session !== session || this.#open > 0) return;
      if (this.limits !== undefined) this.limits.stats.cxIdleTimeout.value++;
      this.#forget();
      session.close();
    }, idleMs);
    this.#idleTimer.unref();
  }

  /** Sends one request; rejects on a reset before response headers (or the cancel), or a pending overflow. */
  request(
    method: string,
    path: string,
    headers: Headers,
    body: Buffer | Readable | undefined,
    cancel: CancelSource,
  ): Promise<UpstreamResponse> {
    if (cancel.aborted) return Promise.reject(abortError(cancel.reason));
    let session: ClientHttp2Session;
    try {
      session = this.#get();
    } catch (err) {
      return Promise.reject(err);
    }
    const limits = this.limits;
    let pending = false;
    if (limits !== undefined && session.connecting) {
      // Envoy's HTTP/2 pool: a stream with no connected connection waits as pending.
      if (!limits.breakers.canQueueRequest()) {
        limits.stats.rqPendingOverflow.value++;
        return Promise.reject(overflowError());
      }
      pending = true;
      limits.breakers.pendingRequests++;
      limits.stats.rqPendingTotal.value++;
      limits.stats.rqPendingActive.value++;
    }
    const unpend = () => {
      if (!pending || limits === undefined) return;
      pending = false;
      limits.breakers.pendingRequests--;
      limits.stats.rqPendingActive.value--;
    };
    if (pending) session.once('connect', unpend);
    return new Promise((resolve, reject) => {
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(headers)) if (v !== undefined && k !== 'host') out[k] = v;
      out[constants.HTTP2_HEADER_METHOD] = method;
      out[constants.HTTP2_HEADER_PATH] = path;
      out[constants.HTTP2_HEADER_SCHEME] = 'http';
      out[constants.HTTP2_HEADER_AUTHORITY] = String(headers.host ?? '');
      let stream: ReturnType<ClientHttp2Session['request']>;
      try {
        stream = session.request(out);
      } catch (err) {
        unpend();
        reject(err);
        return;
      }
      this.#started++;
      this.#open++;
      clearTimeout(this.#idleTimer);
      // Cancelled (timeouts, the client gone) before or after the response: the stream is reset (RST_STREAM
      // CANCEL), as node:http2 does for an aborted signal.
      const onAbort = () => stream.destroy(abortError(cancel.reason));
      cancel.on('abort', onAbort);
      stream.once('close', () => {
        cancel.removeListener('abort', onAbort);
        unpend();
        this.#streamClosed(session);
      });
      const trailers: Headers = {};
      stream.on('trailers', (t) => Object.assign(trailers, t));
      stream.once('error', reject);
      stream.once('response', (h) => {
        stream.off('error', reject);
        const { ':status': status, ...rest } = h;
        // Errors after the headers surface on the body (the sink's error()).
        const body = readableBody(stream);
        body.dump = async () => {
          stream.close(constants.NGHTTP2_CANCEL);
        };
        // END_STREAM on the HEADERS frame; gRPC's Trailers-Only form is told by grpc-status in the headers (node
        // does not always report endAfterHeaders on client streams).
        const headersOnly = stream.endAfterHeaders || rest['grpc-status'] !== undefined;
        resolve({
          statusCode: Number(status),
          headers: rest as Headers,
          body,
          trailers,
          headersOnly,
        });
      });
      if (body === undefined) stream.end();
      else if (Buffer.isBuffer(body)) stream.end(body);
      else body.pipe(stream);
    });
  }

  close(): void {
    const s = this.#session;
    this.#forget();
    s?.close();
  }

  destroy(): void {
    const s = this.#session;
    this.#forget();
    s?.destroy();
  }
}
