// envoy.type.matcher.v3.StringMatcher and RegexMatcher, as Envoy's StringMatcherImpl applies them: exact, prefix,
// suffix and contains (ASCII case folding with ignore_case), safe_regex as an RE2 full match.
import type { RE2JS } from 're2js';
import type { RegexMatcher } from '../generated/types/envoy/type/matcher/v3/RegexMatcher.js';
import type { StringMatcher } from '../generated/types/envoy/type/matcher/v3/StringMatcher.js';
import { compileRe2 } from '../schema/regex.js';
import {
  asciiContainsFolded,
  asciiEndsWithFolded,
  asciiEqualsFolded,
  asciiLower,
  asciiStartsWithFolded,
  quote,
} from './ascii.js';
import { XdsMatchError } from './match-result.js';
import { oneofCase } from './proto.js';

export interface CompiledStringMatcher {
  match(value: string): boolean;
  /** How traces name the matcher: `exact "v"`, `prefix "v" (ignore_case)`, `regex "p"`. */
  readonly description: string;
  /** Exact matchers read `!=` in traces, the others `does not match`. */
  readonly exact: boolean;
}

/** `exact "a" != "b"` or `prefix "a" does not match "b"`: the trace text for a value a matcher rejected. */
export function mismatchText(description: string, exact: boolean, value: string): string {
  return exact ? `${description} != ${quote(value)}` : `${description} does not match ${quote(value)}`;
}

/**
 * Compiles RegexMatcher.regex with RE2 (never JavaScript RegExp); `matches()` on the result is a full match, as
 * Envoy's safe_regex requires. Throws XdsMatchError when the pattern is empty or is not RE2 (lookaround,
 * backreferences, possessive quantifiers ...).
 */
export function compileRegexMatcher(m: RegexMatcher | null | undefined, path: string): RE2JS {
  const pattern = m?.regex ?? '';
  if (pattern === '') throw new XdsMatchError(`${path}.regex`, 'regex must not be empty');
  try {
    return compileRe2(pattern);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new XdsMatchError(`${path}.regex`, `${quote(pattern)} is not a valid RE2 regex: ${reason}`, {
      cause: err,
    });
  }
}

const PATTERNS = ['exact', 'prefix', 'suffix', 'safe_regex', 'contains', 'custom'] as const;

function nonEmpty(value: string | undefined, path: string, what: string): string {
  if (value === undefined || value === '') throw new XdsMatchError(path, `${what} must not be empty`);
  return value;
}

/** Compiles a StringMatcher. Throws XdsMatchError for what Envoy rejects (no pattern, ignore_case on safe_regex ...). */
export function compileStringMatcher(m: StringMatcher, path: string): CompiledStringMatcher {
  const ignoreCase = m.ignore_case === true;
  const ic = ignoreCase ? ' (ignore_case)' : '';
  switch (oneofCase(m, 'match_pattern', PATTERNS)) {
    case 'exact': {
      const e = m.exact ?? '';
      const lower = asciiLower(e);
      return {
        match: ignoreCase ? (v) => asciiEqualsFolded(v, lower) : (v) => v === e,
        description: `exact ${quote(e)}${ic}`,
        exact: true,
      };
    }
    case 'prefix': {
      const p = nonEmpty(m.prefix, `${path}.prefix`, 'prefix');
      const lower = asciiLower(p);
      return {
        match: ignoreCase ? (v) => asciiStartsWithFolded(v, lower) : (v) => v.startsWith(p),
        description: `prefix ${quote(p)}${ic}`,
        exact: false,
      };
    }
    case 'suffix': {
      const s = nonEmpty(m.suffix, `${path}.suffix`, 'suffix');
      const lower = asciiLower(s);
      return {
        match: ignoreCase ? (v) => asciiEndsWithFolded(v, lower) : (v) => v.endsWith(s),
        description: `suffix ${quote(s)}${ic}`,
        exact: false,
      };
    }
    case 'contains': {
      const c = nonEmpty(m.contains, `${path}.contains`, 'contains');
      const lower = asciiLower(c);
      return {
        match: ignoreCase ? (v) => asciiContainsFolded(v, lower) : (v) => v.includes(c),
        description: `contains ${quote(c)}${ic}`,
        exact: false,
      };
    }
    case 'safe_regex': {
      if (ignoreCase) {
        throw new XdsMatchError(`${path}.ignore_case`, 'ignore_case has no effect for safe_regex');
      }
      const re = compileRegexMatcher(m.safe_regex, `${path}.safe_regex`);
      return {
        match: (v) => re.matches(v),
        description: `regex ${quote(m.safe_regex?.regex ?? '')}`,
        exact: false,
      };
    }
    case 'custom':
      throw new XdsMatchError(`${path}.custom`, 'custom string matcher extensions are not supported');
    default:
      throw new XdsMatchError(path, 'one of exact, prefix, suffix, contains or safe_regex must be set');
  }
}

/** Plain form: compiles `m` (RE2 patterns are cached) and matches `value`. */
export function matchString(m: StringMatcher, value: string): boolean {
  return compileStringMatcher(m, 'string_match').match(value);
}
