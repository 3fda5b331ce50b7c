// HTTP/2 (h2c, prior knowledge) to one upstream host: one client session, opened on first use and again after it
// closes, multiplexing every request to the host (Envoy's HTTP/2 pool keeps one connection per host by default).
// A request yields the same UpstreamResponse as the HTTP/1.1 client (status, headers, an UpstreamBody, trailers
// filled when the body ends), so the router handles both versions alike.
import { type ClientHttp2Session, connect, constants } from 'node:http2';
import type { Readable } from 'node:stream';
import { type Headers, readableBody, type UpstreamResponse } from './upstream-body.js';

export type { Headers, UpstreamResponse } from './upstream-body.js';

export class H2Session {
  #session: ClientHttp2Session | undefined;

  constructor(private readonly url: string) {}

  #get(): ClientHttp2Session {
    const current = this.#session;
    if (current !== undefined && !current.closed && !current.destroyed) return current;
    const session = connect(this.url);
    session.on('error', () => undefined);
    session.on('close', () => {
      if (this.#session === session) this.#session = undefined;
    });
    this.#session = session;
    return session;
  }

  /** Sends one request; rejects on a reset before response headers (or the signal). */
  request(
    method: string,
    path: string,
    headers: Headers,
    body: Buffer | Readable | undefined,
    signal: AbortSignal,
  ): Promise<UpstreamResponse> {
    return new Promise((resolve, reject) => {
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(headers)) if (v !== undefined && k !== 'host') out[k] = v;
      out[constants.HTTP2_HEADER_METHOD] = method;
      out[constants.HTTP2_HEADER_PATH] = path;
      out[constants.HTTP2_HEADER_SCHEME] = 'http';
      out[constants.HTTP2_HEADER_AUTHORITY] = String(headers.host ?? '');
      let stream: ReturnType<ClientHttp2Session['request']>;
      try {
        stream = this.#get().request(out, { signal });
      } catch (err) {
        reject(err);
        return;
      }
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
    this.#session?.close();
    this.#session = undefined;
  }

  destroy(): void {
    this.#session?.destroy();
    this.#session = undefined;
  }
}
