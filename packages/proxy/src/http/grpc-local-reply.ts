// The router's local replies (no route to a cluster, overflow, no healthy host, connect failure, reset, timeouts),
// in gRPC form for gRPC requests, as Envoy's Utility::sendLocalReply does: HTTP 200, content-type
// application/grpc, grpc-status (the one given, else mapped from the HTTP status: 503 and 504 are UNAVAILABLE) and
// grpc-message (the body, percent-encoded as gRPC's PROTOCOL-HTTP2.md says), all in one HEADERS frame with
// END_STREAM (gRPC's Trailers-Only response), no content-length. Other requests get the plain text reply.

import { httpToGrpcStatus, isGrpcRequest } from './grpc-status.js';
import { applyHeaderMutation, type HeaderMap } from './header-mutation.js';
import type { HttpStream } from './http-stream.js';

/** gRPC's percent-encoding of grpc-message: bytes outside 0x20-0x7E, and '%', as %XX (UTF-8). */
export function encodeGrpcMessage(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    out +=
      byte < 0x20 || byte > 0x7e || byte === 0x25
        ? `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
        : String.fromCharCode(byte);
  }
  return out;
}

/**
 * Answers `stream` locally with `status` (or, for a gRPC request, its gRPC form with `grpcStatus` when given, else
 * the status mapped from `status`).
 */
export function localReply(
  stream: HttpStream,
  status: number,
  body: string,
  details: string,
  grpcStatus?: number,
): void {
  if (!isGrpcRequest(stream.req.headers)) {
    stream.respond(status, body, details);
    return;
  }
  if (stream.finished || stream.res.headersSent) return;
  stream.finished = true;
  stream.responseCode = 200;
  stream.responseCodeDetails = details;
  const h: HeaderMap = {
    'content-type': 'application/grpc',
    'grpc-status': String(grpcStatus ?? httpToGrpcStatus(status)),
  };
  if (body !== '') h['grpc-message'] = encodeGrpcMessage(body);
  if (stream.route !== undefined) for (const m of stream.route.responseMutations) applyHeaderMutation(h, m);
  stream.decorateResponseHeaders(h);
  stream.responseHeaders = h;
  const res = stream.res;
  if (stream.req.httpVersion === '2.0') {
    // Headers set, then end() without a body: node:http2's compatibility layer sends one HEADERS frame with
    // END_STREAM (writeHead + end(chunk) would send a separate empty DATA frame, which gRPC reads as no status).
    res.statusCode = 200;
    for (const k in h) {
      const v = h[k];
      if (v !== undefined) res.setHeader(k, v);
    }
    res.end();
  } else {
    h['content-length'] = '0';
    res.writeHead(200, h);
    res.end();
  }
  // The request body is not read after a local reply; drain it.
  stream.req.resume();
}
