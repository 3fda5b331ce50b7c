// envoy.filters.network.http_connection_manager, compiled for serving. Per request: the HttpStream is built
// (x-request-id generated when absent, as Envoy's UUID request id extension does), :authority normalised and the
// route chosen with the model's compiled route config (the simulator's code) from the inline route_config or the
// current RDS table, then the HTTP filters run in order, the router last. Access log and stats on completion.
// Compile errors (unknown filter not optional, router missing or not last, scoped routes, RDS not over ADS) are
// ConfigRejectedError, so the listener is NACKed.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { HttpConnectionManager, PortHandling } from '@minimesh/model/xds';
import type { GrpcAccessLoggers } from '../access-log/grpc-access-logger.js';
import { ConfigRejectedError } from '../errors.js';
import { type AccessLogSink, accessLogEntry, formatFlags } from '../http/access-log.js';
import type { HttpFilter } from '../http/filters/http-filter.js';
import type { FilterRegistry } from '../http/filters/registry.js';
import { localReply } from '../http/grpc-local-reply.js';
import { grpcStatusOf } from '../http/grpc-status.js';
import { applyHeaderMutation, type HeaderMap } from '../http/header-mutation.js';
import type { DownstreamRequest, DownstreamResponse, HttpStream } from '../http/http-stream.js';
import { LocalReply } from '../http/local-reply.js';
import { compileRouteTable, type RouteTable } from '../http/route-table.js';
import type { IstioMetrics } from '../stats/istio-metrics.js';
import { countDownstreamCode, httpStat, type StatsStore } from '../stats/stats-store.js';
import { boolValue } from '../util/proto-values.js';
import { compileAccessLogs } from './access-log-config.js';
import { plainIp } from './dispatch.js';
import { type ConnectionLimits, compileConnectionLimits, compileHcmTimeouts } from './hcm-limits.js';

export interface HcmDeps {
  readonly registry: FilterRegistry;
  readonly stats: StatsStore;
  /** The current RDS table of a route configuration name (undefined until it arrives). */
  readonly routes: (name: string) => RouteTable | undefined;
  /**
   * Resolves with route configuration `name` once it arrives, or undefined after the initial fetch timeout (a
   * warming listener's requests wait for it); absent: no waiting, a missing table is NR at once.
   */
  readonly awaitRoute?: (name: string) => Promise<RouteTable | undefined>;
  readonly accessLog: AccessLogSink | undefined;
  /** The streams of envoy.access_loggers.http_grpc loggers, shared across listeners and config pushes. */
  readonly grpcAccessLoggers?: GrpcAccessLoggers;
  /** Istio's standard metrics (istio_requests_total ...), when kept. */
  readonly istio?: IstioMetrics;
  /** Whether the cluster manager has cluster `name` (the route's cluster is the request's upstream cluster). */
  readonly hasCluster?: (name: string) => boolean;
}

/** Per connection facts the connection manager needs. */
export interface DownstreamInfo {
  readonly listenerPort: number;
  /** Forward-proxy mode: the absolute request URI's host and port. */
  readonly originalDestination?: { readonly host: string; readonly port: number };
}

export interface CompiledHcm {
  readonly statPrefix: string;
  /** RDS route configuration name, or undefined for an inline route_config. */
  readonly rdsName: string | undefined;
  /** Limits and timeouts for the downstream connections it serves (hcm-limits.ts). */
  readonly limits: ConnectionLimits;
  handle(
    req: DownstreamRequest,
    res: DownstreamResponse,
    info: DownstreamInfo,
    authority: string,
    path: string,
  ): void;
}

