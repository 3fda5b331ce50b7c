// Protobuf merge over the object form of the model's xDS types (proto field names, an Any as
// { '@type', ...fields }), as istiod 1.30 merges EnvoyFilter patch values (pkg/proto/merge, Go's proto.Merge with
// one exception):
// - a field set in the source replaces a scalar, enum or bytes field of the destination;
// - lists are appended (MERGE) or, with MERGE_AND_REPLACE_LIST, replaced wholesale, at every depth;
// - map entries of the source replace the destination's entries of the same key (never merged into them);
// - message fields merge recursively, except google.protobuf.Duration (replaced: istio's workaround of
//   golang/protobuf#1359) and google.protobuf.Any, which Go merges as type_url + bytes, i.e. replaces;
// - setting one member of a oneof clears the others (the destination stays a valid message).
// `mergeAnyWithAny` is istiod's util.MergeAnyWithAny: two Anys of the same type merged as their typed messages
// (what filter-level MERGE and transport-socket merges use); different types are an error (istiod panics and
// drops every listener patch of the push; minimesh reports the one patch and skips it).
import { lookupMessage, TYPE_URL_PREFIX } from '@minimesh/model';

type MessageType = ReturnType<typeof lookupMessage>;
type FieldType = MessageType['fieldsArray'][number];
/** A message in object form. */
export type ObjectForm = Record<string, unknown>;

const DURATION = '.google.protobuf.Duration';
const ANY = '.google.protobuf.Any';

export interface MergeOptions {
  /** MERGE_AND_REPLACE_LIST: lists set in the source replace the destination's. */
  readonly replaceLists?: boolean;
}

function isObject(v: unknown): v is ObjectForm {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** A deep copy of an object-form value; bytes stay Buffers (the codec wants them so). */
export function cloneValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => cloneValue(v)) as T;
  if (value instanceof Uint8Array) return Buffer.from(value) as T;
  if (isObject(value)) {
    const out: ObjectForm = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneValue(v);
    return out as T;
  }
  return value;
}

function messageTypeOf(field: FieldType): MessageType | undefined {
  field.resolve();
  const t = field.resolvedType;
  return t !== null && 'fieldsArray' in t ? t : undefined;
}

/** The message type of a full name or type URL (`type.googleapis.com/envoy...`). */
export function messageType(nameOrUrl: string): MessageType {
  return lookupMessage(
    nameOrUrl.startsWith(TYPE_URL_PREFIX) ? nameOrUrl.slice(TYPE_URL_PREFIX.length) : nameOrUrl,
  );
}

/**
 * Merges `src` into `dst` (both object forms of `typeName`), in place; returns `dst`. `src` is not modified and
 * nothing of it is shared with the result.
 */
export function mergeMessage(
  typeName: string,
  dst: ObjectForm,
  src: ObjectForm,
  options: MergeOptions = {},
): ObjectForm {
  mergeInto(messageType(typeName), dst, src, options);
  return dst;
}

function mergeInto(type: MessageType, dst: ObjectForm, src: ObjectForm, options: MergeOptions): void {
  for (const [key, value] of Object.entries(src)) {
    if (value === undefined) continue;
    const field = type.fields[key];
    if (field === undefined) {
      // Not a field of the type (the codec rejects such values before they get here): copied as is.
      dst[key] = cloneValue(value);
      continue;
    }
    if (field.map) {
      const entries = isObject(dst[key]) ? (dst[key] as ObjectForm) : {};
      for (const [k, v] of Object.entries(value as ObjectForm)) entries[k] = cloneValue(v);
      dst[key] = entries;
    } else if (field.repeated) {
      const existing =
        Array.isArray(dst[key]) && options.replaceLists !== true ? (dst[key] as unknown[]) : [];
      dst[key] = [...existing, ...cloneValue(value as unknown[])];
    } else {
      const sub = messageTypeOf(field);
      if (sub === undefined || sub.fullName === DURATION || sub.fullName === ANY || !isObject(value)) {
        dst[key] = cloneValue(value);
      } else {
        const target = isObject(dst[key]) ? (dst[key] as ObjectForm) : {};
        mergeInto(sub, target, value, options);
        dst[key] = target;
      }
    }
    const oneof = field.partOf;
    if (oneof !== null) for (const other of oneof.oneof) if (other !== key) delete dst[other];
  }
}

/** Two Anys of one type merged as that type (a new value); undefined when their types differ. */
export function mergeAnyWithAny(dst: ObjectForm, src: ObjectForm): ObjectForm | undefined {
  const url = dst['@type'];
  if (typeof url !== 'string' || url !== src['@type']) return undefined;
  const { '@type': _dstUrl, ...dstFields } = dst;
  const { '@type': _srcUrl, ...srcFields } = src;
  const merged = cloneValue(dstFields);
  mergeInto(messageType(url), merged, srcFields, {});
  return { '@type': url, ...merged };
}
