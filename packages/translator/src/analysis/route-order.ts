// Istio's analysis of route order in one VirtualService (analyzeUnreachable*Rules in pkg/config/validation):
// a rule after a rule without matches is never reached; a match equal to a match of an earlier rule (names
// aside) never applies; a rule all of whose matches are such duplicates is never reached; an http match whose
// URI an earlier match's prefix covers, with no condition the later one lacks, never applies. Envoy evaluates
// routes in order and takes the first that matches, so each finding is a route or match that is shadowed.
import type { LoadedResource, VirtualService } from '@minimesh/model';
import type { FieldPath } from './analyzer.js';

export interface UnreachableRule {
  readonly kind: 'rule';
  /** `#2`, or the route's name quoted (`"v2-route"`). */
  readonly rule: string;
  readonly reason: string;
  readonly path: FieldPath;
}

export interface IneffectiveMatch {
  readonly kind: 'match';
  readonly rule: string;
  readonly match: string;
  /** The earlier rule with the same match. */
  readonly earlier: string;
  readonly path: FieldPath;
}

export type OrderFinding = UnreachableRule | IneffectiveMatch;

interface Rule {
  readonly name?: string | undefined;
  readonly match?: readonly object[] | undefined;
}

/** Findings for the http, tcp and tls rules of `vs`, in rule order. */
export function routeOrderFindings(vs: LoadedResource<VirtualService>): OrderFinding[] {
  const spec = vs.object.spec;
  return [
    ...analyzeRules('http', spec.http ?? []),
    ...analyzeRules('tcp', spec.tcp ?? []),
    ...analyzeRules('tls', spec.tls ?? []),
  ];
}

function analyzeRules(kind: 'http' | 'tcp' | 'tls', rules: readonly Rule[]): OrderFinding[] {
  const out: OrderFinding[] = [];
  const seen = new Map<string, number>();
  // http matches that are neither duplicates nor after a catch-all, for the prefix-coverage check
  const kept: Kept[] = [];
  let catchAll = -1;
  rules.forEach((rule, i) => {
    const name = ruleName(kind, rule, i);
    const path: FieldPath = ['spec', kind, i];
    const matches = rule.match ?? [];
    if (matches.length === 0) {
      if (catchAll >= 0)
        out.push({ kind: 'rule', rule: name, reason: 'only the last rule can have no matches', path });
      catchAll = i;
      return;
    }
    let duplicates = 0;
    matches.forEach((m, j) => {
      if (catchAll >= 0) {
        out.push({ kind: 'rule', rule: name, reason: 'route without matches defined before', path });
        return;
      }
      const key = canonical(m);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        const earlierRule = rules[earlier];
        out.push({
          kind: 'match',
          rule: name,
          match: matchName(kind, m, j),
          earlier: earlierRule === undefined ? `#${earlier}` : ruleName(kind, earlierRule, earlier),
          path: [...path, 'match', j],
        });
        duplicates++;
      } else {
        seen.set(key, i);
        if (kind === 'http')
          kept.push({ rule: name, match: matchName(kind, m, j), value: m, path: [...path, 'match', j] });
      }
    });
    if (catchAll < 0 && duplicates === matches.length)
      out.push({ kind: 'rule', rule: name, reason: 'all matches used by prior rules', path });
  });
  return [...out, ...coveredMatches(kept)];
}

interface Kept {
  readonly rule: string;
  readonly match: string;
  readonly value: object;
  readonly path: FieldPath;
}

/**
 * Matches whose requests an earlier match always takes (Istio's overlapping-prefix check, made sound): the earlier
 * match has a URI prefix that the later one's prefix or exact URI starts with, and each of its other conditions
 * is also a condition of the later one. Each later match is reported once, against the first that covers it.
 */
function coveredMatches(kept: readonly Kept[]): IneffectiveMatch[] {
  const out: IneffectiveMatch[] = [];
  kept.forEach((b, i) => {
    const a = kept.slice(0, i).find((earlier) => covers(earlier.value, b.value));
    if (a === undefined) return;
    const prefix = uriOf(a.value)?.prefix ?? '';
    const bUri = uriOf(b.value);
    const bWhat = bUri?.prefix !== undefined ? `prefix ${bUri.prefix}` : `exact ${bUri?.exact ?? ''}`;
    out.push({
      kind: 'match',
      rule: b.rule,
      match: `${b.match} of ${bWhat}`,
      earlier: `${a.match} of prefix ${prefix} on ${a.rule}`,
      path: b.path,
    });
  });
  return out;
}

/** Map-valued conditions: each entry of the earlier match must be an entry of the later one. */
const MAP_FIELDS: ReadonlySet<string> = new Set(['headers', 'queryParams', 'withoutHeaders', 'sourceLabels']);
/** Fields that do not restrict traffic, or that the URI comparison handles. */
const SKIPPED: ReadonlySet<string> = new Set(['name', 'statPrefix', 'uri', 'ignoreUriCase']);

function covers(a: object, b: object): boolean {
  const ua = uriOf(a);
  const ub = uriOf(b);
  if (ua?.prefix === undefined || ub === undefined) return false;
  const later = ub.prefix ?? ub.exact;
  if (later === undefined) return false;
  const aIgnore = 'ignoreUriCase' in a && a.ignoreUriCase === true;
  const bIgnore = 'ignoreUriCase' in b && b.ignoreUriCase === true;
  // A case-insensitive later match also takes URIs a case-sensitive earlier one does not.
  if (bIgnore && !aIgnore) return false;
  const within = aIgnore
    ? later.toLowerCase().startsWith(ua.prefix.toLowerCase())
    : later.startsWith(ua.prefix);
  if (!within) return false;
  const bFields = b as Record<string, unknown>;
  for (const [key, value] of Object.entries(a)) {
    if (SKIPPED.has(key)) continue;
    const other = bFields[key];
    if (!MAP_FIELDS.has(key)) {
      if (stable(value) !== stable(other)) return false;
      continue;
    }
    const otherMap = (other ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>))
      if (!(k in otherMap) || stable(v) !== stable(otherMap[k])) return false;
  }
  return true;
}

function uriOf(match: object): { prefix?: string; exact?: string } | undefined {
  if (!('uri' in match) || match.uri === null || typeof match.uri !== 'object') return undefined;
  const uri = match.uri as Record<string, unknown>;
  return {
    ...(typeof uri.prefix === 'string' ? { prefix: uri.prefix } : {}),
    ...(typeof uri.exact === 'string' ? { exact: uri.exact } : {}),
  };
}

function ruleName(kind: string, rule: Rule, i: number): string {
  return kind === 'http' && rule.name !== undefined && rule.name !== '' ? JSON.stringify(rule.name) : `#${i}`;
}

function matchName(kind: string, match: object, j: number): string {
  const name = kind === 'http' && 'name' in match && typeof match.name === 'string' ? match.name : '';
  return name === '' ? `#${j}` : JSON.stringify(name);
}

/** A match as JSON with sorted keys and without its name: equal strings mean the same traffic. */
function canonical(match: object): string {
  const { name: _name, ...rest } = match as Record<string, unknown>;
  return stable(rest);
}

/** JSON with object keys sorted at every level. */
function stable(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) => {
      if (v !== null && typeof v === 'object' && !Array.isArray(v))
        return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      return v;
    }) ?? 'undefined'
  );
}
