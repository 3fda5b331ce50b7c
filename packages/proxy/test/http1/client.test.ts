// The upstream HTTP/1.1 client (src/http1/client-*.ts) through a real proxy, with raw node:net upstreams that
// answer with exact bytes: chunked responses with trailers, close-delimited bodies, interim 100 Continue, an
// upstream closing idle keep-alive connections (noticed, or raced and retried), the keep-alive timeout hint,
// malformed responses (503, flag UC), and /clusters cx_active counting the pool's connections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, send, startHarness, waitFor } from '../helpers/harness.js';
import { hcm, httpListener, routeConfig, routeTo, staticCluster, vhost } from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';
import { delay, RawClient, type RawExchange, type RawUpstream, startRawUpstream } from './raw.js';

let h: Harness;
let echo: Upstream;
let cx: Upstream;
const raw: Record<string, RawUpstream> = {};
const clients: RawClient[] = [];
const port = () => h.proxy.listenerPort('l') ?? 0;

const OK = 'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok';

/** How each raw upstream answers; each has its own cluster, routed by the path prefix "/<name>". */
const behaviours: Record<string, (x: RawExchange) => void> = {
  trailers: ({ socket }) =>
    socket.write(
      'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\ntrailer: x-checksum\r\n\r\n' +
        '5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nx-checksum: abc123\r\nx-other: 2\r\n\r\n',
    ),
  close: ({ socket }) => {
    socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nfirst part, ');
    setTimeout(() => {
      socket.write(`${'y'.repeat(100_000)}, `);
      setTimeout(() => socket.end('last part'), 20);
    }, 20);
  },
  // The whole response one byte per write: heads and chunks split everywhere.
  bytewise: ({ socket }) => {
    const bytes = Buffer.from(
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nx-split: yes\r\n\r\n' +
        '3\r\nabc\r\n2;e=1\r\nde\r\n0\r\nx-t: 1\r\n\r\n',
    );
    let i = 0;
    const next = () => {
      if (i < bytes.length) socket.write(bytes.subarray(i, ++i), () => setImmediate(next));
    };
    next();
  },
  http10: ({ socket }) => socket.end('HTTP/1.0 200 OK\r\ncontent-type: text/plain\r\n\r\nold style body'),
  continue: ({ socket, request }) => {
    socket.write('HTTP/1.1 100 Continue\r\n\r\n');
    // Sometimes with the final response in the same write, sometimes later.
    if (request.line.includes('same-write'))
      socket.write(`HTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\n${OK}`);
    else setTimeout(() => socket.write(OK), 30);
  },
  idleclose: ({ socket }) => {
    socket.write(OK);
    setTimeout(() => socket.end(), 50);
  },
  idlereset: ({ socket }) => {
    socket.write(OK);
    setTimeout(() => socket.resetAndDestroy(), 50);
  },
  race: ({ socket, index }) => {
    // Serves the first request of each connection; a second one on it finds the connection closed under it.
    if (index === 0) socket.write(OK);
    else socket.destroy();
  },
  hint1: ({ socket }) => {
    socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nkeep-alive: timeout=1\r\n\r\nok');
    socket.setTimeout(1_000, () => socket.destroy());
  },
  hint3: ({ socket }) =>
    socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nkeep-alive: timeout=3\r\n\r\nok'),
  badstatus: ({ socket }) => socket.write('HTTP/1.1 2OO OK\r\ncontent-length: 2\r\n\r\nok'),
  badheader: ({ socket }) => socket.write('HTTP/1.1 200 OK\r\nx-bad: a\x00b\r\ncontent-length: 2\r\n\r\nok'),
  badchunk: ({ socket }) => socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nnot-hex\r\n'),
  hugehead: ({ socket }) => socket.write(`HTTP/1.1 200 OK\r\nx-huge: ${'h'.repeat(70 * 1024)}\r\n`),
  switching: ({ socket }) => socket.write('HTTP/1.1 101 Switching Protocols\r\nupgrade: x\r\n\r\n'),
  // Both framings: the body is 5 bytes chunked, the length says 3 (forwarded as is, it would desync the client).
  tecl: ({ socket }) =>
    socket.write(
      'HTTP/1.1 200 OK\r\ncontent-length: 3\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
    ),
};

