// ASCII-only case folding and the quoting used in traces. Envoy folds case with absl's ASCII helpers: only A-Z
// and a-z are equivalent; every other UTF-16 code unit (non-ASCII letters included) compares exactly.

const UPPER_A = 65;
const UPPER_Z = 90;
const FOLD = 32;

/** absl::AsciiStrToLower: A-Z become a-z, nothing else changes. Returns `s` itself when it has no A-Z. */
export function asciiLower(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= UPPER_A && c <= UPPER_Z) {
      return s.replace(/[A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + FOLD));
    }
  }
  return s;
}

/** True when `value` holds `lower` at `offset`, A-Z read as a-z. `lower` is already ASCII-lowercased. */
function foldedAt(value: string, offset: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    let c = value.charCodeAt(offset + i);
    if (c >= UPPER_A && c <= UPPER_Z) c += FOLD;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** absl::EqualsIgnoreCase with the expected side pre-lowered. */
export function asciiEqualsFolded(value: string, lower: string): boolean {
  return value.length === lower.length && foldedAt(value, 0, lower);
}

/** absl::StartsWithIgnoreCase with the prefix pre-lowered. */
export function asciiStartsWithFolded(value: string, lowerPrefix: string): boolean {
  return value.length >= lowerPrefix.length && foldedAt(value, 0, lowerPrefix);
}

/** absl::EndsWithIgnoreCase with the suffix pre-lowered. */
export function asciiEndsWithFolded(value: string, lowerSuffix: string): boolean {
  return (
    value.length >= lowerSuffix.length && foldedAt(value, value.length - lowerSuffix.length, lowerSuffix)
  );
}

/** Envoy's ignore_case contains: the value is lowered, then searched for the pre-lowered needle. */
export function asciiContainsFolded(value: string, lowerNeedle: string): boolean {
  return asciiLower(value).includes(lowerNeedle);
}

/** A value as traces show it: JSON string syntax, so quotes, backslashes and control characters are escaped. */
export function quote(s: string): string {
  return JSON.stringify(s);
}
