// One try of a request to one upstream host, over HTTP/1.1 (the host's connection pool, src/http1) or HTTP/2 (its
// h2c session).
// The try ends with an outcome the retry policy reads: a response (headers received; the body not yet read), a
// connect failure, a reset, a timeout (the try's TryCancel fired: per_try_timeout or what is left of the route
// timeout) or an idle timeout (the signal fired with reason IDLE).

import type { Readable } from 'node:stream';
import type { ConnectionLimits } from '../cluster/connection-limits.js';
import type { Host } from '../cluster/host.js';
import type { UpstreamResponse } from '../cluster/upstream-body.js';
import type { TryOutcome } from './retry-policy.js';
import type { TryCancel } from './try-cancel.js';

/** The abort reason of the stream idle timer. */
export const IDLE = Symbol('stream idle timeout');

export type TryResult =
  | { readonly outcome: Extract<TryOutcome, { kind: 'response' }>; readonly response: UpstreamResponse }
  | { readonly outcome: Exclude<TryOutcome, { kind: 'response' }>; readonly error: Error };

export interface TryRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[]>;
  /** HTTP/2 (h2c) or HTTP/1.1 to the host. */
  readonly http2: boolean;
  /** A buffered body (retries possible) or the downstream request stream (a single try). */
  readonly body: Buffer | Readable | undefined;
  /** Aborted with reason IDLE by the stream idle timer, with another reason by the route or per-try timer. */
  readonly signal: TryCancel;
  /** Connect timeout of the cluster, ms. */
  readonly connectTimeoutMs: number;
  /** The cluster's limits at the route's priority: picks the host's HTTP/1.1 pool (unset: its first pool). */
  readonly limits?: ConnectionLimits;
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UPSTREAM_CONNECT_TIMEOUT',
]);

function classify(err: unknown, signal: TryCancel): Exclude<TryOutcome, { kind: 'response' }> {
  if (signal.aborted) return signal.reason === IDLE ? { kind: 'idle' } : { kind: 'timeout' };
  // http2 reports a failed session on its streams, with the socket's error as the cause.
  const e = err as { code?: string; cause?: { code?: string } };
  const code = CONNECT_CODES.has(e.code ?? '') ? (e.code ?? '') : (e.cause?.code ?? e.code ?? '');
  if (CONNECT_CODES.has(code)) return { kind: 'connect-failure' };
  // node:http2 reports a stream the upstream reset with its error code in the message.
  if (/NGHTTP2_REFUSED_STREAM/.test((err as Error | undefined)?.message ?? ''))
    return { kind: 'reset', refused: true };
  return { kind: 'reset' };
}

/** One try; never rejects (a failure is an outcome). */
export function tryUpstream(host: Host, request: TryRequest): Promise<TryResult> {
  if (request.http2) return tryHttp2(host, request);
  let response: Promise<UpstreamResponse>;
  try {
    // The try request is the pool's request as is (no copy); its signal, the try's cancellation, stops the
    // connect or resets the connection carrying it (timeouts, the client gone).
    response = host.pool(request.limits).request(request);
  } catch (err) {
    return Promise.resolve(failed(err, request.signal));
  }
  return response.then(answered, (err: unknown) => failed(err, request.signal));
}

function answered(response: UpstreamResponse): TryResult {
  return { outcome: { kind: 'response', status: response.statusCode }, response };
}

function failed(err: unknown, signal: TryCancel): TryResult {
  return { outcome: classify(err, signal), error: err as Error };
}

async function tryHttp2(host: Host, request: TryRequest): Promise<TryResult> {
  try {
    const response = await host
      .h2(request.limits)
      .request(request.method, request.path, request.headers, request.body, request.signal);
    return answered(response);
  } catch (err) {
    return failed(err, request.signal);
  }
}
