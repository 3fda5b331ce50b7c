// Streaming the chosen upstream response to the client: hop-by-hop headers dropped, the route's response header
// mutations and x-envoy-upstream-service-time applied, filters' response headers (CORS) added, the body piped
// with backpressure while the stream idle timer is refreshed on every chunk. A body that fails midway resets
// the client connection, flagged UT (route timeout), SI (idle timeout) or UC (upstream reset). Host counters:
// rq_active down, rq_success (status < 500, complete) or rq_error.

import type { Host } from '../cluster/host.js';
import type { BodySink, UpstreamResponse } from '../cluster/upstream-body.js';
import { clusterStat, type StatsStore } from '../stats/stats-store.js';
import type { IdleTimer } from './coarse-timer.js';
import { applyHeaderMutation } from './header-mutation.js';
import type { HttpStream } from './http-stream.js';
import type { TryCancel } from './try-cancel.js';
import { IDLE } from './upstream-try.js';

/** Connection-specific headers, never forwarded (RFC 9110 7.6.1; HTTP/2 forbids them). */
export const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
];

/** HOP_BY_HOP as a set, for the per-request header copies. */
export const HOP_BY_HOP_SET: ReadonlySet<string> = new Set(HOP_BY_HOP);

/** Whether the trailers hold any string value (most responses have none: no array is built for them). */
function hasTrailers(trailers: Readonly<Record<string, unknown>>): boolean {
  for (const k in trailers) if (typeof trailers[k] === 'string') return true;
  return false;
}

export function sendResponse(
  stream: HttpStream,
  response: UpstreamResponse,
  host: Host,
  signal: TryCancel,
  idle: IdleTimer | undefined,
  stats: StatsStore,
  cluster: string,
): Promise<void> {
  // One copy without the hop-by-hop headers (no delete, which would make the object a slow dictionary).
  const headers: Record<string, string | string[] | undefined> = {};
  const src = response.headers;
  for (const k in src) if (!HOP_BY_HOP_SET.has(k)) headers[k] = src[k];
  const entry = stream.route;
  if (entry !== undefined) for (const m of entry.responseMutations) applyHeaderMutation(headers, m);
  headers['x-envoy-upstream-service-time'] = String(stream.upstreamServiceTime ?? 0);
  stream.decorateResponseHeaders(headers);
  stream.responseHeaders = headers;
  stream.responseCode = response.statusCode;
  stream.responseCodeDetails = 'via_upstream';
  stream.finished = true;
  const res = stream.res;
  if (response.headersOnly === true && stream.req.httpVersion === '2.0') {
    // A headers-only answer (gRPC's trailers-only error) must reach an HTTP/2 client as one HEADERS frame with
    // END_STREAM: headers set, then end() without a body lets the http2 compatibility layer send exactly that.
    res.statusCode = response.statusCode;
    for (const [k, v] of Object.entries(headers)) if (v !== undefined) res.setHeader(k, v);
    res.end();
    void response.body.dump();
    host.stats.rqActive--;
    if (response.statusCode < 500) host.stats.rqSuccess++;
    else host.stats.rqError++;
    return Promise.resolve();
  }
  res.writeHead(response.statusCode, headers);
  return new Promise<void>((resolve) => {
    idle?.refresh();
    response.body.flow(new ResponsePump(stream, response, host, signal, idle, stats, cluster, resolve));
  });
}

/**
 * The body's sink: chunks to the client with backpressure, then the end (with trailers when the client can carry
 * them) or the failure's flag. One object per response, its handlers on the prototype (no closures per response).
 */
class ResponsePump implements BodySink {
  #onDrain: (() => void) | undefined;

  constructor(
    private readonly stream: HttpStream,
    private readonly response: UpstreamResponse,
    private readonly host: Host,
    private readonly signal: TryCancel,
    private readonly idle: IdleTimer | undefined,
    private readonly stats: StatsStore,
    private readonly cluster: string,
    private readonly resolve: () => void,
  ) {}

  data(chunk: Buffer): void {
    this.idle?.refresh();
    this.stream.bytesSent += chunk.length;
    if (!this.stream.res.write(chunk)) {
      // The drain listener is made only when the client is slow (most responses never need it).
      const body = this.response.body;
      body.pause();
      this.#onDrain ??= () => body.resume();
      this.stream.res.once('drain', this.#onDrain);
    }
  }

  end(): void {
    const { stream, response } = this;
    const res = stream.res;
    // Trailers (gRPC's grpc-status) go on when the downstream can carry them: HTTP/2, or chunked HTTP/1.1.
    if (
      hasTrailers(response.trailers) &&
      (stream.req.httpVersion === '2.0' || !res.hasHeader('content-length'))
    ) {
      const trailers = Object.entries(response.trailers).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      );
      res.addTrailers(Object.fromEntries(trailers));
    }
    res.end();
    this.#done(true);
  }

  error(): void {
    const { stream, signal } = this;
    if (stream.clientClosed) stream.flags.add('DC');
    else if (signal.aborted && signal.reason === IDLE) stream.flags.add('SI');
    else if (signal.aborted) {
      stream.flags.add('UT');
      clusterStat(this.stats, this.cluster, 'upstream_rq_timeout').value++;
    } else stream.flags.add('UC');
    stream.res.destroy();
    this.#done(false);
  }

  #done(ok: boolean): void {
    const stats = this.host.stats;
    stats.rqActive--;
    if (ok && this.response.statusCode < 500) stats.rqSuccess++;
    else stats.rqError++;
    this.resolve();
  }
}
