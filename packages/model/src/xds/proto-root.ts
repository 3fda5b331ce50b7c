// The protobufjs reflection of Envoy's v3 protos, from src/generated/envoy.json, and the reflection helpers the
// codec walkers share. Names here are full proto names without the leading dot
// ("envoy.config.cluster.v3.Cluster"); protobufjs spells them with one (".envoy.config.cluster.v3.Cluster").
// The codec finds its types (findMessage, lookupMessage) in an on-demand Root that holds only the types asked for
// and their closure (proto-subset.ts): a proxy decoding bookinfo's config builds about half of the descriptor's
// types, and the full Root (protoRoot()) is only built when asked for.
import { existsSync, readFileSync } from 'node:fs';
import protobuf from 'protobufjs';
import { CodecError, CodecErrorCode } from '../errors/model-error.js';
import { SubsetRoot } from './proto-subset.js';

// Relative to this module: src/xds/ when run from source, dist/xds/ when run from the build (tsc does not copy
// the JSON into dist, and the package ships src/generated/envoy.json for this reason).
const DESCRIPTOR_CANDIDATES = ['../generated/envoy.json', '../../src/generated/envoy.json'] as const;

/** Nesting depth limit of messages (Any payloads and Struct values count), as protobuf's default. */
export const MAX_DEPTH = 100;

let root: protobuf.Root | undefined;
let subset: SubsetRoot | undefined;
const messageCache = new Map<string, protobuf.Type>();

/** The descriptor's JSON text; throws CodecError UnknownType when the file is missing. */
function readDescriptor(): string {
  const url = DESCRIPTOR_CANDIDATES.map((p) => new URL(p, import.meta.url)).find((u) => existsSync(u));
  if (url === undefined) {
    throw new CodecError(
      CodecErrorCode.UnknownType,
      '',
      'the Envoy descriptor src/generated/envoy.json was not found next to @minimesh/model; reinstall the package or run `pnpm generate`',
    );
  }
  return readFileSync(url, 'utf8');
}

/**
 * The Root of every type in the descriptor, fully resolved. Loaded on first use. The codec does not use it (its
 * types come from the on-demand Root of findMessage); it is for programs that walk the whole descriptor.
 */
export function protoRoot(): protobuf.Root {
  if (root === undefined) {
    const loaded = protobuf.Root.fromJSON(JSON.parse(readDescriptor()) as protobuf.INamespace);
    loaded.resolveAll();
    root = loaded;
  }
  return root;
}

/** The message type with exactly this full name (a leading dot is allowed), or undefined. */
export function findMessage(fullName: string): protobuf.Type | undefined {
  const name = fullName.startsWith('.') ? fullName.slice(1) : fullName;
  const cached = messageCache.get(name);
  if (cached !== undefined) return cached;
  if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(name)) return undefined;
  let found: protobuf.ReflectionObject | null = null;
  subset ??= new SubsetRoot(readDescriptor);
  try {
    if (subset.ensure(name)) found = subset.root.lookup(`.${name}`);
  } catch {
    found = null;
  }
  // protobufjs also matches partial names found deeper in the tree; only the exact full name counts here.
  if (!(found instanceof protobuf.Type) || found.fullName !== `.${name}`) return undefined;
  messageCache.set(name, found);
  return found;
}

/** The message type with this full name; throws CodecError UnknownType when the descriptor does not have it. */
export function lookupMessage(fullName: string, path = ''): protobuf.Type {
  const type = findMessage(fullName);
  if (type === undefined) {
    throw new CodecError(
      CodecErrorCode.UnknownType,
      path,
      `unknown message type ${JSON.stringify(fullName)}: the Envoy descriptor has no such message ` +
        '(expected a full name such as "envoy.config.cluster.v3.Cluster")',
    );
  }
  return type;
}

/** Full name without the leading dot. */
const typeNameCache = new WeakMap<protobuf.Type | protobuf.Enum, string>();

export function typeName(type: protobuf.Type | protobuf.Enum): string {
  let name = typeNameCache.get(type);
  if (name === undefined) {
    name = type.fullName.slice(1);
    typeNameCache.set(type, name);
  }
  return name;
}

/** The well-known types whose proto3 JSON form is special, and the Any type itself. */
export type WellKnown =
  | 'Any'
  | 'Duration'
  | 'Timestamp'
  | 'Struct'
  | 'Value'
  | 'ListValue'
  | 'Wrapper'
  | 'Empty';

