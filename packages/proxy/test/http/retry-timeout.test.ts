// Timeouts and retries against real upstreams: route timeout (504 UT), per_try_timeout, retry_on 5xx and
// retriable-status-codes, exhaustion (URX), connect failure (UF) and reset (UC), previous_hosts, a retried POST body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, send, startHarness, waitFor } from '../helpers/harness.js';
import { hcm, httpListener, routeConfig, routeTo, staticCluster, vhost } from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';

let h: Harness;
let a: Upstream;
let b: Upstream;
let dead: number;
const port = () => h.proxy.listenerPort('l') ?? 0;
const ms = (n: number) => ({ nanos: n * 1_000_000 });

beforeAll(async () => {
  a = await startUpstream('a');
  b = await startUpstream('b');
  const closed = await startUpstream('closed');
  dead = closed.port;
  await closed.close();
  h = await startHarness({
    clusters: [
      staticCluster('a', [a.port]),
      staticCluster('ab', [a.port, b.port]),
      staticCluster('dead', [dead]),
      staticCluster('dead-then-a', [dead, a.port]),
    ],
    listeners: [httpListener('l', 9080, hcm({ rds: 'r' }))],
    routes: [
      routeConfig('r', [
        vhost(
          'svc',
          ['*'],
          [
            routeTo('a', '/timeout', {}, { timeout: ms(100) }),
            routeTo('a', '/notimeout', {}, { timeout: {} }),
            routeTo('a', '/retry5xx', {}, { retry_policy: { retry_on: '5xx', num_retries: { value: 2 } } }),
            routeTo(
              'a',
              '/codes',
              {},
              {
                retry_policy: {
                  retry_on: 'retriable-status-codes',
                  num_retries: { value: 1 },
                  retriable_status_codes: [409],
                },
              },
            ),
            routeTo(
              'a',
              '/pertry',
              {},
              {
                timeout: ms(2000),
                retry_policy: { retry_on: '5xx', num_retries: { value: 1 }, per_try_timeout: ms(100) },
              },
            ),
            routeTo(
              'ab',
              '/prev',
              {},
              {
                retry_policy: {
                  retry_on: '5xx',
                  num_retries: { value: 1 },
                  retry_host_predicate: [
                    {
                      name: 'envoy.retry_host_predicates.previous_hosts',
                      typed_config: {
                        '@type':
                          'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate',
                      },
                    },
                  ],
                },
              },
            ),
            routeTo('dead', '/dead'),
            routeTo(
              'dead-then-a',
              '/failover',
              {},
              {
                retry_policy: {
                  retry_on: 'connect-failure',
                  num_retries: { value: 1 },
                  retry_host_predicate: [
                    {
                      name: 'envoy.retry_host_predicates.previous_hosts',
                      typed_config: {
                        '@type':
                          'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate',
                      },
                    },
                  ],
                },
              },
            ),
            routeTo('a', '/reset'),
            routeTo('a', '/'),
          ],
        ),
      ]),
    ],
  });
}, 15_000);

afterAll(async () => {
  await h?.close();
  await a?.close();
  await b?.close();
});

const last = () => h.logs.at(-1);

describe('timeouts', () => {
  it('answers 504 UT "upstream request timeout" after the route timeout', async () => {
    const t0 = Date.now();
    const r = await send(port(), '/timeout', { headers: { 'x-test-delay': '400' } });
    expect(r.status).toBe(504);
    expect(r.body).toBe('upstream request timeout');
    expect(Date.now() - t0).toBeLessThan(380);
    expect(last()?.responseFlags).toBe('UT');
    expect(h.proxy.stats.value('cluster.a.upstream_rq_timeout')).toBeGreaterThan(0);
  });
  it('waits past 100 ms when the timeout is 0 (disabled)', async () => {
    const r = await send(port(), '/notimeout', { headers: { 'x-test-delay': '150' } });
    expect(r.status).toBe(200);
  });
});

describe('retries', () => {
  it('retries 5xx up to num_retries then returns the last response with URX', async () => {
    const before = a.seen.length;
    const r = await send(port(), '/retry5xx', { headers: { 'x-test-status': '503' } });
    expect(r.status).toBe(503);
    expect(a.seen.length - before).toBe(3);
    expect(last()?.responseFlags).toBe('URX');
    expect(h.proxy.stats.value('cluster.a.upstream_rq_retry')).toBeGreaterThanOrEqual(2);
    expect(a.seen.at(-1)?.headers['x-envoy-attempt-count']).toBe('3');
  });
  it('does not retry a 4xx under retry_on 5xx', async () => {
    const before = a.seen.length;
    expect((await send(port(), '/retry5xx', { headers: { 'x-test-status': '404' } })).status).toBe(404);
    expect(a.seen.length - before).toBe(1);
  });
  it('retries retriable_status_codes', async () => {
    const before = a.seen.length;
    expect((await send(port(), '/codes', { headers: { 'x-test-status': '409' } })).status).toBe(409);
    expect(a.seen.length - before).toBe(2);
  });
  it('gives each try per_try_timeout', async () => {
    const before = a.seen.length;
    const t0 = Date.now();
    const r = await send(port(), '/pertry', { headers: { 'x-test-delay': '300' } });
    expect(r.status).toBe(504);
    expect(a.seen.length - before).toBe(2);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(h.proxy.stats.value('cluster.a.upstream_rq_per_try_timeout')).toBeGreaterThanOrEqual(2);
  });
  it('moves to another host with the previous_hosts predicate', async () => {
    for (let i = 0; i < 6; i++) {
      const aBefore = a.seen.length;
      const bBefore = b.seen.length;
      await send(port(), '/prev', { headers: { 'x-test-status': '500' } });
      expect(a.seen.length - aBefore).toBe(1);
      expect(b.seen.length - bBefore).toBe(1);
    }
  });
  it('resends a buffered POST body on retry', async () => {
    const before = a.seen.length;
    await send(port(), '/retry5xx', { method: 'POST', body: 'payload', headers: { 'x-test-status': '500' } });
    expect(a.seen.slice(before).map((e) => e.body)).toEqual(['payload', 'payload', 'payload']);
  });
});

