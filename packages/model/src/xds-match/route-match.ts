// Route selection inside a virtual host: routes are tried in order and the first whose whole RouteMatch accepts the
// request wins. A RouteMatch accepts when its path specifier, every header matcher, every query parameter matcher,
// grpc, tls_context and runtime_fraction all accept (Envoy's RouteEntryImplBase::matchRoute plus the path check).
// Traces give one reason per rejected earlier route: the first failing condition in the order path, headers,
// query parameters, grpc, tls_context, runtime_fraction, dynamic_metadata.
import type { Route } from '../generated/types/envoy/config/route/v3/Route.js';
import type { RouteMatch } from '../generated/types/envoy/config/route/v3/RouteMatch.js';
import { quote } from './ascii.js';
import { compileHeaderMatcher } from './header-matcher.js';
import {
  type ExplainOption,
  type MatchResult,
  type MismatchReason,
  type RouteMismatchField,
  XdsMatchError,
} from './match-result.js';
import { checkRandom, type RandomValue } from './numbers.js';
import { compilePathMatcher, type PathMatchOptions } from './path-match.js';
import { compileQueryMatcher } from './query-matcher.js';
import { type HttpRequest, type NormalizedRequest, normalizeRequest } from './request.js';
import { compileRuntimeFraction, type RuntimeValues } from './runtime-fraction.js';

/** Per-request inputs besides the request itself. */
export interface RouteMatchEnv {
  /** The per-request random value (validated by the caller with checkRandom). */
  readonly random: RandomValue;
  readonly runtime: RuntimeValues | undefined;
}

interface Criterion {
  readonly field: RouteMismatchField;
  test(req: NormalizedRequest, env: RouteMatchEnv): boolean;
  explain(req: NormalizedRequest, env: RouteMatchEnv): string;
}

export interface CompiledRoute {
  readonly index: number;
  readonly route: Route;
  readonly name: string | undefined;
  test(req: NormalizedRequest, env: RouteMatchEnv): boolean;
  /** The first condition that rejects the request, or undefined when the route matches. */
  mismatch(
    req: NormalizedRequest,
    env: RouteMatchEnv,
  ): { field: RouteMismatchField; detail: string } | undefined;
}

export interface CompiledRoutes {
  readonly routes: readonly CompiledRoute[];
  match(req: NormalizedRequest, env: RouteMatchEnv, explain: boolean): MatchResult<Route, MismatchReason>;
}

/** Envoy's gRPC test: content-type is exactly application/grpc or starts with application/grpc+. */
function isGrpc(contentType: string | undefined): boolean {
  return (
    contentType !== undefined &&
    (contentType === 'application/grpc' || contentType.startsWith('application/grpc+'))
  );
}

