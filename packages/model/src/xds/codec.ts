// Encode and decode Envoy messages by full proto name, and pack or unpack google.protobuf.Any. Every value is
// checked strictly before it is encoded (an unknown key is an error, never dropped), and decoding is strict about
// the bytes. Values use the object form of the generated types (src/generated/types): proto field names, 64-bit
// integers as decimal strings, enums as names, bytes as Buffers, an Any as { '@type': url, ...fields }.
import { CodecError, CodecErrorCode } from '../errors/model-error.js';
import { lookupMessage } from './proto-root.js';
import { describe, isPlainObject, objectBytes } from './scalars.js';
import { assertType } from './strict-check.js';
import type { XdsInput, XdsOutput, XdsTypeName } from './types.js';
import { type DecodeOptions, decodeType, typeOfUrl } from './wire-decode.js';
import { encodeAnyPayload, encodeType } from './wire-encode.js';

export type { DecodeOptions } from './wire-decode.js';

/** An Any in its unpacked form: the type URL under `@type` and the message's fields beside it. */
export interface AnyObject {
  '@type': string;
  [field: string]: unknown;
}

/** An Any in its packed form, as on the wire. */
export interface PackedAny {
  type_url: string;
  value: Buffer;
}

/**
 * The value `encode` accepts for a message name: the generated input type when the name is in XdsMessages, or
 * what `decode` returned for it.
 */
export type EncodeInput<K extends string> = K extends XdsTypeName ? XdsInput<K> | XdsOutput<K> : object;
/** What `decode` returns for a message name: the generated __Output type when the name is in XdsMessages. */
export type DecodeOutput<K extends string> = K extends XdsTypeName ? XdsOutput<K> : Record<string, unknown>;

/**
 * Protobuf bytes of `value` as the message `typeName` ("envoy.config.cluster.v3.Cluster"). Throws CodecError:
 * UnknownType for an unknown message name or Any type URL, UnknownField for a key the message does not have,
 * InvalidValue for a value of the wrong type; the first problem is in the message, all of them in `cause`.
 */
export function encode<K extends string>(typeName: K, value: EncodeInput<K>): Uint8Array {
  const type = lookupMessage(typeName);
  assertType(type, value);
  return encodeType(type, value as Record<string, unknown>);
}

/**
 * The object form of protobuf bytes of the message `typeName`. Throws CodecError Decode for bytes that are not
 * such a message, UnknownField for a field number the descriptor does not have (unless `ignoreUnknownFields`),
 * UnknownType for an Any of a type the descriptor does not have.
 */
export function decode<K extends string>(
  typeName: K,
  bytes: Uint8Array,
  options?: DecodeOptions,
): DecodeOutput<K> {
  return decodeType(lookupMessage(typeName), bytes, options) as DecodeOutput<K>;
}

/** Checks `value` as the message `typeName` without encoding it; throws the same CodecError `encode` would. */
export function assertMessage<K extends string>(typeName: K, value: EncodeInput<K>): void {
  assertType(lookupMessage(typeName), value);
}

/** Packs an unpacked Any ({ '@type', ...fields }) into { type_url, value: bytes }, checking it first. */
export function packAny(value: AnyObject): PackedAny {
  if (!isPlainObject(value) || typeof value['@type'] !== 'string') {
    throw new CodecError(
      CodecErrorCode.InvalidValue,
      '',
      `packAny expects an object with a string @type, got ${describe(isPlainObject(value) ? value['@type'] : value)}`,
    );
  }
  assertType(lookupMessage('google.protobuf.Any'), value);
  const { typeUrl, bytes } = encodeAnyPayload(value);
  return { type_url: typeUrl, value: Buffer.from(bytes) };
}

/** Unpacks { type_url, value } into { '@type', ...fields }; the type must be known and the bytes valid. */
export function unpackAny(
  any: { type_url: string; value: Uint8Array | string },
  options?: DecodeOptions,
): AnyObject {
  if (!isPlainObject(any) || typeof any.type_url !== 'string' || objectBytes(any.value) === undefined) {
    throw new CodecError(
      CodecErrorCode.InvalidValue,
      '',
      'unpackAny expects { type_url: string, value: bytes (a Uint8Array or base64 text) }',
    );
  }
  if (any.type_url === '') {
    throw new CodecError(CodecErrorCode.InvalidValue, 'type_url', 'unpackAny needs a type_url');
  }
  if (typeOfUrl(any.type_url) === undefined) {
    throw new CodecError(
      CodecErrorCode.UnknownType,
      'type_url',
      `unknown type URL ${JSON.stringify(any.type_url)}`,
    );
  }
  const type = lookupMessage('google.protobuf.Any');
  return decodeType(
    type,
    encodeType(type, { type_url: any.type_url, value: any.value }),
    options,
  ) as AnyObject;
}

/** The generated input (or decoded) type of the message a type URL names, when it is in XdsMessages. */
export type AnyPayload<U extends string> = U extends `type.googleapis.com/${infer N}`
  ? N extends XdsTypeName
    ? XdsInput<N> | XdsOutput<N>
    : object
  : object;

/**
 * An unpacked Any holding `message`: `typed_config: anyOf(TypeUrl.ROUTER, {})`. Typed by the URL for the messages
 * in XdsMessages. Nothing is checked until the Any is encoded or printed.
 */
export function anyOf<U extends string>(typeUrl: U, message: AnyPayload<U>): AnyObject {
  return { '@type': typeUrl, ...message };
}
