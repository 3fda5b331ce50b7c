// The proto3 JSON form Envoy's admin /config_dump prints (protobuf's JSON printer with preserved proto field
// names): fields in field-number order under their proto names, plain proto3 scalars at their default left out,
// 64-bit integers as strings, enums as names, bytes as base64, Duration as "1.500s", Timestamp as RFC 3339,
// wrappers as bare values, Struct/Value/ListValue as plain JSON, an Any as { "@type": url, ...fields } (or
// { "@type": url, "value": ... } when it holds a well-known type with a JSON form of its own).
import type protobuf from 'protobufjs';
import { formatPath } from '../errors/diagnostic.js';
import { CodecError, CodecErrorCode } from '../errors/model-error.js';
import type { EncodeInput } from './codec.js';
import type { PathSegment } from './issues.js';
import {
  enumName,
  enumNumber,
  enumTypeOf,
  fieldsInOrder,
  hasSpecialJson,
  lookupMessage,
  messageTypeOf,
  ownField,
  tracksPresence,
  wellKnown,
} from './proto-root.js';
import {
  bytesToBase64,
  is64Bit,
  isDefaultScalar,
  isPlainObject,
  objectBytes,
  shortestFloat32,
  toBigInt,
  toDouble,
} from './scalars.js';
import { assertType } from './strict-check.js';
import {
  durationProblem,
  formatDuration,
  formatTimestamp,
  type SecondsNanos,
  timestampProblem,
} from './well-known.js';
import { decodeType, typeOfUrl } from './wire-decode.js';
import { encodeType } from './wire-encode.js';

export { type FromJsonOptions, fromProto3Json } from './proto3-json-parse.js';

/** A JSON value. */
export type Proto3Json = null | boolean | number | string | Proto3Json[] | Proto3JsonObject;
/** A JSON object. */
export interface Proto3JsonObject {
  [key: string]: Proto3Json;
}

type ObjectForm = Record<string, unknown>;

/**
 * The proto3 JSON of an object-form value of the message `typeName`, exactly as Envoy prints it. The value is
 * checked strictly first (CodecError as `encode` throws); a Duration or Timestamp out of range, or a
 * google.protobuf.Value holding no kind or a non-finite number, is a CodecError InvalidValue.
 */
export function toProto3Json<K extends string>(typeName: K, value: EncodeInput<K>): Proto3Json {
  const type = lookupMessage(typeName);
  assertType(type, value);
  const json = printMessage(type, value as ObjectForm, []);
  if (json === undefined) throw invalid([], 'a google.protobuf.Value must hold one of its kinds');
  return json;
}

function invalid(path: readonly PathSegment[], message: string): CodecError {
  return new CodecError(CodecErrorCode.InvalidValue, formatPath(path), message);
}

/** JSON of a message, or undefined for a Value holding no kind (protobuf leaves those out). */
function printMessage(
  type: protobuf.Type,
  value: ObjectForm,
  path: readonly PathSegment[],
): Proto3Json | undefined {
  switch (wellKnown(type)) {
    case 'Any':
      return printAny(type, value, path);
    case 'Duration': {
      const d = secondsNanos(value);
      const problem = durationProblem(d);
      if (problem) throw invalid(path, problem);
      return formatDuration(d);
    }
    case 'Timestamp': {
      const t = secondsNanos(value);
      const problem = timestampProblem(t);
      if (problem) throw invalid(path, problem);
      return formatTimestamp(t);
    }
    case 'Wrapper': {
      const field = ownField(type, 'value');
      if (field === undefined) throw invalid(path, 'a wrapper type without a value field');
      const inner = value.value;
      return inner === undefined || inner === null ? scalarDefault(field) : printScalar(field, inner, path);
    }
    case 'Struct':
      return printFields(type, value, path).fields ?? {};
    case 'ListValue':
      return printFields(type, value, path).values ?? [];
    case 'Value':
      return printValue(type, value, path);
    default:
      return printFields(type, value, path);
  }
}

function secondsNanos(value: ObjectForm): SecondsNanos {
  return { seconds: toBigInt(value.seconds ?? 0) ?? 0n, nanos: Number(value.nanos ?? 0) };
}

function printValue(
  type: protobuf.Type,
  value: ObjectForm,
  path: readonly PathSegment[],
): Proto3Json | undefined {
  if (value.nullValue !== undefined && value.nullValue !== null) return null;
  const number = value.numberValue;
  if (number !== undefined && number !== null) {
    const n = toDouble(number) ?? Number.NaN;
    if (!Number.isFinite(n))
      throw invalid([...path, 'numberValue'], `a google.protobuf.Value cannot hold ${n}`);
    return n;
  }
  for (const kind of ['stringValue', 'boolValue', 'structValue', 'listValue'] as const) {
    const field = ownField(type, kind);
    const v = value[kind];
    if (field !== undefined && v !== undefined && v !== null) return printSingle(field, v, [...path, kind]);
  }
  return undefined;
}

