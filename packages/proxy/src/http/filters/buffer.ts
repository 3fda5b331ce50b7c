// envoy.filters.http.buffer: reads the whole request body before the request goes on, up to max_request_bytes
// (buffer.proto: required, above 0); a body over the limit is answered 413 `Payload Too Large` with response code
// details `request_payload_too_large` (the connection manager counts http.<stat_prefix>.downstream_rq_too_large),
// as Envoy's buffer filter does (at once when the content-length already says so). A buffered body gets a content-length in place of
// a transfer-encoding, as Envoy's filter adds it. Per route (typed_per_filter_config BufferPerRoute): `disabled`
// turns it off, `buffer` replaces the limit. Requests without a body pass at once. The body is counted in the access
// log's BYTES_RECEIVED here, since the router then sends the buffer as is.

import { Writable } from 'node:stream';
import type { HttpBuffer, HttpBufferPerRoute } from '@minimesh/model/xds';
import { TypeUrl } from '@minimesh/model/xds';
import { ConfigRejectedError } from '../../errors.js';
import { localReply } from '../grpc-local-reply.js';
import { hasBody } from '../has-body.js';
import type { HttpStream } from '../http-stream.js';
import { LocalReply } from '../local-reply.js';
import type { FilterStatus, HttpFilter, HttpFilterPlugin } from './http-filter.js';

/** A compiled per-route config: null turns the filter off for the route; a number is the route's limit, bytes. */
type PerRoute = number | null;

function maxBytes(cfg: HttpBuffer | null | undefined, owner: string, at: string): number {
  const n = cfg?.max_request_bytes?.value;
  if (n === undefined || n === null || n <= 0) {
    throw new ConfigRejectedError(
      'HTTPFilter',
      owner,
      `${at}: max_request_bytes is required and must be above 0 (envoy.extensions.filters.http.buffer.v3.Buffer)`,
    );
  }
  return n;
}

class BufferFilter implements HttpFilter {
  constructor(
    readonly name: string,
    private readonly limit: number,
  ) {}

  decode(stream: HttpStream): FilterStatus | Promise<FilterStatus> {
    const perRoute = stream.route?.perFilter.get(this.name) as PerRoute | undefined;
    if (perRoute === null || !hasBody(stream)) return 'continue';
    const limit = perRoute ?? this.limit;
    const declared = Number(stream.req.headers['content-length'] ?? Number.NaN);
    if (Number.isFinite(declared) && declared > limit) return this.#refuse(stream);
    return this.#read(stream, limit);
  }

  /** Reads the body through pipe() (the downstream request's only reader), with the socket's backpressure. */
  #read(stream: HttpStream, limit: number): Promise<FilterStatus> {
    return new Promise<FilterStatus>((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const settle = (outcome: 'complete' | 'too-large' | 'gone') => {
        if (settled) return;
        settled = true;
        if (outcome === 'gone' || stream.clientClosed) return resolve('stop'); // DC: nothing to answer
        if (outcome === 'too-large') return resolve(this.#refuse(stream));
        stream.bufferedBody = Buffer.concat(chunks, size);
        delete stream.headers['transfer-encoding'];
        stream.headers['content-length'] = String(size);
        resolve('continue');
      };
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          stream.bytesReceived += chunk.length;
          if (size > limit) {
            // No done(): the body stops being read, and the connection closes after the 413 (an unread body
            // is not drained), so a client cannot keep sending into a refused request.
            settle('too-large');
            return;
          }
          chunks.push(chunk);
          done();
        },
      });
      sink.on('finish', () => settle('complete'));
      // pipe() never ends its destination when the client goes away mid-body: the response's close tells.
      stream.res.on('close', () => settle('gone'));
      stream.req.pipe(sink);
    });
  }

  #refuse(stream: HttpStream): FilterStatus {
    const r = LocalReply.payloadTooLarge;
    localReply(stream, r.status, r.body, r.details);
    return 'stop';
  }
}

export const bufferPlugin: HttpFilterPlugin = {
  typeUrls: [TypeUrl.HTTP_BUFFER],
  perRouteTypeUrls: [TypeUrl.HTTP_BUFFER_PER_ROUTE],
  terminal: false,
  create: (name, config, owner) => new BufferFilter(name, maxBytes(config as HttpBuffer, owner, name)),
  compilePerRoute: (config, owner): PerRoute => {
    const cfg = config as HttpBufferPerRoute;
    if (cfg.disabled === true) return null;
    if (cfg.buffer !== undefined && cfg.buffer !== null) return maxBytes(cfg.buffer, owner, 'buffer');
    throw new ConfigRejectedError('Route', owner, 'BufferPerRoute needs disabled: true or buffer');
  },
};