describe('upstream failures', () => {
  it('answers 503 UF for a connect failure', async () => {
    const r = await send(port(), '/dead');
    expect(r.status).toBe(503);
    expect(r.body).toMatch(
      /^upstream connect error or disconnect\/reset before headers\. reset reason: connection failure/,
    );
    expect(last()?.responseFlags).toBe('UF');
    expect(h.proxy.stats.value('cluster.dead.upstream_cx_connect_fail')).toBeGreaterThan(0);
  });
  it('fails over to a live host on connect-failure with previous_hosts', async () => {
    for (let i = 0; i < 4; i++) expect((await send(port(), '/failover')).status).toBe(200);
  });
  it('answers 503 UC when the upstream resets', async () => {
    const r = await send(port(), '/reset', { headers: { 'x-test-reset': '1' } });
    expect(r.status).toBe(503);
    expect(last()?.responseFlags).toBe('UC');
  });
});

describe('circuit breakers', () => {
  it('answers 503 UO over max_requests and skips retries over max_retries', async () => {
    const limited = staticCluster('limited', [a.port], {
      circuit_breakers: { thresholds: [{ max_requests: { value: 1 }, max_retries: {} }] },
    });
    await h.push({
      clusters: [staticCluster('a', [a.port]), limited],
      listeners: [httpListener('l', 9080, hcm({ rds: 'r' }))],
      routes: [
        routeConfig('r', [
          vhost(
            'svc',
            ['*'],
            [routeTo('limited', '/', {}, { retry_policy: { retry_on: '5xx', num_retries: { value: 2 } } })],
          ),
        ]),
      ],
    });
    const slow = send(port(), '/', { headers: { 'x-test-delay': '200' } });
    await new Promise((r) => setTimeout(r, 50));
    const over = await send(port(), '/');
    expect(over.status).toBe(503);
    expect(over.body).toBe(
      'upstream connect error or disconnect/reset before headers. reset reason: overflow',
    );
    expect(last()?.responseFlags).toBe('UO');
    expect((await slow).status).toBe(200);
    // max_retries 0: a 5xx is returned without a retry.
    const before = a.seen.length;
    expect((await send(port(), '/', { headers: { 'x-test-status': '500' } })).status).toBe(500);
    expect(a.seen.length - before).toBe(1);
    expect(last()?.responseFlags).toBe('UO'); // the retry max_retries refused, as Envoy flags it
    expect(h.proxy.stats.value('cluster.limited.upstream_rq_retry_overflow')).toBe(1);
    expect(h.proxy.stats.value('cluster.limited.upstream_rq_pending_overflow')).toBe(1);
    expect((await send(h.proxy.adminPort, '/clusters')).body).toContain(
      'limited::default_priority::max_requests::1\n',
    );
  });
});

describe('route idle_timeout', () => {
  it('answers 408 SI when no response headers come within the idle timeout', async () => {
    await h.push({
      clusters: [staticCluster('a', [a.port])],
      listeners: [httpListener('l', 9080, hcm({ rds: 'r' }))],
      routes: [
        routeConfig('r', [
          vhost(
            'svc',
            ['*'],
            [
              routeTo('a', '/idle', {}, { idle_timeout: ms(100), timeout: ms(2000) }),
              routeTo('a', '/noretry', {}, { retry_policy: { retry_on: '5xx', num_retries: {} } }),
            ],
          ),
        ]),
      ],
    });
    const r = await send(port(), '/idle', { headers: { 'x-test-delay': '400' } });
    expect(r.status).toBe(408);
    expect(r.body).toBe('stream timeout');
    expect(last()?.responseFlags).toBe('SI');
    expect((await send(port(), '/idle', { headers: { 'x-test-delay': '20' } })).status).toBe(200);
  });
  it('makes no retry when num_retries is 0', async () => {
    const before = a.seen.length;
    expect((await send(port(), '/noretry', { headers: { 'x-test-status': '503' } })).status).toBe(503);
    expect(a.seen.length - before).toBe(1);
  });
});

describe('downstream disconnect', () => {
  it('flags DC and cancels the upstream request when the client goes away', async () => {
    await h.push({
      clusters: [staticCluster('a', [a.port])],
      listeners: [httpListener('l', 9080, hcm({ rds: 'r' }))],
      routes: [routeConfig('r', [vhost('svc', ['*'], [routeTo('a', '/')])])],
    });
    const before = h.logs.length;
    await expect(
      send(port(), '/gone', { headers: { 'x-test-delay': '300' }, timeoutMs: 50 }),
    ).rejects.toThrow();
    await waitFor(() => h.logs.length > before, 2_000, 'the access log entry');
    expect(h.logs.at(-1)?.responseFlags).toBe('DC');
    await waitFor(() => a.cancelled.includes('/gone'), 2_000, 'the upstream request to be cancelled');
    await waitFor(
      () => h.proxy.config.clusters.get('a')?.hosts[0]?.stats.rqActive === 0,
      2_000,
      'rq_active 0',
    );
  });
});
