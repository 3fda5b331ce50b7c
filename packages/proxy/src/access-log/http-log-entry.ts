// The envoy.data.accesslog.v3.HTTPAccessLogEntry of one finished request, as Envoy's gRPC access logger fills it
// (extensions/access_loggers/grpc/http_grpc_access_log_impl.cc and grpc_access_log_utils.cc): common properties
// (addresses, start time, durations, upstream cluster, route name, response flags), the protocol version, the
// request (method, scheme, authority, path, original path, user agent, referer, x-forwarded-for, x-request-id,
// header and body sizes, the additional request headers to log) and the response (code, details, sizes, the
// additional response headers to log). Built once per request as a plain object in the codec's form, with no
// closure per request. Fields the proxy has no value for are left out (proto3: absent), never invented.
import type { Address, Duration, HTTPAccessLogEntry } from '@minimesh/model/xds';
import type { HeaderMap } from '../http/header-mutation.js';
import type { HttpStream, ResponseFlag } from '../http/http-stream.js';

type Common = NonNullable<HTTPAccessLogEntry['common_properties']>;
type ResponseFlags = NonNullable<Common['response_flags']>;
type FlagField = Exclude<keyof ResponseFlags, 'unauthorized_details'>;

/** The ResponseFlags field of each short flag the proxy sets (Envoy's StreamInfo::ResponseFlag mapping). */
const FLAG_FIELDS: Readonly<Record<ResponseFlag, FlagField>> = {
  UH: 'no_healthy_upstream',
  UF: 'upstream_connection_failure',
  UO: 'upstream_overflow',
  NR: 'no_route_found',
  URX: 'upstream_retry_limit_exceeded',
  NC: 'no_cluster_found',
  DI: 'delay_injected',
  FI: 'fault_injected',
  UT: 'upstream_request_timeout',
  LR: 'local_reset',
  UR: 'upstream_remote_reset',
  UC: 'upstream_connection_termination',
  DC: 'downstream_connection_termination',
  SI: 'stream_idle_timeout',
  DPE: 'downstream_protocol_error',
  DT: 'duration_timeout',
};

/** RequestMethod enum names; any other method is METHOD_UNSPECIFIED. */
const METHODS: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
]);

/** The headers an HttpGrpcAccessLogConfig asks for, lower-case names (compiled once per logger). */
export interface LoggedHeaders {
  readonly request: readonly string[];
  readonly response: readonly string[];
}

function one(v: string | string[] | number | undefined): string | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(',') : String(v);
}

/** A request header as sent upstream (the connection manager's copy), else as received. */
function requestHeader(s: HttpStream, name: string): string | undefined {
  return one(s.headers[name] ?? s.req.headers[name]);
}

/** A socket address; `ip` may be IPv4-mapped IPv6 ("::ffff:127.0.0.1"), printed as IPv4 as Envoy does. */
function socketAddress(ip: string | undefined, port: number | undefined): Address | undefined {
  if (ip === undefined || ip === '') return undefined;
  const plain = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return { socket_address: { address: plain, port_value: port ?? 0 } };
}

/** "10.0.0.1:8080" or "[::1]:8080" (a Host's key) as an Address. */
function hostAddress(key: string | undefined): Address | undefined {
  if (key === undefined || key === '') return undefined;
  const colon = key.lastIndexOf(':');
  if (colon < 0) return { socket_address: { address: key, port_value: 0 } };
  const host = key.slice(0, colon);
  const address = host.startsWith('[') ? host.slice(1, -1) : host;
  return { socket_address: { address, port_value: Number(key.slice(colon + 1)) } };
}

/** A Duration from milliseconds (fractions kept to the nanosecond). */
function duration(ms: number): Duration {
  const whole = Math.max(0, ms);
  const seconds = Math.floor(whole / 1000);
  return {
    seconds: String(seconds),
    nanos: Math.round((whole - seconds * 1000) * 1_000_000) % 1_000_000_000,
  };
}

/** Bytes of a header block as Envoy counts them (name and value of each header). */
function headerBytes(headers: Readonly<Record<string, string | string[] | number | undefined>>): number {
  let n = 0;
  for (const k in headers) {
    const v = headers[k];
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) n += k.length + x.length;
    else n += k.length + String(v).length;
  }
  return n;
}

