// Structural equality of two resource objects in the object form the model's codec encodes (plain objects,
// arrays, strings, numbers, booleans, bigints, null, byte arrays). Two distinct values that are equal here encode
// to the same bytes, so a snapshot may keep the encoding of the previous snapshot's equal resource instead of
// encoding it again. Anything else (class instances other than byte arrays, functions, symbols) is never equal
// to a distinct value: the caller then encodes, which is always correct, only slower.

/** Deepest nesting compared; deeper values are treated as different (and then encoded). */
const MAX_DEPTH = 64;

function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function same(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || typeof a !== 'object' || a === null || b === null) {
    // NaN equals NaN (same encoding); other distinct primitives differ.
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (depth > MAX_DEPTH) return false;
  const x = a as object;
  const y = b as object;
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!same(x[i], y[i], depth + 1)) return false;
    return true;
  }
  if (x instanceof Uint8Array) return y instanceof Uint8Array && sameBytes(x, y);
  if (Array.isArray(y) || !isPlain(x) || !isPlain(y)) return false;
  const xo = x as Record<string, unknown>;
  const yo = y as Record<string, unknown>;
  const keys = Object.keys(xo);
  if (keys.length !== Object.keys(yo).length) return false;
  for (const k of keys) {
    if (!Object.hasOwn(yo, k) || !same(xo[k], yo[k], depth + 1)) return false;
  }
  return true;
}

/** Whether two resource values have the same content (and hence the same encoding). */
export function sameValue(a: unknown, b: unknown): boolean {
  return same(a, b, 0);
}
