// One VirtualService HTTP route -> Envoy routes, one per applicable match (istiod 1.30 route.go
// BuildHTTPRoutesForVirtualService / translateRoute / applyHTTPRouteDestination). Bad references never throw:
// a destination subset no DestinationRule defines still routes to its (missing) subset cluster, as istiod does,
// and becomes an IST0101 message placed at the VirtualService field.
import {
  type AnyObject,
  type Destination,
  type HTTPMatchRequest,
  type HTTPRedirect,
  type IstioHTTPRoute,
  type LoadedResource,
  type MeshLabels,
  type Route,
  type RouteAction,
  resolveShortName,
  type VirtualService,
} from '@minimesh/model';
import type { MessageSink } from '../messages.js';
import { parseSubsetKey, subsetKey } from '../naming.js';
import type { PushContext } from '../push-context.js';
import { corsFilterConfig } from './cors.js';
import { translateDelegate } from './delegate.js';
import { faultFilterConfig } from './fault.js';
import { headerFields, translateHeaders } from './headers.js';
import { hashPolicyFor, mirrorFraction, retryPolicy, rewriteFields, timeoutFields } from './route-action.js';
import { type MatchContext, matchApplies, translateRouteMatch } from './route-match.js';
import {
  CORS_FILTER,
  decoratorOperation,
  FAULT_FILTER,
  httpRouteName,
  virtualServiceConfigPath,
} from './route-names.js';

/** The annotation istiod's Gateway API conversion writes on VirtualServices with Gateway API semantics. */
const ROUTE_SEMANTICS_ANNOTATION = 'internal.istio.io/route-semantics';

/** istiod UseGatewaySemantics: the VirtualService was converted from Gateway API routes. */
function usesGatewaySemantics(vs: LoadedResource<VirtualService>): boolean {
  return vs.object.metadata.annotations?.[ROUTE_SEMANTICS_ANNOTATION] === 'gateway';
}

/** What translating routes for one proxy and one listen port needs. */
export interface RouteEnv {
  readonly push: PushContext;
  readonly sink: MessageSink;
  readonly match: MatchContext;
  readonly proxyNamespace: string;
  readonly proxyLabels: MeshLabels;
}

type Path = (string | number)[];

/** The cluster of a destination (istiod GetDestinationCluster); records IST0101 for unknown hosts / subsets. */
export function destinationCluster(
  dest: Destination,
  vs: LoadedResource<VirtualService>,
  path: Path,
  env: RouteEnv,
): { cluster: string; hostname: string; port: number; subset: string } {
  const { push, sink } = env;
  const hostname = resolveShortName(dest.host, vs.namespace ?? 'default', push.mesh.domainSuffix);
  const svc = push.registry.service(hostname, env.proxyNamespace);
  const only = svc?.ports.length === 1 ? svc.ports[0]?.port : undefined;
  // The destination port, else the service's only port, else the port being translated (istiod's rule).
  const port = dest.port?.number ?? only ?? env.match.port;
  const subset = dest.subset ?? '';
  // The analyzer's texts (vs-destination-host.ts, vs-subset.ts): the host as written; mirrors say so.
  const mirror = path.includes('mirror') || path.includes('mirrors');
  if (svc === undefined) {
    const what = mirror ? 'mirror host' : 'host';
    sink.about(vs, 'IST0101', 'Error', `Referenced ${what} not found: "${dest.host}"`, [...path, 'host']);
  } else if (subset !== '') {
    const dr = push.registry.destinationRuleFor(env.proxyNamespace, hostname, env.proxyLabels);
    const defined = dr?.rules.some((r) => (r.object.spec.subsets ?? []).some((s) => s.name === subset));
    if (defined !== true)
      sink.about(
        vs,
        'IST0101',
        'Error',
        `Referenced ${mirror ? 'mirror+subset' : 'host+subset'} in destinationrule not found: "${dest.host}+${subset}"`,
        [...path, 'subset'],
      );
  }
  // An ExternalName Service is an alias: istiod routes to the concrete service it names.
  const target = svc?.externalName ?? hostname;
  return { cluster: subsetKey('outbound', subset, target, port), hostname, port, subset };
}

const REDIRECT_CODES: Readonly<Record<number, string>> = {
  301: 'MOVED_PERMANENTLY',
  302: 'FOUND',
  303: 'SEE_OTHER',
  307: 'TEMPORARY_REDIRECT',
  308: 'PERMANENT_REDIRECT',
};

function redirectAction(r: HTTPRedirect): NonNullable<Route['redirect']> {
  return {
    ...(r.uri !== undefined ? { path_redirect: r.uri } : {}),
    ...(r.prefixRewrite !== undefined && r.uri === undefined ? { prefix_rewrite: r.prefixRewrite } : {}),
    ...(r.authority !== undefined ? { host_redirect: r.authority } : {}),
    ...(r.port !== undefined ? { port_redirect: r.port } : {}),
    ...(r.scheme !== undefined ? { scheme_redirect: r.scheme } : {}),
    response_code: (REDIRECT_CODES[r.redirectCode ?? 301] ?? 'MOVED_PERMANENTLY') as NonNullable<
      Route['redirect']
    >['response_code'],
  };
}

