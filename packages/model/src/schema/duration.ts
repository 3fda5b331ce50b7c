// Istio durations are Go duration strings ("1.5s", "10ms", "1h30m", "300us"), as its CRDs validate them with
// CEL's duration(). A bare "0" is zero. Values here are in nanoseconds (a number: exact below 2^53 ns, 104 days).

const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const TERM = /([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/y;

/** Parses a Go duration into nanoseconds, or returns undefined when the text is not one. */
export function parseDurationNs(text: string): number | undefined {
  if (text === '0') return 0;
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '') return undefined;
  let total = 0;
  TERM.lastIndex = 0;
  let pos = 0;
  while (pos < s.length) {
    TERM.lastIndex = pos;
    const m = TERM.exec(s);
    if (!m || m.index !== pos) return undefined;
    const num = m[1] ?? '';
    if (num === '' || num === '.') return undefined;
    total += Number(num) * (UNIT_NS[m[2] ?? ''] ?? Number.NaN);
    pos = TERM.lastIndex;
  }
  return Number.isFinite(total) ? sign * Math.round(total) : undefined;
}

/** Milliseconds of a valid Go duration (fractions kept), or undefined. */
export function parseDurationMs(text: string): number | undefined {
  const ns = parseDurationNs(text);
  return ns === undefined ? undefined : ns / 1e6;
}

/** A protobuf Duration `{ seconds, nanos }` (seconds as a string, as the xDS types carry 64-bit integers). */
export function durationToProto(ns: number): { seconds: string; nanos: number } {
  const seconds = Math.trunc(ns / 1e9);
  return { seconds: String(seconds), nanos: Math.round(ns - seconds * 1e9) };
}

/** Formats nanoseconds as the shortest Go duration string ("1.5s", "250ms", "0s"). */
export function formatDurationNs(ns: number): string {
  if (ns === 0) return '0s';
  const units: [string, number][] = [
    ['h', 3600e9],
    ['m', 60e9],
    ['s', 1e9],
    ['ms', 1e6],
    ['us', 1e3],
    ['ns', 1],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(ns) >= size && Number.isInteger((ns / size) * 1000)) return `${ns / size}${unit}`;
  }
  return `${ns}ns`;
}
