// User regular expressions are RE2, as Envoy's safe_regex requires. JavaScript's RegExp is never used for them:
// it accepts syntax RE2 rejects (lookaround, backreferences) and can take exponential time.
import { RE2JS } from 're2js';

const cache = new Map<string, RE2JS>();
const CACHE_LIMIT = 4096;

/** Compiles an RE2 pattern (cached). Throws RE2JS's syntax exception when it does not compile. */
export function compileRe2(pattern: string): RE2JS {
  let re = cache.get(pattern);
  if (re === undefined) {
    re = RE2JS.compile(pattern);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

/** Undefined when the pattern is valid RE2, else the reason it is not. */
export function re2Error(pattern: string): string | undefined {
  try {
    compileRe2(pattern);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** True when the whole of `text` matches the RE2 pattern (Envoy's safe_regex semantics: full match). */
export function re2FullMatch(pattern: string, text: string): boolean {
  return compileRe2(pattern).matches(text);
}
