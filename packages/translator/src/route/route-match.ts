// VirtualService HTTPMatchRequest -> Envoy RouteMatch (istiod 1.30 route.go translateRouteMatch): uri as path /
// prefix / safe_regex (no match: prefix `/`), headers and withoutHeaders (invert_match) as header matchers sorted
// by name, method / authority / scheme as the `:method` / `:authority` / `:scheme` pseudo headers, queryParams as
// query parameter matchers. The conditions Envoy cannot express in a RouteMatch (port, sourceLabels, gateways,
// sourceNamespace) are decided by matchApplies, which drops the match for proxies it does not apply to.
import type { HeaderMatcher, HTTPMatchRequest, MeshLabels, RouteMatch, StringMatcher } from '@minimesh/model';

/** An Istio StringMatch: exactly one of exact, prefix, regex (an empty object means "present"). */
interface IstioStringMatch {
  readonly exact?: string | undefined;
  readonly prefix?: string | undefined;
  readonly regex?: string | undefined;
}

/** The Envoy StringMatcher of an Istio StringMatch; undefined for an empty one (which means "present"). */
export function stringMatcher(m: IstioStringMatch): StringMatcher | undefined {
  if (m.exact !== undefined) return { exact: m.exact };
  if (m.prefix !== undefined) return { prefix: m.prefix };
  if (m.regex !== undefined) return { safe_regex: { regex: m.regex } };
  return undefined;
}

/** istiod's canBeConvertedToPresentMatch: an empty match, or the regex `*`, only asks for presence. */
export function isPresentMatch(m: IstioStringMatch): boolean {
  return m.regex === '*' || stringMatcher(m) === undefined;
}

/**
 * Header matcher on `name`. Inverted (withoutHeaders) value matchers treat a missing header as empty, so a request
 * without the header is not excluded by it (istiod sets treat_missing_header_as_empty).
 */
export function headerMatcher(name: string, m: IstioStringMatch, invert = false): HeaderMatcher {
  const sm = isPresentMatch(m) ? undefined : stringMatcher(m);
  if (sm === undefined)
    return invert ? { name, present_match: true, invert_match: true } : { name, present_match: true };
  return invert
    ? { name, string_match: sm, invert_match: true, treat_missing_header_as_empty: true }
    : { name, string_match: sm };
}

const byName = (a: { name?: string }, b: { name?: string }): number =>
  (a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0;

/**
 * The RouteMatch of one Istio match (undefined: the catch-all `prefix: /`). With `gatewaySemantics` (a
 * VirtualService converted from the Gateway API, istiod UseGatewaySemantics) a uri prefix other than `/` becomes
 * `path_separated_prefix` without its trailing `/` (istiod 1.30 route.go TranslateRouteMatch), so `/static`
 * matches `/static` and `/static/x` but not `/staticfoo`, as the Gateway API's PathPrefix requires.
 */
export function translateRouteMatch(
  match: HTTPMatchRequest | undefined,
  gatewaySemantics = false,
): RouteMatch {
  if (match === undefined) return { prefix: '/' };
  const out: RouteMatch = {};
  const uri = match.uri;
  if (uri?.exact !== undefined) out.path = uri.exact;
  else if (uri?.prefix !== undefined && gatewaySemantics && uri.prefix !== '/' && uri.prefix !== '')
    out.path_separated_prefix = uri.prefix.endsWith('/') ? uri.prefix.slice(0, -1) : uri.prefix;
  else if (uri?.prefix !== undefined) out.prefix = uri.prefix === '' ? '/' : uri.prefix;
  else if (uri?.regex !== undefined) out.safe_regex = { regex: uri.regex };
  else out.prefix = '/';
  // istiod writes case_sensitive for every match it translates: false only with ignoreUriCase.
  out.case_sensitive = { value: match.ignoreUriCase !== true };
  const headers: HeaderMatcher[] = [];
  for (const [name, m] of Object.entries(match.headers ?? {})) headers.push(headerMatcher(name, m));
  for (const [name, m] of Object.entries(match.withoutHeaders ?? {}))
    headers.push(headerMatcher(name, m, true));
  headers.sort(byName);
  if (match.method !== undefined) headers.push(headerMatcher(':method', match.method));
  if (match.authority !== undefined) headers.push(headerMatcher(':authority', match.authority));
  if (match.scheme !== undefined) headers.push(headerMatcher(':scheme', match.scheme));
  if (headers.length > 0) out.headers = headers;
  const query = Object.entries(match.queryParams ?? {})
    .map(([name, m]) => {
      const sm = isPresentMatch(m) ? undefined : stringMatcher(m);
      return sm === undefined ? { name, present_match: true } : { name, string_match: sm };
    })
    .sort(byName);
  if (query.length > 0) out.query_parameters = query;
  return out;
}

/** What decides whether a match applies to the proxy being translated for. */
export interface MatchContext {
  /** `mesh` for sidecars, `ns/name` of the gateway for routers. */
  readonly gateway: string;
  /** Resolves a gateway name as written in the VirtualService (`name`, `ns/name`) to `ns/name` or `mesh`. */
  readonly resolveGateway: (name: string) => string;
  readonly proxyLabels: MeshLabels;
  readonly proxyNamespace: string;
  /** The port the route config serves (the service port for sidecars, the server port for gateways). */
  readonly port: number;
}

/**
 * True when the match applies to this proxy and port (istiod's TranslateRoute port filter and sourceMatchHTTP):
 * `port` equals the listen port; then, when the match names `gateways`, one of them must be this gateway (and
 * sourceLabels / sourceNamespace are not looked at, as in istiod); otherwise every sourceLabel must be on the proxy
 * and `sourceNamespace`, when set, must be the proxy's namespace.
 */
export function matchApplies(match: HTTPMatchRequest, ctx: MatchContext): boolean {
  if (match.port !== undefined && match.port !== 0 && match.port !== ctx.port) return false;
  if (match.gateways !== undefined && match.gateways.length > 0)
    return match.gateways.some((g) => ctx.resolveGateway(g) === ctx.gateway);
  for (const [k, v] of Object.entries(match.sourceLabels ?? {})) if (ctx.proxyLabels[k] !== v) return false;
  return match.sourceNamespace === undefined || match.sourceNamespace === ctx.proxyNamespace;
}

/**
 * True for a match that catches every request: prefix (or path_separated_prefix) `/`, or regex `.*`, and no other
 * condition (IsCatchAllRoute).
 */
export function isCatchAll(m: RouteMatch): boolean {
  return (
    (m.prefix === '/' || m.path_separated_prefix === '/' || m.safe_regex?.regex === '.*') &&
    (m.headers ?? []).length === 0 &&
    (m.query_parameters ?? []).length === 0 &&
    m.runtime_fraction === undefined
  );
}
