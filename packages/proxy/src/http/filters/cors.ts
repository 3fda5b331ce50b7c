// envoy.filters.http.cors with the per-route CorsPolicy (typed_per_filter_config, as istiod 1.30 writes it). For a
// request with an Origin the policy allows: a preflight (OPTIONS with Access-Control-Request-Method) is answered
// here with 200 and the allow-* headers; other requests go on and get Access-Control-Allow-Origin (and
// -Expose-Headers, -Allow-Credentials) on the response. Origins are StringMatchers (the model's matcher).
import type { CorsPolicy } from '@minimesh/model/xds';
import { type CompiledStringMatcher, compileStringMatcher, TypeUrl } from '@minimesh/model/xds';
import { ConfigRejectedError, errorText } from '../../errors.js';
import type { HttpStream } from '../http-stream.js';
import type { FilterStatus, HttpFilter, HttpFilterPlugin } from './http-filter.js';

interface CompiledCors {
  readonly origins: readonly CompiledStringMatcher[];
  readonly allowMethods: string;
  readonly allowHeaders: string;
  readonly exposeHeaders: string;
  readonly maxAge: string;
  readonly allowCredentials: boolean;
  readonly enabled: boolean;
}

function compileCors(p: CorsPolicy, owner: string): CompiledCors {
  try {
    return {
      origins: (p.allow_origin_string_match ?? []).map((m, i) =>
        compileStringMatcher(m, `allow_origin_string_match[${i}]`),
      ),
      allowMethods: p.allow_methods ?? '',
      allowHeaders: p.allow_headers ?? '',
      exposeHeaders: p.expose_headers ?? '',
      maxAge: p.max_age ?? '',
      allowCredentials: p.allow_credentials?.value === true,
      // filter_enabled unset means enabled (100%); a fraction is read as on when its numerator is > 0.
      enabled:
        p.filter_enabled?.default_value === undefined || (p.filter_enabled.default_value?.numerator ?? 0) > 0,
    };
  } catch (err) {
    throw new ConfigRejectedError('CorsPolicy', owner, errorText(err), { cause: err });
  }
}

function policyOf(stream: HttpStream, name: string): CompiledCors | undefined {
  const p = stream.route?.perFilter.get(name);
  return p === null || p === undefined ? undefined : (p as CompiledCors);
}

function allowedOrigin(stream: HttpStream, p: CompiledCors): string | undefined {
  const origin = stream.req.headers.origin;
  if (typeof origin !== 'string' || origin === '' || !p.enabled) return undefined;
  return p.origins.some((m) => m.match(origin)) ? origin : undefined;
}

class CorsFilter implements HttpFilter {
  constructor(readonly name: string) {}

  decode(stream: HttpStream): FilterStatus {
    const p = policyOf(stream, this.name);
    if (p === undefined) return 'continue';
    const origin = allowedOrigin(stream, p);
    const preflight =
      stream.method === 'OPTIONS' && stream.req.headers['access-control-request-method'] !== undefined;
    if (!preflight || origin === undefined) return 'continue';
    const headers: Record<string, string> = { 'access-control-allow-origin': origin };
    if (p.allowMethods !== '') headers['access-control-allow-methods'] = p.allowMethods;
    if (p.allowHeaders !== '') headers['access-control-allow-headers'] = p.allowHeaders;
    if (p.maxAge !== '') headers['access-control-max-age'] = p.maxAge;
    if (p.allowCredentials) headers['access-control-allow-credentials'] = 'true';
    stream.respond(200, '', 'cors_response', headers);
    return 'stop';
  }

  encodeHeaders(stream: HttpStream, headers: Record<string, string | string[] | undefined>): void {
    const p = policyOf(stream, this.name);
    if (p === undefined) return;
    const origin = allowedOrigin(stream, p);
    if (origin === undefined) return;
    headers['access-control-allow-origin'] = origin;
    if (p.exposeHeaders !== '') headers['access-control-expose-headers'] = p.exposeHeaders;
    if (p.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  }
}

export const corsPlugin: HttpFilterPlugin = {
  typeUrls: [TypeUrl.CORS],
  perRouteTypeUrls: [TypeUrl.CORS_POLICY],
  terminal: false,
  create: (name) => new CorsFilter(name),
  compilePerRoute: (config, owner) => compileCors(config as CorsPolicy, owner),
};
