// gRPC's length-prefixed messages over HTTP/2 DATA (the gRPC over HTTP/2 protocol): each message is a 5-byte
// prefix, a flag byte (0 = uncompressed, 1 = compressed with the stream's grpc-encoding) and the message length as
// a uint32 big-endian, then the message bytes. DATA frame boundaries mean nothing: a message may span frames and
// a frame may hold several messages, so the reader reassembles. This client never advertises a compression, so
// a compressed message is a protocol error.
import { GrpcCode, GrpcStatusError } from './grpc-status.js';

/** Bytes of the prefix before each message. */
export const GRPC_PREFIX_BYTES = 5;

/** Default largest message accepted, bytes (64 MiB: xDS responses of a large mesh run to tens of MB). */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** One message with its prefix, ready to write as DATA. */
export function frameMessage(message: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(GRPC_PREFIX_BYTES + message.byteLength);
  out[0] = 0;
  out.writeUInt32BE(message.byteLength, 1);
  out.set(message, GRPC_PREFIX_BYTES);
  return out;
}

/**
 * Turns DATA chunks into whole messages. Invariants: `#chunks` holds `#buffered` bytes not yet consumed, and
 * `#need` is the length of the message being read (-1 while its prefix is incomplete).
 */
export class GrpcMessageReader {
  readonly #maxBytes: number;
  #chunks: Buffer[] = [];
  #buffered = 0;
  #need = -1;

  constructor(maxBytes = DEFAULT_MAX_MESSAGE_BYTES) {
    this.#maxBytes = maxBytes;
  }

  /** Bytes received that are not part of a whole message yet (non-zero at the stream's end = truncated). */
  get pending(): number {
    return this.#buffered;
  }

  /** Adds one DATA chunk; returns the messages it completed, in order. Throws GrpcStatusError (INTERNAL or
   * RESOURCE_EXHAUSTED) for a compressed or oversized message; the reader is unusable afterwards. */
  push(chunk: Buffer): Buffer[] {
    if (chunk.length === 0) return [];
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    const out: Buffer[] = [];
    for (;;) {
      if (this.#need < 0) {
        if (this.#buffered < GRPC_PREFIX_BYTES) return out;
        const prefix = this.#take(GRPC_PREFIX_BYTES);
        const flag = prefix[0];
        const length = prefix.readUInt32BE(1);
        if (flag !== 0) {
          throw new GrpcStatusError(
            GrpcCode.Internal,
            flag === 1
              ? 'compressed gRPC message received, but no grpc-encoding was accepted'
              : `bad gRPC message flag ${flag}`,
          );
        }
        if (length > this.#maxBytes) {
          throw new GrpcStatusError(
            GrpcCode.ResourceExhausted,
            `gRPC message of ${length} bytes is larger than the limit of ${this.#maxBytes}`,
          );
        }
        this.#need = length;
      }
      if (this.#buffered < this.#need) return out;
      out.push(this.#take(this.#need));
      this.#need = -1;
    }
  }

  /** Removes the first `n` bytes (n <= #buffered); a view of the first chunk when it holds them all. */
  #take(n: number): Buffer {
    this.#buffered -= n;
    const first = this.#chunks[0];
    if (first !== undefined && first.length >= n) {
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.#chunks[0] as Buffer;
      const used = Math.min(chunk.length, n - filled);
      chunk.copy(out, filled, 0, used);
      filled += used;
      if (used === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(used);
    }
    return out;
  }
}
