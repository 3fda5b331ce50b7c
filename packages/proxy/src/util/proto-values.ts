// Readers of protobuf well-known values in the codec's object form: Duration (to ms), BoolValue and UInt32Value
// (the presence of a wrapper matters: a decoded BoolValue false or UInt32Value 0 is `{}`). Durations are returned
// in milliseconds, undefined when absent, so callers can tell "unset" from 0 (which often means "disabled").
import type { Duration } from '@minimesh/model/xds';

/** Milliseconds of `d` (fractions kept), or undefined when `d` is unset. */
export function durationToMs(d: Duration | null | undefined): number | undefined {
  if (d === undefined || d === null) return undefined;
  const seconds = d.seconds === undefined || d.seconds === null ? 0 : Number(String(d.seconds));
  return seconds * 1000 + (d.nanos ?? 0) / 1e6;
}

/**
 * A google.protobuf.BoolValue: `fallback` when unset. A decoded BoolValue holding false is `{}` (proto3 omits the
 * default), so presence, not `value !== false`, tells it apart from unset.
 */
export function boolValue(v: { value?: boolean } | null | undefined, fallback: boolean): boolean {
  return v === undefined || v === null ? fallback : v.value === true;
}

/** A google.protobuf.UInt32Value: `fallback` when unset; a decoded 0 is `{}`, so presence means 0 when value is absent. */
export function uint32Value(v: { value?: number } | null | undefined, fallback: number): number {
  return v === undefined || v === null ? fallback : (v.value ?? 0);
}
