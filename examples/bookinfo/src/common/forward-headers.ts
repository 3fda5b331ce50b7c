// Which request headers each bookinfo app copies onto its calls to other services, as Istio's apps do. A
// sidecar can only join spans into one trace, and route by user, when the app forwards these.
import type { IncomingHttpHeaders } from 'node:http';
import { extractB3, injectB3 } from './b3.js';

/**
 * The headers Istio's productpage copies by hand (productpage.py getForwardHeaders). Its b3 headers go through
 * OpenTelemetry instead (see b3.ts), and `end-user` comes from the session, not from the request.
 */
export const PRODUCTPAGE_COPIED_HEADERS = [
  'x-request-id',
  'x-ot-span-context',
  'x-datadog-trace-id',
  'x-datadog-parent-id',
  'x-datadog-sampling-priority',
  'traceparent',
  'tracestate',
  'x-cloud-trace-context',
  'grpc-trace-bin',
  'sw8',
  'user-agent',
  'cookie',
  'authorization',
  'jwt',
] as const;

/** The headers details and reviews copy (details.rb get_forward_headers, LibertyRestEndpoint.java). */
export const SERVICE_COPIED_HEADERS = [
  'x-request-id',
  'x-ot-span-context',
  'x-datadog-trace-id',
  'x-datadog-parent-id',
  'x-datadog-sampling-priority',
  'traceparent',
  'tracestate',
  'x-cloud-trace-context',
  'grpc-trace-bin',
  'x-b3-traceid',
  'x-b3-spanid',
  'x-b3-parentspanid',
  'x-b3-sampled',
  'x-b3-flags',
  'sw8',
  'end-user',
  'user-agent',
  'cookie',
  'authorization',
  'jwt',
] as const;

/** A header's value as one string; repeated headers are joined as HTTP allows (cookies with `; `). */
function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return v.join(name === 'cookie' ? '; ' : ', ');
  return v;
}

/** The listed headers present on the incoming request. */
export function copyHeaders(headers: IncomingHttpHeaders, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const v = headerValue(headers, name);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/**
 * What productpage sends to details, reviews and ratings: the b3 context re-injected, `end-user` when a user
 * is logged in, then the copied headers.
 */
export function productpageForwardHeaders(
  headers: IncomingHttpHeaders,
  user: string | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  const b3 = extractB3(headers);
  if (b3 !== undefined) Object.assign(out, injectB3(b3));
  if (user !== undefined) out['end-user'] = user;
  Object.assign(out, copyHeaders(headers, PRODUCTPAGE_COPIED_HEADERS));
  return out;
}
