// The bytes of an envoy.service.accesslog.v3.StreamAccessLogsMessage assembled from parts already encoded with
// the model's codec: the Identifier once per stream (field 1) and a batch of HTTPAccessLogEntry messages, each
// encoded when its request finished, as http_logs (field 2: HTTPAccessLogEntries, whose log_entry is field 1).
// Protobuf's length-delimited fields let the batch be framed without decoding or encoding the entries again.
import { encode, type Node } from '@minimesh/model/xds';

const HTTP_LOGS_TAG = (2 << 3) | 2;
const LOG_ENTRY_TAG = (1 << 3) | 2;

/** The message type on the wire of AccessLogService.StreamAccessLogs. */
export const STREAM_ACCESS_LOGS_MESSAGE = 'envoy.service.accesslog.v3.StreamAccessLogsMessage';
/** The message type of one entry. */
export const HTTP_ACCESS_LOG_ENTRY = 'envoy.data.accesslog.v3.HTTPAccessLogEntry';

/** Bytes of a varint holding `n` (n < 2^32). */
function varintSize(n: number): number {
  let size = 1;
  for (let v = n >>> 7; v !== 0; v >>>= 7) size++;
  return size;
}

function writeVarint(out: Uint8Array, at: number, n: number): number {
  let v = n >>> 0;
  let pos = at;
  while (v >= 0x80) {
    out[pos++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  out[pos++] = v;
  return pos;
}

/** Bytes an entry of `entryBytes` takes inside http_logs (its tag, length and payload). */
export function framedEntrySize(entryBytes: number): number {
  return 1 + varintSize(entryBytes) + entryBytes;
}

/**
 * The identifier field (tag, length, Identifier { node, log_name }), encoded strictly once per stream; the
 * message holding only it is prepended to a batch.
 */
export function identifierField(node: Node, logName: string): Uint8Array {
  return encode(STREAM_ACCESS_LOGS_MESSAGE, { identifier: { node, log_name: logName } });
}

/**
 * One StreamAccessLogsMessage: `identifier` (the bytes of identifierField, or empty after a stream's first
 * message) then http_logs with `entries` (at least one) in order.
 */
export function assembleMessage(identifier: Uint8Array, entries: readonly Uint8Array[]): Uint8Array {
  let inner = 0;
  for (const e of entries) inner += framedEntrySize(e.byteLength);
  const total = identifier.byteLength + 1 + varintSize(inner) + inner;
  const out = new Uint8Array(total);
  out.set(identifier, 0);
  let pos = identifier.byteLength;
  out[pos++] = HTTP_LOGS_TAG;
  pos = writeVarint(out, pos, inner);
  for (const e of entries) {
    out[pos++] = LOG_ENTRY_TAG;
    pos = writeVarint(out, pos, e.byteLength);
    out.set(e, pos);
    pos += e.byteLength;
  }
  return out;
}
