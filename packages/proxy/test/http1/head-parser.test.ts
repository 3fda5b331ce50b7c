// Unit tests of src/http1/head-parser.ts: request and response heads parsed from bytes, duplicates combined as
// node:http combines them, and every rejection with the status the server answers (400, 502 upstream).
import { describe, expect, it } from 'vitest';
import {
  connectionHas,
  contentLength,
  Http1ParseError,
  isChunked,
  parseRequestHead,
  parseResponseHead,
  type RequestHead,
  type ResponseHead,
} from '../../src/http1/head-parser.js';

/** Parses `text` (a head ending with its blank line) with the connection's convention: end = "\r\n\r\n" + 2. */
function req(text: string): RequestHead {
  const buf = Buffer.from(text, 'latin1');
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) throw new Error('test head without a blank line');
  return parseRequestHead(buf, 0, end + 2);
}

function res(text: string): ResponseHead {
  const buf = Buffer.from(text, 'latin1');
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) throw new Error('test head without a blank line');
  return parseResponseHead(buf, 0, end + 2);
}

/** The Http1ParseError `fn` throws (fails when it throws nothing or something else). */
function parseError(fn: () => unknown): Http1ParseError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(Http1ParseError);
    return err as Http1ParseError;
  }
  throw new Error('expected a Http1ParseError');
}

