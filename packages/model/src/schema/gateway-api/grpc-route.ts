// GRPCRoute (gateway.networking.k8s.io): gRPC routing by service/method and headers to weighted backends.
// RegularExpression matches are RE2, as Istio passes them to Envoy's safe_regex.
import { z } from 'zod';
import { resourceEnvelope } from '../common.js';
import { defineKind } from '../kind-definition.js';
import { describe } from '../validate.js';
import {
  backendRefShape,
  checkFilterRepeats,
  checkFilterType,
  checkMatchTotal,
  checkRe2,
  checkRuleNames,
  grpcHeaderValue,
  headerMatches,
  httpHeaderFilter,
  httpRequestMirrorFilter,
  routeHostnames,
  routeParentRefs,
  sessionPersistence,
  useDefaultGateways,
} from './route-common.js';
import { formatted, localObjectReference, requireServicePort, sectionName } from './shared.js';

const GRPC_SERVICE_RE = /^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i;
const GRPC_METHOD_RE = /^[A-Za-z_][A-Za-z_0-9]*$/;

/**
 * GRPCMethodMatch: service (fully qualified, "pkg.Service") and/or method ("Get"); type Exact (default) checks
 * their syntax, RegularExpression compiles them as RE2. At least one of service and method is required.
 */
export const grpcMethodMatch = z
  .strictObject({
    type: z.enum(['Exact', 'RegularExpression']).optional(),
    service: formatted('a gRPC service name', { max: 1024 }).optional(),
    method: formatted('a gRPC method name', { max: 1024 }).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.service === undefined && m.method === undefined)
      ctx.addIssue({ code: 'custom', message: 'expected service, method or both' });
    if (m.type === 'RegularExpression') {
      checkRe2(ctx, m.service, ['service']);
      checkRe2(ctx, m.method, ['method']);
      return;
    }
    if (m.service !== undefined && !GRPC_SERVICE_RE.test(m.service))
      ctx.addIssue({
        code: 'custom',
        path: ['service'],
        message: `expected a gRPC service name such as "helloworld.Greeter", got ${describe(m.service)}`,
      });
    if (m.method !== undefined && !GRPC_METHOD_RE.test(m.method))
      ctx.addIssue({
        code: 'custom',
        path: ['method'],
        message: `expected a gRPC method name such as "SayHello", got ${describe(m.method)}`,
      });
  });
export type GRPCMethodMatch = z.infer<typeof grpcMethodMatch>;

/** GRPCRouteMatch: method and headers must both match (AND). */
export const grpcRouteMatch = z.strictObject({
  method: grpcMethodMatch.optional(),
  headers: headerMatches(grpcHeaderValue).optional(),
});
export type GRPCRouteMatch = z.infer<typeof grpcRouteMatch>;

const GRPC_FILTER_FIELDS = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestMirror: 'requestMirror',
  ExtensionRef: 'extensionRef',
} as const;
export type GRPCRouteFilterType = keyof typeof GRPC_FILTER_FIELDS;
const GRPC_FILTER_TYPES = Object.keys(GRPC_FILTER_FIELDS) as [GRPCRouteFilterType, ...GRPCRouteFilterType[]];

/** GRPCRouteFilter: `type` plus exactly its config field. */
export const grpcRouteFilter = z
  .strictObject({
    type: z.enum(GRPC_FILTER_TYPES),
    requestHeaderModifier: httpHeaderFilter.optional(),
    responseHeaderModifier: httpHeaderFilter.optional(),
    requestMirror: httpRequestMirrorFilter.optional(),
    extensionRef: localObjectReference.optional(),
  })
  .superRefine((f, ctx) => checkFilterType(ctx, f, GRPC_FILTER_FIELDS));
export type GRPCRouteFilter = z.infer<typeof grpcRouteFilter>;

/** At most 16 filters; each header modifier at most once. */
export const grpcRouteFilters = z
  .array(grpcRouteFilter)
  .max(16)
  .superRefine((filters, ctx) =>
    checkFilterRepeats(ctx, filters, ['RequestHeaderModifier', 'ResponseHeaderModifier']),
  );

/** GRPCBackendRef: a weighted backend with its own filters. */
export const grpcBackendRef = z
  .strictObject({ ...backendRefShape, filters: grpcRouteFilters.optional() })
  .superRefine((ref, ctx) => requireServicePort(ctx, ref));
export type GRPCBackendRef = z.infer<typeof grpcBackendRef>;

/** GRPCRouteRule. Without matches a rule matches every request. */
export const grpcRouteRule = z.strictObject({
  name: sectionName.optional(),
  matches: z.array(grpcRouteMatch).max(64).optional(),
  filters: grpcRouteFilters.optional(),
  backendRefs: z.array(grpcBackendRef).max(16).optional(),
  sessionPersistence: sessionPersistence.optional(),
});
export type GRPCRouteRule = z.infer<typeof grpcRouteRule>;

export const grpcRouteSpec = z.strictObject({
  parentRefs: routeParentRefs.optional(),
  hostnames: routeHostnames.optional(),
  rules: z
    .array(grpcRouteRule)
    .max(16)
    .superRefine((rules, ctx) => {
      checkRuleNames(ctx, rules);
      checkMatchTotal(ctx, rules, 0);
    })
    .optional(),
  useDefaultGateways: useDefaultGateways.optional(),
});
export type GRPCRouteSpec = z.infer<typeof grpcRouteSpec>;

export const grpcRouteSchema = resourceEnvelope(grpcRouteSpec);
export type GRPCRoute = z.infer<typeof grpcRouteSchema>;

export const grpcRouteKind = defineKind({
  group: 'gateway.networking.k8s.io',
  kind: 'GRPCRoute',
  versions: ['v1', 'v1alpha2'],
  namespaced: true,
  schema: grpcRouteSchema,
});
