// Reading proto values the simulator reports: Durations (any of proto-loader's input forms) as text, and
// FractionalPercents as percentages. Absent means what Envoy reads for an absent field.
import { type Duration, type FractionalPercent, formatDuration, fractionDenominator } from '@minimesh/model';

/** A Duration as proto3 JSON text (`7s`, `1.500s`, `0s`); undefined when absent. */
export function durationText(d: Duration | null | undefined): string | undefined {
  if (d === undefined || d === null) return undefined;
  const s = d.seconds;
  let seconds: bigint;
  if (s === undefined || s === null) seconds = 0n;
  else if (typeof s === 'number') seconds = BigInt(Math.trunc(s));
  else if (typeof s === 'string') seconds = BigInt(s);
  else {
    const raw = (BigInt(s.high >>> 0) << 32n) | BigInt(s.low >>> 0);
    seconds = s.unsigned ? raw : BigInt.asIntN(64, raw);
  }
  return formatDuration({ seconds, nanos: d.nanos ?? 0 });
}

/** A FractionalPercent in percent (`{ numerator: 1000, denominator: MILLION }` is 0.1); absent is 0. */
export function percentOf(p: FractionalPercent | null | undefined): number {
  if (p === undefined || p === null) return 0;
  return ((p.numerator ?? 0) * 100) / fractionDenominator(p.denominator);
}