function compileFilters(hcm: HttpConnectionManager, owner: string, registry: FilterRegistry): HttpFilter[] {
  const filters: HttpFilter[] = [];
  const list = hcm.http_filters ?? [];
  list.forEach((f, i) => {
    const name = f.name ?? '';
    const at = `http_filters[${i}] "${name}"`;
    if (f.disabled === true) return;
    if (f.config_discovery !== undefined && f.config_discovery !== null) {
      if (f.is_optional === true) return;
      throw new ConfigRejectedError('Listener', owner, `${at}: config_discovery (ECDS) is not supported`);
    }
    const cfg = (f.typed_config ?? {}) as Record<string, unknown> & { '@type'?: string };
    const plugin = registry.byType.get(cfg['@type'] ?? '');
    if (plugin === undefined) {
      if (f.is_optional === true) return;
      throw new ConfigRejectedError(
        'Listener',
        owner,
        `${at}: unknown HTTP filter type ${cfg['@type'] ?? '(none)'} (not marked is_optional)`,
      );
    }
    if (plugin.terminal !== (i === list.length - 1)) {
      throw new ConfigRejectedError('Listener', owner, `${at}: the router must be the last HTTP filter`);
    }
    filters.push(plugin.create(name, cfg, owner));
  });
  if (filters.length === 0) throw new ConfigRejectedError('Listener', owner, 'http_filters has no router');
  return filters;
}

function portHandling(hcm: HttpConnectionManager): PortHandling {
  if (hcm.strip_any_host_port === true) return 'strip-any';
  if (hcm.strip_matching_host_port === true) return 'strip-matching';
  return 'exact';
}

