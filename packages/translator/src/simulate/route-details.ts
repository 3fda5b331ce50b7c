// What the matched route does besides choosing a cluster: its timeout, retry policy, request mirrors, the path and
// authority the upstream sees after rewrites, and a redirect's Location. Envoy's defaults apply to absent fields
// (a 15s route timeout, one retry when num_retries is unset).
import {
  compileRegexMatcher,
  evaluateFractionalPercent,
  type Route,
  type RouteAction,
} from '@minimesh/model';
import { durationText, percentOf } from './proto-values.js';
import type { SimulatedMirror, SimulatedRetries, SimulationResources } from './types.js';

/** Envoy's route timeout when RouteAction.timeout is unset. */
export const ENVOY_DEFAULT_ROUTE_TIMEOUT = '15s';

export function routeTimeout(action: RouteAction): string {
  return durationText(action.timeout) ?? ENVOY_DEFAULT_ROUTE_TIMEOUT;
}

export function routeRetries(action: RouteAction): SimulatedRetries | undefined {
  const p = action.retry_policy;
  if (p === undefined || p === null) return undefined;
  const perTry = durationText(p.per_try_timeout);
  const codes = p.retriable_status_codes ?? [];
  return {
    retryOn: p.retry_on ?? '',
    numRetries: p.num_retries?.value ?? 1,
    ...(perTry === undefined ? {} : { perTryTimeout: perTry }),
    ...(codes.length === 0 ? {} : { retriableStatusCodes: codes }),
  };
}

/** Each mirror policy: its cluster, share, whether this request is mirrored and whether the cluster exists. */
export function routeMirrors(
  action: RouteAction,
  random: number,
  resources: SimulationResources,
): SimulatedMirror[] {
  return (action.request_mirror_policies ?? []).flatMap((m) => {
    const cluster = m.cluster ?? '';
    if (cluster === '') return [];
    const share = m.runtime_fraction?.default_value;
    // No runtime_fraction: every request is mirrored.
    const applies = share === undefined || share === null ? true : evaluateFractionalPercent(share, random);
    return [
      {
        cluster,
        percent: share === undefined || share === null ? 100 : percentOf(share),
        applies,
        exists: resources.clusters.some((c) => c.name === cluster),
      },
    ];
  });
}

/** Splits `path` into the part routes match and the `?query` suffix (kept by every rewrite). */
function splitQuery(path: string): [string, string] {
  const q = path.indexOf('?');
  return q < 0 ? [path, ''] : [path.slice(0, q), path.slice(q)];
}

/** RE2 GlobalReplace with Envoy's substitution syntax: `\0`..`\9` are groups, `\\` a backslash. */
function regexSubstitute(pattern: string, substitution: string, input: string): string {
  const re = compileRegexMatcher({ regex: pattern }, 'regex_rewrite.pattern');
  return re.matcher(input).replaceAll((...args: unknown[]) => {
    const groups: string[] = [];
    for (const a of args) {
      if (typeof a !== 'string' && a !== undefined) break;
      groups.push(a ?? '');
    }
    return substitution.replace(/\\(\d|\\)/g, (_m, g: string) =>
      g === '\\' ? '\\' : (groups[Number(g)] ?? ''),
    );
  });
}

/**
 * The path after prefix_rewrite / regex_rewrite. A prefix rewrite replaces what the route matched: the prefix of a
 * prefix route, the whole path of an exact or regex route.
 */
export function rewritePath(
  route: Route,
  rewrite: { prefix_rewrite?: string; regex_rewrite?: RouteAction['regex_rewrite'] },
  path: string,
): string | undefined {
  const [only, query] = splitQuery(path);
  const rr = rewrite.regex_rewrite;
  if (rr !== undefined && rr !== null && rr.pattern?.regex !== undefined) {
    return regexSubstitute(rr.pattern.regex, rr.substitution ?? '', only) + query;
  }
  const prefix = rewrite.prefix_rewrite;
  if (prefix === undefined || prefix === '') return undefined;
  const m = route.match;
  const matched = m?.prefix ?? m?.path_separated_prefix;
  if (matched !== undefined && matched !== null) return prefix + only.slice(matched.length) + query;
  return prefix + query;
}

type RedirectAction = NonNullable<Route['redirect']>;

const REDIRECT_STATUS: Readonly<Record<string, number>> = {
  MOVED_PERMANENTLY: 301,
  FOUND: 302,
  SEE_OTHER: 303,
  TEMPORARY_REDIRECT: 307,
  PERMANENT_REDIRECT: 308,
};

/** The status and Location of a redirect route, from the request's scheme, authority and path. */
export function redirectOf(
  route: Route,
  redirect: RedirectAction,
  request: { scheme: string; authority: string; path: string },
): { location: string; status: number } {
  const code = redirect.response_code;
  const status =
    typeof code === 'number'
      ? ([301, 302, 303, 307, 308][code] ?? 301)
      : (REDIRECT_STATUS[code ?? ''] ?? 301);
  const scheme = redirect.https_redirect === true ? 'https' : redirect.scheme_redirect || request.scheme;
  let host = redirect.host_redirect || request.authority;
  if (redirect.port_redirect !== undefined && redirect.port_redirect !== 0) {
    const colon = host.lastIndexOf(':');
    const bare = colon > 0 && !host.endsWith(']') ? host.slice(0, colon) : host;
    host = `${bare}:${redirect.port_redirect}`;
  }
  let path = request.path;
  if (redirect.path_redirect !== undefined && redirect.path_redirect !== '') {
    // path_redirect keeps the query unless strip_query or the new path has its own.
    const [, query] = splitQuery(request.path);
    path =
      redirect.path_redirect.includes('?') || redirect.strip_query === true
        ? redirect.path_redirect
        : redirect.path_redirect + query;
  } else {
    path = rewritePath(route, redirect, request.path) ?? request.path;
    if (redirect.strip_query === true) path = splitQuery(path)[0];
  }
  return { location: `${scheme}://${host}${path}`, status };
}
