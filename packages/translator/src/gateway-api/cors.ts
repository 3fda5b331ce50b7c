// The CORS filter -> VirtualService corsPolicy (istiod 1.30 conversion.go createCorsFilter): origin `*` becomes a
// strict origin regex, origins without `*` exact matches, a single trailing `*` a prefix, other wildcards a
// regex; unmatched preflights are ignored (passed on); maxAge in seconds, 5 by the CRD default.
import type { HTTPCORSFilter, IstioCorsPolicy } from '@minimesh/model';

/** Go's regexp.QuoteMeta: every RE2 metacharacter escaped. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** Any `<scheme>://<host>[:port]` origin (what `*` allows). */
const ANY_ORIGIN = '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s?#]+$';

type OriginMatch = { exact: string } | { prefix: string } | { regex: string };

function originMatch(origin: string): OriginMatch {
  if (origin === '*') return { regex: ANY_ORIGIN };
  if (!origin.includes('*')) return { exact: origin };
  if (origin.indexOf('*') === origin.length - 1) return { prefix: origin.slice(0, -1) };
  return { regex: `^${quoteMeta(origin).replaceAll('\\*', '.*')}$` };
}

export function corsPolicyOf(f: HTTPCORSFilter): IstioCorsPolicy {
  const origins = (f.allowOrigins ?? []).filter((o) => o !== '').map(originMatch);
  const maxAge = f.maxAge ?? 5;
  return {
    ...(origins.length > 0 ? { allowOrigins: origins } : {}),
    ...(f.allowMethods !== undefined && f.allowMethods.length > 0
      ? { allowMethods: [...f.allowMethods] }
      : {}),
    ...(f.allowHeaders !== undefined && f.allowHeaders.length > 0
      ? { allowHeaders: [...f.allowHeaders] }
      : {}),
    ...(f.exposeHeaders !== undefined && f.exposeHeaders.length > 0
      ? { exposeHeaders: [...f.exposeHeaders] }
      : {}),
    ...(maxAge > 0 ? { maxAge: `${maxAge}s` } : {}),
    ...(f.allowCredentials === true ? { allowCredentials: true } : {}),
    unmatchedPreflights: 'IGNORE',
  };
}