beforeAll(async () => {
  echo = await startUpstream('echo');
  cx = await startUpstream('cx');
  for (const [name, answer] of Object.entries(behaviours)) raw[name] = await startRawUpstream(answer);
  // Answers as soon as the request head arrives, before the body (a 401 before an upload, say).
  raw.early = await startRawUpstream(
    ({ socket }) => socket.write('HTTP/1.1 401 Unauthorized\r\ncontent-length: 6\r\n\r\ndenied'),
    { early: true },
  );
  const names = Object.keys(raw);
  h = await startHarness({
    clusters: [
      staticCluster('echo', [echo.port]),
      staticCluster('cx', [cx.port]),
      ...names.map((n) => staticCluster(n, [raw[n]?.port ?? 0])),
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
              [...names.map((n) => routeTo(n, `/${n}`)), routeTo('cx', '/cx'), routeTo('echo', '/')],
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
  await cx?.close();
  for (const u of Object.values(raw)) await u.close();
});

async function get(path: string, method = 'GET') {
  const c = await RawClient.connect(port());
  clients.push(c);
  c.write(`${method} ${path} HTTP/1.1\r\nHost: svc\r\n\r\n`);
  return c.response({ head: method === 'HEAD' });
}

async function logFor(path: string) {
  await waitFor(() => h.logs.some((l) => l.path === path), 5_000, `the access log of ${path}`);
  return h.logs.find((l) => l.path === path);
}

/** cx_active of the cluster's only host, from the admin /clusters text. */
async function cxActive(cluster: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${h.proxy.adminPort}/clusters`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${cluster}::`) && l.includes('::cx_active::'));
  if (line === undefined) throw new Error(`no cx_active line for ${cluster}`);
  return Number(line.split('::').pop());
}

describe('upstream HTTP/1.1 client', () => {
  it('passes a chunked upstream response with trailers on to a chunked HTTP/1.1 client', async () => {
    const r = await get('/trailers/a');
    expect(r.status).toBe(200);
    expect(r.headers['transfer-encoding']).toBe('chunked');
    expect(r.headers.trailer).toBeUndefined();
    expect(r.body).toBe('hello, world');
    expect(r.trailers).toEqual({ 'x-checksum': 'abc123', 'x-other': '2' });
    expect(raw.trailers?.requests[0]?.request.headers.host).toBe('svc');
  });

  it('delivers a close-delimited upstream body (connection: close, no length) complete', async () => {
    const r = await get('/close/a');
    expect(r.status).toBe(200);
    expect(r.body).toBe(`first part, ${'y'.repeat(100_000)}, last part`);
    expect((await logFor('/close/a'))?.responseFlags).toBe('-');
    // Nothing of it stays in the pool.
    await waitFor(() => raw.close?.open.size === 0, 5_000, 'the upstream connection to close');
  });

  it('reads a response sent one byte per write (interim response, head, chunks and trailers split)', async () => {
    const r = await get('/bytewise/a');
    expect([r.status, r.headers['x-split'], r.body, r.trailers]).toEqual([
      200,
      'yes',
      'abcde',
      { 'x-t': '1' },
    ]);
    // And the connection is kept for the next request.
    expect((await get('/bytewise/b')).body).toBe('abcde');
    expect(raw.bytewise?.connections()).toBe(1);
  });

  it('delivers an HTTP/1.0 upstream response without a length, ended by close', async () => {
    const r = await get('/http10/a');
    expect([r.status, r.body]).toEqual([200, 'old style body']);
  });

  it('skips interim 1xx responses from the upstream (later, or in the same write as the final one)', async () => {
    const later = await get('/continue/later');
    expect([later.status, later.body]).toEqual([200, 'ok']);
    const same = await get('/continue/same-write');
    expect([same.status, same.body]).toEqual([200, 'ok']);
    expect(same.headers.link).toBeUndefined();
  });

  it('reuses a kept-alive upstream connection for sequential requests', async () => {
    const c = await RawClient.connect(port());
    clients.push(c);
    for (let i = 0; i < 3; i++) {
      c.write(`GET /hint3/${i} HTTP/1.1\r\nHost: svc\r\n\r\n`);
      expect((await c.response()).status).toBe(200);
      await delay(100);
    }
    // keep-alive: timeout=3 leaves 2 s of reuse: one upstream connection served all three.
    expect(raw.hint3?.requests.map((x) => [x.connection, x.index])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
    ]);
  });

  for (const name of ['idleclose', 'idlereset']) {
    it(`does not fail the next request when the upstream closes an idle connection (${name})`, async () => {
      expect((await get(`/${name}/1`)).status).toBe(200);
      await waitFor(() => raw[name]?.open.size === 0, 5_000, 'the upstream to close its connection');
      await delay(50);
      const r = await get(`/${name}/2`);
      expect([r.status, r.body]).toEqual([200, 'ok']);
      expect((await logFor(`/${name}/2`))?.responseFlags).toBe('-');
      expect(raw[name]?.connections()).toBe(2);
    });
  }

  it('retries once on a fresh connection when a reused one is closed under the request (keep-alive race)', async () => {
    expect((await get('/race/1')).status).toBe(200);
    const r = await get('/race/2');
    expect([r.status, r.body]).toEqual([200, 'ok']);
    expect((await logFor('/race/2'))?.responseFlags).toBe('-');
    // The second request went out on the kept-alive connection (closed unanswered), then on a new one.
    expect(raw.race?.requests.map((x) => [x.request.line, x.connection, x.index])).toEqual([
      ['GET /race/1 HTTP/1.1', 0, 0],
      ['GET /race/2 HTTP/1.1', 0, 1],
      ['GET /race/2 HTTP/1.1', 1, 0],
    ]);
  });

  it('does not reuse a connection past the keep-alive hint (timeout=1): a request 1.5 s later succeeds', async () => {
    expect((await get('/hint1/1')).status).toBe(200);
    await delay(1_500);
    const r = await get('/hint1/2');
    expect([r.status, r.body]).toEqual([200, 'ok']);
    // Not sent on the first connection at all: the hint minus 1 s left no time to reuse it.
    expect(raw.hint1?.requests.map((x) => [x.connection, x.index])).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });

  const malformed: [string, string][] = [
    ['badstatus', 'a malformed status line'],
    ['badheader', 'a NUL in a header value'],
    ['hugehead', 'a head over 60 KiB'],
    ['switching', 'a 101 Switching Protocols'],
    ['tecl', 'both transfer-encoding and content-length'],
  ];
  for (const [name, what] of malformed) {
    it(`answers 503 (flag UC) when the upstream sends ${what}`, async () => {
      const r = await get(`/${name}/x`);
      expect(r.status).toBe(503);
      expect(r.body).toContain('upstream connect error or disconnect/reset before headers');
      expect((await logFor(`/${name}/x`))?.responseFlags).toBe('UC');
      await waitFor(() => raw[name]?.open.size === 0, 5_000, 'the proxy to close the upstream connection');
    });
  }

  it('resets the client when the upstream body framing breaks after the head', async () => {
    const c = await RawClient.connect(port());
    clients.push(c);
    c.write('GET /badchunk/x HTTP/1.1\r\nHost: svc\r\n\r\n');
    await c.closed();
    // The response was under way (the head leaves with the first body bytes): the connection is reset, no
    // complete response ever reaches the client.
    expect(c.text()).not.toContain('\r\n0\r\n\r\n');
    expect(c.text()).not.toContain('503');
    expect((await logFor('/badchunk/x'))?.responseFlags).toBe('UC');
  });

  it('ends the response when the upstream answers before the request body ended (no deadlock)', async () => {
    const c = await RawClient.connect(port());
    clients.push(c);
    // The body's end is never sent: the client waits for the answer first.
    c.write('POST /early/upload HTTP/1.1\r\nHost: svc\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n');
    const r = await c.response();
    expect([r.status, r.body]).toEqual([401, 'denied']);
    // The request body was cut short: the proxy closes the client connection after the response.
    await c.closed();
    expect((await logFor('/early/upload'))?.responseCode).toBe(401);
  });

  it('passes HEAD through without waiting for a body', async () => {
    const r = await get('/head-check', 'HEAD');
    expect(r.status).toBe(200);
    expect(echo.seen.find((s) => s.url === '/head-check')?.method).toBe('HEAD');
    const after = await send(port(), '/after-head');
    expect(after.status).toBe(200);
  });

  it('counts upstream connections in /clusters cx_active', async () => {
    expect(await cxActive('cx')).toBe(0);
    // Two requests in flight at once need two connections; both stay open (kept alive) after the responses.
    const both = Promise.all([
      send(port(), '/cx/1', { headers: { 'x-test-delay': '300' } }),
      send(port(), '/cx/2', { headers: { 'x-test-delay': '300' } }),
    ]);
    await waitFor(() => cx.seen.length === 2, 5_000, 'both requests at the upstream');
    expect(await cxActive('cx')).toBe(2);
    const replies = await both;
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    expect(await cxActive('cx')).toBe(2);
    // A third request reuses one of them.
    expect((await send(port(), '/cx/3')).status).toBe(200);
    expect(await cxActive('cx')).toBe(2);
    // The upstream closing them takes them out of the count.
    await cx.close();
    let n = await cxActive('cx');
    for (let i = 0; i < 100 && n !== 0; i++) {
      await delay(20);
      n = await cxActive('cx');
    }
    expect(n).toBe(0);
  });
});
