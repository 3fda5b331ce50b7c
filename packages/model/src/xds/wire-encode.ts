// The object form of the generated types to protobuf bytes. Callers check the value first (strict-check.ts): this
// module assumes every key is a field and every value fits its type. Output is deterministic, as protobuf's
// deterministic serialization: fields by ascending number, map entries by key, repeated scalars packed, and plain
// proto3 scalars at their default value left out.
import protobuf from 'protobufjs';
import {
  enumNumber,
  enumTypeOf,
  fieldsInOrder,
  mapKeyType,
  messageTypeOf,
  tracksPresence,
  wellKnown,
} from './proto-root.js';
import {
  is64Bit,
  isDefaultScalar,
  isPackable,
  isPlainObject,
  objectBytes,
  scalarWireType,
  toBigInt,
  toDouble,
} from './scalars.js';
import { typeOfUrl } from './wire-decode.js';

type ObjectForm = Record<string, unknown>;

/** Bytes of a checked object-form value of `type`. */
export function encodeType(type: protobuf.Type, value: ObjectForm): Uint8Array {
  const w = protobuf.Writer.create();
  writeMessage(w, type, value);
  return w.finish();
}

/** The type URL and payload bytes of a checked Any written with `@type`. */
export function encodeAnyPayload(value: ObjectForm): { typeUrl: string; bytes: Uint8Array } {
  const typeUrl = String(value['@type']);
  const embedded = typeOfUrl(typeUrl);
  if (embedded === undefined) throw new RangeError(`unchecked Any: unknown type URL ${typeUrl}`);
  const w = protobuf.Writer.create();
  if (wellKnown(embedded) === 'Any' && isPlainObject(value.value)) writeMessage(w, embedded, value.value);
  else writeFields(w, embedded, value);
  return { typeUrl, bytes: w.finish() };
}

function tag(id: number, wire: number): number {
  return ((id << 3) | wire) >>> 0;
}

function writeMessage(w: protobuf.Writer, type: protobuf.Type, value: ObjectForm): void {
  if (wellKnown(type) === 'Any' && Object.hasOwn(value, '@type')) {
    const { typeUrl, bytes } = encodeAnyPayload(value);
    w.uint32(tag(1, 2)).string(typeUrl);
    if (bytes.length > 0) w.uint32(tag(2, 2)).bytes(bytes);
    return;
  }
  writeFields(w, type, value);
}

function writeFields(w: protobuf.Writer, type: protobuf.Type, value: ObjectForm): void {
  for (const field of fieldsInOrder(type)) {
    if (!Object.hasOwn(value, field.name)) continue;
    const v = value[field.name];
    if (v === undefined || v === null) continue;
    if (field.map) writeMap(w, field, v as ObjectForm);
    else if (field.repeated) writeRepeated(w, field, v as unknown[]);
    else if (tracksPresence(field) || !isDefault(field, v)) writeSingle(w, field, v);
  }
}

function isDefault(field: protobuf.Field, v: unknown): boolean {
  const enumType = enumTypeOf(field);
  if (enumType) return (typeof v === 'string' ? enumNumber(enumType, v) : v) === 0;
  return isDefaultScalar(field.type, v);
}

function wireOf(field: protobuf.Field): number {
  if (messageTypeOf(field)) return 2;
  return enumTypeOf(field) ? 0 : scalarWireType(field.type);
}

function writeSingle(w: protobuf.Writer, field: protobuf.Field, v: unknown): void {
  w.uint32(tag(field.id, wireOf(field)));
  writeValue(w, field, v);
}

/** The value alone (no tag): a length-delimited message, an enum number, or a scalar. */
function writeValue(w: protobuf.Writer, field: protobuf.Field, v: unknown): void {
  const messageType = messageTypeOf(field);
  if (messageType) {
    w.fork();
    writeMessage(w, messageType, v as ObjectForm);
    w.ldelim();
    return;
  }
  const enumType = enumTypeOf(field);
  if (enumType) {
    w.int32(typeof v === 'string' ? (enumNumber(enumType, v) ?? 0) : Number(v));
    return;
  }
  writeScalar(w, field.type, v);
}

function writeRepeated(w: protobuf.Writer, field: protobuf.Field, list: readonly unknown[]): void {
  if (list.length === 0) return;
  if (enumTypeOf(field) !== undefined || isPackable(field.type)) {
    w.uint32(tag(field.id, 2)).fork();
    for (const v of list) writeValue(w, field, v);
    w.ldelim();
    return;
  }
  for (const v of list) writeSingle(w, field, v);
}

function writeMap(w: protobuf.Writer, field: protobuf.Field, map: ObjectForm): void {
  const keyType = mapKeyType(field) ?? 'string';
  const keys = Object.keys(map).filter((k) => map[k] !== undefined);
  // Deterministic order: numeric keys by value, text keys by code unit.
  if (keyType === 'string' || keyType === 'bool') keys.sort();
  else keys.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
  for (const key of keys) {
    w.uint32(tag(field.id, 2)).fork();
    w.uint32(tag(1, scalarWireType(keyType)));
    writeScalar(w, keyType, mapKeyValue(keyType, key));
    w.uint32(tag(2, wireOf(field)));
    writeValue(w, field, map[key]);
    w.ldelim();
  }
}

/** The typed value of a map key, which the object form always spells as text. */
function mapKeyValue(keyType: string, key: string): unknown {
  if (keyType === 'string' || is64Bit(keyType)) return key;
  return keyType === 'bool' ? key === 'true' : Number(key);
}

function writeScalar(w: protobuf.Writer, type: string, v: unknown): void {
  if (is64Bit(type)) {
    // protobufjs takes the bits from a decimal string; the signed spelling of the same 64 bits always fits.
    const bits = BigInt.asIntN(64, toBigInt(v) ?? 0n).toString();
    switch (type) {
      case 'int64':
        w.int64(bits);
        return;
      case 'uint64':
        w.uint64(bits);
        return;
      case 'sint64':
        w.sint64(bits);
        return;
      case 'fixed64':
        w.fixed64(bits);
        return;
      default:
        w.sfixed64(bits);
        return;
    }
  }
  switch (type) {
    case 'double':
      w.double(toDouble(v) ?? 0);
      return;
    case 'float':
      w.float(toDouble(v) ?? 0);
      return;
    case 'bool':
      w.bool(v === true);
      return;
    case 'string':
      w.string(String(v));
      return;
    case 'bytes':
      w.bytes(objectBytes(v) ?? new Uint8Array(0));
      return;
    case 'int32':
      w.int32(Number(v));
      return;
    case 'uint32':
      w.uint32(Number(v));
      return;
    case 'sint32':
      w.sint32(Number(v));
      return;
    case 'fixed32':
      w.fixed32(Number(v));
      return;
    default:
      w.sfixed32(Number(v));
      return;
  }
}
