// Protobuf bytes to the object form of the generated types, strictly: a field number the type does not have, a
// wire type that does not match the field, truncated or overlong data, invalid UTF-8 and an Any of an unknown type
// are errors, never skipped or guessed. Output: 64-bit integers as decimal strings, enums as names (numbers when
// the enum does not name them), bytes as Buffers, non-finite floats as "NaN"/"Infinity"/"-Infinity", an Any as
// { '@type': url, ...payload fields } (an Any holding an Any: { '@type': url, value: { '@type': ... } }).
import protobuf from 'protobufjs';
import { formatPath } from '../errors/diagnostic.js';
import { CodecError, CodecErrorCode } from '../errors/model-error.js';
import type { PathSegment } from './issues.js';
import {
  enumName,
  enumTypeOf,
  fieldById,
  findMessage,
  MAX_DEPTH,
  mapKeyType,
  messageTypeOf,
  typeName,
  wellKnown,
} from './proto-root.js';
import { is64Bit, isPackable, isPlainObject, scalarWireType, type WireType } from './scalars.js';

export interface DecodeOptions {
  /** Skip field numbers the descriptor does not know instead of failing (forward compatibility). Default false. */
  readonly ignoreUnknownFields?: boolean;
}

type ObjectForm = Record<string, unknown>;

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The message type an Any's type URL names (the text after the last '/'), or undefined. */
export function typeOfUrl(url: string): protobuf.Type | undefined {
  const slash = url.lastIndexOf('/');
  return slash < 0 ? undefined : findMessage(url.slice(slash + 1));
}

