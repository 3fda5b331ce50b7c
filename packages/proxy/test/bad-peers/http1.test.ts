// Hostile and malformed HTTP/1.1 peers against a real proxy: each input with its expected outcome (status, close,
// access log flag and response code details as Envoy writes them), and after each a normal request from another
// client still succeeds. Malformed heads: 400 with DPE and http1.codec_error; oversized heads and too many
// fields: 431 (http1.headers_too_large, http1.too_many_headers), under Envoy's default limits and configured
// ones; slow peers: request_headers_timeout (408), request_timeout (408), stream_idle_timeout (408 SI), the
// connection idle_timeout for a silent or idle connection.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/harness.js';
import { delay, RawClient } from '../http1/raw.js';
import { type BadPeerEnv, healthy, logged, startBadPeerEnv } from './setup.js';

let env: BadPeerEnv;

beforeAll(async () => {
  env = await startBadPeerEnv();
}, 15_000);

afterAll(async () => {
  await env?.close();
});

const head = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;
const fields = (n: number) => Array.from({ length: n }, (_, i) => `x-f${i}: v`);

/** Sends `bytes` on a fresh connection to `port`; returns the response and whether the proxy closed after it. */
async function refuse(port: number, bytes: string): Promise<{ status: number; closed: boolean }> {
  const c = await RawClient.connect(port);
  c.write(bytes);
  const r = await c.response();
  await c.closed();
  return { status: r.status, closed: c.ended };
}

interface Case {
  readonly name: string;
  readonly bytes: string;
  readonly status: number;
  readonly details: string;
  readonly listener?: 'small';
}

const CASES: readonly Case[] = [
  {
    name: 'a request line that is not one',
    bytes: head(['GARBAGE']),
    status: 400,
    details: 'http1.codec_error',
  },
  {
    name: 'an unsupported HTTP version',
    bytes: head(['GET / HTTP/1.7', 'host: a']),
    status: 400,
    details: 'http1.codec_error',
  },
  {
    name: 'a method that is not a token',
    bytes: head(['G(T / HTTP/1.1', 'host: a']),
    status: 400,
    details: 'http1.codec_error',
  },
  {
    name: 'a space in a header name',
    bytes: head(['GET / HTTP/1.1', 'host: a', 'bad name: x']),
    status: 400,
    details: 'http1.codec_error',
  },
  {
    name: 'obsolete line folding',
    bytes: head(['GET / HTTP/1.1', 'host: a', 'x-a: 1', ' folded']),
    status: 400,
    details: 'http1.codec_error',
  },
  {
    name: 'a NUL in a header value',
    bytes: head(['GET / HTTP/1.1', 'host: a', 'x-a: 1\u00002']),
    status: 400,
    details: 'http1.codec_error',
  },
  {
    name: 'a bare LF line ending',
    bytes: head(['GET / HTTP/1.1', 'host: a\nx-smuggle: 1']),
    status: 400,
    details: 'http1.codec_error',
  },
  {
    name: 'content-length with transfer-encoding (smuggling)',
    bytes: head(['POST / HTTP/1.1', 'host: a', 'content-length: 3', 'transfer-encoding: chunked']),
    status: 400,
    details: 'http1.codec_error',
  },
  {
    name: 'two different content-lengths',
    bytes: head(['POST / HTTP/1.1', 'host: a', 'content-length: 3', 'content-length: 4']),
    status: 400,
    details: 'http1.codec_error',
  },
  {
    name: 'a content-length that is not a number',
    bytes: head(['POST / HTTP/1.1', 'host: a', 'content-length: 1e3']),
    status: 400,
    details: 'http1.codec_error',
  },
  {
    name: 'a head over 60 KiB (one long field)',
    bytes: head(['GET / HTTP/1.1', 'host: a', `x-big: ${'a'.repeat(61 * 1024)}`]),
    status: 431,
    details: 'http1.headers_too_large',
  },
  {
    name: 'a head that grows past 60 KiB without ending',
    bytes: `GET / HTTP/1.1\r\nhost: a\r\n${'x-more: yyyyyyyyyyyyyyyyyyyy\r\n'.repeat(2_300)}`,
    status: 431,
    details: 'http1.headers_too_large',
  },
  {
    name: '101 header fields (Envoy default max_headers_count 100)',
    bytes: head(['GET / HTTP/1.1', 'host: a', ...fields(100)]),
    status: 431,
    details: 'http1.too_many_headers',
  },
  {
    name: 'a 2 KiB head where max_request_headers_kb is 1',
    bytes: head(['GET / HTTP/1.1', 'host: a', `x-big: ${'a'.repeat(2048)}`]),
    status: 431,
    details: 'http1.headers_too_large',
    listener: 'small',
  },
  {
    name: '11 fields where max_headers_count is 10',
    bytes: head(['GET / HTTP/1.1', 'host: a', ...fields(10)]),
    status: 431,
    details: 'http1.too_many_headers',
    listener: 'small',
  },
];

