// Merging a root VirtualService route with the routes of its delegate, as istiod 1.30 does it
// (pilot/pkg/model/virtualservice.go MergeHTTPRoutes / mergeHTTPRoute / mergeHTTPMatchRequests): each delegate
// match must fall inside some root match (conflicting pairs are skipped, a delegate route with no compatible
// root match is dropped), the merged match is the conjunction (delegate fields win, root fills what the delegate
// leaves unset), and route-level settings the delegate leaves unset come from the root. Pure: inputs are never
// modified; the result shares no mutable part with them.
import type { HTTPMatchRequest, IstioHTTPRoute, RouteStringMatch } from '@minimesh/model';

type StringMatch = RouteStringMatch | undefined;

/** The non-empty regex / prefix / exact of a match ('' for unset, as Go's getters return). */
const regexOf = (m: StringMatch): string => m?.regex ?? '';
const prefixOf = (m: StringMatch): string => m?.prefix ?? '';
const exactOf = (m: StringMatch): string => m?.exact ?? '';

/**
 * True when the delegate's condition `leaf` is not a narrowing of the root's `root` (istiod stringMatchConflict):
 * regexes combine with nothing, an exact root admits only the same exact, a prefix root admits a longer prefix or
 * an exact value under it.
 */
export function stringMatchConflict(root: StringMatch, leaf: StringMatch): boolean {
  if (root === undefined || leaf === undefined) return false;
  if (regexOf(root) !== '' && (regexOf(leaf) !== '' || prefixOf(leaf) !== '' || exactOf(leaf) !== ''))
    return true;
  if (regexOf(leaf) !== '' && (regexOf(root) !== '' || prefixOf(root) !== '' || exactOf(root) !== ''))
    return true;
  const exact = exactOf(root);
  if (exact !== '') return prefixOf(leaf) !== '' || exactOf(leaf) !== exact;
  const prefix = prefixOf(root);
  if (prefix !== '') {
    if (prefixOf(leaf) !== '') return !prefixOf(leaf).startsWith(prefix);
    if (exactOf(leaf) !== '') return !exactOf(leaf).startsWith(prefix);
  }
  return true;
}

function mapConflict(
  root: Readonly<Record<string, RouteStringMatch>> | undefined,
  leaf: Readonly<Record<string, RouteStringMatch>> | undefined,
): boolean {
  return Object.entries(leaf ?? {}).some(([k, v]) => stringMatchConflict(root?.[k], v));
}

/** True when `leaf` cannot narrow `root` (istiod hasConflict). Gateways are compared resolved (`ns/name`). */
export function matchConflict(root: HTTPMatchRequest, leaf: HTTPMatchRequest): boolean {
  const fields = ['uri', 'scheme', 'method', 'authority'] as const;
  if (fields.some((f) => stringMatchConflict(root[f], leaf[f]))) return true;
  if (mapConflict(root.headers, leaf.headers)) return true;
  if (mapConflict(root.withoutHeaders, leaf.withoutHeaders)) return true;
  if (mapConflict(root.queryParams, leaf.queryParams)) return true;
  if ((root.ignoreUriCase ?? false) !== (leaf.ignoreUriCase ?? false)) return true;
  const rootPort = root.port ?? 0;
  const leafPort = leaf.port ?? 0;
  if (rootPort > 0 && leafPort > 0 && rootPort !== leafPort) return true;
  // An unset delegate sourceNamespace conflicts too (istiod compares the strings).
  if ((root.sourceNamespace ?? '') !== '' && leaf.sourceNamespace !== root.sourceNamespace) return true;
  for (const [k, v] of Object.entries(leaf.sourceLabels ?? {})) {
    const r = root.sourceLabels?.[k];
    if (r !== undefined && r !== v) return true;
  }
  const rootGws = root.gateways ?? [];
  const leafGws = leaf.gateways ?? [];
  if (rootGws.length > 0 && leafGws.length > 0) {
    if (rootGws.length < leafGws.length) return true;
    if (leafGws.some((g) => !rootGws.includes(g))) return true;
  }
  return false;
}