/** The headers of `names` that `headers` has (a request's: the upstream-bound copy first), or undefined. */
function pick(
  names: readonly string[],
  headers: Readonly<Record<string, string | string[] | number | undefined>>,
  received?: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const name of names) {
    const v = one(headers[name] ?? received?.[name]);
    if (v === undefined) continue;
    out ??= {};
    out[name] = v;
  }
  return out;
}

function flagsOf(flags: ReadonlySet<ResponseFlag>): ResponseFlags | undefined {
  if (flags.size === 0) return undefined;
  const out: Record<string, boolean> = {};
  for (const f of flags) out[FLAG_FIELDS[f]] = true;
  return out as ResponseFlags;
}

function protocolOf(httpVersion: string): HTTPAccessLogEntry['protocol_version'] {
  if (httpVersion === '2.0') return 'HTTP2';
  if (httpVersion === '1.0') return 'HTTP10';
  return 'HTTP11';
}

/**
 * The entry of a finished request. `durationMs`: from the request's arrival to the end of the response (ms; 0
 * when the request never reached the router, such as one refused by connection limits).
 */
export function httpLogEntry(
  stream: HttpStream,
  durationMs: number,
  logged: LoggedHeaders,
): HTTPAccessLogEntry {
  const socket = stream.req.socket;
  const responseHeaders: HeaderMap | undefined = stream.responseHeaders;
  const method = stream.method.toUpperCase();
  const routeName = stream.route?.name;
  const start = Math.floor(stream.startTime);
  const common: Common = {
    start_time: {
      seconds: String(Math.floor(start / 1000)),
      nanos: (start % 1000) * 1_000_000,
    },
    time_to_last_downstream_tx_byte: duration(durationMs),
  };
  const remote = socketAddress(socket.remoteAddress, socket.remotePort);
  if (remote !== undefined) common.downstream_remote_address = remote;
  const local = socketAddress(socket.localAddress, socket.localPort);
  if (local !== undefined) common.downstream_local_address = local;
  const upstream = hostAddress(stream.upstreamHost);
  if (upstream !== undefined) common.upstream_remote_address = upstream;
  if (stream.upstreamCluster !== undefined) common.upstream_cluster = stream.upstreamCluster;
  if (stream.upstreamRxMs !== undefined)
    common.time_to_first_upstream_rx_byte = duration(stream.upstreamRxMs);
  const flags = flagsOf(stream.flags);
  if (flags !== undefined) common.response_flags = flags;
  if (routeName !== undefined && routeName !== '') common.route_name = routeName;

  const request: NonNullable<HTTPAccessLogEntry['request']> = {
    request_method: METHODS.has(method) ? (method as 'GET') : 'METHOD_UNSPECIFIED',
    scheme: requestHeader(stream, 'x-forwarded-proto') ?? 'http',
    authority: stream.authority,
    path: stream.path,
    request_headers_bytes: String(headerBytes(stream.req.headers)),
    request_body_bytes: String(stream.bytesReceived),
  };
  const originalPath = requestHeader(stream, 'x-envoy-original-path');
  if (originalPath !== undefined) request.original_path = originalPath;
  const userAgent = requestHeader(stream, 'user-agent');
  if (userAgent !== undefined) request.user_agent = userAgent;
  const referer = requestHeader(stream, 'referer');
  if (referer !== undefined) request.referer = referer;
  const forwardedFor = requestHeader(stream, 'x-forwarded-for');
  if (forwardedFor !== undefined) request.forwarded_for = forwardedFor;
  const requestId = requestHeader(stream, 'x-request-id');
  if (requestId !== undefined) request.request_id = requestId;
  const reqHeaders =
    logged.request.length === 0 ? undefined : pick(logged.request, stream.headers, stream.req.headers);
  if (reqHeaders !== undefined) request.request_headers = reqHeaders;

  const response: NonNullable<HTTPAccessLogEntry['response']> = {
    response_body_bytes: String(stream.bytesSent),
  };
  if (stream.responseCode > 0) response.response_code = { value: stream.responseCode };
  if (stream.responseCodeDetails !== '') response.response_code_details = stream.responseCodeDetails;
  if (responseHeaders !== undefined) {
    response.response_headers_bytes = String(headerBytes(responseHeaders));
    const respHeaders = logged.response.length === 0 ? undefined : pick(logged.response, responseHeaders);
    if (respHeaders !== undefined) response.response_headers = respHeaders;
  }
  return {
    common_properties: common,
    protocol_version: protocolOf(stream.req.httpVersion),
    request,
    response,
  };
}