/** A Value holding no kind: protobuf's printer drops it wherever it appears. */
function isEmptyValue(field: protobuf.Field, v: unknown): boolean {
  const messageType = messageTypeOf(field);
  if (messageType === undefined || wellKnown(messageType) !== 'Value' || !isPlainObject(v)) return false;
  return messageType.fieldsArray.every((f) => v[f.name] === undefined || v[f.name] === null);
}

function printFields(type: protobuf.Type, value: ObjectForm, path: readonly PathSegment[]): Proto3JsonObject {
  const out: Proto3JsonObject = {};
  for (const field of fieldsInOrder(type)) {
    if (!Object.hasOwn(value, field.name)) continue;
    const v = value[field.name];
    if (v === undefined || v === null) continue;
    const fieldPath = [...path, field.name];
    if (field.map) {
      const entries = Object.entries(v as ObjectForm).filter(
        ([, e]) => e !== undefined && !isEmptyValue(field, e),
      );
      if (entries.length === 0) continue;
      const map: Proto3JsonObject = {};
      for (const [key, entry] of entries) setJson(map, key, printSingle(field, entry, [...fieldPath, key]));
      out[field.name] = map;
    } else if (field.repeated) {
      const list = (v as unknown[]).filter((e) => !isEmptyValue(field, e));
      if (list.length === 0) continue;
      out[field.name] = list.map((e, i) => printSingle(field, e, [...fieldPath, i]));
    } else {
      if (isEmptyValue(field, v)) continue;
      if (!tracksPresence(field) && isDefault(field, v)) continue;
      out[field.name] = printSingle(field, v, fieldPath);
    }
  }
  return out;
}

function setJson(target: Proto3JsonObject, key: string, value: Proto3Json): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function isDefault(field: protobuf.Field, v: unknown): boolean {
  const enumType = enumTypeOf(field);
  if (enumType) return v === 0 || (typeof v === 'string' && enumNumber(enumType, v) === 0);
  return isDefaultScalar(field.type, v);
}

function printSingle(field: protobuf.Field, v: unknown, path: readonly PathSegment[]): Proto3Json {
  const messageType = messageTypeOf(field);
  if (messageType) {
    const json = printMessage(messageType, v as ObjectForm, path);
    if (json === undefined) throw invalid(path, 'a google.protobuf.Value must hold one of its kinds');
    return json;
  }
  return printScalar(field, v, path);
}

function printScalar(field: protobuf.Field, v: unknown, path: readonly PathSegment[]): Proto3Json {
  const enumType = enumTypeOf(field);
  if (enumType) {
    if (enumType.fullName === '.google.protobuf.NullValue') return null;
    return typeof v === 'string' ? v : (enumName(enumType, Number(v)) ?? Number(v));
  }
  const type = field.type;
  if (is64Bit(type)) return String(toBigInt(v) ?? 0n);
  switch (type) {
    case 'double':
    case 'float': {
      const n = toDouble(v);
      if (n === undefined) throw invalid(path, `expected a number`);
      if (!Number.isFinite(n)) return String(n);
      return type === 'float' ? shortestFloat32(n) : n;
    }
    case 'bytes':
      return bytesToBase64(objectBytes(v) ?? new Uint8Array(0));
    case 'string':
      return String(v);
    case 'bool':
      return v === true;
    default:
      return Number(v);
  }
}

/** The JSON of a wrapper left empty: its inner type's default. */
function scalarDefault(field: protobuf.Field): Proto3Json {
  if (is64Bit(field.type)) return '0';
  switch (field.type) {
    case 'string':
    case 'bytes':
      return '';
    case 'bool':
      return false;
    default:
      return 0;
  }
}

function printAny(type: protobuf.Type, value: ObjectForm, path: readonly PathSegment[]): Proto3JsonObject {
  if (!Object.hasOwn(value, '@type')) {
    const url = value.type_url;
    if ((url === undefined || url === '') && (objectBytes(value.value)?.length ?? 0) === 0) return {};
    // Packed: decode it to the object form, which writes the payload under @type.
    const unpacked = decodeType(type, encodeType(type, value));
    return printAny(type, unpacked, path);
  }
  const url = String(value['@type']);
  const embedded = typeOfUrl(url);
  if (embedded === undefined)
    throw new CodecError(CodecErrorCode.UnknownType, formatPath(path), `unknown type URL ${url}`);
  if (wellKnown(embedded) === 'Any') {
    const inner = isPlainObject(value.value) ? value.value : { type_url: value.type_url, value: value.value };
    return { '@type': url, value: printAny(embedded, inner, [...path, 'value']) };
  }
  if (hasSpecialJson(embedded)) {
    const json = printMessage(embedded, value, path);
    if (json === undefined) throw invalid(path, 'a google.protobuf.Value must hold one of its kinds');
    return { '@type': url, value: json };
  }
  return { '@type': url, ...printFields(embedded, value, path) };
}
