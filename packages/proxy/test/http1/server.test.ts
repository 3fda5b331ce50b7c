// The downstream HTTP/1.1 server (src/http1/server-*.ts) through a real proxy, with raw node:net clients so the
// tests control every byte: pipelining, chunked request bodies, 100-continue, 400 / 431 on bad heads, HEAD,
// HTTP/1.0, and keep-alive across idle gaps. The upstream is the node:http echo server of the other tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, waitFor } from '../helpers/harness.js';
import { hcm, httpListener, routeConfig, routeTo, staticCluster, vhost } from '../helpers/resources.js';
import { type Echo, startUpstream, type Upstream } from '../helpers/upstream.js';
import { delay, RawClient } from './raw.js';

let h: Harness;
let echo: Upstream;
const clients: RawClient[] = [];

async function client(): Promise<RawClient> {
  const c = await RawClient.connect(h.proxy.listenerPort('l') ?? 0);
  clients.push(c);
  return c;
}

function echoed(body: string): Echo {
  return JSON.parse(body) as Echo;
}

beforeAll(async () => {
  echo = await startUpstream('echo');
  h = await startHarness({
    clusters: [
      staticCluster('echo', [echo.port]),
      // One request at a time: a request that never finishes inside the proxy would hold the only slot.
      staticCluster('limited', [echo.port], {
        circuit_breakers: { thresholds: [{ max_requests: { value: 1 } }] },
      }),
    ],
    listeners: [
      httpListener(
        'l',
        9080,
        hcm({
          inline: routeConfig('r', [
            vhost(
              'all',
              ['*'],
              [
                {
                  match: { prefix: '/direct' },
                  direct_response: { status: 200, body: { inline_string: 'direct' } },
                },
                // With a retry policy, bodies with a content-length are read whole before the first try.
                routeTo(
                  'limited',
                  '/limited',
                  {},
                  { retry_policy: { retry_on: '5xx', num_retries: { value: 1 } } },
                ),
                routeTo('echo'),
              ],
            ),
          ]),
        }),
      ),
    ],
  });
}, 15_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await h?.close();
  await echo?.close();
});

