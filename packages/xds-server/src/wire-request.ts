// Fast decoding of the common discovery requests: an ACK carries only strings (version, names, type URL,
// nonce), and a stream receives one per response it is sent, so reading them must be cheap. A request made only
// of the string fields below is read here, to the object the model's codec gives (fields absent from the bytes
// are absent from the object, repeated fields are arrays in wire order, a singular field given twice: the last
// wins). Anything else (a node, error_detail, locators, initial versions, a wrong wire type, non-UTF-8 text,
// truncated data) is left to the model's strict codec: `undefined` here.
// A long list of names (a state-of-the-world EDS ACK repeats every subscribed name) is interned: every request
// with the same bytes for it gets the same frozen array (where the codec would give a fresh one), so that a
// stream can tell by identity that its subscription did not change, and streams that subscribe to the same
// names share one set of them. The interned lists are bounded in number and bytes.

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Field number -> property name and whether it is repeated; only length-delimited string fields. */
type StringFields = ReadonlyMap<number, { readonly name: string; readonly repeated: boolean }>;

const DISCOVERY_REQUEST: StringFields = new Map([
  [1, { name: 'version_info', repeated: false }],
  [3, { name: 'resource_names', repeated: true }],
  [4, { name: 'type_url', repeated: false }],
  [5, { name: 'response_nonce', repeated: false }],
]);

const DELTA_DISCOVERY_REQUEST: StringFields = new Map([
  [2, { name: 'type_url', repeated: false }],
  [3, { name: 'resource_names_subscribe', repeated: true }],
  [4, { name: 'resource_names_unsubscribe', repeated: true }],
  [6, { name: 'response_nonce', repeated: false }],
]);

/** Lists of names from this long to this long (bytes on the wire, tags included) are interned. */
const INTERN_MIN_BYTES = 256;
const INTERN_MAX_BYTES = 1 << 20;
/** At most this many distinct lists, of this many bytes in all, are kept (the oldest go first). */
const INTERN_MAX = 256;
const INTERN_BUDGET_BYTES = 8 << 20;
const interned = new Map<string, readonly string[]>();
let internedBytes = 0;

/** Text of bytes [start, end): ASCII directly, anything else through a strict UTF-8 decoder (throws). */
function text(bytes: Uint8Array, start: number, end: number): string {
  for (let i = start; i < end; i++) {
    if ((bytes[i] as number) >= 0x80) return UTF8.decode(bytes.subarray(start, end));
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

/** Decodes `bytes` if it has only the given string fields; undefined otherwise. */
function decodeStrings(bytes: Uint8Array, fields: StringFields): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const n = bytes.length;
  let pos = 0;
  while (pos < n) {
    const run = internedRun(bytes, pos, fields, out);
    if (run > pos) {
      pos = run;
      continue;
    }
    // Tag: one byte covers field numbers 1 to 15, all these messages' string fields.
    const tag = bytes[pos++] as number;
    if (tag >= 0x80 || (tag & 7) !== 2) return undefined;
    const field = fields.get(tag >>> 3);
    if (field === undefined) return undefined;
    let length = 0;
    let shift = 0;
    for (;;) {
      if (pos >= n || shift > 28) return undefined;
      const b = bytes[pos++] as number;
      length += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
      shift += 7;
    }
    const end = pos + length;
    if (end > n) return undefined;
    let value: string;
    try {
      value = text(bytes, pos, end);
    } catch {
      return undefined;
    }
    pos = end;
    if (field.repeated) {
      const list = out[field.name] as string[] | undefined;
      if (list === undefined) out[field.name] = [value];
      else if (Object.isFrozen(list))
        out[field.name] = [...list, value]; // an interned list stays as it is
      else list.push(value);
    } else out[field.name] = value;
  }
  return out;
}

/**
 * At `pos`, a run of at least INTERN_MIN_BYTES of one repeated field that `out` does not have yet: sets the
 * interned list (decoding it the first time) and returns the end of the run; else returns `pos`.
 */
function internedRun(
  bytes: Uint8Array,
  pos: number,
  fields: StringFields,
  out: Record<string, unknown>,
): number {
  const tag = bytes[pos] as number;
  const field = fields.get(tag >>> 3);
  if (field === undefined || !field.repeated || (tag & 7) !== 2 || out[field.name] !== undefined) return pos;
  // The run: consecutive fields with this tag (one-byte lengths are the common case; longer ones end the run).
  let end = pos;
  while (end + 1 < bytes.length && bytes[end] === tag && (bytes[end + 1] as number) < 0x80) {
    const next = end + 2 + (bytes[end + 1] as number);
    if (next > bytes.length) break;
    end = next;
  }
  if (end - pos < INTERN_MIN_BYTES || end - pos > INTERN_MAX_BYTES) return pos;
  const key = Buffer.from(bytes.buffer, bytes.byteOffset + pos, end - pos).toString('latin1');
  let list = interned.get(key);
  if (list === undefined) {
    const names: string[] = [];
    for (let i = pos; i < end; ) {
      const length = bytes[i + 1] as number;
      try {
        names.push(text(bytes, i + 2, i + 2 + length));
      } catch {
        return pos; // not UTF-8: the field-by-field reader gives up on it too
      }
      i += 2 + length;
    }
    list = Object.freeze(names);
    while (interned.size >= INTERN_MAX || internedBytes + key.length > INTERN_BUDGET_BYTES) {
      const oldest = interned.keys().next().value as string;
      interned.delete(oldest);
      internedBytes -= oldest.length;
    }
    interned.set(key, list);
    internedBytes += key.length;
  }
  out[field.name] = list;
  return end;
}

/** A DiscoveryRequest of only version_info, resource_names, type_url and response_nonce; else undefined. */
export function decodeDiscoveryRequestFast(bytes: Uint8Array): Record<string, unknown> | undefined {
  return decodeStrings(bytes, DISCOVERY_REQUEST);
}

/** A DeltaDiscoveryRequest of only type_url, names (un)subscribed and response_nonce; else undefined. */
export function decodeDeltaDiscoveryRequestFast(bytes: Uint8Array): Record<string, unknown> | undefined {
  return decodeStrings(bytes, DELTA_DISCOVERY_REQUEST);
}
