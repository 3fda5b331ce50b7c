// Whether a downstream request carries a body, as the router and the buffer filter read it.
import type { HttpStream } from './http-stream.js';

/** HTTP/1.1: a content-length above 0 or a transfer-encoding; HTTP/2: headers not sent with END_STREAM. */
export function hasBody(stream: HttpStream): boolean {
  const h = stream.req.headers;
  if (stream.req.httpVersion === '2.0') {
    const h2 = (stream.req as unknown as { stream?: { endAfterHeaders?: boolean } }).stream;
    return h2?.endAfterHeaders !== true;
  }
  return (
    (h['content-length'] !== undefined && h['content-length'] !== '0') || h['transfer-encoding'] !== undefined
  );
}
