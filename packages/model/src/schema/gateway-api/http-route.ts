// HTTPRoute (gateway.networking.k8s.io): HTTP routing from Gateways (or, for the mesh, Services) to backends.
// Rules hold matches (path, headers, query parameters, method), filters, weighted backends, timeouts, retries and
// session persistence. Regular expressions are RE2, as Istio passes them to Envoy's safe_regex.
import { z } from 'zod';
import { resourceEnvelope } from '../common.js';
import { defineKind } from '../kind-definition.js';
import { describe } from '../validate.js';
import { httpRouteFilters } from './http-route-filters.js';
import {
  backendRefShape,
  checkMatchTotal,
  checkRe2,
  checkRuleNames,
  headerMatches,
  routeHostnames,
  routeParentRefs,
  sessionPersistence,
  useDefaultGateways,
} from './route-common.js';
import {
  checkUnique,
  formatted,
  gwDuration,
  gwDurationNs,
  headerName,
  headerValue,
  requireServicePort,
  sectionName,
} from './shared.js';

const PATH_CHARS_RE = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/;

/** What an Exact or PathPrefix path must not contain (the CRD's CEL rules), in the order they are checked. */
function pathProblem(value: string): string | undefined {
  if (!value.startsWith('/')) return 'an absolute path starting with "/"';
  for (const bad of ['//', '/./', '/../', '%2f', '%2F', '#'])
    if (value.includes(bad)) return `a path without "${bad}"`;
  for (const end of ['/..', '/.']) if (value.endsWith(end)) return `a path that does not end with "${end}"`;
  if (!PATH_CHARS_RE.test(value))
    return "a path of URL path characters (letters, digits, -._~!$&'()*+,;=:@/ and %XX)";
  return undefined;
}

/** HTTPPathMatch: type PathPrefix (default), Exact or RegularExpression (RE2); value defaults to "/". */
export const httpPathMatch = z
  .strictObject({
    type: z.enum(['Exact', 'PathPrefix', 'RegularExpression']).optional(),
    value: formatted('a path', { max: 1024 }).optional(),
  })
  .superRefine((m, ctx) => {
    const type = m.type ?? 'PathPrefix';
    const value = m.value ?? '/';
    if (type === 'RegularExpression') return checkRe2(ctx, value, ['value']);
    const problem = pathProblem(value);
    if (problem !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `expected ${problem} for type ${type}, got ${describe(value)}`,
      });
  });
export type HTTPPathMatch = z.infer<typeof httpPathMatch>;

/** HTTPQueryParamMatch: Exact (default) or RegularExpression (RE2) on one query parameter. */
export const httpQueryParamMatch = z
  .strictObject({
    type: z.enum(['Exact', 'RegularExpression']).optional(),
    name: headerName,
    value: formatted('a query parameter value', { min: 1, max: 1024 }),
  })
  .superRefine((m, ctx) => {
    if (m.type === 'RegularExpression') checkRe2(ctx, m.value, ['value']);
  });
export type HTTPQueryParamMatch = z.infer<typeof httpQueryParamMatch>;

export const httpMethod = z.enum([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
]);

/** HTTPRouteMatch: all of path, headers, query parameters and method must match (AND). */
export const httpRouteMatch = z.strictObject({
  path: httpPathMatch.optional(),
  headers: headerMatches(headerValue).optional(),
  queryParams: z
    .array(httpQueryParamMatch)
    .max(16)
    .superRefine((items, ctx) =>
      checkUnique(ctx, items, (q) => JSON.stringify(q.name), {
        what: 'query parameter name',
        field: ['name'],
      }),
    )
    .optional(),
  method: httpMethod.optional(),
});
export type HTTPRouteMatch = z.infer<typeof httpRouteMatch>;

/** HTTPRouteTimeouts: whole-request and per-backend-try timeouts; "0s" disables; backendRequest <= request. */
export const httpRouteTimeouts = z
  .strictObject({ request: gwDuration.optional(), backendRequest: gwDuration.optional() })
  .superRefine((t, ctx) => {
    const request = t.request === undefined ? undefined : gwDurationNs(t.request);
    const backend = t.backendRequest === undefined ? undefined : gwDurationNs(t.backendRequest);
    if (request !== undefined && backend !== undefined && request !== 0 && backend > request)
      ctx.addIssue({
        code: 'custom',
        path: ['backendRequest'],
        message: `expected a backendRequest timeout no longer than the request timeout ${t.request}, got ${t.backendRequest}`,
      });
  });
