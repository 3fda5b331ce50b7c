// The access log entry of a request, for programmatic sinks (startProxy's accessLog option): its fields, and the
// text line in Envoy's default format (access-log-format.ts):
// [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS%
// %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%"
// "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"
// A missing value prints "-"; several response flags are joined with "," in Envoy's fixed order. Durations in ms.
import { compileLogFormat, DEFAULT_ACCESS_LOG_FORMAT, formatFlags } from './access-log-format.js';
import type { HttpStream } from './http-stream.js';

export { formatFlags };

const defaultLine = compileLogFormat(DEFAULT_ACCESS_LOG_FORMAT, '');

/** What one access log entry holds, for the text line and for programmatic sinks. */
export interface AccessLogEntry {
  readonly startTime: Date;
  readonly method: string;
  readonly path: string;
  readonly protocol: string;
  readonly responseCode: number;
  readonly responseFlags: string;
  readonly responseCodeDetails: string;
  readonly bytesReceived: number;
  readonly bytesSent: number;
  readonly durationMs: number;
  readonly upstreamServiceTimeMs: number | undefined;
  readonly forwardedFor: string | undefined;
  readonly userAgent: string | undefined;
  readonly requestId: string | undefined;
  readonly authority: string;
  readonly upstreamHost: string | undefined;
  readonly upstreamCluster: string | undefined;
  readonly routeName: string | undefined;
  /** The text line, ending in "\n". */
  readonly line: string;
}

export type AccessLogSink = (entry: AccessLogEntry) => void;

function header(stream: HttpStream, name: string): string | undefined {
  const v = stream.req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

export function accessLogEntry(stream: HttpStream, durationMs: number): AccessLogEntry {
  const startTime = new Date(stream.startTime);
  // Envoy prints HTTP/1.1 and HTTP/2.
  const protocol = stream.req.httpVersion === '2.0' ? 'HTTP/2' : `HTTP/${stream.req.httpVersion}`;
  const path = header(stream, 'x-envoy-original-path') ?? stream.path;
  const requestId = (stream.headers['x-request-id'] as string | undefined) ?? header(stream, 'x-request-id');
  const flags = formatFlags(stream.flags);
  const line = defaultLine({ stream, durationMs });
  return {
    startTime,
    method: stream.method,
    path,
    protocol,
    responseCode: stream.responseCode,
    responseFlags: flags,
    responseCodeDetails: stream.responseCodeDetails,
    bytesReceived: stream.bytesReceived,
    bytesSent: stream.bytesSent,
    durationMs,
    upstreamServiceTimeMs: stream.upstreamServiceTime,
    forwardedFor: header(stream, 'x-forwarded-for'),
    userAgent: header(stream, 'user-agent'),
    requestId,
    authority: stream.authority,
    upstreamHost: stream.upstreamHost,
    upstreamCluster: stream.upstreamCluster,
    routeName: stream.route?.name === '' ? undefined : stream.route?.name,
    line,
  };
}
