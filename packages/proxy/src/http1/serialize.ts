// Writing HTTP/1.1 heads: header fields as "name: value" lines (an array value is one line per element, undefined
// is skipped), the status reason phrases, and the Date value cached per second (RFC 9110 6.6.1). A value with
// CR, LF or NUL is refused with InvalidHeaderError (never written: it would split the message), as node:http
// refuses it.
import { type HeaderRecord, hasForbiddenValueChar } from './head-parser.js';
import { reasonPhrase } from './status-text.js';

export class InvalidHeaderError extends Error {
  readonly code = 'HTTP1_INVALID_HEADER';
  constructor(name: string) {
    super(`invalid character in the value of header ${JSON.stringify(name)}`);
    this.name = 'InvalidHeaderError';
  }
}

/** NUL, a CR not followed by LF or an LF not preceded by CR: one native scan over the lines, no copy. */
const FORBIDDEN = /\0|\r(?!\n)|(?<!\r)\n/;

/** The header lines of `headers`, each ending with CRLF; `skip` names (lower case) are left out. */
export function headerLines(headers: HeaderRecord, skip?: ReadonlySet<string>): string {
  let out = '';
  let lines = 0;
  for (const name in headers) {
    const v = headers[name];
    if (v === undefined || skip?.has(name) === true) continue;
    if (typeof v === 'string') {
      out += `${name}: ${v}\r\n`;
      lines++;
    } else {
      for (const item of v) out += `${name}: ${String(item)}\r\n`;
      lines += v.length;
    }
  }
  // Every line ends with one CRLF: a NUL, a lone CR or LF (FORBIDDEN), or one CRLF more than there are lines (a
  // CRLF inside a name or value) means a field would split the message.
  if (FORBIDDEN.test(out) || countCrlf(out) !== lines) throw new InvalidHeaderError(firstBadName(headers));
  return out;
}

function countCrlf(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\r\n'); i >= 0; i = s.indexOf('\r\n', i + 2)) n++;
  return n;
}

function firstBadName(headers: HeaderRecord): string {
  for (const name in headers) {
    const v = headers[name];
    const values = v === undefined ? [] : typeof v === 'string' ? [v] : v.map(String);
    if (hasForbiddenValueChar(name) || values.some(hasForbiddenValueChar)) return name;
  }
  return '(unknown)';
}

/** "HTTP/1.1 200 OK\r\n". */
export function statusLine(status: number): string {
  return `HTTP/1.1 ${status} ${reasonPhrase(status)}\r\n`;
}

let dateSecond = 0;
let dateValue = '';

/** The current time as an HTTP date, recomputed at most once per second. */
export function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateValue = new Date(now).toUTCString();
  }
  return dateValue;
}

/** Status codes whose responses never have a body (RFC 9110 6.4.1): 1xx, 204, 304. */
export function statusHasNoBody(status: number): boolean {
  return status < 200 || status === 204 || status === 304;
}

/**
 * One buffer holding `head` (latin1) followed by `body`, so head and first body bytes leave in one write (one
 * syscall, one TCP segment for small messages).
 */
export function joinHeadAndBody(head: string, body: Buffer | undefined, prefix = '', suffix = ''): Buffer {
  const headLen = head.length + prefix.length;
  const bodyLen = body === undefined ? 0 : body.length;
  const out = Buffer.allocUnsafe(headLen + bodyLen + suffix.length);
  out.write(head, 0, 'latin1');
  if (prefix.length > 0) out.write(prefix, head.length, 'latin1');
  if (body !== undefined) body.copy(out, headLen);
  if (suffix.length > 0) out.write(suffix, headLen + bodyLen, 'latin1');
  return out;
}
