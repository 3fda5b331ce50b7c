// What an HTTPRoute does besides routing: redirect, direct response, rewrite, retries, CORS, fault injection,
// mirroring, delegation. Each message carries Istio's rules for it (validateHTTPRedirect,
// validateHTTPDirectResponse, validateHTTPRewrite, ValidateHTTPRetry, validateCORSPolicy,
// validateHTTPFaultInjection, validateHTTPMirrors).
import { z } from 'zod';
import { exactlyOne, percent } from '../common.js';
import { parseDurationNs } from '../duration.js';
import { isHeaderToken } from './headers.js';
import { destination, int32, msDuration, nonNegativeInt32, uint32, whenParsed } from './networking-common.js';
import { originMatch, regexProblem } from './route-match.js';

const PORT_RANGE = 'expected a port number from 1 to 65535';

/** HTTP status codes Istio accepts for aborts and direct responses: 200-600 (its check is `< 200 || > 600`). */
function checkStatus(ctx: z.RefinementCtx, status: number, path: (string | number)[]): void {
  if (status < 200 || status > 600)
    ctx.addIssue({ code: 'custom', path, message: `expected an HTTP status from 200 to 600, got ${status}` });
}

/** HTTPRedirect: answer with a 3xx redirect instead of forwarding. */
export const httpRedirect = z
  .strictObject({
    uri: z.string().optional(),
    authority: z.string().optional(),
    /** Port in the Location header; 1-65535. */
    port: uint32.optional(),
    derivePort: z.enum(['FROM_PROTOCOL_DEFAULT', 'FROM_REQUEST_PORT']).optional(),
    scheme: z.string().optional(),
    /** 3xx; Envoy's default is 301. */
    redirectCode: uint32.optional(),
    /** Replaces the matched URI prefix; every URI match of the route must then be a prefix match. */
    prefixRewrite: z.string().optional(),
  })
  .superRefine(
    (r, ctx) => {
      exactlyOne(ctx, r, ['port', 'derivePort'], { atMostOne: true });
      if (r.uri && r.prefixRewrite)
        ctx.addIssue({
          code: 'custom',
          path: ['prefixRewrite'],
          message: 'expected only one of uri and prefixRewrite, got both',
        });
      if (!r.uri && !r.prefixRewrite && !r.authority && !r.scheme && !r.port && r.derivePort === undefined)
        ctx.addIssue({
          code: 'custom',
          message:
            'expected a redirect to change at least one of uri, prefixRewrite, authority, scheme or port',
        });
      if (r.redirectCode && (r.redirectCode < 300 || r.redirectCode > 399))
        ctx.addIssue({
          code: 'custom',
          path: ['redirectCode'],
          message: `expected a 3xx redirect code, got ${r.redirectCode}`,
        });
      if (r.scheme && r.scheme !== 'http' && r.scheme !== 'https')
        ctx.addIssue({
          code: 'custom',
          path: ['scheme'],
          message: `expected scheme "http" or "https", got ${JSON.stringify(r.scheme)}`,
        });
      if (r.port && r.port > 65535)
        ctx.addIssue({ code: 'custom', path: ['port'], message: `${PORT_RANGE}, got ${r.port}` });
    },
    whenParsed('uri', 'prefixRewrite', 'authority', 'scheme', 'port', 'redirectCode'),
  );
export type HTTPRedirect = z.infer<typeof httpRedirect>;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MAX_BODY_BYTES = 1024 * 1024;

function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** HTTPBody: the body as text or as base64 bytes (one of them). */
export const httpBody = z
  .strictObject({ string: z.string().optional(), bytes: z.string().optional() })
  .superRefine(
    (b, ctx) => {
      exactlyOne(ctx, b, ['string', 'bytes'], { atMostOne: true });
      if (b.bytes !== undefined && !BASE64.test(b.bytes))
        ctx.addIssue({ code: 'custom', path: ['bytes'], message: 'expected base64-encoded bytes' });
      const size =
        b.string !== undefined
          ? utf8Length(b.string)
          : Math.floor(((b.bytes ?? '').replace(/=+$/, '').length * 3) / 4);
      if (size > MAX_BODY_BYTES)
        ctx.addIssue({
          code: 'custom',
          path: [b.string !== undefined ? 'string' : 'bytes'],
          message: `expected a direct response body of at most 1MB, got ${size} bytes`,
        });
    },
    whenParsed('string', 'bytes'),
  );