/** Sets `key` on a map object, `__proto__` included, as an own property. */
export function setEntry(target: ObjectForm, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Decodes bytes of `type` into the object form; throws CodecError (Decode, UnknownField, UnknownType). */
export function decodeType(type: protobuf.Type, bytes: Uint8Array, options: DecodeOptions = {}): ObjectForm {
  if (!(bytes instanceof Uint8Array)) {
    throw new CodecError(
      CodecErrorCode.InvalidValue,
      '',
      `expected bytes (a Uint8Array) to decode as ${typeName(type)}`,
    );
  }
  return new WireDecoder(options).decode(type, bytes);
}

class WireDecoder {
  readonly #ignoreUnknown: boolean;
  /** Path of the field being read, for errors protobufjs' Reader throws (truncation, bad varints). */
  #path: readonly PathSegment[] = [];
  /** The first field number the type does not have; reported once the whole input proved well-formed. */
  #unknown: CodecError | undefined;

  constructor(options: DecodeOptions) {
    this.#ignoreUnknown = options.ignoreUnknownFields === true;
  }

  decode(type: protobuf.Type, bytes: Uint8Array): ObjectForm {
    try {
      const value = this.#message(type, protobuf.Reader.create(bytes), bytes.length, [], 0);
      if (this.#unknown) throw this.#unknown;
      return value;
    } catch (e) {
      if (e instanceof CodecError) throw e;
      const reason = e instanceof Error ? e.message : String(e);
      throw new CodecError(
        CodecErrorCode.Decode,
        formatPath(this.#path),
        `the bytes are not a valid ${typeName(type)} message (${reason})`,
        { cause: e },
      );
    }
  }

  #fail(code: CodecErrorCode, path: readonly PathSegment[], message: string): never {
    throw new CodecError(code, formatPath(path), message);
  }

  /** Reads a length prefix and returns the end offset, checked against the enclosing limit. */
  #limit(r: protobuf.Reader, path: readonly PathSegment[]): number {
    const length = r.uint32();
    const end = r.pos + length;
    if (end > r.len)
      this.#fail(CodecErrorCode.Decode, path, `length ${length} runs past the end of the data`);
    return end;
  }

  #message(
    type: protobuf.Type,
    r: protobuf.Reader,
    end: number,
    path: readonly PathSegment[],
    depth: number,
  ): ObjectForm {
    if (depth > MAX_DEPTH)
      this.#fail(CodecErrorCode.Decode, path, `messages nest deeper than ${MAX_DEPTH} levels`);
    const outerLen = r.len;
    r.len = end;
    const out: ObjectForm = {};
    while (r.pos < end) {
      this.#path = path;
      const tag = r.uint32();
      const id = tag >>> 3;
      const wire = tag & 7;
      const field = fieldById(type, id);
      if (id === 0)
        this.#fail(
          CodecErrorCode.Decode,
          path,
          'field number 0 is not valid: the bytes are not a protobuf message',
        );
      if (field === undefined) {
        // Skipped so that malformed input is still reported as Decode; unless ignored, the first unknown field
        // number fails the decode once the rest has been read.
        if (!this.#ignoreUnknown && this.#unknown === undefined) {
          const message = `unknown field number ${id} (wire type ${wire}) in ${typeName(type)}`;
          this.#unknown = new CodecError(CodecErrorCode.UnknownField, formatPath(path), message);
        }
        r.skipType(wire);
        continue;
      }
      const fieldPath = [...path, field.name];
      this.#path = fieldPath;
      this.#field(field, wire, r, out, fieldPath, depth);
    }
    if (r.pos !== end) this.#fail(CodecErrorCode.Decode, path, 'a field runs past the end of its message');
    r.len = outerLen;
    return wellKnown(type) === 'Any' ? this.#any(out, path, depth) : out;
  }

  #expectWire(field: protobuf.Field, wire: number, expected: WireType, path: readonly PathSegment[]): void {
    if (wire !== expected) {
      this.#fail(
        CodecErrorCode.Decode,
        path,
        `wire type ${wire} does not match ${field.type} (wire type ${expected})`,
      );
    }
  }

  #wireOf(field: protobuf.Field): WireType {
    if (messageTypeOf(field)) return 2;
    return enumTypeOf(field) ? 0 : scalarWireType(field.type);
  }

  #field(
    field: protobuf.Field,
    wire: number,
    r: protobuf.Reader,
    out: ObjectForm,
    path: readonly PathSegment[],
    depth: number,
  ): void {
    const name = field.name;
    if (field.map) {
      this.#expectWire(field, wire, 2, path);
      const map = (isPlainObject(out[name]) ? out[name] : {}) as ObjectForm;
      out[name] = map;
      this.#mapEntry(field, r, map, path, depth);
      return;
    }
    if (field.repeated) {
      const list = (Array.isArray(out[name]) ? out[name] : []) as unknown[];
      out[name] = list;
      const packable = enumTypeOf(field) !== undefined || isPackable(field.type);
      if (packable && wire === 2) {
        const end = this.#limit(r, path);
        while (r.pos < end) list.push(this.#single(field, r, [...path, list.length], depth));
        if (r.pos !== end) this.#fail(CodecErrorCode.Decode, path, 'packed values run past their length');
        return;
      }
      this.#expectWire(field, wire, this.#wireOf(field), path);
      list.push(this.#single(field, r, [...path, list.length], depth));
      return;
    }
    this.#expectWire(field, wire, this.#wireOf(field), path);
    const value = this.#single(field, r, path, depth);
    const previous = out[name];
    out[name] = isPlainObject(previous) && isPlainObject(value) ? merge(previous, value) : value;
    // A later member of a oneof replaces an earlier one.
    for (const member of field.partOf?.oneof ?? []) if (member !== name) delete out[member];
  }

  #mapEntry(
    field: protobuf.Field,
    r: protobuf.Reader,
    map: ObjectForm,
    path: readonly PathSegment[],
    depth: number,
  ) {
    const keyType = mapKeyType(field) ?? 'string';
    const end = this.#limit(r, path);
    const outerLen = r.len;
    r.len = end;
    let key: unknown;
    let value: unknown;
    while (r.pos < end) {
      const tag = r.uint32();
      const id = tag >>> 3;
      if (id === 1) {
        if ((tag & 7) !== scalarWireType(keyType))
          this.#fail(CodecErrorCode.Decode, path, 'map key of the wrong wire type');
        key = readScalar(keyType, r);
      } else if (id === 2) {
        this.#expectWire(field, tag & 7, this.#wireOf(field), path);
        value = this.#single(field, r, [...path, String(key ?? '')], depth);
      } else if (this.#ignoreUnknown && id !== 0) {
        r.skipType(tag & 7);
      } else {
        this.#fail(
          CodecErrorCode.Decode,
          path,
          `map entry has field number ${id}; only 1 (key) and 2 (value) exist`,
        );
      }
    }
    r.len = outerLen;
    const keyText =
      key === undefined ? (keyType === 'string' ? '' : keyType === 'bool' ? 'false' : '0') : String(key);
    setEntry(map, keyText, value ?? defaultOf(field));
  }

  #single(field: protobuf.Field, r: protobuf.Reader, path: readonly PathSegment[], depth: number): unknown {
    const messageType = messageTypeOf(field);
    if (messageType) return this.#message(messageType, r, this.#limit(r, path), path, depth + 1);
    const enumType = enumTypeOf(field);
    if (enumType) {
      const n = r.int32();
      return enumName(enumType, n) ?? n;
    }
    if (field.type === 'string') {
      try {
        return UTF8.decode(r.bytes());
      } catch {
        return this.#fail(CodecErrorCode.Decode, path, 'string field is not valid UTF-8');
      }
    }
    return readScalar(field.type, r);
  }

  #any(raw: ObjectForm, path: readonly PathSegment[], depth: number): ObjectForm {
    const url = typeof raw.type_url === 'string' ? raw.type_url : '';
    const value = raw.value instanceof Uint8Array ? raw.value : Buffer.alloc(0);
    if (url === '') {
      if (value.length === 0) return {};
      this.#fail(CodecErrorCode.Decode, path, 'an Any has a value but no type_url');
    }
    const embedded = typeOfUrl(url);
    if (embedded === undefined) {
      this.#fail(CodecErrorCode.UnknownType, path, `unknown type URL ${JSON.stringify(url)} in an Any`);
    }
    const payload = this.#message(embedded, protobuf.Reader.create(value), value.length, path, depth + 1);
    this.#path = path;
    return wellKnown(embedded) === 'Any' ? { '@type': url, value: payload } : { '@type': url, ...payload };
  }
}

