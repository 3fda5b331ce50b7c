// Envoy's access log format strings (substitution "command operators"), compiled once: %START_TIME%, %REQ(X?Y):N%,
// %RESP(X)%, %PROTOCOL%, %RESPONSE_CODE%, %RESPONSE_FLAGS%, %RESPONSE_CODE_DETAILS%, %BYTES_RECEIVED%,
// %BYTES_SENT%, %DURATION% (ms), %UPSTREAM_HOST%, %UPSTREAM_CLUSTER%, %UPSTREAM_CLUSTER_RAW%,
// %UPSTREAM_LOCAL_ADDRESS%, %DOWNSTREAM_LOCAL_ADDRESS%, %DOWNSTREAM_REMOTE_ADDRESS%,
// %DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%, %REQUESTED_SERVER_NAME%, %ROUTE_NAME%, %HOSTNAME%, %GRPC_STATUS(X)%
// (grpc-status.ts), and the ones this
// proxy has no value for (%CONNECTION_TERMINATION_DETAILS%, %UPSTREAM_TRANSPORT_FAILURE_REASON%,
// %UPSTREAM_LOCAL_ADDRESS%; %REQUESTED_SERVER_NAME% is always empty without TLS), which print "-".
// A missing value prints "-"; ":N" truncates to N characters. An unknown operator is a ConfigRejectedError (Envoy
// refuses the listener too). START_TIME with a strftime argument is refused (only the default, RFC 3339 in ms).
import { hostname } from 'node:os';
import { ConfigRejectedError } from '../errors.js';
import { formatGrpcStatus, grpcStatusOf, isGrpcStatusFormat } from './grpc-status.js';
import type { HttpStream, ResponseFlag } from './http-stream.js';

/** Envoy's default format (Envoy 1.x, without a log_format). */
export const DEFAULT_ACCESS_LOG_FORMAT =
  '[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% ' +
  '%BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" ' +
  '"%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"\n';

/** Envoy's order of response flags (ResponseFlagUtils), restricted to those the proxy sets. */
const FLAG_ORDER: readonly ResponseFlag[] = [
  'UH',
  'UT',
  'LR',
  'UR',
  'UF',
  'UC',
  'UO',
  'NR',
  'DI',
  'FI',
  'DC',
  'URX',
  'SI',
  'DPE',
  'DT',
  'NC',
];

export function formatFlags(flags: ReadonlySet<ResponseFlag>): string {
  if (flags.size === 0) return '-';
  const list = FLAG_ORDER.filter((f) => flags.has(f));
  return list.length === 0 ? '-' : list.join(',');
}

export interface LogContext {
  readonly stream: HttpStream;
  readonly durationMs: number;
}

type Value = (c: LogContext) => string | number | undefined;
export type LogFormatter = (c: LogContext) => string;

function join(v: string | string[] | number | undefined): string | undefined {
  return Array.isArray(v) ? v.join(',') : v === undefined ? undefined : String(v);
}

/** A request header as Envoy reads it: pseudo headers from the stream, others as received (upstream-bound first). */
function requestHeader(s: HttpStream, name: string): string | undefined {
  switch (name) {
    case ':method':
      return s.method;
    case ':path':
      return s.path;
    case ':authority':
      return s.authority;
    case ':scheme':
      return 'http';
    default:
      return join(s.headers[name] ?? s.req.headers[name]);
  }
}

function address(ip: string | undefined, port: number | undefined): string | undefined {
  if (ip === undefined) return undefined;
  const plain = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return port === undefined ? plain : plain.includes(':') ? `[${plain}]:${port}` : `${plain}:${port}`;
}

