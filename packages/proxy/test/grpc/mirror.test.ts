// Request mirroring (RouteAction.request_mirror_policies): the shadow gets a copy with ":authority" suffixed
// "-shadow" before the port (unless disable_shadow_host_suffix_append), bodies included; runtime_fraction and
// cluster_header choose; a dead or hanging shadow target changes nothing in the main response, and the hanging one
// is cut at the shadow's timeout. gRPC calls are mirrored too. Stats: cluster.<shadow>.upstream_rq_*.
import { createServer, type Server, type Socket } from 'node:net';
import type { Client } from '@grpc/grpc-js';
import type { RouteAction } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, send, startHarness, waitFor } from '../helpers/harness.js';
import { hcm, httpListener, routeConfig, routeTo, staticCluster, vhost } from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';
import { type GrpcServer, grpcClient, h2Cluster, startGrpcServer, unary } from './grpc-fixture.js';

let h: Harness;
let main: Upstream;
let shadow: Upstream;
let grpcMain: GrpcServer;
let grpcShadow: GrpcServer;
let grpc: Client;
/** Accepts connections and never answers; records when each closes. */
let hang: Server;
const hangSockets: Socket[] = [];
let hangClosed = 0;
let deadPort: number;

const mirrorTo = (cluster: string, extra: object = {}): RouteAction => ({
  request_mirror_policies: [{ cluster, ...extra }],
});

beforeAll(async () => {
  main = await startUpstream('main');
  shadow = await startUpstream('shadow');
  const dead = await startUpstream('dead');
  deadPort = dead.port;
  await dead.close();
  hang = createServer((s) => {
    hangSockets.push(s);
    s.on('close', () => hangClosed++);
    s.resume();
  });
  await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
  grpcMain = await startGrpcServer();
  grpcShadow = await startGrpcServer();
  const port = (hang.address() as { port: number }).port;
  h = await startHarness({
    clusters: [
      staticCluster('main', [main.port]),
      staticCluster('shadow', [shadow.port]),
      staticCluster('dead', [deadPort]),
      staticCluster('hang', [port]),
      staticCluster('hang-limited', [port], {
        circuit_breakers: { thresholds: [{ max_requests: { value: 1 } }] },
      }),
      h2Cluster('grpc-main', [grpcMain.port]),
      h2Cluster('grpc-shadow', [grpcShadow.port]),
    ],
    listeners: [httpListener('l', 9080, hcm({ rds: 'r' }))],
    routes: [
      routeConfig('r', [
        vhost(
          'all',
          ['*'],
          [
            routeTo(
              'grpc-main',
              '/test.Echo/',
              {},
              { timeout: { seconds: '0' }, ...mirrorTo('grpc-shadow') },
            ),
            routeTo('main', '/copy', {}, mirrorTo('shadow')),
            routeTo('main', '/retry', {}, { retry_policy: { retry_on: '5xx', num_retries: { value: 1 } } }),
            routeTo('main', '/nosuffix', {}, mirrorTo('shadow', { disable_shadow_host_suffix_append: true })),
            routeTo(
              'main',
              '/never',
              {},
              mirrorTo('shadow', { runtime_fraction: { default_value: { numerator: 0 } } }),
            ),
            routeTo(
              'main',
              '/by-header',
              {},
              { request_mirror_policies: [{ cluster_header: 'x-mirror-to' }] },
            ),
            routeTo('main', '/dead', {}, mirrorTo('dead')),
            routeTo(
              'main',
              '/hang-limited',
              {},
              { timeout: { nanos: 400_000_000 }, ...mirrorTo('hang-limited') },
            ),
            routeTo('main', '/hang', {}, { timeout: { nanos: 400_000_000 }, ...mirrorTo('hang') }),
          ],
        ),
      ]),
    ],
  });
  grpc = grpcClient(h.proxy.listenerPort('l') ?? 0);
}, 20_000);

afterAll(async () => {
  grpc?.close();
  await h?.close();
  await main?.close();
  await shadow?.close();
  grpcMain?.close();
  grpcShadow?.close();
  for (const s of hangSockets) s.destroy();
  hang?.close();
});

const port = () => h.proxy.listenerPort('l') ?? 0;
const stat = (name: string) => h.proxy.stats.value(name);

