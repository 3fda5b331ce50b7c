// The downstream HTTP/1.1 server's limits against bad peers (H1ServerConnection applies them): the head's size
// and number of fields (431), the time for a head to arrive (408), and bytes that cannot start a request line
// (400 at once, as llhttp refuses an invalid method byte, rather than when the head ends: TLS or binary sent to
// an HTTP port fails fast). Envoy's response code details name each refusal for the access log.
import { Http1ParseError, isToken } from './head-parser.js';

/** Per-connection limits; Envoy's defaults when a field is absent. */
export interface H1Limits {
  /** HCM max_request_headers_kb in bytes (default 60 KiB): a longer head is answered 431. */
  readonly maxHeadBytes?: number;
  /** common_http_protocol_options.max_headers_count (default 100): more fields are answered 431. */
  readonly maxHeadersCount?: number;
  /** HCM request_headers_timeout, ms (default 0: none): a head not complete in time is answered 408. */
  readonly requestHeadersTimeoutMs?: number;
}

/** A request refused before it reached the handler: what the access log reports. */
export interface H1ProtocolError {
  readonly status: number;
  /** Envoy's response code details: http1.codec_error, http1.headers_too_large, request_header_timeout ... */
  readonly details: string;
  /** Whether Envoy flags it DPE (a downstream protocol error; not for a timeout). */
  readonly protocolError: boolean;
  /** Bytes of the response body sent. */
  readonly bytesSent: number;
}

/** Envoy's default common_http_protocol_options.max_headers_count. */
export const DEFAULT_MAX_HEADERS_COUNT = 100;

export const TOO_LARGE = 'request head too large';
export const TOO_MANY = 'too many header fields';

/** The number of header fields in `buf[from, to)`: the LFs there minus the request line's (each line ends in CRLF). */
export function countFields(buf: Buffer, from: number, to: number): number {
  let n = 0;
  let at = buf.indexOf(10, from);
  while (at >= 0 && at < to) {
    n++;
    at = buf.indexOf(10, at + 1);
  }
  return n - 1;
}

/** Whether the start of an incomplete head, `buf[start..]`, can still begin a request line (a token method). */
export function canStartRequest(buf: Buffer, start: number): boolean {
  const sp = buf.indexOf(32, start);
  // The first 64 bytes at most: a token prefix is enough to tell.
  const end = sp < 0 || sp > start + 64 ? Math.min(buf.length, start + 64) : sp;
  return end === start || isToken(buf.toString('latin1', start, end));
}

/** Envoy's response code details for a refused head. */
export function detailsOf(err: unknown): string {
  if (!(err instanceof Http1ParseError)) return 'http1.codec_error';
  if (err.message === TOO_LARGE) return 'http1.headers_too_large';
  if (err.message === TOO_MANY) return 'http1.too_many_headers';
  return 'http1.codec_error';
}
