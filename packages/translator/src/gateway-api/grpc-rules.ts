// One GRPCRoute rule and one of its matches -> one VirtualService HTTP route (istiod 1.30 conversion.go
// convertGRPCRoute / createGRPCURIMatch): a method match becomes a path match on `/<service>/<method>` (exact),
// `/<service>/` (prefix) or a regex; header matches as written. Filters: header modifiers and mirrors.
import type {
  GRPCRoute,
  GRPCRouteMatch,
  GRPCRouteRule,
  IstioHTTPRoute,
  LoadedResource,
} from '@minimesh/model';
import { resolveBackend, weightSum } from './backends.js';
import type { ConversionContext } from './conversion-context.js';
import { headerOperations, mirrorPolicy } from './filters.js';
import type { LocatedBackendError, RuleConversion } from './http-rules.js';
import { ruleDestinations } from './rule-destinations.js';

type Path = (string | number)[];
type StringMatch = { exact: string } | { prefix: string } | { regex: string };

/** The path match of a gRPC method match (createGRPCURIMatch). */
export function grpcUriMatch(m: GRPCRouteMatch['method']): StringMatch | undefined {
  if (m === undefined) return undefined;
  const { service, method } = m;
  if ((m.type ?? 'Exact') === 'Exact') {
    if (method === undefined) return { prefix: `/${service}/` };
    if (service === undefined) return { regex: `/[^/]+/${method}` };
    return { exact: `/${service}/${method}` };
  }
  if (method === undefined) return { regex: `/${service}/.+` };
  if (service === undefined) return { regex: `/[^/]+/${method}` };
  return { regex: `/${service}/${method}` };
}

function grpcMatch(m: GRPCRouteMatch): NonNullable<IstioHTTPRoute['match']>[number] {
  const uri = grpcUriMatch(m.method);
  const headers: Record<string, StringMatch> = {};
  for (const h of m.headers ?? [])
    headers[h.name] = h.type === 'RegularExpression' ? { regex: h.value } : { exact: h.value };
  return { ...(uri ? { uri } : {}), ...(Object.keys(headers).length > 0 ? { headers } : {}) };
}

export function convertGrpcRule(
  ctx: ConversionContext,
  route: LoadedResource<GRPCRoute>,
  rule: GRPCRouteRule,
  ruleIndex: number,
  match: GRPCRouteMatch | undefined,
  enforceGrant: boolean,
): RuleConversion {
  const ns = route.namespace ?? 'default';
  const rulePath: Path = ['spec', 'rules', ruleIndex];
  const out: IstioHTTPRoute = { name: rule.name ?? `${ns}.${route.name}.${ruleIndex}` };
  // GRPCRoute has no CRD default match: a rule without matches matches every call.
  if (match !== undefined) {
    const m = grpcMatch(match);
    if (Object.keys(m).length > 0) out.match = [m];
  }
  const backendErrors: LocatedBackendError[] = [];
  const mirrors: NonNullable<IstioHTTPRoute['mirrors']> = [];
  for (const [i, f] of (rule.filters ?? []).entries()) {
    const at: Path = [...rulePath, 'filters', i];
    if (f.type === 'RequestHeaderModifier' && f.requestHeaderModifier)
      out.headers = { ...out.headers, request: headerOperations(f.requestHeaderModifier) };
    else if (f.type === 'ResponseHeaderModifier' && f.responseHeaderModifier)
      out.headers = { ...out.headers, response: headerOperations(f.responseHeaderModifier) };
    else if (f.type === 'RequestMirror' && f.requestMirror) {
      const r = resolveBackend(ctx, f.requestMirror.backendRef, ns, 'GRPCRoute', enforceGrant);
      // A bad mirror rejects a GRPCRoute (unlike an HTTPRoute, whose other parts still work).
      if (r.error !== undefined || r.destination === undefined)
        return { backendErrors, fatal: { message: r.error?.message ?? 'invalid mirror', path: at } };
      mirrors.push(mirrorPolicy(r.destination, f.requestMirror));
    } else
      return {
        backendErrors,
        fatal: { message: `unsupported filter type "${f.type}"`, path: [...at, 'type'] },
      };
  }
  if (mirrors.length > 0) out.mirrors = mirrors;
  if (weightSum(rule.backendRefs) === 0) {
    out.directResponse = { status: 500 };
    return { route: out, backendErrors };
  }
  return ruleDestinations(
    ctx,
    rule.backendRefs ?? [],
    rulePath,
    ns,
    'GRPCRoute',
    enforceGrant,
    out,
    backendErrors,
  );
}
