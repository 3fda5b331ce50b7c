// A TLS ClientHello read from the first bytes of a connection without terminating TLS, as Envoy's tls_inspector
// does: the server name (SNI, RFC 6066 server_name extension, host_name entries) and the ALPN protocols offered
// (RFC 7301). The bytes are TLS records (RFC 8446 5.1: type 22 handshake, version 3.x, a 16-bit length); the
// handshake message (type 1 ClientHello, a 24-bit length) may span several records and each record several TCP
// segments, so the parser is given everything received so far and answers `more` until it can decide. Bytes
// that are not a TLS handshake record are `not-tls` (the connection is raw_buffer); a TLS record stream whose
// ClientHello is malformed is `not-tls` too (Envoy then leaves the transport protocol unset).

/** Envoy's tls_inspector refuses a ClientHello larger than this (TLS_MAX_CLIENT_HELLO, 64 KiB), bytes. */
export const MAX_CLIENT_HELLO_BYTES = 64 * 1024;

export type ClientHelloResult =
  /** Undecided: nothing new can be decided before the buffer holds `want` bytes (a record header or end). */
  | { readonly kind: 'more'; readonly want: number }
  | { readonly kind: 'not-tls' }
  | { readonly kind: 'too-large' }
  | {
      readonly kind: 'tls';
      /** The SNI host name in lower case; "" when the client sent none. */
      readonly serverName: string;
      /** ALPN protocols in the client's order; empty when the extension is absent. */
      readonly alpn: readonly string[];
    };

const NOT_TLS: ClientHelloResult = { kind: 'not-tls' };
const TOO_LARGE: ClientHelloResult = { kind: 'too-large' };

const RECORD_HEADER = 5;
const HANDSHAKE = 22;
const CLIENT_HELLO = 1;
const EXT_SERVER_NAME = 0;
const EXT_ALPN = 16;

/** Decides what `buf` (every byte received so far on the connection) holds. */
export function parseClientHello(buf: Buffer): ClientHelloResult {
  // The handshake bytes, gathered from consecutive handshake records.
  const parts: Buffer[] = [];
  let have = 0;
  let need = -1; // the ClientHello's total length (4-byte header + body), once known
  let at = 0;
  for (;;) {
    if (buf.length - at < 1) return { kind: 'more', want: at + 1 };
    if (buf[at] !== HANDSHAKE) return NOT_TLS;
    if (buf.length - at >= 2 && buf[at + 1] !== 3) return NOT_TLS;
    if (buf.length - at < RECORD_HEADER) return { kind: 'more', want: at + RECORD_HEADER };
    const len = buf.readUInt16BE(at + 3);
    if (len === 0 || len > 16384 + 2048) return NOT_TLS;
    const end = at + RECORD_HEADER + len;
    const fragment = buf.subarray(at + RECORD_HEADER, Math.min(end, buf.length));
    parts.push(fragment);
    have += fragment.length;
    if (need < 0 && have >= 4) {
      const hs = parts.length === 1 ? fragment : Buffer.concat(parts);
      if (hs[0] !== CLIENT_HELLO) return NOT_TLS;
      need = 4 + hs.readUIntBE(1, 3);
      if (need > MAX_CLIENT_HELLO_BYTES) return TOO_LARGE;
    }
    if (need >= 0 && have >= need) return readHello(Buffer.concat(parts).subarray(4, need));
    if (end > buf.length)
      return buf.length > MAX_CLIENT_HELLO_BYTES + 1024 ? TOO_LARGE : { kind: 'more', want: end };
    at = end;
  }
}

/** A bounds-checked reader over the ClientHello body; `ok` turns false on any overrun. */
class Reader {
  at = 0;
  ok = true;
  constructor(readonly b: Buffer) {}
  u8(): number {
    if (this.at + 1 > this.b.length) return this.fail();
    return this.b[this.at++] as number;
  }
  u16(): number {
    if (this.at + 2 > this.b.length) return this.fail();
    const v = this.b.readUInt16BE(this.at);
    this.at += 2;
    return v;
  }
  bytes(n: number): Buffer {
    if (this.at + n > this.b.length) {
      this.fail();
      return Buffer.alloc(0);
    }
    const v = this.b.subarray(this.at, this.at + n);
    this.at += n;
    return v;
  }
  fail(): number {
    this.ok = false;
    this.at = this.b.length;
    return 0;
  }
}

function readHello(body: Buffer): ClientHelloResult {
  const r = new Reader(body);
  r.bytes(2 + 32); // legacy_version, random
  r.bytes(r.u8()); // legacy_session_id
  r.bytes(r.u16()); // cipher_suites
  r.bytes(r.u8()); // legacy_compression_methods
  if (!r.ok) return NOT_TLS;
  let serverName = '';
  let alpn: string[] = [];
  if (r.at < body.length) {
    const exts = new Reader(r.bytes(r.u16()));
    if (!r.ok) return NOT_TLS;
    while (exts.ok && exts.at < exts.b.length) {
      const type = exts.u16();
      const data = exts.bytes(exts.u16());
      if (!exts.ok) return NOT_TLS;
      if (type === EXT_SERVER_NAME) serverName = readServerName(data);
      else if (type === EXT_ALPN) alpn = readAlpn(data);
    }
    if (!exts.ok) return NOT_TLS;
  }
  return { kind: 'tls', serverName, alpn };
}

/** The first host_name (type 0) entry of a server_name extension, lower-cased; "" when absent or malformed. */
function readServerName(data: Buffer): string {
  const outer = new Reader(data);
  const list = new Reader(outer.bytes(outer.u16()));
  while (outer.ok && list.ok && list.at < list.b.length) {
    const type = list.u8();
    const name = list.bytes(list.u16());
    if (list.ok && type === 0) return name.toString('latin1').toLowerCase();
  }
  return '';
}

function readAlpn(data: Buffer): string[] {
  const outer = new Reader(data);
  const list = new Reader(outer.bytes(outer.u16()));
  const out: string[] = [];
  while (outer.ok && list.ok && list.at < list.b.length) {
    const p = list.bytes(list.u8());
    if (list.ok) out.push(p.toString('latin1'));
  }
  return out;
}
