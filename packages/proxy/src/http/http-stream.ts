// One downstream request as the connection manager and its filters see it: the request as received, the headers
// that will go upstream (mutable, lower-case names), the route chosen, and what the access log reports (response
// flags, upstream host and cluster, bytes, timings). `respond` sends a local reply (a filter or the router
// answering itself); after it, `finished` is true and no other filter runs.
import type { Socket } from 'node:net';
import type { RouteConfiguration, VirtualHost } from '@minimesh/model/xds';
import type { HeaderMap } from './header-mutation.js';
import type { RouteEntry } from './route-table.js';
import type { TryCancel } from './try-cancel.js';

/** Envoy's short response flags, as access logs print them. */
export type ResponseFlag =
  | 'NR'
  | 'UH'
  | 'UF'
  | 'UO'
  | 'URX'
  | 'UT'
  | 'DI'
  | 'FI'
  | 'DC'
  | 'UC'
  | 'NC'
  | 'UR'
  | 'LR'
  | 'SI'
  | 'DPE'
  | 'DT';

/**
 * A downstream request as the proxy reads it: the proxy's own HTTP/1.1 server (src/http1) and node:http2's
 * compatibility request both provide this much.
 */
export interface DownstreamRequest {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  /** "1.1", "1.0" or "2.0". */
  readonly httpVersion: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly socket: Socket;
  pipe<T extends NodeJS.WritableStream>(dest: T): T;
  /** Reads and discards the body. */
  resume(): unknown;
}

/** A downstream response as the proxy writes it (the HTTP/1.1 server's H1Response, node:http2's compatibility one). */
export interface DownstreamResponse {
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  readonly writableFinished?: boolean;
  statusCode: number;
  writeHead(status: number, headers?: Record<string, string | string[] | undefined>): unknown;
  setHeader(name: string, value: string | string[]): unknown;
  hasHeader(name: string): boolean;
  write(chunk: Buffer): boolean;
  end(chunk?: string | Buffer): unknown;
  addTrailers(headers: Record<string, string>): void;
  destroy(): unknown;
  on(event: 'close', listener: () => void): unknown;
  once(event: 'drain', listener: () => void): unknown;
}

export interface HttpStream {
  readonly req: DownstreamRequest;
  readonly res: DownstreamResponse;
  /** Milliseconds since the epoch when the request arrived (the access log's START_TIME). */
  readonly startTime: number;
  /** performance.now() at arrival, for durations. */
  readonly startMono: number;
  readonly method: string;
  /** :path as received (origin form, also in forward-proxy mode). */
  path: string;
  /** :authority as received. */
  authority: string;
  /** Headers to send upstream. */
  readonly headers: HeaderMap;
  /** A uniform random uint32 per request: runtime fractions, weighted clusters, fault percentages. */
  readonly random: number;
  /** The original destination (host, port) in forward-proxy mode, for ORIGINAL_DST clusters. */
  readonly originalDestination: { readonly host: string; readonly port: number } | undefined;
  routeConfig: RouteConfiguration | undefined;
  virtualHost: VirtualHost | undefined;
  route: RouteEntry | undefined;
  /** The cluster the route chose (before the cluster is looked up). */
  clusterName: string | undefined;
  readonly flags: Set<ResponseFlag>;
  upstreamHost: string | undefined;
  upstreamCluster: string | undefined;
  /** The response headers sent (for %RESP(...)% in access logs); undefined before the response starts. */
  responseHeaders: HeaderMap | undefined;
  /** x-envoy-upstream-service-time, ms. */
  upstreamServiceTime: number | undefined;
  /** When the upstream response's headers arrived, ms after startMono (time_to_first_upstream_rx_byte). */
  upstreamRxMs: number | undefined;
  responseCode: number;
  responseCodeDetails: string;
  bytesReceived: number;
  bytesSent: number;
  /** True once the client connection closed before the response was complete (upstream work is cancelled). */
  clientClosed: boolean;
  /**
   * The cancellation of the upstream try in flight (set by the router per try), fired by the connection manager
   * when the client goes away; a plain field rather than an AbortSignal per request, which cost a measurable
   * share of a request's CPU.
   */
  tryInFlight: TryCancel | undefined;
  /** True once a response was started (by the router or a local reply). */
  finished: boolean;
  /** The whole request body, when a filter read it (envoy.filters.http.buffer): the router sends it as is. */
  bufferedBody: Buffer | undefined;
  /** The connection manager's stream_idle_timeout, ms (0: none): the default of routes without idle_timeout. */
  streamIdleTimeoutMs?: number;
  /** Lets the filters add response headers (CORS) before any response starts. */
  decorateResponseHeaders(headers: HeaderMap): void;
  /** Sends a local reply with a text body, as Envoy's local replies do. */
  respond(status: number, body: string, details: string, headers?: HeaderMap): void;
}
