// Proto3 JSON to the object form of the generated types, as strictly as the codec: an unknown key, a value of the
// wrong type, an unknown enum name or Any type, or two members of one oneof are errors, collected with their
// paths. Field names may be the proto name or its lowerCamelCase JSON name. The result is canonical: plain proto3
// scalars at their default and empty lists and maps are left out, 64-bit integers are decimal strings, enums
// names, bytes Buffers.
import type protobuf from 'protobufjs';
import { CodecErrorCode } from '../errors/model-error.js';
import type { DecodeOutput } from './codec.js';
import { IssueList, type PathSegment, throwIfIssues } from './issues.js';
import {
  enumName,
  enumTypeOf,
  hasSpecialJson,
  jsonNameOf,
  lookupMessage,
  MAX_DEPTH,
  mapKeyType,
  messageTypeOf,
  ownField,
  tracksPresence,
  typeName,
  wellKnown,
} from './proto-root.js';
import {
  base64ToBytes,
  describe,
  integerRangeProblem,
  is64Bit,
  isDefaultScalar,
  isPlainObject,
  scalarProblem,
  toDouble,
} from './scalars.js';
import { enumProblem, mapKeyProblem, suggestField } from './strict-check.js';
import { parseDuration, parseTimestamp, secondsNanosObject } from './well-known.js';
import { setEntry, typeOfUrl } from './wire-decode.js';

export interface FromJsonOptions {
  /** Skip keys that name no field instead of failing (proto3 JSON's ignore_unknown_fields). Default false. */
  readonly ignoreUnknownFields?: boolean;
}

type ObjectForm = Record<string, unknown>;

/**
 * The object form of a parsed proto3 JSON value of the message `typeName`. Throws a CodecError naming the first
 * problem (with the count of the others; all of them in `cause`).
 */
export function fromProto3Json<K extends string>(
  typeName: K,
  json: unknown,
  options: FromJsonOptions = {},
): DecodeOutput<K> {
  const parser = new JsonParser(options);
  const value = parser.message(lookupMessage(typeName), json, [], 0);
  throwIfIssues(parser.issues);
  return value as DecodeOutput<K>;
}

const namesCache = new WeakMap<protobuf.Type, ReadonlyMap<string, protobuf.Field>>();

/** The field a JSON key names: by proto name or by lowerCamelCase JSON name. */
function fieldForKey(type: protobuf.Type, key: string): protobuf.Field | undefined {
  let names = namesCache.get(type);
  if (names === undefined) {
    const map = new Map<string, protobuf.Field>();
    for (const f of type.fieldsArray) map.set(jsonNameOf(f.name), f);
    for (const f of type.fieldsArray) map.set(f.name, f);
    names = map;
    namesCache.set(type, names);
  }
  return names.get(key);
}

function isValueField(field: protobuf.Field): boolean {
  const messageType = messageTypeOf(field);
  return messageType !== undefined && wellKnown(messageType) === 'Value';
}

const NULL_VALUE = { nullValue: 'NULL_VALUE' } as const;

class JsonParser {
  readonly #list = new IssueList();
  readonly #ignoreUnknown: boolean;

  constructor(options: FromJsonOptions) {
    this.#ignoreUnknown = options.ignoreUnknownFields === true;
  }

  get issues() {
    return this.#list.issues;
  }

