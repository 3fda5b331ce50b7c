// The envelope of a DiscoveryResponse read by hand, leaving each resource as its packed Any (type URL and bytes),
// so that one resource the codec refuses is NACKed by name while the response itself is still understood. The
// resources are then decoded one by one with the model's strict codec (resource-decode.ts). Fields other than
// version_info (1), resources (2), type_url (4) and nonce (5) are skipped.
import { ProxyError, ProxyErrorCode } from '../errors.js';

/** One resource of a response, still packed. */
export interface PackedResource {
  readonly typeUrl: string;
  readonly value: Uint8Array;
}

export interface DiscoveryEnvelope {
  readonly versionInfo: string;
  readonly typeUrl: string;
  readonly nonce: string;
  readonly resources: readonly PackedResource[];
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

class Reader {
  pos = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly end: number = bytes.length,
  ) {}

  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) throw bad('truncated varint');
      const b = this.bytes[this.pos++] as number;
      // Values above 2^53 only occur in skipped fields; precision there does not matter.
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 63) throw bad('varint longer than 10 bytes');
    }
  }

  /** [start, end) of a length-delimited field's payload; advances past it. */
  span(): [number, number] {
    const len = this.varint();
    const start = this.pos;
    const end = start + len;
    if (end > this.end) throw bad('length-delimited field runs past the end');
    this.pos = end;
    return [start, end];
  }

  skip(wireType: number): void {
    switch (wireType) {
      case 0:
        this.varint();
        return;
      case 1:
        this.pos += 8;
        break;
      case 2:
        this.span();
        return;
      case 5:
        this.pos += 4;
        break;
      default:
        throw bad(`unsupported wire type ${wireType}`);
    }
    if (this.pos > this.end) throw bad('fixed-width field runs past the end');
  }
}

function bad(detail: string): ProxyError {
  return new ProxyError(ProxyErrorCode.BadResponse, `malformed DiscoveryResponse: ${detail}`);
}

function readAny(bytes: Uint8Array, start: number, end: number): PackedResource {
  const r = new Reader(bytes, end);
  r.pos = start;
  let typeUrl = '';
  let value: Uint8Array = new Uint8Array(0);
  while (r.pos < end) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    const wireType = tag & 7;
    if (field === 1 && wireType === 2) {
      const [s, e] = r.span();
      typeUrl = UTF8.decode(bytes.subarray(s, e));
    } else if (field === 2 && wireType === 2) {
      const [s, e] = r.span();
      value = bytes.subarray(s, e);
    } else {
      r.skip(wireType);
    }
  }
  return { typeUrl, value };
}

/** Reads a DiscoveryResponse's envelope. Throws ProxyError BadResponse for bytes that are not one. */
export function readDiscoveryResponse(bytes: Uint8Array): DiscoveryEnvelope {
  const r = new Reader(bytes);
  let versionInfo = '';
  let typeUrl = '';
  let nonce = '';
  const resources: PackedResource[] = [];
  while (r.pos < r.end) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    const wireType = tag & 7;
    if (wireType === 2 && (field === 1 || field === 4 || field === 5)) {
      const [s, e] = r.span();
      const text = UTF8.decode(bytes.subarray(s, e));
      if (field === 1) versionInfo = text;
      else if (field === 4) typeUrl = text;
      else nonce = text;
    } else if (wireType === 2 && field === 2) {
      const [s, e] = r.span();
      resources.push(readAny(bytes, s, e));
    } else {
      r.skip(wireType);
    }
  }
  return { versionInfo, typeUrl, nonce, resources };
}
