// Strict check of a value in the object form of the generated types against its message type: every key must be
// a field (or the oneof case name the generated types carry), every value of the field's type, every enum name
// known, every Any's type known and its payload checked in turn, and at most one member of a oneof set. Problems
// are collected, not thrown one by one, so a caller sees all of them.
import type protobuf from 'protobufjs';
import { CodecError, CodecErrorCode } from '../errors/model-error.js';
import { type CodecIssue, IssueList, type PathSegment, throwIfIssues } from './issues.js';
import {
  enumNumber,
  enumTypeOf,
  jsonNameOf,
  lookupMessage,
  MAX_DEPTH,
  mapKeyType,
  messageTypeOf,
  ownField,
  ownOneof,
  typeName,
  wellKnown,
} from './proto-root.js';
import { describe, integerRangeProblem, isPlainObject, objectBytes, scalarProblem } from './scalars.js';
import { decodeType, typeOfUrl } from './wire-decode.js';

/** Every problem of `value` as a `typeName` message in the object form; empty when it is valid. */
export function checkMessage(typeName: string, value: unknown): readonly CodecIssue[] {
  return checkType(lookupMessage(typeName), value);
}

/** Every problem of `value` as a message of this type in the object form. */
export function checkType(type: protobuf.Type, value: unknown): readonly CodecIssue[] {
  const walker = new ObjectChecker();
  walker.message(type, value, [], 0);
  return walker.issues;
}

/** Throws a CodecError naming the first problem (and counting the others) unless `value` is valid. */
export function assertType(type: protobuf.Type, value: unknown): void {
  throwIfIssues(checkType(type, value));
}

/**
 * The field of the type a mistyped key probably meant: the same name in the other case style (camelCase for
 * snake_case and back), else the one closest in spelling (at most 2 edits, 1 for names under 6 characters).
 */
export function suggestField(type: protobuf.Type, key: string): string | undefined {
  const wanted = jsonNameOf(key).toLowerCase();
  const sameName = type.fieldsArray.find((f) => jsonNameOf(f.name).toLowerCase() === wanted);
  if (sameName) return sameName.name;
  let best: { name: string; distance: number } | undefined;
  for (const f of type.fieldsArray) {
    const distance = editDistance(key, f.name, 2);
    if (distance <= (key.length < 6 ? 1 : 2) && (best === undefined || distance < best.distance)) {
      best = { name: f.name, distance };
    }
  }
  return best?.name;
}

/** Edit distance of a and b, a swap of neighbours counting as one edit; limit + 1 once it exceeds limit. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let older: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (older[j - 2] ?? 0) + 1);
      current.push(d);
    }
    if (Math.min(...current) > limit) return limit + 1;
    older = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

/** Why a map key (always text in the object form) is not valid for the key type, or undefined. */
export function mapKeyProblem(keyType: string, key: string): string | undefined {
  if (keyType === 'string') return undefined;
  if (keyType === 'bool')
    return key === 'true' || key === 'false' ? undefined : `expected a map key true or false`;
  if (!/^-?\d+$/.test(key)) return `expected a whole-number map key (${keyType}), got ${JSON.stringify(key)}`;
  return integerRangeProblem(keyType, BigInt(key));
}

/** Why `value` is not a valid name or number of the enum, or undefined. */
export function enumProblem(type: protobuf.Enum, value: unknown): string | undefined {
  if (typeof value === 'string') {
    if (enumNumber(type, value) !== undefined) return undefined;
    const names = Object.keys(type.values);
    const list = names.length > 12 ? `${names.slice(0, 12).join(', ')}, ...` : names.join(', ');
    return `unknown ${typeName(type)} value ${JSON.stringify(value)}; expected one of ${list}`;
  }
  if (typeof value === 'number' && Number.isInteger(value))
    return integerRangeProblem('int32', BigInt(value));
  return `expected a ${typeName(type)} name, got ${describe(value)}`;
}

class ObjectChecker {
  readonly #list = new IssueList();

  get issues(): readonly CodecIssue[] {
    return this.#list.issues;
  }

