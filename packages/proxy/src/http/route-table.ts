// A RouteConfiguration compiled for serving: the model's compileRouteConfig (the matching the simulator runs)
// plus, per route, what the router needs at request time: header mutations of the three levels in Envoy's order,
// timeout (default 15 s; 0 disables it) and idle timeout in ms, the retry policy (the route's, else the virtual
// host's), path and host rewrites, and typed_per_filter_config compiled by the filter plugins (route, then virtual
// host, then route configuration: the most specific wins). Anything it cannot honour throws ConfigRejectedError,
// so the RouteConfiguration (or the listener holding it inline) is NACKed.
import type { Route, RouteConfiguration, VirtualHost } from '@minimesh/model/xds';
import { type CompiledRouteConfig, compileRegexMatcher, compileRouteConfig } from '@minimesh/model/xds';
import { ConfigRejectedError, errorText } from '../errors.js';
import { durationToMs } from '../util/proto-values.js';
import type { HttpFilterPlugin } from './filters/http-filter.js';
import { compileGrpcTimeouts, type GrpcTimeouts } from './grpc-timeout.js';
import { compileHashPolicy, type RequestHasher } from './hash-policy.js';
import { compileHeaderMutation, type HeaderMutation, NO_MUTATION } from './header-mutation.js';
import { compileMirrorPolicies, type MirrorPolicy } from './mirror/mirror-policy.js';
import { type CompiledRetryPolicy, compileRetryPolicy } from './retry-policy.js';

const FILTER_CONFIG = 'type.googleapis.com/envoy.config.route.v3.FilterConfig';

/** Plugins by the type URLs of their per-route config. */
export type PerRouteRegistry = ReadonlyMap<string, HttpFilterPlugin>;

export interface RouteEntry {
  readonly route: Route;
  readonly name: string;
  /** Route, virtual host, route configuration: applied in this order. */
  readonly requestMutations: readonly HeaderMutation[];
  readonly responseMutations: readonly HeaderMutation[];
  /** Whole-request timeout, ms; 0 = none. */
  readonly timeoutMs: number;
  readonly idleTimeoutMs: number | undefined;
  readonly retry: CompiledRetryPolicy | undefined;
  readonly prefixRewrite: string | undefined;
  readonly regexRewrite: ((path: string) => string) | undefined;
  readonly hostRewrite: string | undefined;
  /** The request hash for RING_HASH clusters (route hash_policy). */
  readonly hash: RequestHasher | undefined;
  /** Compiled per-filter configs by filter name; `null` when disabled for this route. */
  readonly perFilter: ReadonlyMap<string, unknown>;
  /** request_mirror_policies (NO_MIRRORS when none). */
  readonly mirrors: readonly MirrorPolicy[];
  /** max_grpc_timeout / max_stream_duration (grpc-timeout handling); undefined when the route sets neither. */
  readonly grpcTimeouts: GrpcTimeouts | undefined;
}

export interface RouteTable {
  readonly config: RouteConfiguration;
  readonly matcher: CompiledRouteConfig;
  entry(route: Route): RouteEntry | undefined;
}

type PerFilterMap =
  | Readonly<Record<string, { '@type'?: string } & Record<string, unknown>>>
  | undefined
  | null;

function compilePerFilter(
  into: Map<string, unknown>,
  map: PerFilterMap,
  registry: PerRouteRegistry,
  owner: string,
  at: string,
): void {
  if (map === undefined || map === null) return;
  for (const name of Object.keys(map).sort()) {
    if (into.has(name)) continue; // A more specific level already set it.
    let cfg = map[name] as Record<string, unknown> & { '@type'?: string };
    let optional = false;
    if (cfg['@type'] === FILTER_CONFIG) {
      optional = cfg.is_optional === true;
      if (cfg.disabled === true) {
        into.set(name, null);
        continue;
      }
      cfg = (cfg.config ?? {}) as typeof cfg;
    }
    const plugin = registry.get(cfg['@type'] ?? '');
    if (plugin?.compilePerRoute === undefined) {
      if (optional) continue;
      throw new ConfigRejectedError(
        'RouteConfiguration',
        owner,
        `${at}.typed_per_filter_config["${name}"]: unsupported config type ${cfg['@type'] ?? '(none)'}`,
      );
    }
    into.set(name, plugin.compilePerRoute(cfg, owner));
  }
}