// The decorator (istiod getRouteOperation): `<host>:<port><path>` of the single cluster, else of the VirtualService
// name and the listen port.
/**
 * The decorator path of a match: the exact path, the prefix with `*`, the regex, or `/*` (getRouteOperation,
 * which has no case for path_separated_prefix: a Gateway API PathPrefix route's operation is `<host>:<port>/*`).
 */
function operationPath(m: Route['match']): string {
  if (m?.path !== undefined) return m.path;
  if (m?.prefix !== undefined) return `${m.prefix}*`;
  if (m?.safe_regex?.regex !== undefined) return m.safe_regex.regex;
  return '/*';
}

function metadata(vs: LoadedResource<VirtualService>, index: number): NonNullable<Route['metadata']> {
  const at = vs.source.locate(['spec', 'http', index]);
  return {
    filter_metadata: {
      istio: {
        fields: { config: { stringValue: virtualServiceConfigPath(vs.namespace ?? 'default', vs.name) } },
      },
      minimesh: {
        fields: {
          file: { stringValue: vs.source.file },
          line: { numberValue: at.line },
          http: { numberValue: index },
        },
      },
    },
  };
}

/**
 * The RouteAction of a route with destinations (istiod applyHTTPRouteDestination). One destination: a plain
 * cluster, its header operations appended to the route's, its hash policy used (and the retry policy then drops
 * previous_hosts). Several: weighted_clusters with the weights as written, 0-weight destinations left out (Envoy
 * sums the weights; istiod no longer normalizes them to 100 nor writes total_weight), each with its own header
 * operations and hash policy.
 */
function routeAction(
  vs: LoadedResource<VirtualService>,
  index: number,
  http: IstioHTTPRoute,
  authorityFromHeaders: string,
  env: RouteEnv,
): { action: RouteAction; extra: Partial<Route> } {
  const dests = http.route ?? [];
  const rewrite = rewriteFields(http.rewrite);
  const authority = rewrite.authority !== '' ? rewrite.authority : authorityFromHeaders;
  const action: RouteAction = { ...timeoutFields(http.timeout), ...rewrite.fields };
  // Gateway API routes (converted VirtualServices) answer 500 for a backend that does not exist, as the Gateway
  // API requires (istiod UseGatewaySemantics: ClusterNotFoundResponseCode INTERNAL_SERVER_ERROR).
  if (usesGatewaySemantics(vs)) action.cluster_not_found_response_code = 'INTERNAL_SERVER_ERROR';
  if (authority !== '') action.host_rewrite_literal = authority;
  const mirrors: NonNullable<RouteAction['request_mirror_policies']> = [];
  const addMirror = (d: Destination, fr: ReturnType<typeof mirrorFraction>, path: Path) => {
    if (fr === undefined) return;
    const dc = destinationCluster(d, vs, path, env);
    mirrors.push({
      cluster: dc.cluster,
      runtime_fraction: { default_value: fr },
      trace_sampled: { value: false },
      // istiod 1.30 TranslateRequestMirrorPolicy: features.DisableShadowHostSuffix (DISABLE_SHADOW_HOST_SUFFIX,
      // default true), so mirrored requests keep the original host with no `-shadow` suffix.
      disable_shadow_host_suffix_append: true,
    });
  };
  if (http.mirror !== undefined) {
    const fr = mirrorFraction(http.mirrorPercentage, http.mirrorPercent ?? http.mirror_percent);
    addMirror(http.mirror, fr, ['spec', 'http', index, 'mirror']);
  }
  (http.mirrors ?? []).forEach((m, k) => {
    const path = ['spec', 'http', index, 'mirrors', k, 'destination'];
    addMirror(m.destination, mirrorFraction(m.percentage, undefined), path);
  });
  if (mirrors.length > 0) action.request_mirror_policies = mirrors;
  const hashes: NonNullable<RouteAction['hash_policy']> = [];
  const hashOf = (d: (typeof dests)[number], hostname: string) => {
    const dr = env.push.registry.destinationRuleFor(env.proxyNamespace, hostname, env.proxyLabels);
    const h = hashPolicyFor(dr, d.destination.subset, d.destination.port?.number);
    if (h !== undefined) hashes.push(h);
    return h;
  };
  let extra: Partial<Route> = {};
  let consistentHash = false;
  const [only] = dests;
  if (dests.length === 1 && only !== undefined) {
    const dc = destinationCluster(
      only.destination,
      vs,
      ['spec', 'http', index, 'route', 0, 'destination'],
      env,
    );
    action.cluster = dc.cluster;
    const ops = translateHeaders(only.headers);
    extra = headerFields(ops);
    if (ops.authority !== '' && action.host_rewrite_literal === undefined)
      action.host_rewrite_literal = ops.authority;
    consistentHash = hashOf(only, dc.hostname) !== undefined;
  } else {
    const clusters: NonNullable<NonNullable<RouteAction['weighted_clusters']>['clusters']> = [];
    dests.forEach((d, j) => {
      if ((d.weight ?? 0) === 0) return;
      const dc = destinationCluster(
        d.destination,
        vs,
        ['spec', 'http', index, 'route', j, 'destination'],
        env,
      );
      const ops = translateHeaders(d.headers);
      clusters.push({
        name: dc.cluster,
        weight: { value: d.weight ?? 0 },
        ...headerFields(ops),
        ...(ops.authority !== '' ? { host_rewrite_literal: ops.authority } : {}),
      });
      hashOf(d, dc.hostname);
    });
    action.weighted_clusters = { clusters };
  }
  if (hashes.length > 0) action.hash_policy = hashes;
  const retry = retryPolicy(http.retries ?? undefined, consistentHash);
  if (retry !== undefined) action.retry_policy = retry;
  return { action, extra };
}

