// Discovery responses assembled from pre-encoded resources, so that a push to N streams encodes every resource
// once, not N times. Every resource is encoded (strictly, by the model's codec) when its snapshot is built; here
// its Any is framed once as the `resources` field of a DiscoveryResponse (field 2), which has the same bytes as
// the `resource` field of a delta Resource (also field 2), and the framed resources of one resource map (or of
// the difference of two maps, for delta) are concatenated once and shared by every stream that sends exactly
// them. A stream then only writes its own fields (version, type URL, nonce) around the shared body.
// The bytes are those the model's strict encoder gives for the same message object (fields in field-number
// order, proto3 defaults left out); the serializer of the service definitions takes them from `prebuiltBytes`,
// which writes them at serialization time into one reused buffer.
import type { PreparedResource, ResourceMap } from './snapshot.js';

const TAG_1 = 0x0a; // field 1, wire type 2 (length-delimited)
const TAG_2 = 0x12;
const TAG_3 = 0x1a;
const TAG_4 = 0x22;
const TAG_5 = 0x2a;
const TAG_6 = 0x32;

/** Bytes a varint of `n` (0 <= n < 2^32) takes. */
function varintSize(n: number): number {
  return n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5;
}

function writeVarint(buf: Buffer, pos: number, n: number): number {
  let v = n >>> 0;
  while (v > 0x7f) {
    buf[pos++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  buf[pos++] = v;
  return pos;
}

/** Size of a length-delimited field whose payload is `length` bytes (single-byte tag). */
function fieldSize(length: number): number {
  return 1 + varintSize(length) + length;
}

/**
 * Scratch space responses are assembled in for the serializer. @grpc/grpc-js (1.14, the workspace catalog's)
 * copies what a serializer returns into its own frame buffer at once (ServerInterceptingCall.serializeMessage),
 * so one buffer reused for every response saves allocating, and collecting, a second copy of every response.
 * A grpc-js that kept the returned buffer would send garbled responses when several are in flight, which
 * test/fan-out.test.ts (a dozen streams pushed to at once) would see.
 */
let scratch = Buffer.allocUnsafe(64 * 1024);

/** A sequence of length-delimited fields written into one buffer. */
export class FieldWriter {
  readonly #parts: { tag: number; bytes: Uint8Array }[] = [];
  #size = 0;

  /** Adds a string field; '' is the proto3 default and left out. */
  string(tag: number, value: string): this {
    if (value !== '') this.bytes(tag, Buffer.from(value, 'utf8'));
    return this;
  }

  /** Adds a length-delimited field with the given payload. */
  bytes(tag: number, bytes: Uint8Array): this {
    this.#parts.push({ tag, bytes });
    this.#size += fieldSize(bytes.length);
    return this;
  }

  /** Adds bytes that already are whole fields (tag and length included). */
  raw(bytes: Uint8Array): this {
    this.#parts.push({ tag: -1, bytes });
    this.#size += bytes.length;
    return this;
  }

  /** The bytes, in a buffer of their own. */
  finish(): Buffer {
    return this.#writeTo(Buffer.allocUnsafe(this.#size));
  }

  /** The bytes, in the shared scratch buffer: valid only until the next call, for a serializer to return. */
  finishInScratch(): Buffer {
    if (scratch.length < this.#size) scratch = Buffer.allocUnsafe(Math.max(this.#size, scratch.length * 2));
    return this.#writeTo(scratch.subarray(0, this.#size));
  }

  #writeTo(out: Buffer): Buffer {
    let pos = 0;
    for (const { tag, bytes } of this.#parts) {
      if (tag >= 0) {
        out[pos++] = tag;
        pos = writeVarint(out, pos, bytes.length);
      }
      out.set(bytes, pos);
      pos += bytes.length;
    }
    return out;
  }
}

/** The Any message of a resource: type_url (1) and value (2; left out when empty), as the strict codec writes it. */
export function anyBytes(typeUrl: string, value: Uint8Array): Buffer {
  const w = new FieldWriter().string(TAG_1, typeUrl);
  if (value.length > 0) w.bytes(TAG_2, value);
  return w.finish();
}

/** A resource as field 2 holding its Any (DiscoveryResponse.resources, Resource.resource); built once per resource. */
const anyFields = new WeakMap<PreparedResource, Buffer>();
/** A resource as a delta Resource in field 2 of a DeltaDiscoveryResponse; built once per resource. */
const deltaFields = new WeakMap<PreparedResource, Buffer>();
/**
 * The concatenated fields of a list of resources shared by many streams, under the object that stands for the
 * list (a cache map: its resources in map order; a diff: its changed resources); built once per list and protocol.
 */
const sotwBodies = new WeakMap<object, Buffer>();
const deltaBodies = new WeakMap<object, Buffer>();

function anyField(r: PreparedResource): Buffer {
  let bytes = anyFields.get(r);
  if (bytes === undefined) {
    bytes = new FieldWriter().bytes(TAG_2, r.anyBytes).finish();
    anyFields.set(r, bytes);
  }
  return bytes;
}

function deltaField(r: PreparedResource): Buffer {
  let bytes = deltaFields.get(r);
  if (bytes === undefined) {
    // Resource: version (1), resource (2), name (3).
    const resource = new FieldWriter()
      .string(TAG_1, r.version)
      .raw(anyField(r))
      .string(TAG_3, r.name)
      .finish();
    bytes = new FieldWriter().bytes(TAG_2, resource).finish();
    deltaFields.set(r, bytes);
  }
  return bytes;
}

function body(
  resources: Iterable<PreparedResource>,
  field: (r: PreparedResource) => Buffer,
  shareKey: object | undefined,
  cache: WeakMap<object, Buffer>,
): Buffer {
  if (shareKey !== undefined) {
    const cached = cache.get(shareKey);
    if (cached !== undefined) return cached;
  }
  const parts: Buffer[] = [];
  for (const r of resources) parts.push(field(r));
  const bytes = Buffer.concat(parts);
  if (shareKey !== undefined) cache.set(shareKey, bytes);
  return bytes;
}

/**
 * The wire form of a DiscoveryResponse: version_info (1), resources (2), type_url (4), nonce (5). `resources` is sent in its
 * own order; pass a `shareKey` when other streams send the very same list (a cache map whose resources these are,
 * in map order): the body is then built once under it.
 */
export function sotwResponse(
  version: string,
  typeUrl: string,
  nonce: string,
  resources: Iterable<PreparedResource>,
  shareKey?: ResourceMap,
): FieldWriter {
  return new FieldWriter()
    .string(TAG_1, version)
    .raw(body(resources, anyField, shareKey, sotwBodies))
    .string(TAG_4, typeUrl)
    .string(TAG_5, nonce);
}

/**
 * The wire form of a DeltaDiscoveryResponse: system_version_info (1), resources (2), type_url (4), nonce (5),
 * removed_resources (6). `shareKey` as for `sotwResponse` (a cache map, or a diff whose changed resources
 * these are).
 */
export function deltaResponse(
  systemVersion: string,
  typeUrl: string,
  nonce: string,
  resources: Iterable<PreparedResource>,
  removed: readonly string[],
  shareKey?: object,
): FieldWriter {
  const w = new FieldWriter()
    .string(TAG_1, systemVersion)
    .raw(body(resources, deltaField, shareKey, deltaBodies))
    .string(TAG_4, typeUrl)
    .string(TAG_5, nonce);
  for (const name of removed) w.bytes(TAG_6, Buffer.from(name, 'utf8'));
  return w;
}

/** Response objects whose bytes were assembled here, for the serializer; entries go with their objects. */
const prebuilt = new WeakMap<object, FieldWriter>();

/** Records the wire form of a response object before it is written to a call. */
export function attachBytes<T extends object>(message: T, wire: FieldWriter): T {
  prebuilt.set(message, wire);
  return message;
}

/**
 * The bytes recorded for a message object, if any, in the scratch buffer: for the response serializer only,
 * whose caller copies them before serializing anything else.
 */
export function prebuiltBytes(message: object): Buffer | undefined {
  return prebuilt.get(message)?.finishInScratch();
}

/**
 * Defines `key` on `target` as an enumerable property computed on first read (then kept): response objects
 * carry their resources for hooks, but building them per stream is skipped when nobody reads them.
 */
export function defineLazy<T extends object, K extends string, V>(
  target: T,
  key: K,
  compute: () => V,
): T & Record<K, V> {
  let value: { v: V } | undefined;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      value ??= { v: compute() };
      return value.v;
    },
    set: (v: V) => {
      value = { v };
    },
  });
  return target as T & Record<K, V>;
}
