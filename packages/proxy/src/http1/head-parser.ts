// HTTP/1.1 message heads (RFC 9112): the request line or status line and the header fields, parsed from bytes in
// one pass over a latin1 string. Header names are lower-cased; duplicates are combined as node:http combines
// them (set-cookie stays an array, cookie joins with "; ", a field that may appear once keeps its first value,
// every other field joins with ", "), so the rest of the proxy sees the same header objects it saw from
// node:http. Anything malformed is a Http1ParseError with the status Envoy's codec answers (400, or 431 for a
// head over the size limit); nothing here throws anything else. Invariant: a head is accepted only when every
// name is an RFC 9110 token and no value holds CR, LF or NUL, so a parsed head can never smuggle a field.

/** Why a head (or body framing) was rejected; `status` is what the server answers before closing. */
export class Http1ParseError extends Error {
  readonly code = 'HTTP1_PARSE_ERROR';
  constructor(
    message: string,
    readonly status: 400 | 413 | 431 | 502 = 400,
  ) {
    super(message);
    this.name = 'Http1ParseError';
  }
}

export type HeaderRecord = Record<string, string | string[] | undefined>;

export interface RequestHead {
  readonly method: string;
  /** The request target as sent: origin form, absolute form, authority form (CONNECT) or "*". */
  readonly target: string;
  /** "1.1" or "1.0". */
  readonly version: string;
  readonly headers: HeaderRecord;
}

export interface ResponseHead {
  readonly status: number;
  readonly reason: string;
  readonly version: string;
  readonly headers: HeaderRecord;
}

/** Envoy's default max_request_headers_kb (60 KiB): a longer head is answered 431. */
export const MAX_HEAD_BYTES = 60 * 1024;

/** Fields node:http keeps once (the first value wins), as its IncomingMessage does. */
const SINGLE = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
]);

/** RFC 9110 tchar, by char code. */
const TOKEN = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
  TOKEN[c.charCodeAt(0)] = 1;
}

/** Whether `s` is an RFC 9110 token (a valid field name or method). */
export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127 || TOKEN[c] !== 1) return false;
  }
  return true;
}

/** True when `v` holds a character a field value may not (CR, LF, NUL). */
export function hasForbiddenValueChar(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 13 || c === 10 || c === 0) return true;
  }
  return false;
}

/** Adds one field to `headers` with node:http's duplicate rules. */
export function addHeader(headers: HeaderRecord, name: string, value: string): void {
  const prev = headers[name];
  if (prev === undefined) {
    headers[name] = name === 'set-cookie' ? [value] : value;
    return;
  }
  if (Array.isArray(prev)) prev.push(value);
  else if (name === 'cookie') headers[name] = `${prev}; ${value}`;
  else if (!SINGLE.has(name)) headers[name] = `${prev}, ${value}`;
}

/**
 * Parses the header lines of `text` from `from` (just after the start line's CRLF) to its end (the head's final
 * CRLF excluded). Values are trimmed of optional whitespace; obsolete line folding is rejected (RFC 9112 5.2).
 */
function parseFields(text: string, from: number, what: string, status: 400 | 502): HeaderRecord {
  const headers: HeaderRecord = {};
  let pos = from;
  const end = text.length;
  while (pos < end) {
    let eol = text.indexOf('\r\n', pos);
    if (eol < 0) eol = end;
    if (eol === pos) break;
    const first = text.charCodeAt(pos);
    if (first === 32 || first === 9)
      throw new Http1ParseError(`${what}: obsolete header line folding`, status);
    const colon = text.indexOf(':', pos);
    if (colon < 0 || colon > eol) throw new Http1ParseError(`${what}: header line without ":"`, status);
    const rawName = text.slice(pos, colon);
    if (!isToken(rawName))
      throw new Http1ParseError(`${what}: invalid header name ${JSON.stringify(rawName)}`, status);
    let vs = colon + 1;
    let ve = eol;
    while (vs < ve && (text.charCodeAt(vs) === 32 || text.charCodeAt(vs) === 9)) vs++;
    while (ve > vs && (text.charCodeAt(ve - 1) === 32 || text.charCodeAt(ve - 1) === 9)) ve--;
    // No CR, LF or NUL can be in the value: checkHeadText refused the whole head before, and lines end at CRLF.
    const value = text.slice(vs, ve);
    const name = rawName.toLowerCase();
    // content-length keeps its first value (node:http's rule), so a second, different one must be refused here:
    // dropped silently, the two ends of the proxy could frame the body differently (request smuggling).
    if (name === 'content-length' && headers[name] !== undefined && headers[name] !== value) {
      throw new Http1ParseError(`${what}: conflicting content-length fields`, status);
    }
    addHeader(headers, name, value);
    pos = eol + 2;
  }
  return headers;
}

/** NUL anywhere, a CR not followed by LF, or an LF not preceded by CR (a bare line ending). */
const BAD_HEAD_CHAR = /\0|\r(?!\n)|(?<!\r)\n/;

/** One native scan of a whole head for characters no field or start line may hold. */
function checkHeadText(text: string, status: 400 | 502): void {
  if (BAD_HEAD_CHAR.test(text)) {
    throw new Http1ParseError('invalid character (NUL, bare CR or bare LF) in the message head', status);
  }
}