export function compileHcm(hcm: HttpConnectionManager, owner: string, deps: HcmDeps): CompiledHcm {
  const statPrefix = hcm.stat_prefix ?? '';
  if (hcm.scoped_routes !== undefined && hcm.scoped_routes !== null) {
    throw new ConfigRejectedError('Listener', owner, 'scoped_routes are not supported');
  }
  const filters = compileFilters(hcm, owner, deps.registry);
  const accessLogs = compileAccessLogs(
    hcm.access_log,
    owner,
    'HttpConnectionManager',
    deps.grpcAccessLoggers,
  );
  const limits = compileConnectionLimits(hcm, owner, statPrefix, deps.stats, deps.accessLog, accessLogs);
  const { streamIdleTimeoutMs, requestTimeoutMs } = compileHcmTimeouts(hcm);
  let inline: RouteTable | undefined;
  let rdsName: string | undefined;
  if (hcm.route_config !== undefined && hcm.route_config !== null) {
    inline = compileRouteTable(hcm.route_config, deps.registry.perRoute);
  } else if (hcm.rds !== undefined && hcm.rds !== null) {
    const src = hcm.rds.config_source;
    if (src !== undefined && src !== null && src.ads === undefined) {
      throw new ConfigRejectedError(
        'Listener',
        owner,
        'rds.config_source must be ads: {} (only ADS is supported)',
      );
    }
    rdsName = hcm.rds.route_config_name ?? '';
  } else {
    throw new ConfigRejectedError('Listener', owner, 'HttpConnectionManager needs rds or route_config');
  }
  const handling = portHandling(hcm);
  const stripDot = hcm.strip_trailing_host_dot === true;
  const generateId = boolValue(hcm.generate_request_id, true);
  // use_remote_address (gateways): the peer's address is appended to x-forwarded-for, as Envoy does; sidecars
  // (false, the default) pass it on unchanged.
  const useRemoteAddress = boolValue(hcm.use_remote_address, false);
  const rqTotal = httpStat(deps.stats, statPrefix, 'downstream_rq_total');
  const httpMemo = deps.stats.scope(`http:${statPrefix}`);
  const rqActive = deps.stats.gauge(
    `http.${statPrefix}.downstream_rq_active`,
    'envoy_http_downstream_rq_active',
    {
      envoy_http_conn_manager_prefix: statPrefix,
    },
  );

  return {
    statPrefix,
    rdsName,
    limits,
    handle(req, res, info, authority, path) {
      rqTotal.value++;
      rqActive.value++;
      // One copy without host (no delete, which would make the object a slow dictionary).
      const headers: HeaderMap = {};
      const src = req.headers;
      for (const k in src) if (k !== 'host') headers[k] = src[k];
      if (generateId && headers['x-request-id'] === undefined) headers['x-request-id'] = randomUUID();
      if (useRemoteAddress) {
        const peer = plainIp(req.socket.remoteAddress);
        const xff = headers['x-forwarded-for'];
        headers['x-forwarded-for'] =
          xff === undefined ? peer : `${Array.isArray(xff) ? xff.join(', ') : xff}, ${peer}`;
      }
      const stream = newStream(req, res, authority, path, headers, info, filters);
      stream.streamIdleTimeoutMs = streamIdleTimeoutMs;
      const requestTimer =
        requestTimeoutMs > 0 ? setTimeout(requestTimedOut, requestTimeoutMs, stream) : undefined;
      res.on('close', () => {
        if (requestTimer !== undefined) clearTimeout(requestTimer);
        const complete = responseComplete(res);
        if (!complete) {
          stream.clientClosed = true;
          stream.tryInFlight?.abort();
        }
        rqActive.value--;
        // The client went away before the response was complete (not because the upstream failed mid-body).
        if (!complete && !stream.flags.has('UT') && !stream.flags.has('UC')) stream.flags.add('DC');
        countDownstreamCode(deps.stats, statPrefix, stream.responseCode, httpMemo);
        if (stream.flags.has('NR')) httpStat(deps.stats, statPrefix, 'no_route').value++;
        else if (
          stream.responseCode === 413 &&
          stream.responseCodeDetails === LocalReply.payloadTooLarge.details
        )
          httpStat(deps.stats, statPrefix, 'downstream_rq_too_large').value++;
        for (const f of filters) f.complete?.(stream);
        const durationMs = performance.now() - stream.startMono;
        deps.istio?.record({
          cluster: stream.upstreamCluster ?? stream.clusterName,
          responseCode: stream.responseCode,
          responseFlags: formatFlags(stream.flags),
          durationMs,
          grpcStatus: grpcStatusOf(stream),
        });
        deps.accessLog?.(accessLogEntry(stream, durationMs));
        for (const write of accessLogs) write({ stream, durationMs });
      });
      const table = inline ?? deps.routes(rdsName ?? '');
      if (table === undefined && rdsName !== undefined && deps.awaitRoute !== undefined) {
        // A warming listener's routes have not arrived: the request waits for them, as Envoy's connection
        // waits for a warming listener (bounded by the initial fetch timeout), then is routed or gets NR.
        void deps.awaitRoute(rdsName).then((t) => {
          if (!stream.clientClosed) routeWith(t);
        });
        return;
      }
      routeWith(table);

      function routeWith(table: RouteTable | undefined): void {
        if (table === undefined) {
          stream.flags.add('NR');
          localReply(stream, LocalReply.noRoute.status, '', LocalReply.noRoute.details);
          return;
        }
        stream.routeConfig = table.config;
        const m = table.matcher.match(
          { authority, path, method: stream.method, headers: headers as Record<string, string | string[]> },
          {
            random: stream.random,
            portHandling: handling,
            listenerPort: info.listenerPort,
            stripTrailingHostDot: stripDot,
          },
        );
        stream.authority = m.authority;
        stream.virtualHost = m.virtualHost;
        const entry = m.matched === undefined ? undefined : table.entry(m.matched);
        if (entry === undefined) {
          stream.flags.add('NR');
          localReply(stream, LocalReply.noRoute.status, '', LocalReply.noRoute.details);
          return;
        }
        stream.route = entry;
        stream.clusterName = m.cluster?.name;
        // As Envoy: the upstream cluster is known once the route resolves to an existing cluster, so a request a
        // filter answers before the router (a fault abort) still logs it.
        const name = m.cluster?.name;
        if (name !== undefined && deps.hasCluster?.(name) === true) stream.upstreamCluster = name;
        runFilters(stream, filters, 0);
      }
    },
  };
}

