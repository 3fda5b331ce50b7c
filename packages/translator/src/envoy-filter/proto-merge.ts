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
 * `src` merged into `dst` (both object forms of `typeName`) as a new value. Neither input is modified; the result
 * shares the subtrees of `dst` the merge does not change, and nothing of `src`.
 */
export function mergedMessage(
  typeName: string,
  dst: ObjectForm,
  src: ObjectForm,
  options: MergeOptions = {},
): ObjectForm {
  return merged(messageType(typeName), dst, src, options);
}

/** Merges `src` into `dst` in place (its nested values are replaced, never modified); returns `dst`. */
export function mergeMessage(
  typeName: string,
  dst: ObjectForm,
  src: ObjectForm,
  options: MergeOptions = {},
): ObjectForm {
  const out = mergedMessage(typeName, dst, src, options);
  for (const key of Object.keys(dst)) if (!Object.hasOwn(out, key)) delete dst[key];
  return Object.assign(dst, out);
}

function merged(type: MessageType, dst: ObjectForm, src: ObjectForm, options: MergeOptions): ObjectForm {
  const out: ObjectForm = { ...dst };
  for (const [key, value] of Object.entries(src)) {
    if (value === undefined) continue;
    const field = type.fields[key];
    if (field === undefined) {
      // Not a field of the type (the codec rejects such values before they get here): copied as is.
      out[key] = cloneValue(value);
      continue;
    }
    const existing = dst[key];
    if (field.map) {
      out[key] = { ...(isObject(existing) ? existing : {}), ...cloneValue(value as ObjectForm) };
    } else if (field.repeated) {
      const kept = Array.isArray(existing) && options.replaceLists !== true ? existing : [];
      out[key] = [...kept, ...cloneValue(value as unknown[])];
    } else {
      const sub = messageTypeOf(field);
      if (sub === undefined || sub.fullName === DURATION || sub.fullName === ANY || !isObject(value)) {
        out[key] = cloneValue(value);
      } else {
        out[key] = merged(sub, isObject(existing) ? existing : {}, value, options);
      }
    }
    const oneof = field.partOf;
    if (oneof !== null) for (const other of oneof.oneof) if (other !== key) delete out[other];
  }
  return out;
}

/** Two Anys of one type merged as that type (a new value); undefined when their types differ. */
export function mergeAnyWithAny(dst: ObjectForm, src: ObjectForm): ObjectForm | undefined {
  const url = dst['@type'];
  if (typeof url !== 'string' || url !== src['@type']) return undefined;
  const { '@type': _dstUrl, ...dstFields } = dst;
  const { '@type': _srcUrl, ...srcFields } = src;
  return { '@type': url, ...merged(messageType(url), dstFields, srcFields, {}) };
}