describe('request heads', () => {
  it('parses the request line, lower-cases names and trims optional whitespace', () => {
    const h = req(
      'POST /a/b?c=d HTTP/1.1\r\nHost: example.com\r\nX-Padded: \t value with  spaces \t\r\n\r\n',
    );
    expect(h.method).toBe('POST');
    expect(h.target).toBe('/a/b?c=d');
    expect(h.version).toBe('1.1');
    expect(h.headers).toEqual({ host: 'example.com', 'x-padded': 'value with  spaces' });
  });

  it('accepts HTTP/1.0, absolute-form, authority-form and asterisk targets, and a head without fields', () => {
    expect(req('GET http://reviews:9080/x HTTP/1.0\r\n\r\n')).toEqual({
      method: 'GET',
      target: 'http://reviews:9080/x',
      version: '1.0',
      headers: {},
    });
    expect(req('CONNECT reviews:443 HTTP/1.1\r\nHost: reviews:443\r\n\r\n').target).toBe('reviews:443');
    expect(req('OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n').target).toBe('*');
  });

  it('parses from an offset inside a larger buffer (pipelined heads)', () => {
    const buf = Buffer.from('GET /1 HTTP/1.1\r\nA: 1\r\n\r\nGET /2 HTTP/1.1\r\nB: 2\r\n\r\n', 'latin1');
    const first = buf.indexOf('\r\n\r\n');
    const second = buf.indexOf('\r\n\r\n', first + 4);
    expect(parseRequestHead(buf, 0, first + 2)).toMatchObject({ target: '/1', headers: { a: '1' } });
    expect(parseRequestHead(buf, first + 4, second + 2)).toMatchObject({ target: '/2', headers: { b: '2' } });
  });

  it('combines duplicate fields as node:http does', () => {
    const h = req(
      [
        'GET / HTTP/1.1',
        'Set-Cookie: a=1',
        'set-cookie: b=2',
        'Cookie: x=1',
        'COOKIE: y=2',
        'Host: first',
        'Host: second',
        'User-Agent: ua1',
        'User-Agent: ua2',
        'Authorization: one',
        'Authorization: two',
        'Accept: text/html',
        'Accept: application/json',
        'X-Custom: 1',
        'x-custom: 2',
        'x-custom: 3',
        '',
        '',
      ].join('\r\n'),
    );
    expect(h.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(h.headers.cookie).toBe('x=1; y=2');
    expect(h.headers.host).toBe('first');
    expect(h.headers['user-agent']).toBe('ua1');
    expect(h.headers.authorization).toBe('one');
    expect(h.headers.accept).toBe('text/html, application/json');
    expect(h.headers['x-custom']).toBe('1, 2, 3');
  });

  it('keeps a single set-cookie as an array and an empty value as ""', () => {
    const h = req('GET / HTTP/1.1\r\nset-cookie: a=1\r\nx-empty:\r\nx-blank:   \r\n\r\n');
    expect(h.headers['set-cookie']).toEqual(['a=1']);
    expect(h.headers['x-empty']).toBe('');
    expect(h.headers['x-blank']).toBe('');
  });

  it('keeps latin1 bytes (obs-text) in values', () => {
    const buf = Buffer.concat([
      Buffer.from('GET / HTTP/1.1\r\nx-name: caf', 'latin1'),
      Buffer.from([0xe9]),
      Buffer.from('\r\n\r\n', 'latin1'),
    ]);
    expect(parseRequestHead(buf, 0, buf.length - 2).headers['x-name']).toBe('café');
  });

  const badLines: [string, string][] = [
    ['no target', 'GET HTTP/1.1'],
    ['two spaces', 'GET  / HTTP/1.1'],
    ['trailing space', 'GET / HTTP/1.1 '],
    ['extra token', 'GET / x HTTP/1.1'],
    ['lower-case version', 'GET / http/1.1'],
    ['HTTP/2.0', 'GET / HTTP/2.0'],
    ['HTTP/1.2', 'GET / HTTP/1.2'],
    ['HTTP/1.10', 'GET / HTTP/1.10'],
    ['no version', 'GET /'],
    ['bad method', 'G(T / HTTP/1.1'],
    ['leading space', ' GET / HTTP/1.1'],
    ['tab in target', 'GET /a\tb HTTP/1.1'],
    ['DEL in target', 'GET /a\x7fb HTTP/1.1'],
    ['NUL in target', 'GET /a\x00b HTTP/1.1'],
    ['garbage', '\x16\x03\x01\x02\x00'],
  ];
  for (const [what, line] of badLines) {
    it(`rejects a bad request line (${what}) with 400`, () => {
      const e = parseError(() => req(`${line}\r\nHost: a\r\n\r\n`));
      expect(e.status).toBe(400);
      expect(e.code).toBe('HTTP1_PARSE_ERROR');
    });
  }

  const badFields: [string, string][] = [
    ['space in name', 'Bad Name: v'],
    ['space before colon', 'Host : a'],
    ['empty name', ': v'],
    ['no colon', 'JustAName'],
    ['non-token name', 'x{y}: v'],
    ['non-ascii name', 'x\xe9: v'],
    ['CR in value', 'x: a\rb'],
    ['LF in value', 'x: a\nb'],
    ['NUL in value', 'x: a\x00b'],
    ['obs-fold (space)', 'x: a\r\n continued'],
    ['obs-fold (tab)', 'x: a\r\n\tcontinued'],
  ];
  for (const [what, field] of badFields) {
    it(`rejects a bad header field (${what}) with 400`, () => {
      expect(parseError(() => req(`GET / HTTP/1.1\r\nHost: a\r\n${field}\r\n\r\n`)).status).toBe(400);
    });
  }

  it('rejects conflicting content-length fields, and a list of differing values', () => {
    const two = req('POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n');
    expect(contentLength(two.headers, 400)).toBe(5);
    expect(
      parseError(() => {
        const h = req('POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 50\r\n\r\n');
        contentLength(h.headers, 400);
      }).status,
    ).toBe(400);
    const list = req('POST / HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\n');
    expect(parseError(() => contentLength(list.headers, 400)).message).toContain('conflicting');
  });
});

describe('response heads', () => {
  it('parses the status line with and without a reason', () => {
    expect(res('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n')).toEqual({
      status: 200,
      reason: 'OK',
      version: '1.1',
      headers: { 'content-length': '2' },
    });
    expect(res('HTTP/1.0 404 Not Found Here\r\n\r\n')).toMatchObject({
      status: 404,
      reason: 'Not Found Here',
      version: '1.0',
    });
    expect(res('HTTP/1.1 204\r\n\r\n')).toMatchObject({ status: 204, reason: '' });
    expect(res('HTTP/1.1 100 Continue\r\n\r\n').status).toBe(100);
  });

  it('keeps set-cookie values separate in responses', () => {
    const h = res(
      'HTTP/1.1 200 OK\r\nSet-Cookie: a=1; Path=/\r\nSet-Cookie: b=2\r\nVary: a\r\nVary: b\r\n\r\n',
    );
    expect(h.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2']);
    expect(h.headers.vary).toBe('a, b');
  });

  const badStatus = [
    'HTTP/1.1 20 OK',
    'HTTP/1.1 2000 OK',
    'HTTP/1.1 abc OK',
    'HTTP/1.1 1e2 OK',
    'HTTP/1.1 +20 OK',
    'HTTP/1.1 099 OK',
    'HTTP/1.1  200 OK',
    'HTTP/2 200 OK',
    'HTTP/1.1',
    'HTTP/1.1200 OK',
    'ICY 200 OK',
    'hello',
  ];
  for (const line of badStatus) {
    it(`rejects the status line ${JSON.stringify(line)} with 502`, () => {
      expect(parseError(() => res(`${line}\r\nContent-Length: 0\r\n\r\n`)).status).toBe(502);
    });
  }

  it('rejects bad response fields with 502', () => {
    expect(parseError(() => res('HTTP/1.1 200 OK\r\nx: a\r\n folded\r\n\r\n')).status).toBe(502);
    expect(parseError(() => res('HTTP/1.1 200 OK\r\nx: a\x00\r\n\r\n')).status).toBe(502);
    expect(
      parseError(() => res('HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n')).status,
    ).toBe(502);
    expect(parseError(() => res('HTTP/1.1 200 OK\r\nbad name: v\r\n\r\n')).message).toContain('upstream');
    const cl = res('HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n');
    expect(parseError(() => contentLength(cl.headers, 502)).status).toBe(502);
  });
});

describe('framing fields', () => {
  it('reads content-length: absent, zero, large, repeated equal values', () => {
    expect(contentLength({}, 400)).toBeUndefined();
    expect(contentLength({ 'content-length': '0' }, 400)).toBe(0);
    expect(contentLength({ 'content-length': '123456789012' }, 400)).toBe(123456789012);
    expect(contentLength({ 'content-length': '7 , 7' }, 400)).toBe(7);
  });

  for (const bad of ['-1', '+5', '0x10', '1.5', '', ' ', '5 5', '1234567890123456', '5,']) {
    it(`rejects content-length ${JSON.stringify(bad)}`, () => {
      expect(parseError(() => contentLength({ 'content-length': bad }, 400)).status).toBe(400);
    });
  }

  it('accepts transfer-encoding chunked only (any case)', () => {
    expect(isChunked({}, 400)).toBe(false);
    expect(isChunked({ 'transfer-encoding': 'chunked' }, 400)).toBe(true);
    expect(isChunked({ 'transfer-encoding': 'Chunked' }, 400)).toBe(true);
    expect(isChunked({ 'transfer-encoding': ' chunked ' }, 400)).toBe(true);
  });

  for (const te of [
    'gzip',
    'gzip, chunked',
    'chunked, gzip',
    'chunked, chunked',
    'identity',
    '',
    'chunked;q=1',
  ]) {
    it(`rejects transfer-encoding ${JSON.stringify(te)}`, () => {
      expect(parseError(() => isChunked({ 'transfer-encoding': te }, 502)).status).toBe(502);
    });
  }

  it('rejects transfer-encoding split over two lines (gzip then chunked)', () => {
    const h = req('POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n');
    expect(h.headers['transfer-encoding']).toBe('gzip, chunked');
    expect(parseError(() => isChunked(h.headers, 400)).status).toBe(400);
  });

  it('finds connection tokens case-insensitively in lists', () => {
    expect(connectionHas({ connection: 'close' }, 'close')).toBe(true);
    expect(connectionHas({ connection: 'Keep-Alive, Upgrade' }, 'upgrade')).toBe(true);
    expect(connectionHas({ connection: 'keep-alive,close' }, 'close')).toBe(true);
    expect(connectionHas({ connection: 'closed' }, 'close')).toBe(false);
    expect(connectionHas({}, 'close')).toBe(false);
  });
});
