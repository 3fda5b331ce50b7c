// Text forms of google.protobuf.Duration and Timestamp in proto3 JSON, and builders of their object forms.
// Duration text: seconds with 0, 3, 6 or 9 fractional digits and an "s" ("5s", "0.250s", "-1.000000001s").
// Timestamp text: RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits ("2024-05-01T12:00:00.500Z").
import type { Duration } from '../generated/types/google/protobuf/Duration.js';
import type { Timestamp } from '../generated/types/google/protobuf/Timestamp.js';

/** Largest |seconds| of a Duration: 10,000 years. */
export const DURATION_MAX_SECONDS = 315_576_000_000n;
/** Timestamp range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z, in seconds since the epoch. */
export const TIMESTAMP_MIN_SECONDS = -62_135_596_800n;
export const TIMESTAMP_MAX_SECONDS = 253_402_300_799n;

/** A (seconds, nanos) pair as protobuf stores Duration and Timestamp. */
export interface SecondsNanos {
  readonly seconds: bigint;
  readonly nanos: number;
}

/** Nanoseconds as 0, 3, 6 or 9 digits after the point: the shortest of those that is exact. */
function fraction(nanos: number): string {
  if (nanos === 0) return '';
  const digits = String(nanos).padStart(9, '0');
  if (digits.endsWith('000000')) return `.${digits.slice(0, 3)}`;
  if (digits.endsWith('000')) return `.${digits.slice(0, 6)}`;
  return `.${digits}`;
}

/** Why a Duration is out of range, or undefined. */
export function durationProblem({ seconds, nanos }: SecondsNanos): string | undefined {
  if (seconds > DURATION_MAX_SECONDS || seconds < -DURATION_MAX_SECONDS) {
    return `a Duration holds at most ±${DURATION_MAX_SECONDS} seconds, got ${seconds}`;
  }
  if (!Number.isInteger(nanos) || nanos > 999_999_999 || nanos < -999_999_999) {
    return `a Duration's nanos must be a whole number within ±999999999, got ${nanos}`;
  }
  if ((seconds > 0n && nanos < 0) || (seconds < 0n && nanos > 0)) {
    return `a Duration's seconds and nanos must have the same sign, got ${seconds} and ${nanos}`;
  }
  return undefined;
}

/** "1.500s" for { seconds: 1, nanos: 500000000 }; the caller checks the range first. */
export function formatDuration({ seconds, nanos }: SecondsNanos): string {
  const negative = seconds < 0n || nanos < 0;
  const whole = seconds < 0n ? -seconds : seconds;
  return `${negative ? '-' : ''}${whole}${fraction(Math.abs(nanos))}s`;
}

/** The Duration that proto3 JSON text names, or undefined when the text is not one (or out of range). */
export function parseDuration(text: string): SecondsNanos | undefined {
  const m = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/.exec(text);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const whole = BigInt(m[2] ?? '0');
  const nanos = Number((m[3] ?? '').padEnd(9, '0'));
  const value = { seconds: sign < 0 ? -whole : whole, nanos: sign < 0 && nanos !== 0 ? -nanos : nanos };
  return durationProblem(value) === undefined ? value : undefined;
}

/** Why a Timestamp is out of range, or undefined. */
export function timestampProblem({ seconds, nanos }: SecondsNanos): string | undefined {
  if (seconds < TIMESTAMP_MIN_SECONDS || seconds > TIMESTAMP_MAX_SECONDS) {
    return `a Timestamp must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z, got ${seconds} seconds`;
  }
  if (!Number.isInteger(nanos) || nanos < 0 || nanos > 999_999_999) {
    return `a Timestamp's nanos must be a whole number from 0 to 999999999, got ${nanos}`;
  }
  return undefined;
}

/** "2024-05-01T12:00:00.500Z"; the caller checks the range first. */
export function formatTimestamp({ seconds, nanos }: SecondsNanos): string {
  const iso = new Date(Number(seconds) * 1000).toISOString();
  return `${iso.slice(0, 19)}${fraction(nanos)}Z`;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** The Timestamp that RFC 3339 text names (any offset; proto3 JSON parsers accept them), or undefined. */
export function parseTimestamp(text: string): SecondsNanos | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  // Date rolls invalid fields over (February 30 becomes March 2); such text is not a timestamp.
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    date.getUTCHours() !== hour ||
    date.getUTCMinutes() !== minute ||
    date.getUTCSeconds() !== second
  ) {
    return undefined;
  }
  const offsetMinutes = m[8] ? (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10])) : 0;
  if (Number(m[9] ?? 0) > 23 || Number(m[10] ?? 0) > 59) return undefined;
  const value = {
    seconds: BigInt(date.getTime() / 1000 - offsetMinutes * 60),
    nanos: Number((m[7] ?? '').padEnd(9, '0')),
  };
  return timestampProblem(value) === undefined ? value : undefined;
}

/** The canonical object form (no zero fields) of a Duration or Timestamp. */
export function secondsNanosObject({ seconds, nanos }: SecondsNanos): { seconds?: string; nanos?: number } {
  return { ...(seconds !== 0n && { seconds: String(seconds) }), ...(nanos !== 0 && { nanos }) };
}

/** A Duration of a whole number of milliseconds, in canonical object form ("250" -> { nanos: 250000000 }). */
export function durationFromMs(ms: number): Duration {
  if (!Number.isSafeInteger(ms)) throw new RangeError(`expected whole milliseconds, got ${ms}`);
  const seconds = BigInt(Math.trunc(ms / 1000));
  return secondsNanosObject({ seconds, nanos: (ms % 1000) * 1_000_000 });
}

/** The Timestamp of a Date (millisecond precision), in canonical object form. */
export function timestampFromDate(date: Date): Timestamp {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('expected a valid Date');
  const seconds = Math.floor(ms / 1000);
  return secondsNanosObject({ seconds: BigInt(seconds), nanos: (ms - seconds * 1000) * 1_000_000 });
}
