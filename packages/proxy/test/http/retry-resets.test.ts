// Retries of resets as Envoy's wouldRetryFromReset decides them: retry_on gateway-error (and reset, 5xx) retries an
// upstream reset; refused-stream retries an HTTP/2 stream the upstream refused (RST_STREAM REFUSED_STREAM), which
// Istio's default retry policy names; without it a refused stream is not retried.
import { constants, createServer, type Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { anyOf, type Cluster, TypeUrl } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, send, startHarness } from '../helpers/harness.js';
import { hcm, httpListener, routeConfig, routeTo, staticCluster, vhost } from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';

let h: Harness;
let h1: Upstream;
let h2: Http2Server;
/** Streams the HTTP/2 upstream saw, per path; the first of each path is refused. */
const h2Seen = new Map<string, number>();
const port = () => h.proxy.listenerPort('l') ?? 0;
const stat = (name: string) => h.proxy.stats.value(name);

function h2Cluster(name: string, p: number): Cluster {
  return staticCluster(name, [p], {
    typed_extension_protocol_options: {
      'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': anyOf(
        TypeUrl.UPSTREAM_HTTP_PROTOCOL_OPTIONS,
        {
          explicit_http_config: { http2_protocol_options: {} },
        },
      ),
    },
  });
}

beforeAll(async () => {
  h1 = await startUpstream('h1');
  h2 = createServer();
  h2.on('stream', (stream, headers) => {
    const path = String(headers[':path']);
    const n = (h2Seen.get(path) ?? 0) + 1;
    h2Seen.set(path, n);
    if (n === 1) {
      stream.on('error', () => undefined); // node reports the stream it closed with an error code on itself too
      stream.close(constants.NGHTTP2_REFUSED_STREAM);
      return;
    }
    stream.respond({ ':status': 200 });
    stream.end('served');
  });
  await new Promise<void>((r) => h2.listen(0, '127.0.0.1', () => r()));
  const h2Port = (h2.address() as AddressInfo).port;
  const retry = (retry_on: string) => ({ retry_policy: { retry_on, num_retries: { value: 1 } } });
  h = await startHarness({
    clusters: [staticCluster('h1', [h1.port]), h2Cluster('h2', h2Port)],
    listeners: [httpListener('l', 9080, hcm({ rds: 'r' }))],
    routes: [
      routeConfig('r', [
        vhost(
          'all',
          ['*'],
          [
            routeTo('h1', '/gateway-error', {}, retry('gateway-error')),
            routeTo('h2', '/refused-retried', {}, retry('refused-stream')),
            routeTo('h2', '/refused-not-retried', {}, retry('connect-failure')),
          ],
        ),
      ]),
    ],
  });
}, 15_000);

afterAll(async () => {
  await h?.close();
  await h1?.close();
  await new Promise<void>((r) => h2.close(() => r()));
});

describe('retries of resets', () => {
  it('gateway-error retries an upstream reset (then 503 UC when every try is reset)', async () => {
    const before = stat('cluster.h1.upstream_rq_retry');
    const r = await send(port(), '/gateway-error', { headers: { 'x-test-reset': '1' } });
    expect(r.status).toBe(503);
    expect(stat('cluster.h1.upstream_rq_retry') - before).toBe(1);
    expect(h.logs.at(-1)?.responseFlags).toContain('UC');
  });

  it('refused-stream retries a refused HTTP/2 stream, which then succeeds', async () => {
    const r = await send(port(), '/refused-retried');
    expect([r.status, r.body]).toEqual([200, 'served']);
    expect(h2Seen.get('/refused-retried')).toBe(2);
  });

  it('a refused stream is not retried without refused-stream', async () => {
    const r = await send(port(), '/refused-not-retried');
    expect(r.status).toBe(503);
    expect(h2Seen.get('/refused-not-retried')).toBe(1);
  });
});