/** HTTPDirectResponse: answer with a fixed status and body. */
export const httpDirectResponse = z
  .strictObject({ status: uint32, body: httpBody.optional() })
  .superRefine((d, ctx) => checkStatus(ctx, d.status, ['status']), whenParsed('status'));
export type HTTPDirectResponse = z.infer<typeof httpDirectResponse>;

/** RegexRewrite: rewrite the path with an RE2 `match` and a `rewrite` that may use `\1` groups. */
export const regexRewrite = z
  .strictObject({ match: z.string().optional(), rewrite: z.string().optional() })
  .superRefine(
    (r, ctx) => {
      if (!r.match || !r.rewrite)
        ctx.addIssue({ code: 'custom', message: 'expected both match and rewrite in uriRegexRewrite' });
      const problem = r.match ? regexProblem(r.match) : undefined;
      if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['match'], message: problem });
    },
    whenParsed('match', 'rewrite'),
  );

/** HTTPRewrite: rewrite the path (uri or uriRegexRewrite, not both) and/or the authority. */
export const httpRewrite = z
  .strictObject({
    uri: z.string().optional(),
    authority: z.string().optional(),
    uriRegexRewrite: regexRewrite.optional(),
  })
  .superRefine(
    (r, ctx) => {
      if (r.uri && r.uriRegexRewrite)
        ctx.addIssue({ code: 'custom', message: 'expected only one of uri and uriRegexRewrite, got both' });
      if (!r.uri && !r.uriRegexRewrite && !r.authority)
        ctx.addIssue({ code: 'custom', message: 'expected a rewrite of uri, uriRegexRewrite or authority' });
    },
    whenParsed('uri', 'authority'),
  );
export type HTTPRewrite = z.infer<typeof httpRewrite>;

/** Status codes Go's net/http knows (http.StatusText is not empty): retryOn accepts these as conditions. */
const KNOWN_STATUS = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307,
  308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421,
  422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);
/** Envoy's x-envoy-retry-on and x-envoy-retry-grpc-on policies. */
const RETRY_ON = new Set([
  '5xx',
  'gateway-error',
  'reset',
  'reset-before-request',
  'connect-failure',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'retriable-headers',
  'envoy-ratelimited',
  'http3-post-connect-failure',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
]);

/** HTTPRetry: how many times, when, and how long each try may take. */
export const httpRetry = z
  .strictObject({
    /** Number of retries; 0 disables retries. */
    attempts: nonNegativeInt32.optional(),
    perTryTimeout: msDuration.optional(),
    /** Comma-separated Envoy retry conditions and HTTP status codes ("5xx,connect-failure,503"). */
    retryOn: z.string().optional(),
    retryRemoteLocalities: z.boolean().nullable().optional(),
    retryIgnorePreviousHosts: z.boolean().nullable().optional(),
    backoff: msDuration.optional(),
  })
  .superRefine(
    (r, ctx) => {
      if (!r.attempts && (r.perTryTimeout !== undefined || r.retryOn || r.retryRemoteLocalities != null))
        ctx.addIssue({
          code: 'custom',
          path: ['attempts'],
          message: 'expected attempts above 0 when perTryTimeout, retryOn or retryRemoteLocalities is set',
        });
      for (const policy of r.retryOn ? r.retryOn.split(',') : []) {
        const code = /^[+-]?[0-9]+$/.test(policy) ? Number(policy) : 0;
        if (!KNOWN_STATUS.has(code) && !RETRY_ON.has(policy))
          ctx.addIssue({
            code: 'custom',
            path: ['retryOn'],
            message: `expected Envoy retry conditions ("5xx", "connect-failure", "retriable-4xx" ...) or HTTP status codes, got ${JSON.stringify(policy)}`,
          });
      }
    },
    whenParsed('attempts', 'retryOn', 'retryRemoteLocalities'),
  );
export type HTTPRetry = z.infer<typeof httpRetry>;

const CORS_METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  '*',
]);

const corsHeaderNames = z.array(z.string()).superRefine((names, ctx) => {
  names.forEach((name, i) => {
    if (name !== '*' && !isHeaderToken(name))
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: `expected a header name or "*", got ${JSON.stringify(name)}`,
      });
  });
});