function criteriaOf(match: RouteMatch, path: string, options: PathMatchOptions): Criterion[] {
  const pm = compilePathMatcher(match, path, options);
  const out: Criterion[] = [{ field: pm.field, test: pm.test, explain: pm.explain }];
  (match.headers ?? []).forEach((h, i) => {
    const hm = compileHeaderMatcher(h, `${path}.headers[${i}]`);
    out.push({
      field: hm.field,
      test: (req) => hm.test(req.headers),
      explain: (req) => hm.explain(req.headers),
    });
  });
  (match.query_parameters ?? []).forEach((q, i) => {
    const qm = compileQueryMatcher(q, `${path}.query_parameters[${i}]`);
    out.push({
      field: 'query',
      test: (req) => qm.test(req.query()),
      explain: (req) => qm.explain(req.query()),
    });
  });
  if (match.grpc !== undefined && match.grpc !== null) {
    out.push({
      field: 'grpc',
      test: (req) => isGrpc(req.headers.get('content-type')),
      explain: (req) => {
        const ct = req.headers.get('content-type');
        return ct === undefined
          ? 'grpc: content-type absent'
          : `grpc: content-type ${quote(ct)} is not application/grpc`;
      },
    });
  }
  const tls = match.tls_context;
  if (tls !== undefined && tls !== null) {
    const presented =
      tls.presented === undefined || tls.presented === null ? undefined : tls.presented.value === true;
    const validated =
      tls.validated === undefined || tls.validated === null ? undefined : tls.validated.value === true;
    out.push({
      field: 'tls',
      test: (req) =>
        (presented === undefined || presented === req.peerCertificatePresented) &&
        (validated === undefined || validated === req.peerCertificateValidated),
      explain: (req) =>
        presented !== undefined && presented !== req.peerCertificatePresented
          ? `tls: peer certificate presented is ${req.peerCertificatePresented}, route needs ${presented}`
          : `tls: peer certificate validated is ${req.peerCertificateValidated}, route needs ${validated}`,
    });
  }
  if (match.runtime_fraction !== undefined && match.runtime_fraction !== null) {
    const rf = compileRuntimeFraction(match.runtime_fraction, `${path}.runtime_fraction`);
    out.push({
      field: 'runtime',
      test: (_req, env) => rf.test(env.random, env.runtime),
      explain: (_req, env) => rf.explain(env.random, env.runtime),
    });
  }
  if ((match.dynamic_metadata ?? []).length > 0) {
    out.push({
      field: 'unsupported',
      test: () => false,
      explain: () => 'dynamic_metadata: matching on dynamic metadata is not supported',
    });
  }
  return out;
}

/** Compiles one route. `path` names it in XdsMatchError messages. */
export function compileRoute(
  route: Route,
  index: number,
  path = `routes[${index}]`,
  options: PathMatchOptions = {},
): CompiledRoute {
  if (route.match === undefined || route.match === null) {
    throw new XdsMatchError(`${path}.match`, 'match is required');
  }
  const criteria = criteriaOf(route.match, `${path}.match`, options);
  const name = route.name === undefined || route.name === '' ? undefined : route.name;
  return {
    index,
    route,
    name,
    test: (req, env) => {
      for (const c of criteria) if (!c.test(req, env)) return false;
      return true;
    },
    mismatch: (req, env) => {
      for (const c of criteria) if (!c.test(req, env)) return { field: c.field, detail: c.explain(req, env) };
      return undefined;
    },
  };
}

/** Compiles a virtual host's route list. */
export function compileRoutes(
  routes: readonly Route[],
  options: PathMatchOptions & { readonly path?: string } = {},
): CompiledRoutes {
  const base = options.path ?? 'routes';
  const compiled = routes.map((r, i) => compileRoute(r, i, `${base}[${i}]`, options));
  return {
    routes: compiled,
    match(req, env, explain) {
      if (!explain) {
        for (const r of compiled) if (r.test(req, env)) return { matched: r.route, index: r.index };
        return { matched: undefined, index: -1 };
      }
      const trace: MismatchReason[] = [];
      for (const r of compiled) {
        const why = r.mismatch(req, env);
        if (why === undefined) return { matched: r.route, index: r.index, trace };
        trace.push({ routeIndex: r.index, ...(r.name === undefined ? {} : { routeName: r.name }), ...why });
      }
      return { matched: undefined, index: -1, trace };
    },
  };
}

export interface RouteMatchOptions extends ExplainOption, PathMatchOptions {
  /** Per-request random value for runtime_fraction; 0 when absent. */
  readonly random?: RandomValue;
  readonly runtime?: RuntimeValues;
}

/** Plain form: the first of `routes` that matches `request`. Compiles on every call; use compileRoutes when hot. */
export function matchRoute(
  routes: readonly Route[],
  request: HttpRequest,
  options: RouteMatchOptions = {},
): MatchResult<Route, MismatchReason> {
  const random = options.random ?? 0;
  checkRandom(random);
  return compileRoutes(routes, options).match(
    normalizeRequest(request),
    { random, runtime: options.runtime },
    options.explain === true,
  );
}