function readScalar(type: string, r: protobuf.Reader): unknown {
  switch (type) {
    case 'bool':
      return r.bool();
    case 'int32':
      return r.int32();
    case 'uint32':
      return r.uint32();
    case 'sint32':
      return r.sint32();
    case 'fixed32':
      return r.fixed32();
    case 'sfixed32':
      return r.sfixed32();
    case 'int64':
      return String(r.int64());
    case 'uint64':
      return String(r.uint64());
    case 'sint64':
      return String(r.sint64());
    case 'fixed64':
      return String(r.fixed64());
    case 'sfixed64':
      return String(r.sfixed64());
    case 'double':
    case 'float': {
      const n = type === 'double' ? r.double() : r.float();
      return Number.isFinite(n) ? n : String(n);
    }
    case 'bytes':
      return Buffer.from(r.bytes());
    case 'string':
      return UTF8.decode(r.bytes());
    default:
      throw new CodecError(CodecErrorCode.Decode, '', `unsupported scalar type ${type}`);
  }
}

/** The value a map entry without a value field stands for. */
function defaultOf(field: protobuf.Field): unknown {
  if (messageTypeOf(field)) return {};
  const enumType = enumTypeOf(field);
  if (enumType) return enumName(enumType, 0) ?? 0;
  switch (field.type) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'bytes':
      return Buffer.alloc(0);
    default:
      return is64Bit(field.type) ? '0' : 0;
  }
}

/** Protobuf merge of a message read twice: nested messages merge, lists concatenate, scalars take the later. */
function merge(a: ObjectForm, b: ObjectForm): ObjectForm {
  const out: ObjectForm = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    if (isPlainObject(prev) && isPlainObject(v)) setEntry(out, k, merge(prev, v));
    else if (Array.isArray(prev) && Array.isArray(v)) out[k] = [...prev, ...v];
    else setEntry(out, k, v);
  }
  return out;
}
