// Protobuf scalar types: their wire types, their ranges, and the values the object form accepts for them.
// Object form (the generated types): 64-bit integers as decimal strings (numbers and Long objects accepted),
// 32-bit integers as numbers, floats as numbers (or "NaN"/"Infinity"/"-Infinity"), bytes as Buffer/Uint8Array
// (base64 strings accepted), enums as value names (numbers accepted).

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
const UINT32_MAX = 0xffffffff;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
/** Largest finite float32. */
const FLOAT_MAX = 3.4028234663852886e38;

/** Wire types: 0 varint, 1 fixed 64-bit, 2 length-delimited, 5 fixed 32-bit. */
export type WireType = 0 | 1 | 2 | 5;

const WIRE_TYPES: Readonly<Record<string, WireType>> = {
  int32: 0,
  int64: 0,
  uint32: 0,
  uint64: 0,
  sint32: 0,
  sint64: 0,
  bool: 0,
  fixed64: 1,
  sfixed64: 1,
  double: 1,
  fixed32: 5,
  sfixed32: 5,
  float: 5,
  string: 2,
  bytes: 2,
};

/** Wire type of a scalar type name; enums use varint, messages length-delimited. */
export function scalarWireType(type: string): WireType {
  return Object.hasOwn(WIRE_TYPES, type) ? (WIRE_TYPES[type] as WireType) : 2;
}

/** Scalars that a repeated field packs (proto3 default): every numeric type and bool. */
export function isPackable(type: string): boolean {
  return type !== 'string' && type !== 'bytes' && Object.hasOwn(WIRE_TYPES, type);
}

export function is64Bit(type: string): boolean {
  return (
    type === 'int64' || type === 'uint64' || type === 'sint64' || type === 'fixed64' || type === 'sfixed64'
  );
}

function isUnsigned(type: string): boolean {
  return type === 'uint32' || type === 'uint64' || type === 'fixed32' || type === 'fixed64';
}

interface LongLike {
  low: number;
  high: number;
  unsigned?: boolean;
}

function isLongLike(value: unknown): value is LongLike {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<LongLike>;
  return typeof v.low === 'number' && typeof v.high === 'number';
}

/** The exact integer of a 64-bit object-form value (decimal string, safe integer, Long), or undefined. */
export function toBigInt(value: unknown): bigint | undefined {
  if (typeof value === 'string') return /^-?\d+$/.test(value) ? BigInt(value) : undefined;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : undefined;
  if (isLongLike(value)) {
    const bits = (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
    return value.unsigned === true ? bits : BigInt.asIntN(64, bits);
  }
  return undefined;
}

/** Why an integer is out of the type's range, or undefined when it fits. */
export function integerRangeProblem(type: string, value: bigint): string | undefined {
  const [min, max] = is64Bit(type)
    ? isUnsigned(type)
      ? [0n, UINT64_MAX]
      : [INT64_MIN, INT64_MAX]
    : isUnsigned(type)
      ? [0n, BigInt(UINT32_MAX)]
      : [BigInt(INT32_MIN), BigInt(INT32_MAX)];
  return value < min || value > max ? `expected a ${type} from ${min} to ${max}, got ${value}` : undefined;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64_LENIENT = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Bytes of base64 text: standard or URL-safe alphabet, padding optional (as proto3 JSON parsers accept). */
export function base64ToBytes(text: string): Buffer | undefined {
  if (!BASE64_LENIENT.test(text)) return undefined;
  const bare = text.replace(/=+$/, '');
  if (bare.length % 4 === 1) return undefined;
  return Buffer.from(bare.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** Standard padded base64 (what protobuf's JSON printer writes). */
export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Bytes of an object-form bytes value (Uint8Array/Buffer, or canonical padded base64 text). */
export function objectBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string' && BASE64.test(value)) return Buffer.from(value, 'base64');
  return undefined;
}

const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);

/** The number of an object-form float/double (numbers, numeric text, "NaN", "Infinity", "-Infinity"). */
export function toDouble(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  if (NON_FINITE.has(value)) return Number(value);
  return /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(value) ? Number(value) : undefined;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why an object-form value is not valid for a scalar type, or undefined when it is. Enums are checked by the
 * caller (they need the enum type).
 */
export function scalarProblem(type: string, value: unknown): string | undefined {
  switch (type) {
    case 'string':
      if (typeof value !== 'string') return `expected a string, got ${describe(value)}`;
      return LONE_SURROGATE.test(value)
        ? 'expected a string of valid Unicode, got a lone UTF-16 surrogate'
        : undefined;
    case 'bool':
      return typeof value === 'boolean' ? undefined : `expected true or false, got ${describe(value)}`;
    case 'bytes':
      return objectBytes(value) !== undefined
        ? undefined
        : `expected bytes (a Buffer, a Uint8Array or padded base64 text), got ${describe(value)}`;
    case 'double':
    case 'float': {
      const n = toDouble(value);
      if (n === undefined) return `expected a number, got ${describe(value)}`;
      return type === 'float' && Number.isFinite(n) && Math.abs(n) > FLOAT_MAX
        ? `expected a float within ±${FLOAT_MAX}, got ${n}`
        : undefined;
    }
    default: {
      if (is64Bit(type)) {
        const big = toBigInt(value);
        if (big === undefined) {
          return typeof value === 'number' && Number.isInteger(value)
            ? `expected a ${type}, got ${value}, which a number cannot hold exactly: write it as a decimal string`
            : `expected a ${type} (a decimal string), got ${describe(value)}`;
        }
        return integerRangeProblem(type, big);
      }
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        return `expected a whole number (${type}), got ${describe(value)}`;
      }
      return integerRangeProblem(type, BigInt(value));
    }
  }
}

/** True when a valid object-form scalar equals its type's default (0, false, "", empty bytes). */
export function isDefaultScalar(type: string, value: unknown): boolean {
  switch (type) {
    case 'string':
      return value === '';
    case 'bool':
      return value === false;
    case 'bytes':
      return (objectBytes(value)?.length ?? 0) === 0;
    case 'double':
    case 'float':
      return Object.is(toDouble(value), 0);
    default:
      return is64Bit(type) ? toBigInt(value) === 0n : value === 0;
  }
}

/** The shortest decimal that reads back as the same float32 (how protobuf prints float fields). */
export function shortestFloat32(value: number): number {
  const f = Math.fround(value);
  if (!Number.isFinite(f) || f === 0) return f;
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(f.toPrecision(digits));
    if (Math.fround(candidate) === f) return candidate;
  }
  return f;
}

/** A short description of a value for messages: its JSON text, or its kind. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'bytes';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string': {
      const text = JSON.stringify(value);
      return text.length > 40 ? `${text.slice(0, 37)}..."` : text;
    }
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n (a bigint)`;
    default:
      return typeof value;
  }
}

/** A plain object (not null, not an array, not bytes). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}
