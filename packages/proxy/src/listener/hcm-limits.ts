// The HttpConnectionManager's limits and timeouts against slow, oversized or hostile downstream peers, compiled
// once per connection manager, with Envoy's defaults (HttpConnectionManager and HttpProtocolOptions protos):
// - max_request_headers_kb (default 60): the request head's size, 431 over it (HTTP/1.1), SETTINGS
//   max_header_list_size (HTTP/2);
// - common_http_protocol_options.max_headers_count (default 100): 431 over it (HTTP/1.1);
// - common_http_protocol_options.idle_timeout (default 1 h, 0: none): a connection with no request in flight;
// - request_headers_timeout (default 0: none): from a head's first byte to its end, 408 then closed;
// - stream_idle_timeout (default 5 min, 0: none): the routes' default idle_timeout (the route's own wins);
// - request_timeout (default 0: none): until the request is received whole or the response starts, 408;
// - http2_protocol_options max_concurrent_streams, initial_stream_window_size, initial_connection_window_size
//   (node's defaults when unset: 2^32-1 streams, 64 KiB windows; Envoy's 256 MiB windows are not copied, they
//   would let one peer make the proxy buffer that much).
// A request refused before the connection manager saw it (a malformed or oversized head, a header timeout) is
// written to the access logs here, as Envoy does: method and path "-", the status, flag DPE for a protocol
// error, response code details such as http1.codec_error; counted as http.<prefix>.downstream_cx_protocol_error
// (or downstream_rq_header_timeout) and in downstream_rq_<N>xx.

import type { Settings } from 'node:http2';
import type { Socket } from 'node:net';
import type { HttpConnectionManager } from '@minimesh/model/xds';
import { ConfigRejectedError } from '../errors.js';
import type { AccessLogSink } from '../http/access-log.js';
import { accessLogEntry } from '../http/access-log.js';
import type { HttpStream } from '../http/http-stream.js';
import type { H1Limits, H1ProtocolError } from '../http1/server-limits.js';
import { countDownstreamCode, httpStat, type StatsStore } from '../stats/stats-store.js';
import { durationToMs, uint32Value } from '../util/proto-values.js';
import type { AccessLogWriter } from './access-log-config.js';

/** Envoy's default common_http_protocol_options.idle_timeout (1 h), ms. */
export const DEFAULT_CONNECTION_IDLE_MS = 3_600_000;
/** Envoy's default stream_idle_timeout (5 min), ms. */
export const DEFAULT_STREAM_IDLE_MS = 300_000;

/** What a downstream connection served by one connection manager is held to. */
export interface ConnectionLimits {
  readonly h1: H1Limits;
  /** ms; 0 = none. */
  readonly idleTimeoutMs: number;
  /** SETTINGS sent to HTTP/2 clients. */
  readonly h2Settings: Settings;
  /** The HTTP/2 connection's receive window, bytes (undefined: node's default). */
  readonly h2ConnectionWindow: number | undefined;
  /** Writes a refused request to the access logs and counts it. */
  readonly onProtocolError: (socket: Socket, error: H1ProtocolError) => void;
}

export interface HcmTimeouts {
  /** ms; 0 = none. */
  readonly streamIdleTimeoutMs: number;
  /** ms; 0 = none. */
  readonly requestTimeoutMs: number;
}

export function compileHcmTimeouts(hcm: HttpConnectionManager): HcmTimeouts {
  return {
    streamIdleTimeoutMs: durationToMs(hcm.stream_idle_timeout) ?? DEFAULT_STREAM_IDLE_MS,
    requestTimeoutMs: durationToMs(hcm.request_timeout) ?? 0,
  };
}