/** The Envoy route of one match of `http` (the `index`-th HTTP route of `vs`). */
function translateRoute(
  vs: LoadedResource<VirtualService>,
  index: number,
  http: IstioHTTPRoute,
  match: HTTPMatchRequest | undefined,
  env: RouteEnv,
): Route {
  const name = httpRouteName(http.name, match?.name);
  const ops = translateHeaders(http.headers);
  const out: Route = {
    ...(name === undefined ? {} : { name }),
    match: translateRouteMatch(match, usesGatewaySemantics(vs)),
    metadata: metadata(vs, index),
  };
  let combined: Partial<Route> = {};
  if (http.redirect !== undefined) out.redirect = redirectAction(http.redirect);
  else if (http.directResponse !== undefined) {
    const body = http.directResponse.body;
    out.direct_response = {
      status: http.directResponse.status,
      ...(body?.string !== undefined
        ? { body: { inline_string: body.string } }
        : body?.bytes !== undefined
          ? { body: { inline_bytes: Buffer.from(body.bytes, 'base64') } }
          : {}),
    };
  } else {
    const { action, extra } = routeAction(vs, index, http, ops.authority, env);
    out.route = action;
    combined = extra;
  }
  const fields = headerFields(ops);
  const merged = {
    request_headers_to_add: [
      ...(fields.request_headers_to_add ?? []),
      ...(combined.request_headers_to_add ?? []),
    ],
    request_headers_to_remove: [
      ...(fields.request_headers_to_remove ?? []),
      ...(combined.request_headers_to_remove ?? []),
    ],
    response_headers_to_add: [
      ...(fields.response_headers_to_add ?? []),
      ...(combined.response_headers_to_add ?? []),
    ],
    response_headers_to_remove: [
      ...(fields.response_headers_to_remove ?? []),
      ...(combined.response_headers_to_remove ?? []),
    ],
  };
  for (const [k, v] of Object.entries(merged)) if (v.length > 0) Object.assign(out, { [k]: v });
  const cluster = out.route?.cluster;
  const target = cluster === undefined ? undefined : parseSubsetKey(cluster);
  out.decorator = {
    operation: decoratorOperation(
      target?.hostname ?? vs.name,
      target?.port ?? env.match.port,
      operationPath(out.match),
    ),
  };
  const perFilter: Record<string, AnyObject> = {};
  const fault =
    out.direct_response === undefined && out.redirect === undefined
      ? faultFilterConfig(http.fault)
      : undefined;
  if (fault !== undefined) perFilter[FAULT_FILTER] = fault;
  const cors = corsFilterConfig(http.corsPolicy);
  if (cors !== undefined) perFilter[CORS_FILTER] = cors;
  if (Object.keys(perFilter).length > 0) out.typed_per_filter_config = perFilter;
  return out;
}

/**
 * The routes of one VirtualService HTTP route for this proxy and port: one per match that applies (all matches
 * dropped: no route), or one catch-all route when it has no match.
 */
export function translateHttpRoute(
  vs: LoadedResource<VirtualService>,
  index: number,
  http: IstioHTTPRoute,
  env: RouteEnv,
): Route[] {
  // A delegate: the delegate VirtualService's routes merged under this one (delegate.ts).
  if (http.delegate !== undefined) return translateDelegate(vs, index, http, env, translateHttpRoute);
  const matches = http.match ?? [];
  if (matches.length === 0) return [translateRoute(vs, index, http, undefined, env)];
  return matches
    .filter((m) => matchApplies(m, env.match))
    .map((m) => translateRoute(vs, index, http, m, env));
}