function compileEntry(
  rc: RouteConfiguration,
  vh: VirtualHost,
  route: Route,
  at: string,
  registry: PerRouteRegistry,
): RouteEntry {
  const owner = rc.name ?? '';
  const action = route.route ?? undefined;
  const retrySource = action?.retry_policy ?? vh.retry_policy ?? undefined;
  let regexRewrite: RouteEntry['regexRewrite'];
  if (action?.regex_rewrite !== undefined && action.regex_rewrite !== null) {
    const re = compileRegexMatcher(action.regex_rewrite.pattern, `${at}.route.regex_rewrite.pattern`);
    // Envoy's substitution uses \1 for groups; RE2JS uses $1.
    const substitution = (action.regex_rewrite.substitution ?? '')
      .replace(/\$/g, '$$$$')
      .replace(/\\(\d)/g, '$$$1');
    regexRewrite = (path) => re.matcher(path).replaceAll(substitution);
  }
  const perFilter = new Map<string, unknown>();
  compilePerFilter(perFilter, route.typed_per_filter_config as PerFilterMap, registry, owner, at);
  compilePerFilter(perFilter, vh.typed_per_filter_config as PerFilterMap, registry, owner, at);
  compilePerFilter(perFilter, rc.typed_per_filter_config as PerFilterMap, registry, owner, at);
  const hostRewrite = action?.host_rewrite_literal;
  return {
    route,
    name: route.name ?? '',
    // Empty levels are dropped here, so a request applies only the mutations that do something.
    requestMutations: [
      compileHeaderMutation(route.request_headers_to_add, route.request_headers_to_remove),
      compileHeaderMutation(vh.request_headers_to_add, vh.request_headers_to_remove),
      compileHeaderMutation(rc.request_headers_to_add, rc.request_headers_to_remove),
    ].filter((m) => m !== NO_MUTATION),
    responseMutations: [
      compileHeaderMutation(route.response_headers_to_add, route.response_headers_to_remove),
      compileHeaderMutation(vh.response_headers_to_add, vh.response_headers_to_remove),
      compileHeaderMutation(rc.response_headers_to_add, rc.response_headers_to_remove),
    ].filter((m) => m !== NO_MUTATION),
    timeoutMs: durationToMs(action?.timeout) ?? 15_000,
    idleTimeoutMs: durationToMs(action?.idle_timeout),
    retry:
      retrySource === undefined || retrySource === null ? undefined : compileRetryPolicy(retrySource, owner),
    prefixRewrite:
      action?.prefix_rewrite === undefined || action.prefix_rewrite === ''
        ? undefined
        : action.prefix_rewrite,
    regexRewrite,
    hostRewrite: hostRewrite === undefined || hostRewrite === '' ? undefined : hostRewrite,
    hash: compileHashPolicy(action?.hash_policy, owner),
    perFilter,
    mirrors: compileMirrorPolicies(action, owner, at),
    grpcTimeouts: compileGrpcTimeouts(action),
  };
}

/** Compiles `rc`; throws ConfigRejectedError with the field path for what Envoy (or this proxy) rejects. */
export function compileRouteTable(rc: RouteConfiguration, registry: PerRouteRegistry): RouteTable {
  const owner = rc.name ?? '';
  let matcher: CompiledRouteConfig;
  try {
    matcher = compileRouteConfig(rc);
  } catch (err) {
    throw new ConfigRejectedError('RouteConfiguration', owner, errorText(err), { cause: err });
  }
  const entries = new Map<Route, RouteEntry>();
  (rc.virtual_hosts ?? []).forEach((vh, vi) => {
    (vh.routes ?? []).forEach((route, ri) => {
      const at = `virtual_hosts[${vi}].routes[${ri}]`;
      try {
        entries.set(route, compileEntry(rc, vh, route, at, registry));
      } catch (err) {
        if (err instanceof ConfigRejectedError) throw err;
        throw new ConfigRejectedError('RouteConfiguration', owner, `${at}: ${errorText(err)}`, {
          cause: err,
        });
      }
    });
  });
  return { config: rc, matcher, entry: (route) => entries.get(route) };
}