const WELL_KNOWN: ReadonlyMap<string, WellKnown> = new Map<string, WellKnown>([
  ['.google.protobuf.Any', 'Any'],
  ['.google.protobuf.Duration', 'Duration'],
  ['.google.protobuf.Timestamp', 'Timestamp'],
  ['.google.protobuf.Struct', 'Struct'],
  ['.google.protobuf.Value', 'Value'],
  ['.google.protobuf.ListValue', 'ListValue'],
  ['.google.protobuf.Empty', 'Empty'],
  ['.google.protobuf.DoubleValue', 'Wrapper'],
  ['.google.protobuf.FloatValue', 'Wrapper'],
  ['.google.protobuf.Int64Value', 'Wrapper'],
  ['.google.protobuf.UInt64Value', 'Wrapper'],
  ['.google.protobuf.Int32Value', 'Wrapper'],
  ['.google.protobuf.UInt32Value', 'Wrapper'],
  ['.google.protobuf.BoolValue', 'Wrapper'],
  ['.google.protobuf.StringValue', 'Wrapper'],
  ['.google.protobuf.BytesValue', 'Wrapper'],
]);

const wellKnownCache = new WeakMap<protobuf.Type, WellKnown | null>();

/**
 * The well-known type a message type is, if any. Cached per type: protobufjs computes `fullName` by walking the
 * namespace chain on every access, and this is asked for every field decoded.
 */
export function wellKnown(type: protobuf.Type): WellKnown | undefined {
  let kind = wellKnownCache.get(type);
  if (kind === undefined) {
    kind = WELL_KNOWN.get(type.fullName) ?? null;
    wellKnownCache.set(type, kind);
  }
  return kind ?? undefined;
}

/** True when proto3 JSON writes this type in a form of its own, and an Any holding it uses a "value" key. */
export function hasSpecialJson(type: protobuf.Type): boolean {
  const kind = wellKnown(type);
  return kind !== undefined && kind !== 'Empty';
}

const orderCache = new WeakMap<protobuf.Type, readonly protobuf.Field[]>();

/** Fields by ascending field number: the order protobuf serializes and prints them in. */
export function fieldsInOrder(type: protobuf.Type): readonly protobuf.Field[] {
  let fields = orderCache.get(type);
  if (fields === undefined) {
    fields = [...type.fieldsArray].sort((a, b) => a.id - b.id);
    orderCache.set(type, fields);
  }
  return fields;
}

/** The field of this name in the type (own names only, never Object.prototype members). */
export function ownField(type: protobuf.Type, name: string): protobuf.Field | undefined {
  return Object.hasOwn(type.fields, name) ? type.fields[name] : undefined;
}

/** The field of this number in the type. */
export function fieldById(type: protobuf.Type, id: number): protobuf.Field | undefined {
  const byId = type.fieldsById;
  return Object.hasOwn(byId, id) ? byId[id] : undefined;
}

/** The oneof of this name in the type. */
export function ownOneof(type: protobuf.Type, name: string): protobuf.OneOf | undefined {
  const oneofs = type.oneofs;
  return oneofs !== undefined && Object.hasOwn(oneofs, name) ? oneofs[name] : undefined;
}

/** The message type of a field, when it is a message (map fields: of the value). */
export function messageTypeOf(field: protobuf.Field): protobuf.Type | undefined {
  return field.resolvedType instanceof protobuf.Type ? field.resolvedType : undefined;
}

/** The enum type of a field, when it is an enum (map fields: of the value). */
export function enumTypeOf(field: protobuf.Field): protobuf.Enum | undefined {
  return field.resolvedType instanceof protobuf.Enum ? field.resolvedType : undefined;
}

/** Key type of a map field ("string", "int64", ...), or undefined for a field that is not a map. */
export function mapKeyType(field: protobuf.Field): string | undefined {
  return field instanceof protobuf.MapField ? field.keyType : undefined;
}

/**
 * True when a set field is serialized and printed even at its default value: message fields, oneof members and
 * proto2 fields. Plain proto3 scalars (implicit presence) at their default are neither encoded nor printed.
 */
export function tracksPresence(field: protobuf.Field): boolean {
  if (field.repeated || field.map) return false;
  return messageTypeOf(field) !== undefined || field.partOf !== null || field.hasPresence;
}

/** The lowerCamelCase JSON name protoc derives from a field name ("stat_prefix" -> "statPrefix"). */
export function jsonNameOf(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()).replace(/_/g, '');
}

/** The value name of an enum number, if the enum defines it. */
export function enumName(type: protobuf.Enum, value: number): string | undefined {
  return Object.hasOwn(type.valuesById, value) ? type.valuesById[value] : undefined;
}

/** The number of an enum value name, if the enum defines it. */
export function enumNumber(type: protobuf.Enum, name: string): number | undefined {
  return Object.hasOwn(type.values, name) ? type.values[name] : undefined;
}
