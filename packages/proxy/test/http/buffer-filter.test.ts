// envoy.filters.http.buffer (a request body limit where one is configured): bodies up to max_request_bytes are read
// whole and sent upstream with a content-length; a larger one is answered 413 (at once when its content-length says
// so), never reaches the upstream, is logged with request_payload_too_large and counted in downstream_rq_too_large;
// per-route BufferPerRoute disables the filter or changes the limit; a limit of 0 is NACKed.
import { anyOf, TypeUrl } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, waitFor } from '../helpers/harness.js';
import {
  hcm,
  httpListener,
  ROUTER,
  routeConfig,
  routeTo,
  staticCluster,
  vhost,
} from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';
import { RawClient } from '../http1/raw.js';

const BUFFER = 'envoy.filters.http.buffer';
let h: Harness;
let up: Upstream;

function resources(maxRequestBytes = 1024) {
  const buffer = {
    name: BUFFER,
    typed_config: anyOf(TypeUrl.HTTP_BUFFER, { max_request_bytes: { value: maxRequestBytes } }),
  };
  const perRoute = (cfg: object) => ({ [BUFFER]: anyOf(TypeUrl.HTTP_BUFFER_PER_ROUTE, cfg) });
  return {
    clusters: [staticCluster('a', [up.port])],
    listeners: [
      httpListener(
        'l',
        9080,
        hcm({ rds: 'r' }, [buffer, ROUTER] as Parameters<typeof hcm>[1], {
          stat_prefix: 'inbound_0.0.0.0_9080',
        }),
      ),
    ],
    routes: [
      routeConfig('r', [
        vhost(
          'all',
          ['*'],
          [
            routeTo('a', '/unbuffered', { typed_per_filter_config: perRoute({ disabled: true }) }),
            routeTo('a', '/small', {
              typed_per_filter_config: perRoute({ buffer: { max_request_bytes: { value: 10 } } }),
            }),
            routeTo('a', '/'),
          ],
        ),
      ]),
    ],
  };
}

async function post(path: string, body: string, chunked = false) {
  const c = await RawClient.connect(h.proxy.listenerPort('l') ?? 0);
  try {
    const framing = chunked ? 'transfer-encoding: chunked' : `content-length: ${Buffer.byteLength(body)}`;
    c.write(`POST ${path} HTTP/1.1\r\nhost: a\r\n${framing}\r\n\r\n`);
    if (chunked) {
      // Two chunks, so the filter reads more than one piece before the end.
      const half = Math.floor(body.length / 2);
      for (const part of [body.slice(0, half), body.slice(half)])
        c.write(`${Buffer.byteLength(part).toString(16)}\r\n${part}\r\n`);
      c.write('0\r\n\r\n');
    } else c.write(body);
    return await c.response();
  } finally {
    c.destroy();
  }
}

const tooLarge = () => h.proxy.stats.value('http.inbound_0.0.0.0_9080.downstream_rq_too_large');

beforeAll(async () => {
  up = await startUpstream('u');
  h = await startHarness(resources());
}, 15_000);

afterAll(async () => {
  await h?.close();
  await up?.close();
});

describe('buffer filter', () => {
  it('reads a body within the limit whole and sends it with its content-length', async () => {
    const r = await post('/in', 'x'.repeat(100));
    expect(r.status).toBe(200);
    const seen = JSON.parse(r.body) as { body: string; headers: Record<string, string> };
    expect([seen.body.length, seen.headers['content-length']]).toEqual([100, '100']);
  });

  it('gives a chunked body within the limit a content-length in place of transfer-encoding', async () => {
    const r = await post('/chunked', 'y'.repeat(500), true);
    expect(r.status).toBe(200);
    const seen = JSON.parse(r.body) as { body: string; headers: Record<string, string> };
    expect(seen.body).toBe('y'.repeat(500));
    expect([seen.headers['content-length'], seen.headers['transfer-encoding']]).toEqual(['500', undefined]);
  });

  it('answers 413 to a content-length over the limit before reading it; the upstream never sees it', async () => {
    const before = { seen: up.seen.length, stat: tooLarge() };
    const r = await post('/big', 'z'.repeat(2000));
    expect([r.status, r.body]).toEqual([413, 'Payload Too Large']);
    expect(up.seen.length).toBe(before.seen);
    await waitFor(() => tooLarge() === before.stat + 1, 3_000, 'downstream_rq_too_large');
    expect(h.logs.at(-1)).toMatchObject({
      responseCode: 413,
      responseCodeDetails: 'request_payload_too_large',
    });
  });

  it('answers 413 to a chunked body that grows over the limit', async () => {
    const before = up.seen.length;
    const r = await post('/big-chunked', 'w'.repeat(2000), true);
    expect(r.status).toBe(413);
    expect(up.seen.length).toBe(before);
  });

  it('follows BufferPerRoute: disabled streams any size, a route limit of 10 bytes refuses 20', async () => {
    expect((await post('/unbuffered', 'v'.repeat(2000))).status).toBe(200);
    expect((await post('/small', 'u'.repeat(10))).status).toBe(200);
    expect((await post('/small', 'u'.repeat(20))).status).toBe(413);
  });

  it('keeps serving others after refusals, and requests without a body pass untouched', async () => {
    const c = await RawClient.connect(h.proxy.listenerPort('l') ?? 0);
    try {
      c.write('GET /plain HTTP/1.1\r\nhost: a\r\n\r\n');
      expect((await c.response()).status).toBe(200);
    } finally {
      c.destroy();
    }
  });

  it('NACKs a buffer filter with max_request_bytes 0 and keeps the old config serving', async () => {
    // (A Buffer with no max_request_bytes at all never leaves the xds-server: its strict encoder refuses it.)
    await h.push(resources(0));
    await waitFor(() => h.proxy.xds.typeState(TypeUrl.LISTENER).lastNack !== undefined, 5_000, 'NACK');
    expect(h.proxy.xds.typeState(TypeUrl.LISTENER).lastNack).toMatch(/max_request_bytes is required/);
    expect((await post('/big', 'z'.repeat(2000))).status).toBe(413);
  });
});
