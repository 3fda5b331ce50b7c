// The HTTP fault filter (envoy.filters.http.fault) on the chosen route. Envoy takes the most specific config of the
// filter (route, then virtual host, then route configuration typed_per_filter_config, then the filter's own), and
// only when the connection manager has that filter. A fault applies when its headers match, its upstream_cluster
// (if set) is the route's cluster, and `random % denominator < numerator` for its percentage: an absent percentage
// reads as 0%, so it never fires (Envoy's FaultDelayConfig / FaultAbortConfig copy the unset FractionalPercent).
// The delay runs first; an abort then answers without contacting the upstream (response flag FI). Runtime
// overrides (fault.http.*) and max_active_faults are not modelled; the call's random value stands for Envoy's draw.
import {
  type AnyObject,
  evaluateFractionalPercent,
  type FractionalPercent,
  type HeaderMatcher,
  type HTTPFault,
  type HttpConnectionManager,
  matchHeaders,
  type Route,
  type RouteConfiguration,
  TypeUrl,
  type VirtualHost,
} from '@minimesh/model';
import { typedConfig } from './listener-select.js';
import { durationText, percentOf } from './proto-values.js';
import type { SimulatedFault } from './types.js';

/** What the fault filter decides for one request. */
export interface FaultStep {
  readonly fault?: SimulatedFault;
  /** The status of an applied abort (HTTP; gRPC aborts answer 200 with grpc-status). */
  readonly abortStatus?: number;
  readonly delayed: boolean;
}

type PerFilter = Readonly<Record<string, unknown>> | null | undefined;

function faultOf(any: unknown): HTTPFault | undefined {
  const cfg: AnyObject | undefined = typedConfig(any);
  return cfg !== undefined && cfg['@type'] === TypeUrl.HTTP_FAULT ? (cfg as HTTPFault) : undefined;
}

/** The fault filter's name in the HCM chain and its own config, or undefined when the chain has none. */
function faultFilter(hcm: HttpConnectionManager): { name: string; own: HTTPFault | undefined } | undefined {
  for (const f of hcm.http_filters ?? []) {
    const own = faultOf(f.typed_config);
    if (own !== undefined) return { name: f.name ?? '', own };
  }
  return undefined;
}

function applies(p: FractionalPercent | null | undefined, random: number): boolean {
  return p !== undefined && p !== null && evaluateFractionalPercent(p, random);
}

/** Evaluates the fault filter for the matched route; appends its reasoning to `trace`. */
export function evaluateFault(
  hcm: HttpConnectionManager,
  where: { routeConfig: RouteConfiguration; virtualHost: VirtualHost; route: Route },
  request: { headers: Readonly<Record<string, string>>; random: number; cluster: string | undefined },
  trace: string[],
): FaultStep {
  const filter = faultFilter(hcm);
  if (filter === undefined) {
    const ignored = Object.values(where.route.typed_per_filter_config ?? {}).some(
      (v) => faultOf(v) !== undefined,
    );
    if (ignored)
      trace.push('fault: the route has a fault config but the connection manager has no fault filter');
    return { delayed: false };
  }
  const perRoute = (m: PerFilter): HTTPFault | undefined =>
    m === null || m === undefined ? undefined : faultOf(m[filter.name]);
  const config =
    perRoute(where.route.typed_per_filter_config) ??
    perRoute(where.virtualHost.typed_per_filter_config) ??
    perRoute(where.routeConfig.typed_per_filter_config) ??
    filter.own;
  const hasDelay = config?.delay !== undefined && config.delay !== null;
  const hasAbort = config?.abort !== undefined && config.abort !== null;
  if (config === undefined || (!hasDelay && !hasAbort)) return { delayed: false };
  const headers: HeaderMatcher[] = config.headers ?? [];
  const headersMatch = headers.length === 0 || matchHeaders(headers, request.headers);
  const clusterOk =
    config.upstream_cluster === undefined ||
    config.upstream_cluster === '' ||
    config.upstream_cluster === request.cluster;
  const eligible = headersMatch && clusterOk;
  if (!headersMatch) trace.push('fault: the fault filter headers do not match the request');
  if (!clusterOk) trace.push(`fault: limited to upstream cluster ${config.upstream_cluster}`);

  let delay: SimulatedFault['delay'];
  const d = config.delay;
  if (d !== undefined && d !== null) {
    const headerMs = request.headers['x-envoy-fault-delay-request'];
    const fromHeader = d.header_delay !== undefined && d.header_delay !== null;
    const fixed = fromHeader
      ? headerMs === undefined
        ? 'header'
        : `${headerMs}ms`
      : durationText(d.fixed_delay);
    const on = eligible && (!fromHeader || headerMs !== undefined) && applies(d.percentage, request.random);
    delay = { fixedDelay: fixed ?? '0s', percent: percentOf(d.percentage), applies: on };
    trace.push(
      `fault: delay ${delay.fixedDelay} for ${delay.percent}% of requests: ${on ? 'applies' : 'does not apply'} at random ${request.random}`,
    );
  }
  let abort: SimulatedFault['abort'];
  let abortStatus: number | undefined;
  const a = config.abort;
  if (a !== undefined && a !== null) {
    const fromHeader = a.header_abort !== undefined && a.header_abort !== null;
    const headerStatus = request.headers['x-envoy-fault-abort-request'];
    const httpStatus = fromHeader
      ? headerStatus === undefined
        ? undefined
        : Number(headerStatus)
      : a.http_status;
    const on =
      eligible &&
      (httpStatus !== undefined || a.grpc_status !== undefined) &&
      applies(a.percentage, request.random);
    abort = {
      ...(httpStatus === undefined ? {} : { httpStatus }),
      ...(a.grpc_status === undefined ? {} : { grpcStatus: a.grpc_status }),
      percent: percentOf(a.percentage),
      applies: on,
    };
    const what = httpStatus !== undefined ? `HTTP ${httpStatus}` : `gRPC status ${a.grpc_status ?? '?'}`;
    trace.push(
      `fault: abort with ${what} for ${abort.percent}% of requests: ${on ? 'applies' : 'does not apply'} at random ${request.random}`,
    );
    if (on) abortStatus = httpStatus ?? 200;
  }
  return {
    fault: { ...(delay === undefined ? {} : { delay }), ...(abort === undefined ? {} : { abort }) },
    delayed: delay?.applies === true,
    ...(abortStatus === undefined ? {} : { abortStatus }),
  };
}
