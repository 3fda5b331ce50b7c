// Routing one HTTP request through a RouteConfiguration, the way Envoy's connection manager and router do:
// 1. the connection manager rewrites :authority (strip_trailing_host_dot, strip_any_host_port /
//    strip_matching_host_port: options portHandling, listenerPort, stripTrailingHostDot);
// 2. the virtual host is chosen by host (domain-match.ts; ignore_port_in_host_matching comes from the config);
// 3. its routes are tried in order (route-match.ts), with the per-request random value for runtime_fraction;
// 4. for a RouteAction, the cluster is resolved: cluster, cluster_header (first value), or weighted_clusters with
//    the same random value (Envoy uses the stream id for both). Cluster specifier plugins are not evaluated.
// Not modelled: require_tls redirects, VirtualHost.matcher (reported as unsupported), path normalisation
// (normalize_path, merge_slashes), the vhost_header and internal_only_headers settings.

import type { Route } from '../generated/types/envoy/config/route/v3/Route.js';
import type { RouteAction } from '../generated/types/envoy/config/route/v3/RouteAction.js';
import type { RouteConfiguration } from '../generated/types/envoy/config/route/v3/RouteConfiguration.js';
import type { VirtualHost } from '../generated/types/envoy/config/route/v3/VirtualHost.js';
import { asciiLower } from './ascii.js';
import {
  compileVirtualHosts,
  type DomainMismatch,
  type HostNormalization,
  hostLookupKey,
  normalizeAuthority,
} from './domain-match.js';
import { type ExplainOption, type MismatchReason, XdsMatchError } from './match-result.js';
import { checkRandom, type RandomValue } from './numbers.js';
import { oneofCase } from './proto.js';
import { type HttpRequest, type NormalizedRequest, normalizeRequest } from './request.js';
import { type CompiledRoutes, compileRoutes } from './route-match.js';
import type { RuntimeValues } from './runtime-fraction.js';
import {
  type CompiledWeightedClusters,
  compileWeightedClusters,
  type WeightedClusterPick,
} from './weighted-clusters.js';

export interface RouteRequestOptions extends HostNormalization, ExplainOption {
  /** The per-request random value (Envoy: the stream id) for runtime_fraction and weighted_clusters; default 0. */
  readonly random?: RandomValue;
  /** Runtime overrides of runtime_fraction by runtime_key. */
  readonly runtime?: RuntimeValues;
}

export type ClusterSpecifier =
  | 'cluster'
  | 'cluster_header'
  | 'weighted_clusters'
  | 'cluster_specifier_plugin'
  | 'inline_cluster_specifier_plugin';

const CLUSTER_SPECIFIERS: readonly ClusterSpecifier[] = [
  'cluster',
  'cluster_header',
  'weighted_clusters',
  'cluster_specifier_plugin',
  'inline_cluster_specifier_plugin',
];

/** Where a RouteAction sends the request. */
export interface ClusterSelection {
  readonly specifier: ClusterSpecifier;
  /** Undefined when cluster_header names an absent header, or for plugins (not evaluated). */
  readonly name: string | undefined;
  /** The weighted pick, for weighted_clusters. */
  readonly weighted?: WeightedClusterPick;
}

export interface RouteRequestTrace {
  /** Why each other virtual host was not chosen. */
  readonly virtualHosts: readonly DomainMismatch[];
  /** Why each route before the matched one (all routes when none matched) did not match. */
  readonly routes: readonly MismatchReason[];
}

export interface RouteRequestResult {
  /** The matched route, and its index in the virtual host's routes (-1 when none). */
  readonly matched: Route | undefined;
  readonly index: number;
  readonly virtualHost: VirtualHost | undefined;
  readonly virtualHostIndex: number;
  /** :authority after the connection manager's rewrites. */
  readonly authority: string;
  /** The virtual host lookup key (lower case, port-less with ignore_port_in_host_matching). */
  readonly host: string;
  /** Present when the matched route has a RouteAction (not for redirect / direct_response). */
  readonly cluster?: ClusterSelection;
  /** Set when the chosen virtual host uses what is not evaluated here (VirtualHost.matcher). */
  readonly unsupported?: string;
  readonly trace?: RouteRequestTrace;
}

export interface CompiledRouteConfig {
  readonly config: RouteConfiguration;
  match(request: HttpRequest, options?: RouteRequestOptions): RouteRequestResult;
}

interface CompiledHost {
  readonly routes: CompiledRoutes | undefined;
  /** Weighted cluster pickers by route index. */
  readonly weighted: ReadonlyMap<number, CompiledWeightedClusters>;
  readonly unsupported: string | undefined;
}