export function compileConnectionLimits(
  hcm: HttpConnectionManager,
  owner: string,
  statPrefix: string,
  stats: StatsStore,
  accessLog: AccessLogSink | undefined,
  accessLogs: readonly AccessLogWriter[],
): ConnectionLimits {
  const kb = uint32Value(hcm.max_request_headers_kb, 60);
  // Envoy's validation: max_request_headers_kb in (0, 8192].
  if (kb <= 0 || kb > 8192) {
    throw new ConfigRejectedError('Listener', owner, `max_request_headers_kb ${kb} is not in (0, 8192]`);
  }
  const common = hcm.common_http_protocol_options ?? undefined;
  const maxHeadersCount = uint32Value(common?.max_headers_count, 100);
  if (maxHeadersCount < 1) {
    throw new ConfigRejectedError(
      'Listener',
      owner,
      'common_http_protocol_options.max_headers_count must be >= 1',
    );
  }
  const h2 = hcm.http2_protocol_options ?? undefined;
  const h2Settings: Settings = { maxHeaderListSize: kb * 1024 };
  const streams = h2?.max_concurrent_streams;
  if (streams !== undefined && streams !== null) h2Settings.maxConcurrentStreams = uint32Value(streams, 0);
  const window = h2?.initial_stream_window_size;
  if (window !== undefined && window !== null) h2Settings.initialWindowSize = uint32Value(window, 65_535);
  const connWindow = h2?.initial_connection_window_size;
  const protocolErrors = httpStat(stats, statPrefix, 'downstream_cx_protocol_error');
  const headerTimeouts = httpStat(stats, statPrefix, 'downstream_rq_header_timeout');
  return {
    h1: {
      maxHeadBytes: kb * 1024,
      maxHeadersCount,
      requestHeadersTimeoutMs: durationToMs(hcm.request_headers_timeout) ?? 0,
    },
    idleTimeoutMs: durationToMs(common?.idle_timeout) ?? DEFAULT_CONNECTION_IDLE_MS,
    h2Settings,
    h2ConnectionWindow:
      connWindow === undefined || connWindow === null ? undefined : uint32Value(connWindow, 0),
    onProtocolError(socket, e) {
      (e.protocolError ? protocolErrors : headerTimeouts).value++;
      httpStat(stats, statPrefix, 'downstream_rq_total').value++;
      countDownstreamCode(stats, statPrefix, e.status);
      const stream = refusedStream(socket, e);
      accessLog?.(accessLogEntry(stream, 0));
      for (const write of accessLogs) write({ stream, durationMs: 0 });
    },
  };
}

/** The response of a refused request: already written by the HTTP/1.1 server; nothing more can be sent. */
const ANSWERED: HttpStream['res'] = {
  headersSent: true,
  writableEnded: true,
  writableFinished: true,
  statusCode: 0,
  writeHead: () => undefined,
  setHeader: () => undefined,
  hasHeader: () => false,
  write: () => false,
  end: () => undefined,
  addTrailers: () => undefined,
  destroy: () => undefined,
  on: () => undefined,
  once: () => undefined,
};

/** The stream the access log reports for a request refused before it had a method or path. */
function refusedStream(socket: Socket, e: H1ProtocolError): HttpStream {
  const now = Date.now();
  const stream: HttpStream = {
    req: {
      httpVersion: '1.1',
      headers: {},
      socket,
      pipe: (d) => d,
      resume: () => undefined,
    },
    res: ANSWERED,
    startTime: now,
    startMono: performance.now(),
    method: '',
    path: '',
    authority: '',
    headers: {},
    random: 0,
    originalDestination: undefined,
    routeConfig: undefined,
    virtualHost: undefined,
    route: undefined,
    clusterName: undefined,
    flags: new Set(e.protocolError ? ['DPE'] : []),
    upstreamHost: undefined,
    upstreamCluster: undefined,
    responseHeaders: undefined,
    upstreamServiceTime: undefined,
    upstreamRxMs: undefined,
    responseCode: e.status,
    responseCodeDetails: e.details,
    bytesReceived: 0,
    bytesSent: e.bytesSent,
    clientClosed: false,
    tryInFlight: undefined,
    finished: true,
    bufferedBody: undefined,
    decorateResponseHeaders: () => undefined,
    respond: () => undefined,
  };
  return stream;
}
