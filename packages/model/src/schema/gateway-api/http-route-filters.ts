// HTTPRoute filters (HTTPRouteFilter): header modifiers, mirror, redirect, URL rewrite, CORS, external auth and
// extension references. A filter's `type` names the one config field it carries; some types may appear once.
import { z } from 'zod';
import {
  checkFilterRepeats,
  checkFilterType,
  httpHeaderFilter,
  httpRequestMirrorFilter,
} from './route-common.js';
import {
  backendObjectReference,
  checkUnique,
  formatted,
  headerName,
  localObjectReference,
  port,
  preciseHostname,
} from './shared.js';

/** HTTPPathModifier: replace the whole path, or the prefix the rule's PathPrefix match matched. */
export const httpPathModifier = z
  .strictObject({
    type: z.enum(['ReplaceFullPath', 'ReplacePrefixMatch']),
    replaceFullPath: formatted('a path', { max: 1024 }).optional(),
    replacePrefixMatch: formatted('a path prefix', { max: 1024 }).optional(),
  })
  .superRefine((m, ctx) => {
    const fields = { ReplaceFullPath: 'replaceFullPath', ReplacePrefixMatch: 'replacePrefixMatch' } as const;
    for (const [type, field] of Object.entries(fields)) {
      const set = m[field] !== undefined;
      if (m.type === type && !set)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `expected ${field} to be set for type ${type}`,
        });
      if (m.type !== type && set)
        ctx.addIssue({ code: 'custom', path: [field], message: `expected no ${field} for type ${m.type}` });
    }
  });
export type HTTPPathModifier = z.infer<typeof httpPathModifier>;

/** HTTPRequestRedirectFilter: answer with a redirect; statusCode 301, 302 (default), 303, 307 or 308. */
export const httpRequestRedirectFilter = z.strictObject({
  scheme: z.enum(['http', 'https']).optional(),
  hostname: preciseHostname.optional(),
  path: httpPathModifier.optional(),
  port: port.optional(),
  statusCode: z.literal([301, 302, 303, 307, 308]).optional(),
});
export type HTTPRequestRedirectFilter = z.infer<typeof httpRequestRedirectFilter>;

/** HTTPURLRewriteFilter: rewrite the Host header and/or the path before forwarding. */
export const httpUrlRewriteFilter = z.strictObject({
  hostname: preciseHostname.optional(),
  path: httpPathModifier.optional(),
});
export type HTTPURLRewriteFilter = z.infer<typeof httpUrlRewriteFilter>;

/** A set (unique items) of at most `max` strings in which the wildcard "*", if present, is the only item. */
function wildcardSet<T extends string>(item: z.ZodType<T>, max: number, what: string) {
  return z
    .array(item)
    .max(max)
    .superRefine((items, ctx) => {
      checkUnique(ctx, items, (s) => JSON.stringify(s), { what });
      if (items.length > 1 && items.includes('*' as T))
        ctx.addIssue({ code: 'custom', message: `expected "*" alone or a list of ${what}s without "*"` });
    });
}

