// The body of an upstream response as the router consumes it, whatever the protocol: `flow` hands every body
// chunk to the sink in order, then exactly one of end() or error(); pause/resume carry backpressure from the
// client to the upstream socket; destroy resets the upstream stream; dump reads the rest and throws it away (a
// retried response). The HTTP/1.1 client implements it directly (no stream objects per response); HTTP/2
// responses, which node:http2 gives as Readables, are adapted by readableBody.
import type { Readable } from 'node:stream';

export interface BodySink {
  data(chunk: Buffer): void;
  end(): void;
  error(err: Error): void;
}

export interface UpstreamBody {
  /** Starts delivering the body to `sink` (called at most once). */
  flow(sink: BodySink): void;
  pause(): void;
  resume(): void;
  /** Resets the upstream stream; the sink (if any) gets error(). */
  destroy(): void;
  /** Reads the rest of the body and discards it; resolves when it ended or failed. */
  dump(): Promise<void>;
}

export type Headers = Record<string, string | string[] | undefined>;

export interface UpstreamResponse {
  readonly statusCode: number;
  readonly headers: Headers;
  readonly body: UpstreamBody;
  /** Filled when the body has ended. */
  readonly trailers: Headers;
  /** The response ended with its headers (HTTP/2 END_STREAM on HEADERS): no body, no trailers. */
  readonly headersOnly?: boolean;
}

/** An UpstreamBody over a Readable (node:http2 response streams). */
export function readableBody(readable: Readable): UpstreamBody {
  let flowing = false;
  return {
    flow(sink) {
      if (flowing) return;
      flowing = true;
      readable.on('data', (chunk: Buffer) => sink.data(chunk));
      readable.on('end', () => sink.end());
      readable.on('error', (err) => sink.error(err));
    },
    pause() {
      readable.pause();
    },
    resume() {
      readable.resume();
    },
    destroy() {
      readable.destroy();
    },
    dump() {
      return new Promise<void>((resolve) => {
        readable.on('end', resolve);
        readable.on('error', () => resolve());
        readable.on('close', resolve);
        readable.resume();
      });
    },
  };
}
