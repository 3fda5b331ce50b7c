// VirtualService `corsPolicy` -> per-route config of Envoy's CORS filter (istiod 1.30 translateCORSPolicy),
// placed in typed_per_filter_config under `envoy.filters.http.cors` (istiod moved from RouteAction.cors to the
// per-filter config in 1.16). Methods and headers are joined with ","; max_age is in whole seconds; the policy is
// enabled for 100% of requests. The deprecated `allowOrigin` strings are exact origins.
import {
  type AnyObject,
  anyOf,
  type CorsPolicy,
  type IstioCorsPolicy,
  parseDurationNs,
  type StringMatcher,
  TypeUrl,
} from '@minimesh/model';
import { stringMatcher } from './route-match.js';

export function translateCors(policy: IstioCorsPolicy): CorsPolicy {
  // allowOrigins wins over the deprecated allowOrigin when both are set.
  const origins: StringMatcher[] = [];
  if (policy.allowOrigins !== undefined) {
    for (const o of policy.allowOrigins) {
      const m = stringMatcher(o);
      if (m !== undefined) origins.push(m);
    }
  } else for (const o of policy.allowOrigin ?? []) origins.push({ exact: o });
  const out: CorsPolicy = {
    // Preflights no origin matches go on to the upstream unless unmatchedPreflights is IGNORE.
    forward_not_matching_preflights: { value: policy.unmatchedPreflights !== 'IGNORE' },
    filter_enabled: { default_value: { numerator: 100, denominator: 'HUNDRED' } },
  };
  if (origins.length > 0) out.allow_origin_string_match = origins;
  if ((policy.allowMethods ?? []).length > 0) out.allow_methods = (policy.allowMethods ?? []).join(',');
  if ((policy.allowHeaders ?? []).length > 0) out.allow_headers = (policy.allowHeaders ?? []).join(',');
  if ((policy.exposeHeaders ?? []).length > 0) out.expose_headers = (policy.exposeHeaders ?? []).join(',');
  if (policy.maxAge !== undefined) {
    const ns = parseDurationNs(policy.maxAge);
    if (ns !== undefined) out.max_age = String(Math.floor(ns / 1e9));
  }
  if (policy.allowCredentials !== undefined && policy.allowCredentials !== null)
    out.allow_credentials = { value: policy.allowCredentials };
  return out;
}

/** The Any for typed_per_filter_config, or undefined when the route has no CORS policy. */
export function corsFilterConfig(policy: IstioCorsPolicy | undefined): AnyObject | undefined {
  return policy === undefined ? undefined : anyOf(TypeUrl.CORS_POLICY, translateCors(policy));
}
