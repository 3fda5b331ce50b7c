// The body of one HTTP/1.1 message, framed as RFC 9112 section 6 says: none, a content-length, chunked transfer
// coding (with trailer fields) or, for responses only, until the connection closes. `feed` takes the bytes
// received after the head, hands the decoded body bytes to `onData` (zero-copy subarrays of the input) and
// returns how many input bytes belonged to this message, so what follows is the next message (pipelining) or
// left alone. Chunk extensions are skipped; a malformed chunk size or delimiter is a Http1ParseError.
import {
  addHeader,
  type HeaderRecord,
  Http1ParseError,
  hasForbiddenValueChar,
  isToken,
} from './head-parser.js';

export type Framing =
  | { readonly kind: 'none' }
  | { readonly kind: 'length'; readonly length: number }
  | { readonly kind: 'chunked' }
  | { readonly kind: 'close' };

/** Longest chunk-size line (size and extensions) accepted, bytes. */
const MAX_SIZE_LINE = 4096;
/** Longest trailer section accepted, bytes. */
const MAX_TRAILERS = 60 * 1024;

enum State {
  Size = 0,
  Data = 1,
  DataEnd = 2,
  Trailers = 3,
  Done = 4,
}

export class BodyFramer {
  /** Body bytes still expected (length framing) or left in the current chunk. */
  #left: number;
  #state: State;
  /** Partial chunk-size line or trailer section carried between feeds (latin1). */
  #carry = '';
  readonly chunked: boolean;
  readonly untilClose: boolean;
  /** Trailer fields of a chunked body (filled when done). */
  readonly trailers: HeaderRecord = {};
  /** Decoded body bytes so far. */
  received = 0;

  constructor(
    framing: Framing,
    private readonly onData: (chunk: Buffer) => void,
    private readonly errorStatus: 400 | 502,
  ) {
    this.chunked = framing.kind === 'chunked';
    this.untilClose = framing.kind === 'close';
    this.#left = framing.kind === 'length' ? framing.length : 0;
    this.#state =
      framing.kind === 'none' || (framing.kind === 'length' && framing.length === 0)
        ? State.Done
        : framing.kind === 'chunked'
          ? State.Size
          : State.Data;
  }

  get done(): boolean {
    return this.#state === State.Done;
  }

  /** Consumes the body's bytes from `buf[from..]`; returns the index just past them (buf.length when all). */
  feed(buf: Buffer, from: number): number {
    let pos = from;
    while (pos < buf.length && this.#state !== State.Done) {
      switch (this.#state) {
        case State.Data: {
          if (this.untilClose) {
            this.#emit(buf, pos, buf.length);
            return buf.length;
          }
          const n = Math.min(this.#left, buf.length - pos);
          this.#emit(buf, pos, pos + n);
          pos += n;
          this.#left -= n;
          if (this.#left === 0) this.#state = this.chunked ? State.DataEnd : State.Done;
          break;
        }
        case State.Size:
          pos = this.#sizeLine(buf, pos);
          break;
        case State.DataEnd: {
          // The CRLF after a chunk's data, possibly split across feeds.
          const need = 2 - this.#carry.length;
          const got = buf.toString('latin1', pos, Math.min(buf.length, pos + need));
          this.#carry += got;
          pos += got.length;
          if (this.#carry.length === 2) {
            if (this.#carry !== '\r\n')
              throw new Http1ParseError('chunk data not followed by CRLF', this.errorStatus);
            this.#carry = '';
            this.#state = State.Size;
          }
          break;
        }
        case State.Trailers:
          pos = this.#trailerSection(buf, pos);
          break;
      }
    }
    return pos;
  }

  /** The connection closed: a close-delimited body ends here; any other unfinished body is truncated. */
  finishOnClose(): boolean {
    if (this.untilClose) this.#state = State.Done;
    return this.#state === State.Done;
  }

  #emit(buf: Buffer, start: number, end: number): void {
    if (end <= start) return;
    this.received += end - start;
    this.onData(start === 0 && end === buf.length ? buf : buf.subarray(start, end));
  }

  #sizeLine(buf: Buffer, pos: number): number {
    let line: string;
    let next: number;
    if (this.#carry.endsWith('\r') && buf[pos] === 10) {
      // A CRLF split across feeds: the carry ended with CR and this feed starts with LF.
      line = this.#carry.slice(0, -1);
      next = pos + 1;
    } else {
      const eol = buf.indexOf('\r\n', pos, 'latin1');
      if (eol < 0) {
        this.#carry += buf.toString('latin1', pos, buf.length);
        if (this.#carry.length > MAX_SIZE_LINE)
          throw new Http1ParseError('chunk size line too long', this.errorStatus);
        return buf.length;
      }
      line = this.#carry + buf.toString('latin1', pos, eol);
      next = eol + 2;
    }
    this.#carry = '';
    const semi = line.indexOf(';');
    const hex = (semi < 0 ? line : line.slice(0, semi)).trim();
    if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) {
      throw new Http1ParseError(`invalid chunk size ${JSON.stringify(hex)}`, this.errorStatus);
    }
    const size = Number.parseInt(hex, 16);
    if (size === 0) this.#state = State.Trailers;
    else {
      this.#left = size;
      this.#state = State.Data;
    }
    return next;
  }

  /** Trailer fields up to the blank line that ends a chunked body. */
  #trailerSection(buf: Buffer, pos: number): number {
    const text = this.#carry + buf.toString('latin1', pos, buf.length);
    // An empty trailer section is just CRLF.
    const end = text.startsWith('\r\n') ? 0 : text.indexOf('\r\n\r\n');
    if (end < 0) {
      if (text.length > MAX_TRAILERS) throw new Http1ParseError('trailer section too long', this.errorStatus);
      this.#carry = text;
      return buf.length;
    }
    const consumedFromCarry = this.#carry.length;
    this.#carry = '';
    if (end > 0) {
      for (const line of text.slice(0, end).split('\r\n')) {
        const colon = line.indexOf(':');
        // The same rules as header fields: a token name, no CR / LF / NUL in the value (trailers are forwarded).
        const name = colon <= 0 ? '' : line.slice(0, colon);
        const value = line.slice(colon + 1).trim();
        if (!isToken(name) || hasForbiddenValueChar(value))
          throw new Http1ParseError('malformed trailer field', this.errorStatus);
        addHeader(this.trailers, name.toLowerCase(), value);
      }
    }
    this.#state = State.Done;
    const totalUsed = end === 0 ? 2 : end + 4;
    return pos + totalUsed - consumedFromCarry;
  }
}

/** Encodes one chunk of a chunked body: size line, data, CRLF (nothing for an empty chunk). */
export function chunkHead(length: number): string {
  return `${length.toString(16)}\r\n`;
}
