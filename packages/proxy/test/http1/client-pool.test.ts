// H1Pool and H1ClientConnection (src/http1/client-pool.ts, client-connection.ts, client-body.ts) used directly
// against raw node:net upstreams: request framing, LIFO reuse, the keep-alive race retried only for replayable
// bodies, cancellation, connect errors, and a response body's backpressure never reaching the connection's
// next exchange.
import { EventEmitter } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { UpstreamResponse } from '../../src/cluster/upstream-body.js';
import { H1Pool, type PoolRequest } from '../../src/http1/client-pool.js';
import { delay, type RawExchange, type RawUpstream, startRawUpstream } from './raw.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function upstream(answer: (x: RawExchange) => void): Promise<RawUpstream> {
  const u = await startRawUpstream(answer);
  cleanup.push(() => u.close());
  return u;
}

function pool(u: { port: number }): H1Pool {
  const p = new H1Pool('127.0.0.1', u.port);
  cleanup.push(() => p.destroy());
  return p;
}

function request(path: string, extra: Partial<PoolRequest> = {}): PoolRequest {
  return {
    method: 'GET',
    path,
    headers: { host: 'svc' },
    body: undefined,
    connectTimeoutMs: 1_000,
    ...extra,
  };
}

/** The whole body of a response (bounded). */
function readBody(r: UpstreamResponse, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const t = setTimeout(() => reject(new Error('timed out reading the body')), timeoutMs);
    r.body.flow({
      data: (c) => chunks.push(Buffer.from(c)),
      end: () => {
        clearTimeout(t);
        resolve(Buffer.concat(chunks).toString());
      },
      error: (e) => {
        clearTimeout(t);
        reject(e);
      },
    });
  });
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)),
  ]);
}

function ok(body = 'ok'): string {
  return `HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\n\r\n${body}`;
}

