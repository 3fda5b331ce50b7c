// Unit tests of src/http1/body-framer.ts: content-length, chunked (extensions, trailers) and close-delimited
// bodies; the same bytes decode identically whole, byte by byte and at every split point; `feed` returns the end
// of the message so a pipelined next message is left intact; malformed framing is a Http1ParseError.
import { describe, expect, it } from 'vitest';
import { BodyFramer, type Framing } from '../../src/http1/body-framer.js';
import { Http1ParseError } from '../../src/http1/head-parser.js';

interface Decoded {
  body: string;
  trailers: Record<string, unknown>;
  done: boolean;
  /** Input bytes after the message (what `feed` left for the next one). */
  rest: string;
  received: number;
}

/** Feeds `pieces` in order; once the body is done, the unconsumed bytes are collected as `rest`. */
function decode(framing: Framing, pieces: readonly Buffer[], errorStatus: 400 | 502 = 400): Decoded {
  const chunks: Buffer[] = [];
  const framer = new BodyFramer(framing, (c) => chunks.push(Buffer.from(c)), errorStatus);
  const rest: Buffer[] = [];
  for (const p of pieces) {
    if (framer.done) {
      rest.push(p);
      continue;
    }
    const used = framer.feed(p, 0);
    expect(used).toBeGreaterThanOrEqual(0);
    expect(used).toBeLessThanOrEqual(p.length);
    if (!framer.done) expect(used).toBe(p.length);
    else rest.push(p.subarray(used));
  }
  return {
    body: Buffer.concat(chunks).toString('latin1'),
    trailers: { ...framer.trailers },
    done: framer.done,
    rest: Buffer.concat(rest).toString('latin1'),
    received: framer.received,
  };
}

function bytes(s: string): Buffer {
  return Buffer.from(s, 'latin1');
}

/** Every way of cutting `s` in two, byte by byte, and whole. */
function splits(s: string): Buffer[][] {
  const b = bytes(s);
  const out: Buffer[][] = [[b], [...b].map((x) => Buffer.from([x]))];
  for (let i = 1; i < b.length; i++) out.push([b.subarray(0, i), b.subarray(i)]);
  return out;
}

const NEXT = 'GET /next HTTP/1.1\r\nHost: a\r\n\r\n';
const CHUNKED =
  '5;name=value;quoted="a;b"\r\nhello\r\n' +
  '1\r\n \r\n' +
  'A\r\n0123456789\r\n' +
  '000\r\n' +
  'X-Checksum: abc\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nx-list: 1\r\nX-List: 2\r\n\r\n';
const CHUNKED_BODY = 'hello 0123456789';
const CHUNKED_TRAILERS = { 'x-checksum': 'abc', 'set-cookie': ['a=1', 'b=2'], 'x-list': '1, 2' };