  message(
    type: protobuf.Type,
    value: unknown,
    path: readonly PathSegment[],
    depth: number,
    skipType = false,
  ): void {
    if (depth > MAX_DEPTH) {
      this.#list.add(CodecErrorCode.InvalidValue, path, `messages nest deeper than ${MAX_DEPTH} levels`);
      return;
    }
    if (!isPlainObject(value)) {
      this.#list.add(
        CodecErrorCode.InvalidValue,
        path,
        `expected a ${typeName(type)} message (an object), got ${describe(value)}`,
      );
      return;
    }
    if (wellKnown(type) === 'Any' && !skipType) {
      this.#any(type, value, path, depth);
      return;
    }
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (v === undefined || (skipType && key === '@type')) continue;
      const field = ownField(type, key);
      if (field !== undefined) this.#field(field, v, [...path, key], depth);
      else if (ownOneof(type, key) !== undefined) this.#oneofCase(type, key, v, value, path);
      else this.#unknown(type, key, path);
    }
    for (const oneof of type.oneofsArray) {
      const set = oneof.oneof.filter((name) => value[name] !== undefined && value[name] !== null);
      if (set.length > 1) {
        this.#list.add(
          CodecErrorCode.InvalidValue,
          [...path, set[1] ?? ''],
          `${set.join(' and ')} are both set, but they belong to oneof ${oneof.name}: set only one`,
        );
      }
    }
  }

  #unknown(type: protobuf.Type, key: string, path: readonly PathSegment[]): void {
    const hint = suggestField(type, key);
    this.#list.add(
      CodecErrorCode.UnknownField,
      [...path, key],
      `unknown field ${JSON.stringify(key)} in ${typeName(type)}${hint ? ` (did you mean ${hint}?)` : ''}`,
    );
  }

  /** The generated types may carry a oneof's case name (`cluster_discovery_type: 'type'`); it must match. */
  #oneofCase(
    type: protobuf.Type,
    key: string,
    v: unknown,
    value: Record<string, unknown>,
    path: readonly PathSegment[],
  ) {
    const members = ownOneof(type, key)?.oneof ?? [];
    if (typeof v === 'string' && members.includes(v) && value[v] !== undefined && value[v] !== null) return;
    this.#list.add(
      CodecErrorCode.InvalidValue,
      [...path, key],
      `oneof case ${key} is ${describe(v)}, but it must name the member that is set (one of ${members.join(', ')})`,
    );
  }

  #field(field: protobuf.Field, v: unknown, path: readonly PathSegment[], depth: number): void {
    if (field.map) {
      if (!isPlainObject(v)) {
        this.#list.add(CodecErrorCode.InvalidValue, path, `expected a map (an object), got ${describe(v)}`);
        return;
      }
      const keyType = mapKeyType(field) ?? 'string';
      for (const key of Object.keys(v)) {
        const entry = v[key];
        const keyProblem = mapKeyProblem(keyType, key);
        if (keyProblem) this.#list.add(CodecErrorCode.InvalidValue, [...path, key], keyProblem);
        if (entry === null)
          this.#list.add(CodecErrorCode.InvalidValue, [...path, key], 'a map value cannot be null');
        else if (entry !== undefined) this.#single(field, entry, [...path, key], depth);
      }
      return;
    }
    if (field.repeated) {
      if (!Array.isArray(v)) {
        this.#list.add(CodecErrorCode.InvalidValue, path, `expected a list (an array), got ${describe(v)}`);
        return;
      }
      v.forEach((element, i) => {
        if (element === null || element === undefined) {
          this.#list.add(CodecErrorCode.InvalidValue, [...path, i], 'a list element cannot be null');
        } else this.#single(field, element, [...path, i], depth);
      });
      return;
    }
    // The generated types allow null for message fields, meaning unset.
    if (v === null && messageTypeOf(field) !== undefined) return;
    this.#single(field, v, path, depth);
  }

  #single(field: protobuf.Field, v: unknown, path: readonly PathSegment[], depth: number): void {
    const messageType = messageTypeOf(field);
    if (messageType) {
      this.message(messageType, v, path, depth + 1);
      return;
    }
    const enumType = enumTypeOf(field);
    const problem = enumType ? enumProblem(enumType, v) : scalarProblem(field.type, v);
    if (problem) this.#list.add(CodecErrorCode.InvalidValue, path, problem);
  }

  #any(
    type: protobuf.Type,
    value: Record<string, unknown>,
    path: readonly PathSegment[],
    depth: number,
  ): void {
    if (Object.hasOwn(value, '@type')) {
      const url = value['@type'];
      if (typeof url !== 'string') {
        this.#list.add(
          CodecErrorCode.InvalidValue,
          path,
          `expected @type to be a type URL, got ${describe(url)}`,
        );
        return;
      }
      const embedded = typeOfUrl(url);
      if (embedded === undefined) {
        this.#list.add(CodecErrorCode.UnknownType, path, unknownUrlMessage(url));
        return;
      }
      if (wellKnown(embedded) === 'Any') {
        // An Any that holds an Any carries the inner one under `value` (as proto3 JSON does), or packed.
        if (isPlainObject(value.value)) {
          for (const key of Object.keys(value)) {
            if (key !== '@type' && key !== 'value') this.#unknown(embedded, key, path);
          }
          this.message(embedded, value.value, [...path, 'value'], depth + 1);
        } else this.#packed(embedded, value, path, depth + 1);
        return;
      }
      this.message(embedded, value, path, depth + 1, true);
      return;
    }
    this.#packed(type, value, path, depth);
  }

  /** An Any as { type_url, value: bytes }: the URL must name a known type and the bytes decode as it. */
  #packed(
    type: protobuf.Type,
    value: Record<string, unknown>,
    path: readonly PathSegment[],
    depth: number,
  ): void {
    this.message(type, value, path, depth, true);
    const url = value.type_url;
    const bytes = value.value === undefined ? undefined : objectBytes(value.value);
    if (typeof url !== 'string' || url === '') {
      if (bytes !== undefined && bytes.length > 0) {
        this.#list.add(
          CodecErrorCode.InvalidValue,
          path,
          'an Any with a value needs a type_url (or write it with @type)',
        );
      }
      return;
    }
    const embedded = typeOfUrl(url);
    if (embedded === undefined) {
      this.#list.add(CodecErrorCode.UnknownType, [...path, 'type_url'], unknownUrlMessage(url));
      return;
    }
    try {
      decodeType(embedded, bytes ?? new Uint8Array(0));
    } catch (e) {
      if (!(e instanceof CodecError)) throw e;
      this.#list.addError(e, [...path, 'value']);
    }
  }
}

function unknownUrlMessage(url: string): string {
  return (
    `unknown type URL ${JSON.stringify(url)}: expected type.googleapis.com/<full message name> ` +
    'of a message in the Envoy descriptor'
  );
}
