// 64-bit integers as Envoy reads them (absl::SimpleAtoi), proto int64 fields in proto-loader's input form, and the
// caller-supplied random value (Envoy's per-stream uint64) used by runtime fractions and weighted clusters.
import type { Long } from '../generated/long.js';
import { XdsMatchError } from './match-result.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** absl's ascii_isspace: space, \t, \n, \v, \f, \r. */
function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** The text between absl's sign-and-digits rules: optional surrounding ASCII whitespace, optional sign, digits. */
function parseDecimal(text: string, allowMinus: boolean): bigint | undefined {
  let start = 0;
  let end = text.length;
  while (start < end && isAsciiSpace(text.charCodeAt(start))) start++;
  while (end > start && isAsciiSpace(text.charCodeAt(end - 1))) end--;
  let negative = false;
  const sign = text.charCodeAt(start);
  if (sign === 43 /* + */ || sign === 45 /* - */) {
    negative = sign === 45;
    if (negative && !allowMinus) return undefined;
    start++;
  }
  if (start >= end) return undefined;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const magnitude = BigInt(text.slice(start, end));
  return negative ? -magnitude : magnitude;
}

/** absl::SimpleAtoi into int64_t. Undefined when `text` is not a base-10 integer or is outside int64. */
export function parseInt64(text: string): bigint | undefined {
  const n = parseDecimal(text, true);
  return n === undefined || n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/** absl::SimpleAtoi into uint64_t. Undefined when `text` is not a base-10 integer or is outside uint64. */
export function parseUint64(text: string): bigint | undefined {
  const n = parseDecimal(text, false);
  return n === undefined || n > UINT64_MAX ? undefined : n;
}

/** An int64 field as proto-loader accepts it (number, decimal string, or Long); absent reads as 0. */
export function int64Of(v: number | string | Long | null | undefined, path: string): bigint {
  if (v === undefined || v === null) return 0n;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new XdsMatchError(path, `expected an integer, got ${v}`);
    return BigInt(v);
  }
  if (typeof v === 'string') {
    const n = /^[+-]?[0-9]+$/.test(v) ? parseInt64(v) : undefined;
    if (n === undefined) throw new XdsMatchError(path, `expected a 64-bit integer, got ${JSON.stringify(v)}`);
    return n;
  }
  const raw = (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0);
  return v.unsigned ? raw : BigInt.asIntN(64, raw);
}

/**
 * The random value a caller passes (Envoy uses the stream id, a uint64): a non-negative safe integer, or a bigint
 * in [0, 2^64).
 */
export type RandomValue = number | bigint;

/** Throws RangeError unless `random` is a valid RandomValue. */
export function checkRandom(random: RandomValue): void {
  const ok =
    typeof random === 'bigint'
      ? random >= 0n && random <= UINT64_MAX
      : Number.isSafeInteger(random) && random >= 0;
  if (!ok) throw new RangeError(`random must be an integer in [0, 2^64), got ${String(random)}`);
}

/** `random % modulus` for a positive safe-integer modulus; exact for every RandomValue. */
export function randomModulo(random: RandomValue, modulus: number): number {
  return typeof random === 'bigint' ? Number(random % BigInt(modulus)) : random % modulus;
}
