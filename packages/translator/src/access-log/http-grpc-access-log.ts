// Istio's gRPC access logger on every HTTP connection manager of a proxy (accesslog.go setHTTPAccessLog with
// enableEnvoyAccessLogService and no Telemetry API): `envoy.access_loggers.http_grpc` streaming to the
// `envoy_accesslog_service` cluster over the v3 API, log name `http_envoy_accesslog`. minimesh adds
// additional_request_headers_to_log (see logged-headers.ts).
//
// The logger goes on after listeners and routes are built and before EnvoyFilters patch them, as istiod builds it
// into the HCM before its patchers run. Doing it here, rather than inside each HCM builder, keeps the outbound
// listeners shared by a scope (cache/shared-resources.ts) independent of one proxy's header list: a listener with
// the logger is derived from the shared one and memoized on it with the header list it was made for, so a push
// that changes neither reuses the same object.
import {
  type AccessLog,
  anyOf,
  type HttpConnectionManager,
  type Listener,
  type RouteConfiguration,
  TypeUrl,
} from '@minimesh/model';
import { cachedValues } from '../cache/cached-unit.js';
import { HCM_FILTER } from '../listener/listener-names.js';
import type { MeshConfig } from '../mesh-config.js';
import {
  ENVOY_ACCESS_LOG_CLUSTER,
  FILTER_STATE_OBJECTS_TO_LOG,
  HTTP_ENVOY_ACCESS_LOG_NAME,
  HTTP_GRPC_ACCESS_LOGGER,
} from './access-log-names.js';
import { accessLogService } from './access-log-service.js';
import { loggedRequestHeaders } from './logged-headers.js';

type FilterChain = NonNullable<Listener['filter_chains']>[number];
type NetworkFilter = NonNullable<FilterChain['filters']>[number];
type HcmAny = HttpConnectionManager & { '@type': string };

/** The access_log entry istiod writes (httpGrpcAccessLog), with the request headers to log. */
export function httpGrpcAccessLog(requestHeaders: readonly string[]): AccessLog {
  return {
    name: HTTP_GRPC_ACCESS_LOGGER,
    typed_config: anyOf(TypeUrl.HTTP_GRPC_ACCESS_LOG, {
      common_config: {
        log_name: HTTP_ENVOY_ACCESS_LOG_NAME,
        grpc_service: { envoy_grpc: { cluster_name: ENVOY_ACCESS_LOG_CLUSTER } },
        transport_api_version: 'V3',
        filter_state_objects_to_log: [...FILTER_STATE_OBJECTS_TO_LOG],
      },
      ...(requestHeaders.length > 0 ? { additional_request_headers_to_log: [...requestHeaders] } : {}),
    }),
  };
}

function hcmOf(f: NetworkFilter): HcmAny | undefined {
  const tc = f.typed_config as unknown as HcmAny | undefined;
  return f.name === HCM_FILTER && tc?.['@type'] === TypeUrl.HTTP_CONNECTION_MANAGER ? tc : undefined;
}

function chainsOf(l: Listener): FilterChain[] {
  return [...(l.filter_chains ?? []), ...(l.default_filter_chain ? [l.default_filter_chain] : [])];
}

function hasHcm(l: Listener): boolean {
  return chainsOf(l).some((c) => (c.filters ?? []).some((f) => hcmOf(f) !== undefined));
}

function withLogger(chain: FilterChain, entry: AccessLog): FilterChain {
  if (!(chain.filters ?? []).some((f) => hcmOf(f) !== undefined)) return chain;
  return {
    ...chain,
    filters: (chain.filters ?? []).map((f) => {
      const hcm = hcmOf(f);
      if (hcm === undefined) return f;
      const typed = { ...hcm, access_log: [...(hcm.access_log ?? []), entry] };
      return { ...f, typed_config: typed as unknown as NetworkFilter['typed_config'] };
    }),
  };
}

/**
 * Listeners derived from a source listener, by header list key. Proxies of one scope share outbound listeners but
 * may differ in routes (VirtualService sourceLabels), hence a few keys per source; at most MAX_KEYS are kept.
 */
const derived = new WeakMap<Listener, Map<string, Listener>>();
const MAX_KEYS = 16;

function loggedListener(l: Listener, headers: readonly string[], key: string): Listener {
  let byKey = derived.get(l);
  const known = byKey?.get(key);
  if (known !== undefined) return known;
  const entry = httpGrpcAccessLog(headers);
  const value: Listener = {
    ...l,
    ...(l.filter_chains ? { filter_chains: l.filter_chains.map((c) => withLogger(c, entry)) } : {}),
    ...(l.default_filter_chain ? { default_filter_chain: withLogger(l.default_filter_chain, entry) } : {}),
  };
  // A listener derived from a shared (cached) one is as stable as its source: intern.ts need not compare it.
  if (cachedValues.has(l)) cachedValues.add(value);
  if (byKey === undefined || byKey.size >= MAX_KEYS) {
    byKey = new Map();
    derived.set(l, byKey);
  }
  byKey.set(key, value);
  return value;
}

/** Inline route configurations of the HCMs of `listeners` (sidecar inbound chains). */
function inlineRouteConfigs(listeners: readonly Listener[]): RouteConfiguration[] {
  const out: RouteConfiguration[] = [];
  for (const l of listeners) {
    for (const c of chainsOf(l)) {
      for (const f of c.filters ?? []) {
        const rc = hcmOf(f)?.route_config;
        if (rc) out.push(rc);
      }
    }
  }
  return out;
}

/**
 * `listeners` with the gRPC access logger on every HCM when `mesh` enables the access log service (a copy of the
 * array otherwise). Listeners without an HCM (TCP proxies) are returned as they are. Pure: the same listeners, routes and
 * mesh config give equal output.
 */
export function withHttpAccessLogs(
  mesh: MeshConfig,
  listeners: readonly Listener[],
  routes: readonly RouteConfiguration[],
): Listener[] {
  if (accessLogService(mesh) === undefined) return [...listeners];
  const inline = inlineRouteConfigs(listeners);
  const headers = loggedRequestHeaders(inline.length === 0 ? routes : [...routes, ...inline]);
  const key = headers.join('\n');
  return listeners.map((l) => (hasHcm(l) ? loggedListener(l, headers, key) : l));
}