const CORS_ORIGIN_RE =
  /(^\*$)|(^(http(s)?):\/\/(((\*\.)?([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$)/;
const corsOrigin = formatted('an origin such as "https://example.com", "https://*.example.com:8443" or "*"', {
  pattern: CORS_ORIGIN_RE,
  min: 1,
  max: 253,
});
const HTTP_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
] as const;

/** HTTPCORSFilter. maxAge is in seconds (default 5). */
export const httpCorsFilter = z.strictObject({
  allowOrigins: wildcardSet(corsOrigin, 64, 'origin').optional(),
  allowCredentials: z.boolean().optional(),
  allowMethods: wildcardSet(z.enum([...HTTP_METHODS, '*']), 9, 'method').optional(),
  allowHeaders: wildcardSet(headerName, 64, 'header name').optional(),
  exposeHeaders: z
    .array(headerName)
    .max(64)
    .superRefine((items, ctx) => checkUnique(ctx, items, (s) => JSON.stringify(s), { what: 'header name' }))
    .optional(),
  maxAge: z
    .number()
    .int({ message: 'expected a whole number of seconds' })
    .min(1, { message: 'expected a maxAge of at least 1 second' })
    .optional(),
});
export type HTTPCORSFilter = z.infer<typeof httpCorsFilter>;

const headerSet = z
  .array(z.string())
  .max(64)
  .superRefine((items, ctx) => checkUnique(ctx, items, (s) => JSON.stringify(s), { what: 'header name' }));

/** HTTPExternalAuthFilter: ask an HTTP or gRPC authorization service; the protocol's own block goes with it. */
export const httpExternalAuthFilter = z
  .strictObject({
    protocol: z.enum(['HTTP', 'GRPC']),
    backendRef: backendObjectReference,
    grpc: z.strictObject({ allowedHeaders: headerSet.optional() }).optional(),
    http: z
      .strictObject({
        path: formatted('an absolute path of URL path characters', {
          pattern: /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/,
          max: 1024,
        }).optional(),
        allowedHeaders: headerSet.optional(),
        allowedResponseHeaders: headerSet.optional(),
      })
      .optional(),
    /** Body bytes to forward to the authorization service (0 forwards none). */
    forwardBody: z
      .strictObject({
        maxSize: z
          .number()
          .int({ message: 'expected a whole number of bytes' })
          .min(0, { message: 'expected a maxSize of at least 0 bytes' })
          .optional(),
      })
      .optional(),
  })
  .superRefine((a, ctx) => {
    if (a.protocol === 'GRPC' && a.grpc === undefined)
      ctx.addIssue({ code: 'custom', path: ['grpc'], message: 'expected grpc to be set for protocol GRPC' });
    if (a.protocol !== 'GRPC' && a.grpc !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['grpc'],
        message: `expected no grpc for protocol ${a.protocol}`,
      });
    if (a.protocol === 'HTTP' && a.http === undefined)
      ctx.addIssue({ code: 'custom', path: ['http'], message: 'expected http to be set for protocol HTTP' });
    if (a.protocol !== 'HTTP' && a.http !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['http'],
        message: `expected no http for protocol ${a.protocol}`,
      });
  });
export type HTTPExternalAuthFilter = z.infer<typeof httpExternalAuthFilter>;

/** Filter type -> the field that carries its config. */
const HTTP_FILTER_FIELDS = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestMirror: 'requestMirror',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  ExtensionRef: 'extensionRef',
  CORS: 'cors',
  ExternalAuth: 'externalAuth',
} as const;
export type HTTPRouteFilterType = keyof typeof HTTP_FILTER_FIELDS;
const HTTP_FILTER_TYPES = Object.keys(HTTP_FILTER_FIELDS) as [HTTPRouteFilterType, ...HTTPRouteFilterType[]];

/** HTTPRouteFilter: `type` plus exactly its config field. */
export const httpRouteFilter = z
  .strictObject({
    type: z.enum(HTTP_FILTER_TYPES),
    requestHeaderModifier: httpHeaderFilter.optional(),
    responseHeaderModifier: httpHeaderFilter.optional(),
    requestMirror: httpRequestMirrorFilter.optional(),
    requestRedirect: httpRequestRedirectFilter.optional(),
    urlRewrite: httpUrlRewriteFilter.optional(),
    extensionRef: localObjectReference.optional(),
    cors: httpCorsFilter.optional(),
    externalAuth: httpExternalAuthFilter.optional(),
  })
  .superRefine((f, ctx) => checkFilterType(ctx, f, HTTP_FILTER_FIELDS));
export type HTTPRouteFilter = z.infer<typeof httpRouteFilter>;

/**
 * At most 16 filters. CORS, the header modifiers, RequestRedirect and URLRewrite may appear once each (mirrors and
 * extension refs may repeat), and RequestRedirect excludes URLRewrite.
 */
export const httpRouteFilters = z
  .array(httpRouteFilter)
  .max(16)
  .superRefine((filters, ctx) => {
    checkFilterRepeats(ctx, filters, [
      'CORS',
      'RequestHeaderModifier',
      'ResponseHeaderModifier',
      'RequestRedirect',
      'URLRewrite',
    ]);
    const redirect = filters.findIndex((f) => f.type === 'RequestRedirect');
    const rewrite = filters.findIndex((f) => f.type === 'URLRewrite');
    if (redirect >= 0 && rewrite >= 0)
      ctx.addIssue({
        code: 'custom',
        path: [Math.max(redirect, rewrite), 'type'],
        message: 'expected a RequestRedirect or a URLRewrite filter, not both',
      });
  });
