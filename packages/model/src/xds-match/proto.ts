// Reading proto-loader's input form (--keepCase --oneofs): a oneof is a set of optional fields plus an optional
// discriminator naming the set one; wrappers (BoolValue, UInt32Value) are `{ value }` objects or absent.

/**
 * The member of a oneof that is set: the one the discriminator names when that member is present, else the first
 * member (in `members` order) whose value is neither undefined nor null. Undefined when none is set.
 */
export function oneofCase<T extends object, K extends keyof T & string>(
  obj: T,
  discriminator: keyof T,
  members: readonly K[],
): K | undefined {
  const named = obj[discriminator];
  if (typeof named === 'string') {
    for (const m of members) {
      if (m === named && obj[m] !== undefined && obj[m] !== null) return m;
    }
  }
  for (const m of members) {
    if (obj[m] !== undefined && obj[m] !== null) return m;
  }
  return undefined;
}

/** A google.protobuf.BoolValue: `fallback` when the wrapper is absent, its value (default false) when present. */
export function boolValue(w: { value?: boolean } | null | undefined, fallback: boolean): boolean {
  return w === undefined || w === null ? fallback : w.value === true;
}

/** A google.protobuf.UInt32Value: `fallback` when the wrapper is absent, its value (default 0) when present. */
export function uint32Value(w: { value?: number } | null | undefined, fallback: number): number {
  return w === undefined || w === null ? fallback : (w.value ?? 0);
}