/** CorsPolicy: the CORS answers Envoy gives for this route. */
export const corsPolicy = z.strictObject({
  /** Deprecated: exact origins; use allowOrigins. */
  allowOrigin: z.array(z.string()).optional(),
  allowOrigins: z.array(originMatch).optional(),
  allowMethods: z
    .array(z.string())
    .superRefine((methods, ctx) => {
      methods.forEach((m, i) => {
        if (!CORS_METHODS.has(m))
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: `expected an HTTP method (GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT, OPTIONS, TRACE) or "*", got ${JSON.stringify(m)}`,
          });
      });
    })
    .optional(),
  allowHeaders: corsHeaderNames.optional(),
  exposeHeaders: corsHeaderNames.optional(),
  /** How long a preflight answer may be cached; whole seconds. */
  maxAge: msDuration
    .superRefine((text, ctx) => {
      const ns = parseDurationNs(text);
      if (ns !== undefined && ns >= 1e6 && ns % 1e6 === 0 && ns % 1e9 !== 0)
        ctx.addIssue({
          code: 'custom',
          message: `expected maxAge in whole seconds, got ${JSON.stringify(text)}`,
        });
    })
    .optional(),
  allowCredentials: z.boolean().nullable().optional(),
  unmatchedPreflights: z.enum(['UNSPECIFIED', 'FORWARD', 'IGNORE']).optional(),
});
export type IstioCorsPolicy = z.infer<typeof corsPolicy>;

/** A fault's share of requests: 0, or 0.0001-100 (Envoy's finest fraction is a millionth). */
const faultPercentage = percent.superRefine((p, ctx) => {
  if (p.value !== undefined && p.value > 0 && p.value < 0.0001)
    ctx.addIssue({
      code: 'custom',
      path: ['value'],
      message: `expected a percentage of 0 or from 0.0001 to 100, got ${p.value}`,
    });
}, whenParsed('value'));

const GRPC_STATUS = new Set([
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
]);

/** Delay: hold a share of requests for fixedDelay (exponentialDelay is not supported by Istio yet). */
export const faultDelay = z
  .strictObject({
    /** Deprecated integer percentage; use percentage. */
    percent: int32.optional(),
    fixedDelay: msDuration.optional(),
    exponentialDelay: msDuration.optional(),
    percentage: faultPercentage.optional(),
  })
  .superRefine((d, ctx) => {
    exactlyOne(ctx, d, ['fixedDelay', 'exponentialDelay']);
    if (d.exponentialDelay !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['exponentialDelay'],
        message: 'expected fixedDelay: Istio does not support exponentialDelay yet',
      });
  }, whenParsed());

/** Abort: fail a share of requests with an HTTP or gRPC status (HTTP/2 errors are not supported yet). */
export const faultAbort = z
  .strictObject({
    httpStatus: int32.optional(),
    grpcStatus: z.string().optional(),
    http2Error: z.string().optional(),
    percentage: faultPercentage.optional(),
  })
  .superRefine(
    (a, ctx) => {
      exactlyOne(ctx, a, ['httpStatus', 'grpcStatus', 'http2Error']);
      if (a.httpStatus !== undefined) checkStatus(ctx, a.httpStatus, ['httpStatus']);
      if (a.grpcStatus !== undefined && !GRPC_STATUS.has(a.grpcStatus))
        ctx.addIssue({
          code: 'custom',
          path: ['grpcStatus'],
          message: `expected a gRPC status name such as "NOT_FOUND" or "UNAVAILABLE", got ${JSON.stringify(a.grpcStatus)}`,
        });
      if (a.http2Error !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['http2Error'],
          message: 'expected httpStatus or grpcStatus: Istio does not support HTTP/2 abort faults yet',
        });
    },
    whenParsed('httpStatus', 'grpcStatus'),
  );

/** HTTPFaultInjection: a delay and/or an abort. */
export const httpFaultInjection = z
  .strictObject({ delay: faultDelay.optional(), abort: faultAbort.optional() })
  .superRefine((f, ctx) => {
    if (f.delay === undefined && f.abort === undefined)
      ctx.addIssue({ code: 'custom', message: 'expected a fault with a delay, an abort or both' });
  }, whenParsed());
export type HTTPFaultInjection = z.infer<typeof httpFaultInjection>;

/** HTTPMirrorPolicy: copy a share of requests to another destination (responses are dropped). */
export const httpMirrorPolicy = z.strictObject({ destination, percentage: percent.optional() });
export type HTTPMirrorPolicy = z.infer<typeof httpMirrorPolicy>;

/** Delegate: hand the route to the VirtualService `namespace/name` (which must have no hosts). */
export const delegate = z.strictObject({ name: z.string().optional(), namespace: z.string().optional() });
export type Delegate = z.infer<typeof delegate>;
