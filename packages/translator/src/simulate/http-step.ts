// An HTTP request through the connection manager of the chosen filter chain: its route configuration (RDS by name
// or inline), the model's routeRequest (virtual host, route, why each earlier route did not match, the weighted
// pick), then the route's action: redirect, direct response, or a cluster behind the fault filter.
import {
  type HttpConnectionManager,
  type PortHandling,
  type RouteConfiguration,
  type RouteRequestResult,
  routeRequest,
  XdsMatchError,
} from '@minimesh/model';
import { BLOCK_ALL_VHOST } from '../naming.js';
import { type Draft, settle } from './draft.js';
import { evaluateFault } from './fault.js';
import { routeConfigSource } from './istio-config.js';
import { redirectOf, rewritePath, routeMirrors, routeRetries, routeTimeout } from './route-details.js';
import type { SimulatedCall, SimulationResources } from './types.js';
import { resolveUpstream } from './upstream.js';

function portHandling(hcm: HttpConnectionManager): PortHandling {
  if (hcm.strip_any_host_port === true) return 'strip-any';
  if (hcm.strip_matching_host_port === true) return 'strip-matching';
  return 'exact';
}

function routeConfigOf(
  hcm: HttpConnectionManager,
  resources: SimulationResources,
  trace: string[],
): RouteConfiguration | undefined {
  if (hcm.route_config !== undefined && hcm.route_config !== null) {
    trace.push(`route config: inline ${hcm.route_config.name ?? ''}`.trimEnd());
    return hcm.route_config;
  }
  const name = hcm.rds?.route_config_name;
  if (name === undefined) {
    trace.push('route config: the connection manager has neither rds nor route_config');
    return undefined;
  }
  const rc = resources.routes.find((r) => r.name === name);
  trace.push(rc === undefined ? `route config: RDS ${name} not found` : `route config: RDS ${name}`);
  return rc;
}