describe('chunked bodies', () => {
  it('decodes extensions and trailers, and stops at the end of the message', () => {
    const d = decode({ kind: 'chunked' }, [bytes(CHUNKED + NEXT)]);
    expect(d).toEqual({
      body: CHUNKED_BODY,
      trailers: CHUNKED_TRAILERS,
      done: true,
      rest: NEXT,
      received: CHUNKED_BODY.length,
    });
  });

  it('decodes the same bytes identically whole, byte by byte and at every split point', () => {
    const input = CHUNKED + NEXT;
    const cases = splits(input);
    expect(cases.length).toBe(input.length + 1);
    for (const pieces of cases) {
      const d = decode({ kind: 'chunked' }, pieces);
      expect(d.body).toBe(CHUNKED_BODY);
      expect(d.trailers).toEqual(CHUNKED_TRAILERS);
      expect(d.done).toBe(true);
      expect(d.rest).toBe(NEXT);
    }
  });

  it('decodes identically at every pair of split points (three pieces)', () => {
    const input = `3;x\r\nabc\r\n2\r\nde\r\n0\r\nT: v\r\n\r\n${NEXT}`;
    const b = bytes(input);
    for (let i = 1; i < b.length; i++) {
      for (let j = i + 1; j < b.length; j++) {
        const d = decode({ kind: 'chunked' }, [b.subarray(0, i), b.subarray(i, j), b.subarray(j)]);
        expect([d.body, d.trailers, d.rest]).toEqual(['abcde', { t: 'v' }, NEXT]);
      }
    }
  });

  it('ends at the CRLF of an empty trailer section at every split point, leaving the next message', () => {
    for (const pieces of splits(`4\r\nwxyz\r\n0\r\n\r\n${NEXT}`)) {
      const d = decode({ kind: 'chunked' }, pieces);
      expect([d.body, d.trailers, d.done, d.rest]).toEqual(['wxyz', {}, true, NEXT]);
    }
  });

  it('leaves the very next byte alone when the body ends exactly at a feed boundary', () => {
    const framer = new BodyFramer({ kind: 'chunked' }, () => undefined, 400);
    const first = bytes('2\r\nok\r\n0\r\n\r\n');
    expect(framer.feed(first, 0)).toBe(first.length);
    expect(framer.done).toBe(true);
    // Once done, nothing more is consumed.
    expect(framer.feed(bytes('GET'), 0)).toBe(0);
  });

  it('accepts upper- and lower-case hex sizes and hands out zero-copy views of the input', () => {
    const input = bytes(`1a\r\n${'x'.repeat(26)}\r\n1A\r\n${'y'.repeat(26)}\r\n0\r\n\r\n`);
    const views: Buffer[] = [];
    const framer = new BodyFramer({ kind: 'chunked' }, (c) => views.push(c), 400);
    expect(framer.feed(input, 0)).toBe(input.length);
    expect(Buffer.concat(views).toString()).toBe('x'.repeat(26) + 'y'.repeat(26));
    for (const v of views) expect(v.buffer).toBe(input.buffer);
    expect(framer.received).toBe(52);
  });

  it('starts from the given offset', () => {
    const input = bytes(`HEAD-BYTES3\r\nabc\r\n0\r\n\r\n${NEXT}`);
    const out: Buffer[] = [];
    const framer = new BodyFramer({ kind: 'chunked' }, (c) => out.push(c), 400);
    const used = framer.feed(input, 10);
    expect(Buffer.concat(out).toString()).toBe('abc');
    expect(input.subarray(used).toString()).toBe(NEXT);
  });

  const bad: [string, string][] = [
    ['non-hex size', 'zz\r\nab\r\n0\r\n\r\n'],
    ['empty size', '\r\nab\r\n0\r\n\r\n'],
    ['negative size', '-1\r\nab\r\n0\r\n\r\n'],
    ['size too long', '1234567890123\r\n'],
    ['data longer than its size', '2\r\nabc\r\n0\r\n\r\n'],
    ['no CRLF after data', '2\r\nabXY0\r\n\r\n'],
    ['trailer without colon', '0\r\nno-colon\r\n\r\n'],
    ['trailer with a bad name', '0\r\nbad name: v\r\n\r\n'],
    ['trailer with NUL', '0\r\nx: a\x00b\r\n\r\n'],
    ['trailer with LF', '0\r\nx: a\nb\r\n\r\n'],
    ['obs-folded trailer', '0\r\nx: a\r\n b\r\n\r\n'],
  ];
  for (const [what, input] of bad) {
    it(`rejects ${what} whole and byte by byte, with the framer's status`, () => {
      for (const pieces of [[bytes(input)], [...bytes(input)].map((x) => Buffer.from([x]))]) {
        let err: unknown;
        try {
          decode({ kind: 'chunked' }, pieces, 502);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(Http1ParseError);
        expect((err as Http1ParseError).status).toBe(502);
      }
    });
  }

  it('rejects a chunk size line over 4 KiB and a trailer section over 60 KiB', () => {
    const longExt = `5;${'e'.repeat(5000)}`;
    expect(() => decode({ kind: 'chunked' }, [bytes(longExt)])).toThrow(Http1ParseError);
    const longTrailers = `0\r\nx: ${'t'.repeat(61 * 1024)}`;
    expect(() => decode({ kind: 'chunked' }, [bytes(longTrailers)])).toThrow(/trailer section too long/);
  });

  it('is not done on close before the last chunk', () => {
    const framer = new BodyFramer({ kind: 'chunked' }, () => undefined, 400);
    framer.feed(bytes('5\r\nhel'), 0);
    expect(framer.finishOnClose()).toBe(false);
    expect(framer.done).toBe(false);
  });
});

describe('content-length, close-delimited and empty bodies', () => {
  it('takes exactly content-length bytes at every split point and leaves the next message', () => {
    for (const pieces of splits(`0123456789${NEXT}`)) {
      const d = decode({ kind: 'length', length: 10 }, pieces);
      expect([d.body, d.done, d.rest, d.received]).toEqual(['0123456789', true, NEXT, 10]);
    }
  });

  it('waits for the rest of a content-length body, and is truncated on close', () => {
    const out: Buffer[] = [];
    const framer = new BodyFramer({ kind: 'length', length: 6 }, (c) => out.push(c), 400);
    expect(framer.feed(bytes('abc'), 0)).toBe(3);
    expect(framer.done).toBe(false);
    expect(framer.finishOnClose()).toBe(false);
    expect(Buffer.concat(out).toString()).toBe('abc');
  });

  it('hands the whole input buffer on when it is all body (no copy, no view)', () => {
    const input = bytes('abcdef');
    const out: Buffer[] = [];
    const framer = new BodyFramer({ kind: 'length', length: 6 }, (c) => out.push(c), 400);
    framer.feed(input, 0);
    expect(out[0]).toBe(input);
  });

  it('is done at once with no body, or a zero content-length, and consumes nothing', () => {
    for (const framing of [{ kind: 'none' }, { kind: 'length', length: 0 }] as const) {
      const out: Buffer[] = [];
      const framer = new BodyFramer(framing, (c) => out.push(c), 400);
      expect(framer.done).toBe(true);
      expect(framer.feed(bytes(NEXT), 0)).toBe(0);
      expect(out).toEqual([]);
    }
  });

  it('takes everything until close for a close-delimited body, then is done', () => {
    const out: Buffer[] = [];
    const framer = new BodyFramer({ kind: 'close' }, (c) => out.push(c), 502);
    expect(framer.feed(bytes('part one, '), 0)).toBe(10);
    expect(framer.feed(bytes('xxpart two'), 2)).toBe(10);
    expect(framer.done).toBe(false);
    expect(framer.untilClose).toBe(true);
    expect(framer.finishOnClose()).toBe(true);
    expect(framer.done).toBe(true);
    expect(Buffer.concat(out).toString()).toBe('part one, part two');
  });
});