export type HTTPRouteTimeouts = z.infer<typeof httpRouteTimeouts>;

/** HTTPRouteRetry: status codes 400-599 to retry, attempts (at least 1), backoff between attempts. */
export const httpRouteRetry = z.strictObject({
  codes: z
    .array(
      z
        .number()
        .int({ message: 'expected a whole-number HTTP status code' })
        .min(400, { message: 'expected an HTTP status code from 400 to 599' })
        .max(599, { message: 'expected an HTTP status code from 400 to 599' }),
    )
    .superRefine((codes, ctx) => checkUnique(ctx, codes, String, { what: 'status code' }))
    .optional(),
  attempts: z
    .number()
    .int({ message: 'expected a whole number of attempts' })
    .min(1, { message: 'expected at least 1 attempt' })
    .optional(),
  backoff: gwDuration.optional(),
});
export type HTTPRouteRetry = z.infer<typeof httpRouteRetry>;

/** HTTPBackendRef: a weighted backend with its own filters. */
export const httpBackendRef = z
  .strictObject({ ...backendRefShape, filters: httpRouteFilters.optional() })
  .superRefine((ref, ctx) => requireServicePort(ctx, ref));
export type HTTPBackendRef = z.infer<typeof httpBackendRef>;

type Filters = z.infer<typeof httpRouteFilters>;
/** True when a filter replaces the matched prefix (needs exactly one PathPrefix match to know the prefix). */
const replacesPrefix = (filters: Filters | undefined) =>
  (filters ?? []).some(
    (f) =>
      (f.requestRedirect?.path?.type === 'ReplacePrefixMatch' &&
        f.requestRedirect.path.replacePrefixMatch !== undefined) ||
      (f.urlRewrite?.path?.type === 'ReplacePrefixMatch' &&
        f.urlRewrite.path.replacePrefixMatch !== undefined),
  );

/** HTTPRouteRule. Without matches a rule matches every request (PathPrefix "/"). */
export const httpRouteRule = z
  .strictObject({
    name: sectionName.optional(),
    matches: z.array(httpRouteMatch).max(64).optional(),
    filters: httpRouteFilters.optional(),
    backendRefs: z.array(httpBackendRef).max(16).optional(),
    timeouts: httpRouteTimeouts.optional(),
    retry: httpRouteRetry.optional(),
    sessionPersistence: sessionPersistence.optional(),
  })
  .superRefine((rule, ctx) => {
    const backendRefs = rule.backendRefs ?? [];
    if (backendRefs.length > 0 && (rule.filters ?? []).some((f) => f.requestRedirect !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['backendRefs'],
        message:
          'expected no backendRefs in a rule with a RequestRedirect filter (the redirect answers the request)',
      });
    if (replacesPrefix(rule.filters) || backendRefs.some((b) => replacesPrefix(b.filters))) {
      // The CRD's defaults make an absent match list one PathPrefix "/" match.
      const matches = rule.matches ?? [{}];
      if (matches.length !== 1 || (matches[0]?.path?.type ?? 'PathPrefix') !== 'PathPrefix')
        ctx.addIssue({
          code: 'custom',
          path: ['matches'],
          message:
            'expected exactly one match, with a PathPrefix path, for a ReplacePrefixMatch path modifier',
        });
    }
  });
export type HTTPRouteRule = z.infer<typeof httpRouteRule>;

export const httpRouteSpec = z.strictObject({
  parentRefs: routeParentRefs.optional(),
  hostnames: routeHostnames.optional(),
  rules: z
    .array(httpRouteRule)
    .min(1, { message: 'expected at least one rule' })
    .max(16)
    .superRefine((rules, ctx) => {
      checkRuleNames(ctx, rules);
      checkMatchTotal(ctx, rules, 1);
    })
    .optional(),
  useDefaultGateways: useDefaultGateways.optional(),
});
export type HTTPRouteSpec = z.infer<typeof httpRouteSpec>;

export const httpRouteSchema = resourceEnvelope(httpRouteSpec);
export type HTTPRoute = z.infer<typeof httpRouteSchema>;

export const httpRouteKind = defineKind({
  group: 'gateway.networking.k8s.io',
  kind: 'HTTPRoute',
  versions: ['v1', 'v1beta1', 'v1alpha2'],
  namespaced: true,
  schema: httpRouteSchema,
});