/** Trace lines of routeRequest's explanation: virtual hosts passed over, then each rejected route. */
function explain(r: RouteRequestResult, trace: string[]): void {
  if (r.virtualHost === undefined) {
    for (const m of r.trace?.virtualHosts ?? [])
      trace.push(`virtual host ${m.virtualHostName ?? `#${m.virtualHostIndex}`}: ${m.detail}`);
    trace.push(`virtual host: none matches host "${r.host}" (404, NR)`);
    return;
  }
  trace.push(`virtual host: ${r.virtualHost.name ?? `#${r.virtualHostIndex}`} (host "${r.host}")`);
  for (const m of r.trace?.routes ?? []) {
    const label =
      m.routeName === undefined ? `route ${m.routeIndex}` : `route ${m.routeIndex} (${m.routeName})`;
    trace.push(`${label}: ${m.detail}`);
  }
}

/** Routes `call` through `hcm`; `out` receives every field the HTTP path decides. */
export function simulateHttp(
  hcm: HttpConnectionManager,
  listenerPort: number,
  call: SimulatedCall,
  original: string,
  resources: SimulationResources,
  out: Draft,
): void {
  const trace = out.trace as string[];
  const rc = routeConfigOf(hcm, resources, trace);
  if (rc === undefined) {
    settle(out, { outcome: 'no_route', responseFlag: 'NR', status: 404 });
    return;
  }
  if (rc.name !== undefined && rc.name !== '') out.routeConfig = rc.name;
  const random = call.random ?? 0;
  const headers = call.headers ?? {};
  const request = {
    authority: call.host,
    path: call.path ?? '/',
    method: call.method ?? 'GET',
    headers,
    scheme: call.tls === undefined ? 'http' : 'https',
  };
  let r: RouteRequestResult;
  try {
    r = routeRequest(rc, request, {
      explain: true,
      random,
      portHandling: portHandling(hcm),
      listenerPort,
      stripTrailingHostDot: hcm.strip_trailing_host_dot === true,
    });
  } catch (err) {
    if (!(err instanceof XdsMatchError)) throw err;
    trace.push(`route config ${rc.name ?? ''} would be rejected by Envoy: ${err.message}`);
    settle(out, { outcome: 'no_route', responseFlag: 'NR', status: 404, error: err.message });
    return;
  }
  explain(r, trace);
  const vh = r.virtualHost;
  if (vh !== undefined) out.virtualHost = vh.name ?? `#${r.virtualHostIndex}`;
  const route = r.matched;
  if (vh === undefined || route === undefined) {
    if (vh !== undefined) trace.push(`route: none of ${vh.routes?.length ?? 0} matches (404, NR)`);
    settle(out, { outcome: 'no_route', responseFlag: 'NR', status: 404 });
    return;
  }
  out.route = {
    ...(route.name === undefined || route.name === '' ? {} : { name: route.name }),
    index: r.index,
  };
  trace.push(`route: ${r.index}${route.name ? ` (${route.name})` : ''} matches`);
  const config = routeConfigSource(route);
  if (config !== undefined) {
    out.config = config;
    const where = config.file === undefined ? '' : ` at ${config.file}:${config.line ?? '?'}`;
    trace.push(
      `config: ${config.kind} ${config.namespace}/${config.name} http[${config.httpIndex ?? '?'}]${where}`,
    );
  }

  if (route.redirect !== undefined && route.redirect !== null) {
    const redirect = redirectOf(route, route.redirect, { ...request, authority: r.authority });
    trace.push(`redirect: ${redirect.status} to ${redirect.location}`);
    settle(out, { outcome: 'redirect', status: redirect.status, redirect });
    return;
  }
  if (route.direct_response !== undefined && route.direct_response !== null) {
    const status = route.direct_response.status ?? 200;
    const body = route.direct_response.body?.inline_string;
    const blocked = vh.name === BLOCK_ALL_VHOST;
    trace.push(
      blocked
        ? `direct response ${status}: outbound traffic to unknown hosts is blocked (REGISTRY_ONLY)`
        : `direct response ${status}`,
    );
    settle(out, {
      outcome: blocked ? 'blackhole' : 'direct_response',
      status,
      directResponse: { status, ...(body === undefined ? {} : { body }) },
    });
    return;
  }
  const action = route.route;
  if (action === undefined || action === null) {
    trace.push('route: has no route, redirect or direct_response action (404, NR)');
    settle(out, { outcome: 'no_route', responseFlag: 'NR', status: 404 });
    return;
  }
  const selection = r.cluster;
  const pick = selection?.weighted;
  const weights = action.weighted_clusters?.clusters ?? [];
  if (pick !== undefined) {
    out.weighted = {
      clusters: weights.map((c) => ({ name: c.name ?? '', weight: c.weight?.value ?? 0 })),
      totalWeight: pick.totalWeight,
      selectedValue: pick.selectedValue,
      index: pick.index,
    };
    for (const m of pick.trace ?? [])
      trace.push(`weighted cluster ${m.clusterName ?? `#${m.clusterIndex}`}: ${m.detail}`);
    trace.push(
      `weighted: random ${random} % ${pick.totalWeight} = ${pick.selectedValue} picks ${pick.clusterName ?? '(none)'}`,
    );
  }
  const clusterName = selection?.name;
  out.timeout = routeTimeout(action);
  const retries = routeRetries(action);
  if (retries !== undefined) out.retries = retries;
  trace.push(
    `timeout ${out.timeout}${out.timeout === '0s' ? ' (disabled)' : ''}; ${
      retries === undefined ? 'no retries' : `${retries.numRetries} retries on ${retries.retryOn}`
    }`,
  );
  const mirrors = routeMirrors(action, random, resources);
  if (mirrors.length > 0) out.mirrors = mirrors;
  for (const m of mirrors)
    trace.push(
      `mirror: ${m.cluster} for ${m.percent}% of requests (${m.applies ? 'this one' : 'not this one'})`,
    );
  const picked = pick?.matched;
  const path = rewritePath(route, action, request.path);
  const authority = picked?.host_rewrite_literal || action.host_rewrite_literal || undefined;
  if (path !== undefined || authority !== undefined) {
    out.rewrite = {
      ...(path === undefined ? {} : { path }),
      ...(authority === undefined ? {} : { authority }),
    };
    trace.push(
      `rewrite: ${[path && `path ${path}`, authority && `authority ${authority}`].filter(Boolean).join(', ')}`,
    );
  }
  if (clusterName !== undefined) out.cluster = clusterName;

  const fault = evaluateFault(
    hcm,
    { routeConfig: rc, virtualHost: vh, route },
    { headers, random, cluster: clusterName },
    trace,
  );
  if (fault.fault !== undefined) out.fault = fault.fault;
  const flags = fault.delayed ? ['DI'] : [];
  if (fault.abortStatus !== undefined) {
    settle(out, {
      outcome: 'fault_abort',
      responseFlag: [...flags, 'FI'].join(','),
      status: fault.abortStatus,
    });
    return;
  }
  if (clusterName === undefined) {
    trace.push(`cluster: the ${selection?.specifier ?? 'route'} names no cluster for this request (503, NC)`);
    settle(out, { outcome: 'no_cluster', responseFlag: [...flags, 'NC'].join(','), status: 503 });
    return;
  }
  const up = resolveUpstream(clusterName, resources, original, trace);
  if (up.endpoints !== undefined) out.endpoints = up.endpoints;
  if (up.flag !== undefined) flags.push(up.flag);
  // cluster_not_found_response_code (Gateway API routes: 500) answers a cluster that does not exist; else 503.
  const notFound = action.cluster_not_found_response_code === 'INTERNAL_SERVER_ERROR' ? 500 : 503;
  if (up.flag === 'NC' && notFound === 500) trace.push('cluster_not_found_response_code: 500');
  settle(out, {
    outcome: up.outcome,
    ...(flags.length === 0 ? {} : { responseFlag: flags.join(',') }),
    ...(up.flag === undefined ? {} : { status: up.flag === 'NC' ? notFound : 503 }),
  });
}