describe('H1Pool', () => {
  it('frames requests: content-length for buffers, content-length 0 for an empty POST, chunked for streams', async () => {
    const u = await upstream(({ socket }) => socket.write(ok()));
    const p = pool(u);
    await readBody(await p.request(request('/buf', { method: 'PUT', body: Buffer.from('abc') })));
    await readBody(await p.request(request('/empty', { method: 'POST' })));
    await readBody(await p.request(request('/get')));
    const stream = Readable.from([Buffer.from('str'), Buffer.from('eamed')]);
    await readBody(await p.request(request('/stream', { method: 'POST', body: stream })));
    const [buf, empty, get, streamed] = u.requests.map((x) => x.request);
    expect([buf?.headers['content-length'], buf?.body]).toEqual(['3', 'abc']);
    expect(empty?.headers['content-length']).toBe('0');
    expect(get?.headers['content-length']).toBeUndefined();
    expect(get?.headers['transfer-encoding']).toBeUndefined();
    expect([streamed?.headers['transfer-encoding'], streamed?.body]).toEqual(['chunked', 'streamed']);
    expect(buf?.headers.host).toBe('svc');
    // All on one kept-alive connection.
    expect(u.connections()).toBe(1);
  });

  it('reuses the most recently released idle connection first (LIFO)', async () => {
    const u = await upstream(({ socket, request: r }) => {
      const wait = r.line.includes('/slow') ? 80 : 0;
      setTimeout(() => socket.write(ok()), wait);
    });
    const p = pool(u);
    const [fast, slow] = await Promise.all([p.request(request('/fast')), p.request(request('/slow'))]);
    await Promise.all([readBody(fast), readBody(slow)]);
    expect(p.connected).toBe(2);
    await readBody(await p.request(request('/next')));
    const conn = (path: string) => u.requests.find((x) => x.request.line.includes(path))?.connection;
    expect(conn('/next')).toBe(conn('/slow'));
    expect(conn('/next')).not.toBe(conn('/fast'));
  });

  it('retries a replayable request once on a fresh connection after a keep-alive race, not a streamed one', async () => {
    const u = await upstream(({ socket, index }) => {
      if (index === 0) socket.write(ok());
      else socket.destroy();
    });
    const p = pool(u);
    await readBody(await p.request(request('/1')));
    const r = await p.request(request('/2', { method: 'PUT', body: Buffer.from('again') }));
    expect(await readBody(r)).toBe('ok');
    expect(u.requests.filter((x) => x.request.line.startsWith('PUT')).map((x) => x.request.body)).toEqual([
      'again',
      'again',
    ]);
    // A streamed body cannot be sent twice: the race fails the request.
    const stream = Readable.from([Buffer.from('once')]);
    const err = await p.request(request('/3', { method: 'POST', body: stream })).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('ECONNRESET');
  });

  it('does not retry a failure on a fresh connection', async () => {
    const u = await upstream(({ socket }) => socket.destroy());
    const p = pool(u);
    const err = await p.request(request('/x')).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('ECONNRESET');
    expect(u.requests.length).toBe(1);
  });

  it('cancels an exchange in flight through its signal, closing the connection', async () => {
    const u = await upstream(() => undefined);
    const p = pool(u);
    const signal = Object.assign(new EventEmitter(), { aborted: false });
    const pending = p.request(request('/never', { signal }));
    await within(
      (async () => {
        while (u.requests.length === 0) await delay(5);
      })(),
      5_000,
      'the request at the upstream',
    );
    signal.aborted = true;
    signal.emit('abort');
    const err = await within(
      pending.catch((e: unknown) => e),
      5_000,
      'the cancelled request',
    );
    expect((err as { code?: string }).code).toBe('UPSTREAM_CANCELLED');
    await within(
      (async () => {
        while (p.connected !== 0 || u.open.size !== 0) await delay(5);
      })(),
      5_000,
      'the connection to close',
    );
  });

  it('refuses at once with an aborted signal, and reports connect errors by code', async () => {
    const u = await upstream(({ socket }) => socket.write(ok()));
    const p = pool(u);
    const aborted = Object.assign(new EventEmitter(), { aborted: true });
    const err = await p.request(request('/x', { signal: aborted })).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('UPSTREAM_CANCELLED');
    expect(u.connections()).toBe(0);
    // A port nobody listens on.
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const closedPort = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const refused = await pool({ port: closedPort })
      .request(request('/x'))
      .catch((e: unknown) => e);
    expect((refused as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it("keeps a finished response's backpressure off the connection's next exchange", async () => {
    const u = await upstream(({ socket, request: r }) =>
      socket.write(ok(r.line.startsWith('GET /1 ') ? 'first' : 'second')),
    );
    const p = pool(u);
    const first = await p.request(request('/1'));
    // The whole first response arrived with its head: the exchange is over and the connection idle. Its reader
    // now pauses the body and never resumes it (a slow client that went away).
    const got: string[] = [];
    first.body.flow({
      data: (c) => {
        got.push(c.toString());
        first.body.pause();
      },
      end: () => got.push('end'),
      error: () => got.push('error'),
    });
    expect(got).toEqual(['first', 'end']);
    // The next request reuses the idle connection; its response must still be read.
    const second = await within(p.request(request('/2')), 3_000, 'the second response head');
    expect(await readBody(second, 3_000)).toBe('second');
    expect(u.connections()).toBe(1);
    // A late resume of the first body changes nothing.
    first.body.resume();
    expect((await readBody(await p.request(request('/3')))).length).toBeGreaterThan(0);
  });

  it('gives the reader error() when a body that ended upstream but is not all delivered is destroyed', async () => {
    const u = await upstream(({ socket }) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\npart1');
      setTimeout(() => socket.write('part2'), 20);
    });
    const p = pool(u);
    const r = await p.request(request('/held'));
    // Both parts arrive (the exchange completes) before anyone reads: they are held by the body.
    await delay(100);
    expect(p.connected).toBe(1);
    const seen: string[] = [];
    r.body.flow({
      data: (c) => {
        seen.push(c.toString());
        r.body.pause(); // A slow client: the rest stays held.
      },
      end: () => seen.push('end'),
      error: () => seen.push('error'),
    });
    expect(seen).toEqual(['part1']);
    // The client went away: the router destroys the body, and its reader must hear of it (UpstreamBody's contract).
    r.body.destroy();
    expect(seen).toEqual(['part1', 'error']);
    r.body.resume();
    expect(seen).toEqual(['part1', 'error']);
    // The connection was not touched: it serves the next request.
    expect((await readBody(await p.request(request('/next')))).length).toBe(10);
    expect(u.connections()).toBe(1);
  });

  it('cancels through the signal a body that ended upstream but is held for a paused reader', async () => {
    const u = await upstream(({ socket }) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\npart1');
      setTimeout(() => socket.write('part2'), 20);
    });
    const p = pool(u);
    const signal = Object.assign(new EventEmitter(), { aborted: false });
    const r = await p.request(request('/held', { signal }));
    await delay(100);
    const seen: string[] = [];
    r.body.flow({
      data: (c) => {
        seen.push(c.toString());
        r.body.pause();
      },
      end: () => seen.push('end'),
      error: () => seen.push('error'),
    });
    signal.aborted = true;
    signal.emit('abort');
    expect(seen).toEqual(['part1', 'error']);
    expect(p.connected).toBe(1);
    // A cancel after the body was all delivered changes nothing.
    const signal2 = Object.assign(new EventEmitter(), { aborted: false });
    const r2 = await p.request(request('/again', { signal: signal2 }));
    expect(await readBody(r2)).toBe('part1part2');
    signal2.aborted = true;
    signal2.emit('abort');
    expect(p.connected).toBe(1);
    expect(u.connections()).toBe(1);
  });

  it('delivers a body that arrives in pieces, with pause and resume from the reader', async () => {
    const body = 'z'.repeat(300_000);
    const u = await upstream(({ socket }) => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\n\r\n`);
      for (let i = 0; i < body.length; i += 60_000) socket.write(body.slice(i, i + 60_000));
    });
    const p = pool(u);
    const r = await p.request(request('/big'));
    const chunks: Buffer[] = [];
    const text = await within(
      new Promise<string>((resolve, reject) => {
        r.body.flow({
          data: (c) => {
            chunks.push(Buffer.from(c));
            r.body.pause();
            setTimeout(() => r.body.resume(), 1);
          },
          end: () => resolve(Buffer.concat(chunks).toString()),
          error: reject,
        });
      }),
      5_000,
      'the paced body',
    );
    expect(text).toBe(body);
    // The connection is reusable afterwards.
    expect(p.connected).toBe(1);
  });
});
