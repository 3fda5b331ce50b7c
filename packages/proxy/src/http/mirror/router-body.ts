// The request body as the router sends it, and the shadows that copy the request (called by forward.ts):
// - no copy needed (no retry policy, no shadow): the body streams upstream once;
// - a copy needed and the length known within the buffer limit (1 MiB, Envoy's default): read whole first (a
//   Buffer: every try and shadow sends it as is);
// - a copy needed otherwise (HTTP/2 without content-length, as gRPC sends, or chunked): streamed upstream while a
//   copy is kept (RequestBodyTee), so a bidi stream is never held back waiting for its end.
// Bytes are counted as they pass (the access log's BYTES_RECEIVED).
import { performance } from 'node:perf_hooks';
import { type Readable, Transform } from 'node:stream';
import type { HttpStream } from '../http-stream.js';
import { RequestBodyTee } from './request-body-tee.js';
import { type ShadowDeps, type ShadowRequest, sendShadows } from './shadow.js';

/** Envoy's default per-request buffer limit (1 MiB): bodies buffered or copied for retries and shadows. */
export const BUFFER_LIMIT = 1024 * 1024;

export interface RouterBody {
  /** A buffered body, the downstream body streamed once, or undefined (no body, or see `tee`). */
  readonly body: Buffer | Readable | undefined;
  /** The streamed body with its copy: each try takes tee.reader(). */
  readonly tee: RequestBodyTee | undefined;
}

const NO_BODY: RouterBody = Object.freeze({ body: undefined, tee: undefined });

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The request body of `stream` for the router; `present`: the request has a body; `keepCopy`: retries or shadows. */
export async function routerBody(
  stream: HttpStream,
  present: boolean,
  keepCopy: boolean,
): Promise<RouterBody> {
  // A filter already read the whole body (envoy.filters.http.buffer, which counted its bytes).
  if (stream.bufferedBody !== undefined) return { body: stream.bufferedBody, tee: undefined };
  if (!present) return NO_BODY;
  const counted = stream.req.pipe(
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        stream.bytesReceived += chunk.length;
        done(null, chunk);
      },
    }),
  );
  if (!keepCopy) return { body: counted, tee: undefined };
  const length = Number(stream.req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(length) && length <= BUFFER_LIMIT)
    return { body: await readAll(counted), tee: undefined };
  return { body: undefined, tee: new RequestBodyTee(counted, BUFFER_LIMIT) };
}

/** Whether the whole request body has arrived (no body, a buffered one, or a streamed one that ended). */
export function bodyComplete(b: RouterBody): boolean {
  return b.tee === undefined ? b.body === undefined || Buffer.isBuffer(b.body) : b.tee.ended;
}

/** What the main request sends upstream, for its shadows. */
export interface MainRequest {
  readonly path: string;
  /** The upstream-bound headers (copied here: later tries change them). */
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly authority: string;
  /** performance.now() of the router's timeout; Infinity = none. */
  readonly routeDeadline: number;
}

/**
 * Starts the shadows of `stream` once their body is known: at once for no body or a buffered one, at the request's
 * end for a streamed one (not at all when it outgrew the copy's limit). Their timeout is what is left of the
 * route's.
 */
export function startShadows(
  stream: HttpStream,
  targets: readonly { name: string; hostSuffix: boolean }[],
  main: MainRequest,
  b: RouterBody,
  deps: ShadowDeps,
): void {
  const left = main.routeDeadline - performance.now();
  const request: ShadowRequest = {
    method: stream.method,
    path: main.path,
    headers: { ...main.headers },
    authority: main.authority,
    timeoutMs: Number.isFinite(left) ? Math.max(1, left) : 0,
    downstreamHttp2: stream.req.httpVersion === '2.0',
  };
  if (b.tee === undefined) {
    sendShadows(targets, request, Buffer.isBuffer(b.body) ? b.body : undefined, deps);
    return;
  }
  void b.tee.complete().then((whole) => {
    if (whole !== undefined) sendShadows(targets, request, whole, deps);
  });
}