  #invalid(path: readonly PathSegment[], message: string): undefined {
    this.#list.add(CodecErrorCode.InvalidValue, path, message);
    return undefined;
  }

  message(type: protobuf.Type, json: unknown, path: readonly PathSegment[], depth: number): unknown {
    if (depth > MAX_DEPTH) return this.#invalid(path, `messages nest deeper than ${MAX_DEPTH} levels`);
    const kind = wellKnown(type);
    switch (kind) {
      case 'Any':
        return this.#any(json, path, depth);
      case 'Duration':
      case 'Timestamp': {
        const parsed =
          typeof json === 'string' ? (kind === 'Duration' ? parseDuration : parseTimestamp)(json) : undefined;
        if (parsed !== undefined) return secondsNanosObject(parsed);
        const example = kind === 'Duration' ? '"1.500s"' : '"2024-05-01T12:00:00Z"';
        return this.#invalid(path, `expected a ${kind} such as ${example}, got ${describe(json)}`);
      }
      case 'Wrapper': {
        const field = ownField(type, 'value');
        const v = field === undefined ? undefined : this.#single(field, json, path, depth);
        if (field === undefined || v === undefined) return undefined;
        return isDefaultScalar(field.type, v) ? {} : { value: v };
      }
      case 'Struct': {
        if (!isPlainObject(json))
          return this.#invalid(path, `expected a JSON object (Struct), got ${describe(json)}`);
        const fields: ObjectForm = {};
        for (const [k, v] of Object.entries(json)) {
          const parsed = this.#value(v, [...path, k], depth + 1);
          if (parsed !== undefined) setEntry(fields, k, parsed);
        }
        return Object.keys(fields).length > 0 ? { fields } : {};
      }
      case 'ListValue': {
        if (!Array.isArray(json))
          return this.#invalid(path, `expected a JSON array (ListValue), got ${describe(json)}`);
        const values = json
          .map((v, i) => this.#value(v, [...path, i], depth + 1))
          .filter((v) => v !== undefined);
        return values.length > 0 ? { values } : {};
      }
      case 'Value':
        return this.#value(json, path, depth);
      default:
        return this.#fields(type, json, path, depth, false);
    }
  }

  #value(json: unknown, path: readonly PathSegment[], depth: number): unknown {
    const struct = lookupMessage('google.protobuf.Struct');
    const list = lookupMessage('google.protobuf.ListValue');
    if (json === null) return NULL_VALUE;
    switch (typeof json) {
      case 'number':
        return Number.isFinite(json)
          ? { numberValue: json }
          : this.#invalid(path, `expected a finite number`);
      case 'string':
        return { stringValue: json };
      case 'boolean':
        return { boolValue: json };
      case 'object': {
        const inner = this.message(Array.isArray(json) ? list : struct, json, path, depth + 1);
        if (inner === undefined) return undefined;
        return Array.isArray(json) ? { listValue: inner } : { structValue: inner };
      }
      default:
        return this.#invalid(path, `expected a JSON value, got ${describe(json)}`);
    }
  }

  #fields(type: protobuf.Type, json: unknown, path: readonly PathSegment[], depth: number, inAny: boolean) {
    if (!isPlainObject(json)) {
      return this.#invalid(path, `expected a ${typeName(type)} object, got ${describe(json)}`);
    }
    const out: ObjectForm = {};
    const seen = new Map<string, string>();
    for (const [key, v] of Object.entries(json)) {
      if (inAny && key === '@type') continue;
      const field = fieldForKey(type, key);
      if (field === undefined) {
        if (this.#ignoreUnknown) continue;
        const hint = suggestField(type, key);
        this.#list.add(
          CodecErrorCode.UnknownField,
          [...path, key],
          `unknown field ${JSON.stringify(key)} in ${typeName(type)}${hint ? ` (did you mean ${hint}?)` : ''}`,
        );
        continue;
      }
      const earlier = seen.get(field.name);
      if (earlier !== undefined) {
        this.#invalid([...path, key], `field ${field.name} is given twice, as ${earlier} and as ${key}`);
        continue;
      }
      seen.set(field.name, key);
      const parsed = this.#field(field, v, [...path, key], depth);
      if (parsed !== undefined) out[field.name] = parsed;
    }
    for (const oneof of type.oneofsArray) {
      const set = oneof.oneof.filter((name) => out[name] !== undefined);
      if (set.length > 1) {
        this.#invalid(
          [...path, seen.get(set[1] ?? '') ?? ''],
          `${set.join(' and ')} are both set, but they belong to oneof ${oneof.name}: set only one`,
        );
      }
    }
    return out;
  }

  #field(field: protobuf.Field, v: unknown, path: readonly PathSegment[], depth: number): unknown {
    // JSON null means "not set", except for a google.protobuf.Value, where it is the null value.
    if (v === null) return !field.repeated && !field.map && isValueField(field) ? NULL_VALUE : undefined;
    if (field.map) {
      if (!isPlainObject(v)) return this.#invalid(path, `expected a map (a JSON object), got ${describe(v)}`);
      const keyType = mapKeyType(field) ?? 'string';
      const out: ObjectForm = {};
      for (const [key, entry] of Object.entries(v)) {
        const keyProblem = mapKeyProblem(keyType, key);
        if (keyProblem) {
          this.#invalid([...path, key], keyProblem);
          continue;
        }
        const normalKey = keyType === 'string' || keyType === 'bool' ? key : String(BigInt(key));
        const parsed =
          entry === null
            ? isValueField(field)
              ? NULL_VALUE
              : this.#invalid([...path, key], 'a map value cannot be null')
            : this.#single(field, entry, [...path, key], depth);
        if (parsed !== undefined) setEntry(out, normalKey, parsed);
      }
      return Object.keys(out).length > 0 ? out : undefined;
    }
    if (field.repeated) {
      if (!Array.isArray(v)) return this.#invalid(path, `expected a list (a JSON array), got ${describe(v)}`);
      const list = v
        .map((e, i) =>
          e === null
            ? isValueField(field)
              ? NULL_VALUE
              : this.#invalid([...path, i], 'a list element cannot be null')
            : this.#single(field, e, [...path, i], depth),
        )
        .filter((e) => e !== undefined);
      return list.length > 0 ? list : undefined;
    }
    const parsed = this.#single(field, v, path, depth);
    if (parsed === undefined || tracksPresence(field)) return parsed;
    const enumType = enumTypeOf(field);
    const isDefault = enumType
      ? parsed === enumName(enumType, 0) || parsed === 0
      : isDefaultScalar(field.type, parsed);
    return isDefault ? undefined : parsed;
  }

  #single(field: protobuf.Field, v: unknown, path: readonly PathSegment[], depth: number): unknown {
    const messageType = messageTypeOf(field);
    if (messageType) return this.message(messageType, v, path, depth + 1);
    const enumType = enumTypeOf(field);
    if (enumType) {
      const problem = enumProblem(enumType, v);
      if (problem) return this.#invalid(path, problem);
      return typeof v === 'number' ? (enumName(enumType, v) ?? v) : v;
    }
    return this.#scalar(field.type, v, path);
  }

  #scalar(type: string, v: unknown, path: readonly PathSegment[]): unknown {
    switch (type) {
      case 'string':
      case 'bool': {
        const problem = scalarProblem(type, v);
        return problem ? this.#invalid(path, problem) : v;
      }
      case 'bytes': {
        const bytes = typeof v === 'string' ? base64ToBytes(v) : undefined;
        return bytes ?? this.#invalid(path, `expected base64 text, got ${describe(v)}`);
      }
      case 'double':
      case 'float': {
        const n = toDouble(v);
        const problem = n === undefined ? `expected a number, got ${describe(v)}` : scalarProblem(type, n);
        if (problem || n === undefined) return this.#invalid(path, problem ?? 'expected a number');
        return Number.isFinite(n) ? n : String(n);
      }
      default: {
        const big =
          typeof v === 'string' && /^-?\d+$/.test(v)
            ? BigInt(v)
            : typeof v === 'number' && Number.isSafeInteger(v)
              ? BigInt(v)
              : undefined;
        if (big === undefined) {
          const unsafe = typeof v === 'number' && Number.isInteger(v);
          return this.#invalid(
            path,
            unsafe
              ? `expected a ${type}, got ${v}, which JSON numbers cannot hold exactly: quote it`
              : `expected a whole number (${type}), got ${describe(v)}`,
          );
        }
        const problem = integerRangeProblem(type, big);
        if (problem) return this.#invalid(path, problem);
        return is64Bit(type) ? String(big) : Number(big);
      }
    }
  }

  #any(json: unknown, path: readonly PathSegment[], depth: number): unknown {
    if (!isPlainObject(json))
      return this.#invalid(path, `expected an Any (a JSON object with @type), got ${describe(json)}`);
    if (!Object.hasOwn(json, '@type')) {
      return Object.keys(json).length === 0 ? {} : this.#invalid(path, 'an Any with fields needs an @type');
    }
    const url = json['@type'];
    if (typeof url !== 'string')
      return this.#invalid(path, `expected @type to be a type URL, got ${describe(url)}`);
    const embedded = typeOfUrl(url);
    if (embedded === undefined) {
      this.#list.add(CodecErrorCode.UnknownType, path, `unknown type URL ${JSON.stringify(url)}`);
      return undefined;
    }
    if (!hasSpecialJson(embedded)) {
      const fields = this.#fields(embedded, json, path, depth + 1, true);
      return fields === undefined ? undefined : { '@type': url, ...fields };
    }
    for (const key of Object.keys(json)) {
      if (key !== '@type' && key !== 'value' && !this.#ignoreUnknown) {
        this.#list.add(
          CodecErrorCode.UnknownField,
          [...path, key],
          `an Any holding ${typeName(embedded)} has only "value"`,
        );
      }
    }
    if (!Object.hasOwn(json, 'value')) {
      return this.#invalid(path, `an Any holding ${typeName(embedded)} carries it under "value"`);
    }
    const inner = this.message(embedded, json.value, [...path, 'value'], depth + 1);
    if (inner === undefined) return undefined;
    return wellKnown(embedded) === 'Any'
      ? { '@type': url, value: inner }
      : { '@type': url, ...(inner as ObjectForm) };
  }
}