function compileHost(vh: VirtualHost, path: string, ignorePathParameters: boolean): CompiledHost {
  const routes = vh.routes ?? [];
  if (vh.matcher !== undefined && vh.matcher !== null) {
    if (routes.length > 0) {
      throw new XdsMatchError(path, 'cannot set both matcher and routes on a virtual host');
    }
    return {
      routes: undefined,
      weighted: new Map(),
      unsupported: 'VirtualHost.matcher (xDS matcher tree) is not supported',
    };
  }
  const weighted = new Map<number, CompiledWeightedClusters>();
  routes.forEach((r, i) => {
    const action = r.route;
    if (action === undefined || action === null) return;
    const at = `${path}.routes[${i}].route`;
    const which = oneofCase(action, 'cluster_specifier', CLUSTER_SPECIFIERS);
    if (which === undefined) {
      throw new XdsMatchError(at, 'one of cluster, cluster_header or weighted_clusters must be set');
    }
    if (which === 'weighted_clusters') {
      weighted.set(i, compileWeightedClusters(action.weighted_clusters ?? {}, `${at}.weighted_clusters`));
    }
  });
  return {
    routes: compileRoutes(routes, { ignorePathParameters, path: `${path}.routes` }),
    weighted,
    unsupported: undefined,
  };
}

function selectCluster(
  action: RouteAction,
  weighted: CompiledWeightedClusters | undefined,
  req: NormalizedRequest,
  random: RandomValue,
  explain: boolean,
): ClusterSelection {
  const specifier = oneofCase(action, 'cluster_specifier', CLUSTER_SPECIFIERS) ?? 'cluster';
  switch (specifier) {
    case 'cluster':
      return { specifier, name: action.cluster };
    case 'cluster_header':
      return { specifier, name: req.headers.all(asciiLower(action.cluster_header ?? ''))[0] };
    case 'weighted_clusters': {
      const pick = weighted?.pick(random, req.headers, explain);
      return pick === undefined
        ? { specifier, name: undefined }
        : { specifier, name: pick.clusterName, weighted: pick };
    }
    default:
      return { specifier, name: undefined };
  }
}

/** Compiles a RouteConfiguration once (domains, regexes, matchers). Throws XdsMatchError for what Envoy rejects. */
export function compileRouteConfig(config: RouteConfiguration): CompiledRouteConfig {
  const virtualHosts = config.virtual_hosts ?? [];
  const domains = compileVirtualHosts(virtualHosts, 'virtual_hosts');
  const ignorePathParameters = config.ignore_path_parameters_in_path_matching === true;
  const hosts = virtualHosts.map((vh, i) => compileHost(vh, `virtual_hosts[${i}]`, ignorePathParameters));
  const ignorePort = config.ignore_port_in_host_matching === true;

  return {
    config,
    match(request, options = {}) {
      const random = options.random ?? 0;
      checkRandom(random);
      const explain = options.explain === true;
      const authority = normalizeAuthority(request.authority, options);
      const host = hostLookupKey(authority, ignorePort);
      const vhm = domains.match(host, explain);
      const compiled = hosts[vhm.index];
      const base = { virtualHost: vhm.matched, virtualHostIndex: vhm.index, authority, host };
      const virtualHostTrace = vhm.trace ?? [];
      if (compiled === undefined) {
        return {
          matched: undefined,
          index: -1,
          ...base,
          ...(explain ? { trace: { virtualHosts: virtualHostTrace, routes: [] } } : {}),
        };
      }
      if (compiled.routes === undefined) {
        const unsupported = compiled.unsupported ?? 'unsupported virtual host';
        const routes: MismatchReason[] = [{ routeIndex: -1, field: 'unsupported', detail: unsupported }];
        return {
          matched: undefined,
          index: -1,
          ...base,
          unsupported,
          ...(explain ? { trace: { virtualHosts: virtualHostTrace, routes } } : {}),
        };
      }
      const req = normalizeRequest(request, authority);
      const rm = compiled.routes.match(req, { random, runtime: options.runtime }, explain);
      const action = rm.matched?.route;
      const cluster =
        action === undefined || action === null
          ? {}
          : { cluster: selectCluster(action, compiled.weighted.get(rm.index), req, random, explain) };
      const trace = explain ? { trace: { virtualHosts: virtualHostTrace, routes: rm.trace ?? [] } } : {};
      return { matched: rm.matched, index: rm.index, ...base, ...cluster, ...trace };
    },
  };
}

/** Plain form: routes `request` through `config`. Compiles on every call; use compileRouteConfig on hot paths. */
export function routeRequest(
  config: RouteConfiguration,
  request: HttpRequest,
  options: RouteRequestOptions = {},
): RouteRequestResult {
  return compileRouteConfig(config).match(request, options);
}
