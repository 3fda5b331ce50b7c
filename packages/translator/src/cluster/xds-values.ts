// Small builders for the protobuf well-known values the Envoy input types carry: Durations in canonical form
// (zero fields left out, as the codec decodes them), google.protobuf.Struct / Value (camelCase oneof names, as
// the generated types have them) and the wrapper messages.
import {
  type Duration,
  durationToProto,
  type ProtoValue,
  parseDurationNs,
  type Struct,
} from '@minimesh/model';

/** A Duration of `ns` nanoseconds with zero fields left out (`{}` is 0s). */
export function durationNs(ns: number): Duration {
  const { seconds, nanos } = durationToProto(ns);
  return { ...(seconds !== '0' && { seconds }), ...(nanos !== 0 && { nanos }) };
}

/** A Duration of whole or fractional milliseconds. */
export function durationMs(ms: number): Duration {
  return durationNs(Math.round(ms * 1e6));
}

/**
 * The Duration of an Istio duration string ("1s", "500ms"), or undefined when it does not parse (the loader
 * validated it, so that only happens for configs built in code).
 */
export function durationOf(text: string | undefined): Duration | undefined {
  if (text === undefined) return undefined;
  const ns = parseDurationNs(text);
  return ns === undefined ? undefined : durationNs(ns);
}

/** Whole seconds of an Istio duration string (Istio's `uint32(d.Seconds)` truncation), or undefined. */
export function wholeSecondsOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ns = parseDurationNs(text);
  return ns === undefined ? undefined : Math.trunc(ns / 1e9);
}

export function stringValue(value: string): ProtoValue {
  return { stringValue: value };
}

export function boolValue(value: boolean): ProtoValue {
  return { boolValue: value };
}

export function listValue(values: ProtoValue[]): ProtoValue {
  return { listValue: { values } };
}

/** A Struct from plain string/bool/Value fields; keys keep their insertion order. */
export function structOf(fields: Record<string, string | boolean | ProtoValue>): Struct {
  const out: Record<string, ProtoValue> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = typeof v === 'string' ? stringValue(v) : typeof v === 'boolean' ? boolValue(v) : v;
  }
  return { fields: out };
}

export function structValue(fields: Record<string, string | boolean | ProtoValue>): ProtoValue {
  return { structValue: structOf(fields) };
}