describe('malformed and oversized request heads', () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.status}, closed, logged DPE ${c.details}`, async () => {
      const from = env.h.logs.length;
      const port = c.listener === 'small' ? env.small : env.guarded;
      expect(await refuse(port, c.bytes)).toEqual({ status: c.status, closed: true });
      const e = await logged(env, from, c.status);
      expect(e.responseFlags).toBe('DPE');
      expect(e.responseCodeDetails).toBe(c.details);
      expect(e.line).toMatch(new RegExp(`"- - HTTP/1.1" ${c.status} DPE `));
      await healthy(env);
    });
  }

  it('accepts exactly 100 fields and a head just under 60 KiB (the limits are not off by one)', async () => {
    const c = await RawClient.connect(env.guarded);
    c.write(head(['GET /local/hundred HTTP/1.1', 'host: a', ...fields(99)]));
    expect((await c.response()).status).toBe(200);
    c.write(head(['GET /local/big HTTP/1.1', 'host: a', `x-big: ${'a'.repeat(60 * 1024 - 100)}`]));
    expect((await c.response()).status).toBe(200);
    c.destroy();
    await healthy(env);
  });

  it('answers the good pipelined request, then 400 for the garbage after it', async () => {
    const c = await RawClient.connect(env.guarded);
    c.write(`${head(['GET /first HTTP/1.1', 'host: a'])}NOT HTTP AT ALL\r\n\r\n`);
    expect((await c.response()).status).toBe(200);
    expect((await c.response()).status).toBe(400);
    await c.closed();
    await healthy(env);
  });

  it("writes refused heads to the connection manager's file access log", async () => {
    await waitFor(() => readFileSync(env.logFile, 'utf8').split('\n').length > 2, 3_000, 'two log lines');
    const lines = readFileSync(env.logFile, 'utf8').trim().split('\n');
    // The body: "request head too large" / "too many header fields" (22 bytes each).
    expect(lines).toContain('"- - HTTP/1.1" 431 DPE http1.headers_too_large 22 127.0.0.1');
    expect(lines).toContain('"- - HTTP/1.1" 431 DPE http1.too_many_headers 22 127.0.0.1');
  });

  it('counts refused heads as downstream_cx_protocol_error', () => {
    expect(env.h.proxy.stats.value('http.guarded.downstream_cx_protocol_error')).toBeGreaterThanOrEqual(13);
    expect(env.h.proxy.stats.value('http.small.downstream_cx_protocol_error')).toBe(2);
  });
});

describe('slow and idle peers', () => {
  it('a head never completed gets 408 after request_headers_timeout, logged request_header_timeout', async () => {
    const from = env.h.logs.length;
    const c = await RawClient.connect(env.guarded);
    c.write('GET /slow HTTP/1.1\r\nhost: a\r\n');
    expect((await c.response()).status).toBe(408);
    await c.closed();
    const e = await logged(env, from, 408);
    expect(e.responseCodeDetails).toBe('request_header_timeout');
    expect(e.responseFlags).toBe('-');
    expect(env.h.proxy.stats.value('http.guarded.downstream_rq_header_timeout')).toBeGreaterThanOrEqual(1);
    await healthy(env);
  });

  it('a head dribbled a byte at a time is cut at request_headers_timeout (bytes do not restart it)', async () => {
    const c = await RawClient.connect(env.guarded);
    const text = `GET /drip HTTP/1.1\r\nhost: a\r\nx-long: ${'z'.repeat(200)}`;
    let i = 0;
    const drip = setInterval(() => {
      if (c.ended || i >= text.length) return clearInterval(drip);
      c.write(text[i++] ?? '');
    }, 20);
    try {
      expect((await c.response()).status).toBe(408);
      await c.closed();
    } finally {
      clearInterval(drip);
    }
    expect(i).toBeLessThan(text.length);
    await healthy(env);
  });

  it('a connection that never sends a byte is closed after idle_timeout', async () => {
    const c = await RawClient.connect(env.guarded);
    await c.closed(5_000);
    expect(c.text()).toBe('');
    await healthy(env);
  });

  it('a kept-alive connection left idle is closed after idle_timeout', async () => {
    const c = await RawClient.connect(env.guarded);
    c.write(head(['GET /once HTTP/1.1', 'host: a']));
    expect((await c.response()).status).toBe(200);
    await c.closed(5_000);
    await healthy(env);
  });

  it('a body that stalls gets 408 after request_timeout (request_overall_timeout), nothing sent upstream', async () => {
    const from = env.h.logs.length;
    const seen = env.web.seen.length;
    const c = await RawClient.connect(env.guarded);
    c.write(`${head(['POST /stall HTTP/1.1', 'host: a', 'content-length: 100'])}only part`);
    expect((await c.response()).status).toBe(408);
    await c.closed();
    const e = await logged(env, from, 408);
    expect(e.responseCodeDetails).toBe('request_overall_timeout');
    expect(e.responseFlags).toBe('-');
    expect(env.web.seen.length).toBe(seen);
    await healthy(env);
  });

  it('a chunked body that stalls mid-stream gets 408 after request_timeout, the upstream try cancelled', async () => {
    const from = env.h.logs.length;
    const c = await RawClient.connect(env.guarded);
    c.write(
      `${head(['POST /stall-chunked HTTP/1.1', 'host: a', 'transfer-encoding: chunked'])}5\r\nhello\r\n`,
    );
    expect((await c.response()).status).toBe(408);
    await c.closed();
    const e = await logged(env, from, 408);
    expect(e.responseCodeDetails).toBe('request_overall_timeout');
    expect(e.responseFlags).toBe('-');
    await healthy(env);
  });

  it('an upstream silent past stream_idle_timeout gets 408 SI (the HCM default; the route sets none)', async () => {
    const from = env.h.logs.length;
    const c = await RawClient.connect(env.guarded);
    c.write(head(['GET /idle HTTP/1.1', 'host: a', 'x-test-delay: 2000']));
    expect((await c.response()).status).toBe(408);
    const e = await logged(env, from, 408);
    expect(e.responseFlags).toBe('SI');
    expect(e.responseCodeDetails).toBe('stream_idle_timeout');
    c.destroy();
    await healthy(env);
  });

  it('a chunked body with an invalid chunk size gets 400 and the connection closed', async () => {
    const c = await RawClient.connect(env.guarded);
    c.write(
      `${head(['POST /chunks HTTP/1.1', 'host: a', 'transfer-encoding: chunked'])}zz\r\nhello\r\n0\r\n\r\n`,
    );
    expect((await c.response()).status).toBe(400);
    await c.closed();
    await healthy(env);
  });

  it('a 2 MiB upload is streamed to the upstream while other clients are served (no request_timeout here)', async () => {
    const c = await RawClient.connect(env.small);
    const size = 2 * 1024 * 1024;
    c.write(head(['POST /upload HTTP/1.1', 'host: a', `content-length: ${size}`]));
    const piece = Buffer.alloc(64 * 1024, 97);
    for (let sent = 0; sent < size; sent += piece.length) c.write(piece);
    await healthy(env);
    const r = await c.response({ timeoutMs: 10_000 });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).body.length).toBe(size);
    c.destroy();
  });

  it('a client that half-closes in the middle of a head is closed without a response', async () => {
    const c = await RawClient.connect(env.guarded);
    c.write('GET /half HTTP/1.1\r\nhost');
    await delay(20);
    c.socket.end();
    await c.closed();
    expect(c.text()).toBe('');
    await healthy(env);
  });
});