/** Reads "HTTP/1.x" at `text[at..]`; returns "1.1" / "1.0" or undefined. */
function versionAt(text: string, at: number): string | undefined {
  if (!text.startsWith('HTTP/1.', at) || text.length < at + 8) return undefined;
  const minor = text.charCodeAt(at + 7);
  if (minor === 49) return '1.1';
  if (minor === 48) return '1.0';
  return undefined;
}

/**
 * Parses a request head: `head` holds the bytes up to and including the blank line's first CRLF... precisely,
 * `buf[start, end)` where `end` is the index of the terminating "\r\n\r\n" plus 2 (the last header line's CRLF
 * included, the blank line excluded).
 */
export function parseRequestHead(buf: Buffer, start: number, end: number): RequestHead {
  const text = buf.toString('latin1', start, end);
  checkHeadText(text, 400);
  const eol = text.indexOf('\r\n');
  const line = eol < 0 ? text : text.slice(0, eol);
  const sp1 = line.indexOf(' ');
  const sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
  if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0) {
    throw new Http1ParseError('request line is not "METHOD TARGET HTTP/1.x"');
  }
  const method = line.slice(0, sp1);
  if (!isToken(method)) throw new Http1ParseError(`invalid method ${JSON.stringify(method)}`);
  const target = line.slice(sp1 + 1, sp2);
  // Control characters (CR, LF, NUL among them) are refused by the loop below.
  if (target.length === 0) throw new Http1ParseError('invalid request target');
  for (let i = 0; i < target.length; i++) {
    const c = target.charCodeAt(i);
    if (c <= 32 || c === 127) throw new Http1ParseError('invalid character in request target');
  }
  const version = line.length === sp2 + 9 ? versionAt(line, sp2 + 1) : undefined;
  if (version === undefined)
    throw new Http1ParseError('unsupported HTTP version (HTTP/1.0 or HTTP/1.1 expected)');
  const headers = eol < 0 ? {} : parseFields(text, eol + 2, 'request', 400);
  return { method, target, version, headers };
}

/** Parses a response head, as parseRequestHead (same `buf[start, end)` convention). */
export function parseResponseHead(buf: Buffer, start: number, end: number): ResponseHead {
  const text = buf.toString('latin1', start, end);
  checkHeadText(text, 502);
  const eol = text.indexOf('\r\n');
  const line = eol < 0 ? text : text.slice(0, eol);
  const version = versionAt(line, 0);
  if (version === undefined || line.charCodeAt(8) !== 32) {
    throw new Http1ParseError('upstream status line is not "HTTP/1.x NNN reason"', 502);
  }
  const code = line.slice(9, 12);
  const status = /^\d{3}$/.test(code) ? Number(code) : Number.NaN;
  if (!Number.isInteger(status) || status < 100 || status > 999 || (line.length > 12 && line[12] !== ' ')) {
    throw new Http1ParseError('upstream status code is not three digits', 502);
  }
  const headers = eol < 0 ? {} : parseFields(text, eol + 2, 'upstream response', 502);
  return { status, reason: line.slice(13), version, headers };
}

/** content-length as a number: undefined when absent; a parse error when not a non-negative decimal. */
export function contentLength(headers: HeaderRecord, status: 400 | 502): number | undefined {
  const v = headers['content-length'];
  if (v === undefined) return undefined;
  const s = Array.isArray(v) ? v.join(',') : v;
  // "5, 5" (repeated equal values) is accepted, as RFC 9110 8.6 allows; differing values are not.
  const parts = s.split(',');
  let n: number | undefined;
  for (const p of parts) {
    const t = p.trim();
    if (!/^\d{1,15}$/.test(t))
      throw new Http1ParseError(`invalid content-length ${JSON.stringify(s)}`, status);
    const x = Number(t);
    if (n !== undefined && n !== x)
      throw new Http1ParseError(`conflicting content-length ${JSON.stringify(s)}`, status);
    n = x;
  }
  return n;
}

/** Whether transfer-encoding ends with chunked; any other coding is an error (the proxy does not decode them). */
export function isChunked(headers: HeaderRecord, status: 400 | 502): boolean {
  const v = headers['transfer-encoding'];
  if (v === undefined) return false;
  const codings = (Array.isArray(v) ? v.join(',') : v)
    .toLowerCase()
    .split(',')
    .map((s) => s.trim());
  if (codings[codings.length - 1] !== 'chunked' || codings.filter((c) => c === 'chunked').length > 1) {
    throw new Http1ParseError(`unsupported transfer-encoding ${JSON.stringify(v)}`, status);
  }
  if (codings.length > 1)
    throw new Http1ParseError(`unsupported transfer-encoding ${JSON.stringify(v)}`, status);
  return true;
}

/** Whether a "connection" header lists `token` (case-insensitive). */
export function connectionHas(headers: HeaderRecord, token: string): boolean {
  const v = headers.connection;
  if (v === undefined) return false;
  const s = (Array.isArray(v) ? v.join(',') : v).toLowerCase();
  if (s === token) return true;
  return s.split(',').some((t) => t.trim() === token);
}