describe('downstream HTTP/1.1 server', () => {
  it('answers two pipelined requests sent in one write, in order, on one connection', async () => {
    const c = await client();
    c.write(
      'GET /first HTTP/1.1\r\nHost: a\r\nx-test-delay: 80\r\n\r\n' +
        'POST /second HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nbody',
    );
    const r1 = await c.response();
    const r2 = await c.response();
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect(echoed(r1.body)).toMatchObject({ url: '/first', method: 'GET' });
    expect(echoed(r2.body)).toMatchObject({ url: '/second', method: 'POST', body: 'body' });
    expect(c.ended).toBe(false);
    // And a third one afterwards on the same connection.
    c.write('GET /third HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(echoed((await c.response()).body).url).toBe('/third');
  });

  it('answers three pipelined requests split at odd places across writes', async () => {
    const c = await client();
    const all = [1, 2, 3].map((i) => `GET /p${i} HTTP/1.1\r\nHost: a\r\n\r\n`).join('');
    c.write(all.slice(0, 7));
    await delay(20);
    c.write(all.slice(7, 40));
    await delay(20);
    c.write(all.slice(40));
    const urls = [];
    for (let i = 0; i < 3; i++) urls.push(echoed((await c.response()).body).url);
    expect(urls).toEqual(['/p1', '/p2', '/p3']);
  });

  it('answers 30 pipelined requests (bodies chunked and sized, in one write) in order', async () => {
    const c = await client();
    let burst = '';
    for (let i = 0; i < 30; i++) {
      if (i % 3 === 0) burst += `GET /burst${i} HTTP/1.1\r\nHost: a\r\n\r\n`;
      else if (i % 3 === 1)
        burst += `POST /burst${i} HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nb${i % 10}`;
      else
        burst += `POST /burst${i} HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nc\r\n0\r\n\r\n`;
    }
    c.write(burst);
    for (let i = 0; i < 30; i++) {
      const e = echoed((await c.response()).body);
      expect(e.url).toBe(`/burst${i}`);
      expect(e.body).toBe(i % 3 === 0 ? '' : i % 3 === 1 ? `b${i % 10}` : 'c');
    }
  });

  it('parses a request head written one byte at a time', async () => {
    const c = await client();
    for (const ch of 'GET /bytewise HTTP/1.1\r\nHost: a\r\nX-Slow: yes\r\n\r\n') {
      c.write(ch);
      await new Promise((r) => setImmediate(r));
    }
    const e = echoed((await c.response()).body);
    expect([e.url, e.headers['x-slow']]).toEqual(['/bytewise', 'yes']);
  });

  it('passes a chunked request body (extensions, trailers, split writes) to the upstream intact', async () => {
    const c = await client();
    c.write('POST /chunked HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhel');
    await delay(20);
    c.write('lo\r\n7\r\n, world\r\n');
    await delay(20);
    c.write('0\r\nx-trailer: t\r\n\r\n');
    const r = await c.response();
    expect(r.status).toBe(200);
    const e = echoed(r.body);
    expect(e.body).toBe('hello, world');
    expect(e.headers['transfer-encoding']).toBe('chunked');
    expect(e.headers['content-length']).toBeUndefined();
    // The connection goes on after the body's last chunk.
    c.write('GET /after HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(echoed((await c.response()).body).url).toBe('/after');
  });

  it('passes a large content-length body arriving in many writes to the upstream intact', async () => {
    const c = await client();
    const body = 'x'.repeat(200_000);
    c.write(`PUT /big HTTP/1.1\r\nHost: a\r\nContent-Length: ${body.length}\r\n\r\n`);
    for (let i = 0; i < body.length; i += 50_000) c.write(body.slice(i, i + 50_000));
    const r = await c.response();
    expect(r.status).toBe(200);
    expect(echoed(r.body).body.length).toBe(body.length);
  });

  it('answers "expect: 100-continue" with 100 Continue before the body, without forwarding expect', async () => {
    const c = await client();
    c.write('POST /expect HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n');
    await c.until(() => (c.buf.length >= 25 ? true : undefined), 'the interim response');
    expect(c.text()).toBe('HTTP/1.1 100 Continue\r\n\r\n');
    c.buf = c.buf.subarray(25);
    c.write('hello');
    const r = await c.response();
    expect(r.status).toBe(200);
    const e = echoed(r.body);
    expect(e.body).toBe('hello');
    expect(e.headers.expect).toBeUndefined();
  });

  it('ignores "expect: 100-continue" from an HTTP/1.0 client (no interim response)', async () => {
    const c = await client();
    c.write('POST /expect10 HTTP/1.0\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n');
    await delay(50);
    c.write('hello');
    const all = await c.until(() => (c.ended ? c.text() : undefined), 'the response and close');
    expect(all.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(echoed(all.slice(all.indexOf('\r\n\r\n') + 4)).body).toBe('hello');
  });

  it('answers a malformed request line 400 and closes the connection', async () => {
    const c = await client();
    c.write('GET /a b HTTP/1.1\r\nHost: a\r\n\r\n');
    const r = await c.response();
    expect(r.status).toBe(400);
    expect(r.headers.connection).toBe('close');
    await c.closed();
  });

  const badHeads: [string, string][] = [
    ['an unsupported version', 'GET / HTTP/2.0\r\nHost: a\r\n\r\n'],
    ['obs-fold', 'GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n'],
    ['a space before the colon', 'GET / HTTP/1.1\r\nHost : a\r\n\r\n'],
    [
      'both transfer-encoding and content-length',
      'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n',
    ],
    ['transfer-encoding gzip', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n'],
    [
      'conflicting content-length fields',
      'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 3\r\n\r\nabc',
    ],
    ['a bad chunk size', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
  ];
  for (const [what, bytes] of badHeads) {
    it(`answers a request with ${what} 400 and closes; nothing reaches the upstream`, async () => {
      const before = echo.seen.length;
      const c = await client();
      c.write(bytes);
      const r = await c.response();
      expect(r.status).toBe(400);
      await c.closed();
      expect(echo.seen.length).toBe(before);
    });
  }

  it('answers 400 and closes when a chunked body breaks after the request went upstream', async () => {
    const c = await client();
    c.write('POST /mid-body HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n');
    await delay(50);
    c.write('not-a-size\r\n');
    const r = await c.response();
    expect(r.status).toBe(400);
    await c.closed();
    // The upstream never got a complete request.
    expect(echo.seen.some((s) => s.url === '/mid-body')).toBe(false);
    const d = await client();
    d.write('GET /after-mid-body HTTP/1.1\r\nHost: a\r\n\r\n');
    expect((await d.response()).status).toBe(200);
  });

  it('answers a head over 60 KiB 431, whole or still incomplete', async () => {
    const big = `x-big: ${'a'.repeat(61 * 1024)}\r\n`;
    const c = await client();
    c.write(`GET / HTTP/1.1\r\nHost: a\r\n${big}\r\n`);
    expect((await c.response()).status).toBe(431);
    await c.closed();
    const d = await client();
    d.write(`GET / HTTP/1.1\r\nHost: a\r\n${big}`);
    expect((await d.response()).status).toBe(431);
    await d.closed();
    // Just under the limit is served (a direct response: node:http upstreams refuse heads over 16 KiB).
    const e = await client();
    e.write(`GET /direct HTTP/1.1\r\nHost: a\r\nx-big: ${'a'.repeat(59 * 1024)}\r\n\r\n`);
    const fits = await e.response();
    expect([fits.status, fits.body]).toEqual([200, 'direct']);
  });

  it('answers HEAD with the headers and no body, and the connection stays in step', async () => {
    const c = await client();
    c.write('HEAD /head HTTP/1.1\r\nHost: a\r\n\r\nGET /after-head HTTP/1.1\r\nHost: a\r\n\r\n');
    const r1 = await c.response({ head: true });
    expect(r1.status).toBe(200);
    expect(r1.headers['content-type']).toBe('application/json');
    const r2 = await c.response();
    expect(r2.line).toBe('HTTP/1.1 200 OK');
    expect(echoed(r2.body).url).toBe('/after-head');
    expect(echo.seen.find((s) => s.url === '/head')?.method).toBe('HEAD');
  });

  it('closes after an HTTP/1.0 request without keep-alive, saying connection: close', async () => {
    const c = await client();
    c.write('GET /old HTTP/1.0\r\nHost: a\r\n\r\n');
    const r = await c.until(() => (c.ended ? c.text() : undefined), 'the response and close');
    expect(r.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    const head = r.slice(0, r.indexOf('\r\n\r\n')).toLowerCase();
    expect(head).toContain('\r\nconnection: close');
    expect(head).not.toContain('transfer-encoding');
    expect(echoed(r.slice(r.indexOf('\r\n\r\n') + 4)).url).toBe('/old');
  });

  it('keeps an HTTP/1.0 connection with keep-alive open when the body length is known', async () => {
    const c = await client();
    c.write('GET /direct HTTP/1.0\r\nHost: a\r\nConnection: keep-alive\r\n\r\n');
    const r = await c.response();
    expect([r.status, r.headers.connection, r.headers['content-length'], r.body]).toEqual([
      200,
      'keep-alive',
      '6',
      'direct',
    ]);
    c.write('GET /direct HTTP/1.0\r\nHost: a\r\nConnection: keep-alive\r\n\r\n');
    expect((await c.response()).body).toBe('direct');
    expect(c.ended).toBe(false);
  });

  it('closes an HTTP/1.0 keep-alive connection when the body is close-delimited (chunked upstream)', async () => {
    const c = await client();
    c.write('GET /old-chunked HTTP/1.0\r\nHost: a\r\nConnection: keep-alive\r\n\r\n');
    const r = await c.until(() => (c.ended ? c.text() : undefined), 'the response and close');
    expect(r).toContain('\r\nconnection: close\r\n');
    expect(echoed(r.slice(r.indexOf('\r\n\r\n') + 4)).url).toBe('/old-chunked');
  });

  it('closes after a response to "connection: close"', async () => {
    const c = await client();
    c.write('GET /bye HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
    const r = await c.response();
    expect(r.headers.connection).toBe('close');
    await c.closed();
  });

  it('keeps an idle keep-alive connection usable for several sequential requests', async () => {
    const c = await client();
    for (let i = 0; i < 4; i++) {
      c.write(`GET /seq${i} HTTP/1.1\r\nHost: a\r\n\r\n`);
      const r = await c.response();
      expect(r.status).toBe(200);
      expect(echoed(r.body).url).toBe(`/seq${i}`);
      expect(r.headers.connection).toBeUndefined();
      await delay(150);
    }
    expect(c.ended).toBe(false);
  });

  it('survives a client that goes away in the middle of a streamed request body (flag DC)', async () => {
    const c = await client();
    c.write('POST /cut-short HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n0123456789');
    // Let the router start streaming the body upstream, then vanish (no 'error' listener on a piped body:
    // an error emitted there would be an uncaught exception).
    await delay(100);
    c.destroy();
    await waitFor(() => h.logs.some((l) => l.path === '/cut-short'), 5_000, 'the access log entry');
    expect(h.logs.find((l) => l.path === '/cut-short')?.responseFlags).toBe('DC');
    const d = await client();
    d.write('GET /still-serving HTTP/1.1\r\nHost: a\r\n\r\n');
    expect((await d.response()).status).toBe(200);
  });

  it('finishes a request whose client vanished while its body was being read whole (no leaked request)', async () => {
    const c = await client();
    c.write('POST /limited/upload HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n0123456789');
    await delay(100);
    c.destroy();
    await waitFor(() => h.logs.some((l) => l.path === '/limited/upload'), 5_000, 'the access log entry');
    expect(h.logs.find((l) => l.path === '/limited/upload')?.responseFlags).toBe('DC');
    // The cluster allows one request at a time: the vanished one must not keep holding it.
    const d = await client();
    d.write('GET /limited/after HTTP/1.1\r\nHost: a\r\n\r\n');
    const r = await d.response();
    expect(r.status).toBe(200);
    expect(echoed(r.body).url).toBe('/limited/after');
  });

  it('resets the request in flight when the client half-closes (flag DC, the upstream request cancelled)', async () => {
    const c = await client();
    c.write('GET /half-close HTTP/1.1\r\nHost: a\r\nx-test-delay: 200\r\n\r\n');
    await waitFor(() => echo.seen.some((s) => s.url === '/half-close'), 5_000, 'the request upstream');
    c.socket.end();
    await c.closed();
    expect(c.text()).toBe('');
    await waitFor(() => h.logs.some((l) => l.path === '/half-close'), 5_000, 'the access log entry');
    expect(h.logs.find((l) => l.path === '/half-close')?.responseFlags).toBe('DC');
    await waitFor(() => echo.cancelled.includes('/half-close'), 5_000, 'the upstream to see the cancel');
  });

  it('ignores empty lines before a request line', async () => {
    const c = await client();
    c.write('\r\n\r\nGET /after-blank HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(echoed((await c.response()).body).url).toBe('/after-blank');
  });
});