describe('request mirroring', () => {
  it('sends a copy to the shadow cluster with "-shadow" before the port; the main response is the main one', async () => {
    const r = await send(port(), '/copy?q=1', { headers: { host: 'reviews:9080', 'x-extra': 'yes' } });
    expect(r.status).toBe(200);
    expect(r.json().upstream).toBe('main');
    expect(main.seen.at(-1)?.headers.host).toBe('reviews:9080');
    await waitFor(() => shadow.seen.length === 1, 3_000, 'the shadow request');
    const copy = shadow.seen[0];
    expect(copy?.headers.host).toBe('reviews-shadow:9080');
    expect(copy?.url).toBe('/copy?q=1');
    expect(copy?.headers['x-extra']).toBe('yes');
    expect(copy?.headers['x-request-id']).toBe(main.seen.at(-1)?.headers['x-request-id']);
    await waitFor(() => stat('cluster.shadow.upstream_rq_200') === 1, 3_000, 'the shadow stats');
    expect(stat('cluster.shadow.upstream_rq_total')).toBe(1);
    expect(stat('cluster.shadow.upstream_rq_2xx')).toBe(1);
  });

  it('mirrors request bodies, with a content-length and chunked', async () => {
    shadow.seen.length = 0;
    await send(port(), '/copy', { method: 'POST', body: 'sized body', headers: { host: 'reviews' } });
    await send(port(), '/copy', {
      method: 'POST',
      body: 'chunked body',
      headers: { host: 'reviews', 'transfer-encoding': 'chunked' },
    });
    await waitFor(() => shadow.seen.length === 2, 3_000, 'the shadow requests');
    expect(shadow.seen.map((s) => s.body).sort()).toEqual(['chunked body', 'sized body']);
    expect(shadow.seen.map((s) => s.headers.host)).toEqual(['reviews-shadow', 'reviews-shadow']);
    expect(main.seen.slice(-2).map((s) => s.body)).toEqual(['sized body', 'chunked body']);
  });

  it('does not shadow a body over the 1 MiB buffer limit; the main request gets it whole', async () => {
    shadow.seen.length = 0;
    const big = 'y'.repeat(1536 * 1024);
    const r = await send(port(), '/copy', {
      method: 'POST',
      body: big,
      headers: { 'transfer-encoding': 'chunked' },
    });
    expect(r.status).toBe(200);
    expect(main.seen.at(-1)?.body.length).toBe(big.length);
    await send(port(), '/copy');
    await waitFor(() => shadow.seen.length === 1, 3_000, 'the marker shadow request');
    expect(shadow.seen.map((x) => x.method)).toEqual(['GET']);
  });

  it('replays a streamed (chunked) request body on a retry', async () => {
    const before = main.seen.length;
    const r = await send(port(), '/retry', {
      method: 'POST',
      body: 'streamed body',
      headers: { 'transfer-encoding': 'chunked', 'x-test-status': '503' },
    });
    expect(r.status).toBe(503);
    expect(main.seen.slice(before).map((x) => x.body)).toEqual(['streamed body', 'streamed body']);
  });

  it('keeps the authority with disable_shadow_host_suffix_append', async () => {
    shadow.seen.length = 0;
    await send(port(), '/nosuffix', { headers: { host: 'reviews:9080' } });
    await waitFor(() => shadow.seen.length === 1, 3_000, 'the shadow request');
    expect(shadow.seen[0]?.headers.host).toBe('reviews:9080');
  });

  it('follows runtime_fraction (0 %: never) and cluster_header', async () => {
    shadow.seen.length = 0;
    expect((await send(port(), '/never')).status).toBe(200);
    expect((await send(port(), '/by-header', { headers: { 'x-mirror-to': 'shadow' } })).status).toBe(200);
    expect((await send(port(), '/by-header', { headers: { 'x-mirror-to': 'no-such-cluster' } })).status).toBe(
      200,
    );
    expect((await send(port(), '/by-header')).status).toBe(200);
    await waitFor(() => shadow.seen.length === 1, 3_000, 'the shadow request');
    // The copies are sent before the main requests are answered: a second one would have arrived by now.
    await send(port(), '/copy');
    await waitFor(() => shadow.seen.length === 2, 3_000, 'the marker shadow request');
    expect(shadow.seen.map((s) => s.url)).toEqual(['/by-header', '/copy']);
  });

  it('answers the main request as usual when the shadow target is dead', async () => {
    const r = await send(port(), '/dead', { headers: { host: 'reviews' } });
    expect(r.status).toBe(200);
    expect(r.json().upstream).toBe('main');
    expect(h.logs.at(-1)?.responseFlags).toBe('-');
    await waitFor(
      () => stat('cluster.dead.upstream_cx_connect_fail') === 1,
      3_000,
      'the shadow connect failure',
    );
  });

  it('answers the main request as usual when the shadow hangs, and cuts the shadow at its timeout', async () => {
    const before = hangClosed;
    const replies = await Promise.all(
      [1, 2, 3].map(() => send(port(), '/hang', { headers: { host: 'reviews' } })),
    );
    expect(replies.map((r) => [r.status, r.json().upstream])).toEqual([
      [200, 'main'],
      [200, 'main'],
      [200, 'main'],
    ]);
    await waitFor(() => stat('cluster.hang.upstream_rq_timeout') === 3, 5_000, 'the shadow timeouts');
    expect(stat('cluster.hang.upstream_rq_504')).toBe(3);
    // The shadows' connections are closed: nothing is held for them.
    await waitFor(() => hangClosed - before === 3, 3_000, 'the shadow connections to close');
  });

  it("bounds the shadows in flight by the shadow cluster's max_requests (the rest dropped as overflow)", async () => {
    const replies = await Promise.all([1, 2, 3].map(() => send(port(), '/hang-limited')));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(stat('cluster.hang-limited.upstream_rq_total')).toBe(1);
    expect(stat('cluster.hang-limited.upstream_rq_pending_overflow')).toBe(2);
    await waitFor(() => stat('cluster.hang-limited.upstream_rq_timeout') === 1, 5_000, 'the shadow timeout');
  });

  it('mirrors gRPC calls', async () => {
    expect(await unary(grpc, 'mirrored')).toEqual({ reply: 'hello mirrored' });
    await waitFor(() => grpcShadow.metadata.length === 1, 3_000, 'the shadow call');
    expect(grpcMain.metadata).toHaveLength(1);
    expect(stat('cluster.grpc-shadow.upstream_rq_200')).toBe(1);
  });
});
