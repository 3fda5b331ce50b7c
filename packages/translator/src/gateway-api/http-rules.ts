// One HTTPRoute rule and one of its matches -> one VirtualService HTTP route (istiod 1.30 conversion.go
// convertHTTPRoute; route_collections.go splits a rule into one route per match). Named `<ns>.<route>.<rule>`
// unless the rule has a name. A rule whose backends carry no weight answers 500 (the spec's rule).
import type {
  HTTPRewrite,
  HTTPRoute,
  HTTPRouteMatch,
  HTTPRouteRule,
  IstioHTTPRoute,
  LoadedResource,
} from '@minimesh/model';
import { type BackendError, resolveBackend, weightSum } from './backends.js';
import type { ConversionContext } from './conversion-context.js';
import { corsPolicyOf, quoteMeta } from './cors.js';
import { headerOperations, istioDuration, mirrorPolicy, redirectOf, rewriteOf } from './filters.js';
import { ruleDestinations } from './rule-destinations.js';

type Path = (string | number)[];
type StringMatch = { exact: string } | { prefix: string } | { regex: string };

/** A backend problem and where it is written. */
export interface LocatedBackendError {
  readonly error: BackendError;
  readonly path: Path;
}

/** The route built, the backend problems met, or a problem that rejects the whole HTTPRoute (`fatal`). */
export interface RuleConversion {
  readonly route?: IstioHTTPRoute;
  readonly backendErrors: readonly LocatedBackendError[];
  readonly fatal?: { readonly message: string; readonly path: Path };
}

/** An HTTPRouteMatch as an Istio match; the CRD default path is PathPrefix "/" (prefix trailing `/` trimmed). */
export function istioHttpMatch(m: HTTPRouteMatch): NonNullable<IstioHTTPRoute['match']>[number] {
  const type = m.path?.type ?? 'PathPrefix';
  const value = m.path?.value ?? '/';
  const uri: StringMatch =
    type === 'Exact'
      ? { exact: value }
      : type === 'RegularExpression'
        ? { regex: value }
        : { prefix: value === '/' ? value : value.replace(/\/$/, '') };
  const toMap = (list: readonly { name: string; value: string; type?: string | undefined }[] | undefined) => {
    if (list === undefined || list.length === 0) return undefined;
    const out: Record<string, StringMatch> = {};
    for (const h of list)
      out[h.name] = h.type === 'RegularExpression' ? { regex: h.value } : { exact: h.value };
    return out;
  };
  const headers = toMap(m.headers);
  const queryParams = toMap(m.queryParams);
  return {
    uri,
    ...(headers ? { headers } : {}),
    ...(queryParams ? { queryParams } : {}),
    ...(m.method !== undefined ? { method: { exact: m.method } } : {}),
  };
}

/**
 * Replacing a matched prefix with `/` removes it: istiod's route builder writes, for gateway semantics, a regex
 * rewrite `^<prefix>(/?)(.*)` -> `/\2` instead of prefix_rewrite `/` (which would leave `//rest`). The same regex
 * rewrite is written here into the VirtualService, so that any route builder gives Envoy what istiod gives it.
 */
function stripPrefixRewrite(rw: HTTPRewrite, uri: { prefix?: string | undefined } | undefined): HTTPRewrite {
  if (rw.uri !== '/' || uri?.prefix === undefined) return rw;
  const { uri: _removed, ...rest } = rw;
  return { ...rest, uriRegexRewrite: { match: `^${quoteMeta(uri.prefix)}(/?)(.*)`, rewrite: '/\\2' } };
}

/** The HTTP route of rule `ruleIndex` restricted to `match` (undefined: the rule has no matches). */
export function convertHttpRule(
  ctx: ConversionContext,
  route: LoadedResource<HTTPRoute>,
  rule: HTTPRouteRule,
  ruleIndex: number,
  match: HTTPRouteMatch | undefined,
  enforceGrant: boolean,
): RuleConversion {
  const ns = route.namespace ?? 'default';
  const rulePath: Path = ['spec', 'rules', ruleIndex];
  const out: IstioHTTPRoute = { name: rule.name ?? `${ns}.${route.name}.${ruleIndex}` };
  // The CRD defaults an absent match list to one PathPrefix "/" match (the API server writes it).
  out.match = [istioHttpMatch(match ?? {})];
  const backendErrors: LocatedBackendError[] = [];
  const filters = rule.filters ?? [];
  const mirrors: NonNullable<IstioHTTPRoute['mirrors']> = [];
  for (const [i, f] of filters.entries()) {
    const at: Path = [...rulePath, 'filters', i];
    if (f.type === 'RequestHeaderModifier' && f.requestHeaderModifier)
      out.headers = { ...out.headers, request: headerOperations(f.requestHeaderModifier) };
    else if (f.type === 'ResponseHeaderModifier' && f.responseHeaderModifier)
      out.headers = { ...out.headers, response: headerOperations(f.responseHeaderModifier) };
    else if (f.type === 'RequestRedirect' && f.requestRedirect) out.redirect = redirectOf(f.requestRedirect);
    else if (f.type === 'URLRewrite' && f.urlRewrite) {
      const rw = rewriteOf(f.urlRewrite);
      if (rw !== undefined) out.rewrite = stripPrefixRewrite(rw, out.match[0]?.uri);
    } else if (f.type === 'RequestMirror' && f.requestMirror) {
      const r = resolveBackend(ctx, f.requestMirror.backendRef, ns, 'HTTPRoute', enforceGrant);
      if (r.error !== undefined)
        backendErrors.push({ error: r.error, path: [...at, 'requestMirror', 'backendRef'] });
      else if (r.destination !== undefined) mirrors.push(mirrorPolicy(r.destination, f.requestMirror));
    } else if (f.type === 'CORS' && f.cors) out.corsPolicy = corsPolicyOf(f.cors);
    // ExtensionRef and ExternalAuth are not supported by Istio's conversion: the whole route is rejected.
    else
      return {
        backendErrors,
        fatal: { message: `unsupported filter type "${f.type}"`, path: [...at, 'type'] },
      };
  }
  if (mirrors.length > 0) out.mirrors = mirrors;
  if (rule.retry !== undefined) {
    const attempts = rule.retry.attempts ?? 2;
    const retryOn = [
      'connect-failure',
      'refused-stream',
      'unavailable',
      'cancelled',
      ...(rule.retry.codes ?? []).map(String),
    ];
    const backoff = istioDuration(rule.retry.backoff);
    out.retries = {
      attempts,
      ...(attempts === 0 ? {} : { retryOn: retryOn.join(',') }),
      ...(backoff ? { backoff } : {}),
    };
  }
  const request = istioDuration(rule.timeouts?.request);
  if (request !== undefined) out.timeout = request;
  const backend = istioDuration(rule.timeouts?.backendRequest);
  if (backend !== undefined) {
    if (out.retries !== undefined) out.retries = { ...out.retries, perTryTimeout: backend };
    else out.timeout = backend;
  }
  if (weightSum(rule.backendRefs) === 0 && out.redirect === undefined) {
    out.directResponse = { status: 500 };
    return { route: out, backendErrors };
  }
  if (out.redirect !== undefined) return { route: out, backendErrors };
  return ruleDestinations(
    ctx,
    rule.backendRefs ?? [],
    rulePath,
    ns,
    'HTTPRoute',
    enforceGrant,
    out,
    backendErrors,
  );
}