/**
 * The HCM's request_timeout fired: unless the request was received whole or the response started, a 408 local
 * reply (details request_overall_timeout) and the upstream try cancelled, as Envoy does.
 */
function requestTimedOut(stream: HttpStream): void {
  const received = (stream.req as { complete?: boolean }).complete === true;
  if (stream.finished || stream.res.headersSent || received) return;
  stream.tryInFlight?.abort();
  stream.respond(408, 'request timeout', 'request_overall_timeout');
}

/** Whether the whole response was written (http2's compatibility response has writableEnded only). */
function responseComplete(res: DownstreamResponse): boolean {
  const finished = res.writableFinished;
  return finished === undefined ? res.writableEnded : finished;
}

/**
 * Runs the filters from index `from` in order. A filter that answers synchronously continues in the same tick;
 * only a filter that returns a promise (fault delay, the router's forwarding) costs an async hop.
 */
function runFilters(stream: HttpStream, filters: readonly HttpFilter[], from: number): void {
  try {
    for (let i = from; i < filters.length; i++) {
      if (stream.finished) return;
      const status = (filters[i] as HttpFilter).decode(stream);
      if (status === 'stop') return;
      if (status !== 'continue') {
        status.then(
          (s) => {
            if (s !== 'stop') runFilters(stream, filters, i + 1);
          },
          (err: unknown) => filterFailed(stream, err),
        );
        return;
      }
    }
  } catch (err) {
    filterFailed(stream, err);
  }
}

/** A filter threw (or its promise rejected): a 500 local reply, or a reset when the response has started. */
function filterFailed(stream: HttpStream, err: unknown): void {
  if (!stream.finished) stream.respond(500, `internal error: ${(err as Error).message}`, 'filter_error');
  else stream.res.destroy();
}

function newStream(
  req: DownstreamRequest,
  res: DownstreamResponse,
  authority: string,
  path: string,
  headers: HeaderMap,
  info: DownstreamInfo,
  filters: readonly HttpFilter[],
): HttpStream {
  const stream: HttpStream = {
    req,
    res,
    startTime: Date.now(),
    startMono: performance.now(),
    method: req.method ?? 'GET',
    path,
    authority,
    headers,
    // A uniform uint32 from Math.random: not a secret, and crypto's randomInt cost a measurable share per request.
    random: Math.floor(Math.random() * 2 ** 32),
    originalDestination: info.originalDestination,
    routeConfig: undefined,
    virtualHost: undefined,
    route: undefined,
    clusterName: undefined,
    flags: new Set(),
    upstreamHost: undefined,
    upstreamCluster: undefined,
    upstreamServiceTime: undefined,
    upstreamRxMs: undefined,
    responseHeaders: undefined,
    responseCode: 0,
    responseCodeDetails: '',
    bytesReceived: 0,
    bytesSent: 0,
    finished: false,
    bufferedBody: undefined,
    streamIdleTimeoutMs: undefined,
    clientClosed: false,
    tryInFlight: undefined,
    decorateResponseHeaders(h) {
      for (const f of filters) f.encodeHeaders?.(stream, h);
    },
    respond(status, body, details, extra) {
      if (stream.finished || res.headersSent) return;
      stream.finished = true;
      stream.responseCode = status;
      stream.responseCodeDetails = details;
      const h: HeaderMap = { ...extra };
      if (body !== '') {
        h['content-type'] = 'text/plain';
        h['content-length'] = String(Buffer.byteLength(body));
      } else h['content-length'] = '0';
      // Envoy applies the route's response header mutations to the replies the router makes after routing.
      if (stream.route !== undefined)
        for (const m of stream.route.responseMutations) applyHeaderMutation(h, m);
      stream.decorateResponseHeaders(h);
      stream.responseHeaders = h;
      stream.bytesSent += Buffer.byteLength(body);
      res.writeHead(status, h);
      res.end(body);
      // The request body is not read after a local reply; drain it so the connection can be reused.
      req.resume();
    },
  };
  return stream;
}