const SIMPLE: Readonly<Record<string, Value>> = {
  START_TIME: (c) => new Date(c.stream.startTime).toISOString(),
  PROTOCOL: (c) => (c.stream.req.httpVersion === '2.0' ? 'HTTP/2' : `HTTP/${c.stream.req.httpVersion}`),
  RESPONSE_CODE: (c) => c.stream.responseCode,
  RESPONSE_FLAGS: (c) => formatFlags(c.stream.flags),
  RESPONSE_CODE_DETAILS: (c) => c.stream.responseCodeDetails,
  CONNECTION_TERMINATION_DETAILS: () => undefined,
  UPSTREAM_TRANSPORT_FAILURE_REASON: () => undefined,
  BYTES_RECEIVED: (c) => c.stream.bytesReceived,
  BYTES_SENT: (c) => c.stream.bytesSent,
  DURATION: (c) => Math.round(c.durationMs),
  UPSTREAM_HOST: (c) => c.stream.upstreamHost,
  UPSTREAM_CLUSTER: (c) => c.stream.upstreamCluster,
  UPSTREAM_CLUSTER_RAW: (c) => c.stream.upstreamCluster,
  UPSTREAM_LOCAL_ADDRESS: () => undefined,
  DOWNSTREAM_LOCAL_ADDRESS: (c) => address(c.stream.req.socket.localAddress, c.stream.req.socket.localPort),
  DOWNSTREAM_REMOTE_ADDRESS: (c) =>
    address(c.stream.req.socket.remoteAddress, c.stream.req.socket.remotePort),
  DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT: (c) => address(c.stream.req.socket.remoteAddress, undefined),
  REQUESTED_SERVER_NAME: () => undefined,
  ROUTE_NAME: (c) => c.stream.route?.name,
  HOSTNAME: () => hostname(),
};

function operator(name: string, arg: string | undefined, owner: string): Value {
  if (name === 'REQ' || name === 'RESP') {
    const [main = '', alt] = (arg ?? '').toLowerCase().split('?');
    if (main === '')
      throw new ConfigRejectedError('Listener', owner, `access log %${name}()% needs a header name`);
    if (name === 'REQ')
      return (c) =>
        requestHeader(c.stream, main) ?? (alt === undefined ? undefined : requestHeader(c.stream, alt));
    return (c) =>
      join(c.stream.responseHeaders?.[main]) ??
      (alt === undefined ? undefined : join(c.stream.responseHeaders?.[alt]));
  }
  if (name === 'GRPC_STATUS') {
    // %GRPC_STATUS(X)%: X is CAMEL_STRING (the default), SNAKE_STRING or NUMBER; "-" for requests that are not gRPC.
    const format = arg === undefined || arg === '' ? 'CAMEL_STRING' : arg;
    if (!isGrpcStatusFormat(format))
      throw new ConfigRejectedError('Listener', owner, `access log %GRPC_STATUS(${format})%: unknown format`);
    return (c) => {
      const code = grpcStatusOf(c.stream);
      return code === undefined ? undefined : formatGrpcStatus(code, format);
    };
  }
  const simple = SIMPLE[name];
  if (simple === undefined || (arg !== undefined && arg !== '')) {
    throw new ConfigRejectedError(
      'Listener',
      owner,
      `access log operator %${name}${arg === undefined ? '' : `(${arg})`}% is not supported`,
    );
  }
  return simple;
}

/** Compiles a format string; throws ConfigRejectedError naming the operator it does not know. */
export function compileLogFormat(format: string, owner: string): LogFormatter {
  const parts: (string | { value: Value; max: number | undefined })[] = [];
  const re = /%([A-Z][A-Z0-9_]*)(?:\(([^)]*)\))?(?::(\d+))?%/g;
  let last = 0;
  for (let m = re.exec(format); m !== null; m = re.exec(format)) {
    if (m.index > last) parts.push(format.slice(last, m.index));
    parts.push({
      value: operator(m[1] ?? '', m[2], owner),
      max: m[3] === undefined ? undefined : Number(m[3]),
    });
    last = m.index + m[0].length;
  }
  if (last < format.length) parts.push(format.slice(last));
  return (c) => {
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') out += p;
      else {
        const v = p.value(c);
        const text = v === undefined || v === '' ? '-' : String(v);
        out += p.max === undefined ? text : text.slice(0, p.max);
      }
    }
    return out;
  };
}