/** `root-delegate` when both are named, else whichever is (istiod's naming of merged routes and matches). */
function joinNames(root: string | undefined, leaf: string | undefined): string | undefined {
  if ((leaf ?? '') === '') return root;
  if ((root ?? '') === '') return leaf;
  return `${root}-${leaf}`;
}

function mergeMaps<V>(
  root: Readonly<Record<string, V>> | undefined,
  leaf: Readonly<Record<string, V>> | undefined,
): Record<string, V> | undefined {
  const out = { ...root, ...leaf };
  return Object.keys(out).length === 0 ? undefined : out;
}

/** The conjunction of a root match and a delegate match (istiod mergeHTTPMatchRequest). */
export function mergeMatch(root: HTTPMatchRequest, leaf: HTTPMatchRequest): HTTPMatchRequest {
  const out: HTTPMatchRequest = { ...leaf };
  const set = <K extends keyof HTTPMatchRequest>(k: K, v: HTTPMatchRequest[K] | undefined) => {
    if (v === undefined) delete out[k];
    else out[k] = v;
  };
  set('name', joinNames(root.name, leaf.name));
  for (const f of ['uri', 'scheme', 'method', 'authority'] as const) set(f, leaf[f] ?? root[f]);
  set('headers', mergeMaps(root.headers, leaf.headers));
  set('withoutHeaders', mergeMaps(root.withoutHeaders, leaf.withoutHeaders));
  set('queryParams', mergeMaps(root.queryParams, leaf.queryParams));
  set('sourceLabels', mergeMaps(root.sourceLabels, leaf.sourceLabels));
  set('port', (leaf.port ?? 0) === 0 ? root.port : leaf.port);
  set('sourceNamespace', (leaf.sourceNamespace ?? '') === '' ? root.sourceNamespace : leaf.sourceNamespace);
  set('gateways', (leaf.gateways ?? []).length === 0 ? root.gateways : leaf.gateways);
  set('statPrefix', (leaf.statPrefix ?? '') === '' ? root.statPrefix : leaf.statPrefix);
  return out;
}

/**
 * Merged matches of a delegate route under the root's (istiod mergeHTTPMatchRequests): every delegate match
 * yields one merged match per root match it does not conflict with; undefined (a conflict) when some delegate
 * match fits under no root match.
 */
export function mergeMatches(
  root: readonly HTTPMatchRequest[],
  leaf: readonly HTTPMatchRequest[],
): HTTPMatchRequest[] | undefined {
  if (root.length === 0) return [...leaf];
  if (leaf.length === 0) return [...root];
  const out: HTTPMatchRequest[] = [];
  for (const sub of leaf) {
    const fits = root.filter((r) => !matchConflict(r, sub));
    if (fits.length === 0) return undefined;
    for (const r of fits) out.push(mergeMatch(r, sub));
  }
  return out;
}

/** Route settings a delegate route inherits from the root when it leaves them unset (istiod mergeHTTPRoute). */
const INHERITED = [
  'rewrite',
  'directResponse',
  'timeout',
  'retries',
  'fault',
  'mirror',
  'mirrorPercent',
  'mirror_percent',
  'mirrorPercentage',
  'corsPolicy',
  'mirrors',
  'headers',
] as const satisfies readonly (keyof IstioHTTPRoute)[];

/** One delegate route merged under the root route, or undefined when their matches conflict. */
export function mergeHttpRoute(root: IstioHTTPRoute, leaf: IstioHTTPRoute): IstioHTTPRoute | undefined {
  const matches = mergeMatches(root.match ?? [], leaf.match ?? []);
  if (matches === undefined) return undefined;
  const out: IstioHTTPRoute = { ...leaf };
  if (matches.length > 0) out.match = matches;
  else delete out.match;
  const name = joinNames(root.name, leaf.name);
  if (name === undefined) delete out.name;
  else out.name = name;
  const target = out as Record<string, unknown>;
  for (const k of INHERITED) {
    const inherited = root[k];
    if (target[k] == null && inherited != null) target[k] = inherited;
  }
  return out;
}
