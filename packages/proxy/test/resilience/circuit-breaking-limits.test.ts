// Each circuit breaker and connection limit on its own, through a real proxy to node:http upstreams that count
// their connections: the pending queue served first in first out on one connection; a pending request that is
// cancelled (route timeout, client gone) leaving the queue; max_connections across hosts with Envoy's one
// connection per host; max_requests_per_connection (typed HttpProtocolOptions and the deprecated Cluster field,
// both set NACKed); idle_timeout closing idle connections; DEFAULT and HIGH priorities with their own limits
// and pools; track_remaining gauges.
import { request as httpRequest } from 'node:http';
import { anyOf, type Cluster, TypeUrl } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type Resources, send, startHarness, waitFor } from '../helpers/harness.js';
import { hcm, httpListener, routeConfig, routeTo, staticCluster, vhost } from '../helpers/resources.js';
import { type CountingUpstream, startCountingUpstream } from './circuit-breaking-upstream.js';

let h: Harness;
let a: CountingUpstream;
let b: CountingUpstream;
let c: CountingUpstream;
/** A port nothing listens on (connections are refused). */
let deadPort: number;
const port = () => h.proxy.listenerPort('l') ?? 0;
const ms = (n: number) => ({ nanos: n * 1_000_000 });
const stat = (cluster: string, suffix: string) => h.proxy.stats.value(`cluster.${cluster}.${suffix}`);

function protocolOptions(common: Record<string, unknown>): Partial<Cluster> {
  return {
    typed_extension_protocol_options: {
      'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': anyOf(
        TypeUrl.UPSTREAM_HTTP_PROTOCOL_OPTIONS,
        {
          common_http_protocol_options: common,
          explicit_http_config: { http_protocol_options: {} },
        },
      ),
    },
  };
}

function resources(): Resources {
  return {
    clusters: [
      staticCluster('queue', [a.port], {
        circuit_breakers: {
          thresholds: [{ max_connections: { value: 1 }, max_pending_requests: { value: 10 } }],
        },
      }),
      staticCluster('one-pending', [a.port], {
        circuit_breakers: {
          thresholds: [{ max_connections: { value: 1 }, max_pending_requests: { value: 1 } }],
        },
      }),
      staticCluster('two-hosts', [a.port, b.port], {
        circuit_breakers: {
          thresholds: [{ max_connections: { value: 1 }, max_pending_requests: { value: 10 } }],
        },
      }),
      staticCluster('rpc-typed', [a.port], protocolOptions({ max_requests_per_connection: { value: 1 } })),
      staticCluster('rpc-deprecated', [b.port], { max_requests_per_connection: { value: 2 } }),
      staticCluster('idle', [c.port], protocolOptions({ idle_timeout: ms(100) })),
      staticCluster('dead', [deadPort], {
        circuit_breakers: {
          thresholds: [{ max_connections: { value: 1 }, max_pending_requests: { value: 10 } }],
        },
      }),
      staticCluster('prio', [b.port], {
        circuit_breakers: {
          thresholds: [
            { priority: 'DEFAULT', max_requests: { value: 1 }, track_remaining: true },
            { priority: 'HIGH', max_requests: { value: 5 }, max_connections: { value: 7 } },
          ],
        },
      }),
    ],
    listeners: [httpListener('l', 9080, hcm({ rds: 'r' }))],
    routes: [
      routeConfig('r', [
        vhost(
          'svc',
          ['*'],
          [
            routeTo('queue', '/queue'),
            routeTo('one-pending', '/short', {}, { timeout: ms(100) }),
            routeTo('one-pending', '/pending'),
            routeTo('two-hosts', '/two'),
            routeTo('rpc-typed', '/rpc-typed'),
            routeTo('rpc-deprecated', '/rpc-deprecated'),
            routeTo('idle', '/idle'),
            routeTo('dead', '/dead'),
            routeTo('prio', '/high', {}, { priority: 'HIGH' }),
            routeTo('prio', '/default'),
          ],
        ),
      ]),
    ],
  };
}

beforeAll(async () => {
  a = await startCountingUpstream();
  b = await startCountingUpstream();
  c = await startCountingUpstream();
  const closed = await startCountingUpstream();
  deadPort = closed.port;
  await closed.close();
  h = await startHarness(resources());
});

afterAll(async () => {
  await h.close();
  await a.close();
  await b.close();
  await c.close();
});

const slow = (path: string, delay: number) =>
  send(port(), path, { headers: { 'x-test-delay': String(delay) } });

describe('pending queue', () => {
  it('queues requests while the one connection is busy and serves them in arrival order on it', async () => {
    const first = slow('/queue/1', 600);
    await waitFor(() => a.paths.includes('/queue/1'), 3_000, 'the first request upstream');
    const rest: Promise<unknown>[] = [];
    for (const n of [2, 3, 4]) {
      rest.push(send(port(), `/queue/${n}`));
      await waitFor(
        () => stat('queue', 'upstream_rq_pending_active') === n - 1,
        3_000,
        `request ${n} queued`,
      );
    }
    expect(h.proxy.stats.value('cluster.queue.circuit_breakers.default.rq_pending_open')).toBe(0);
    const replies = (await Promise.all([first, ...rest])) as {
      status: number;
      json(): { connection: number };
    }[];
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(a.paths.filter((p) => p.startsWith('/queue/'))).toEqual([
      '/queue/1',
      '/queue/2',
      '/queue/3',
      '/queue/4',
    ]);
    // All on the one connection max_connections allows.
    expect(new Set(replies.map((r) => r.json().connection)).size).toBe(1);
    expect(stat('queue', 'upstream_cx_total')).toBe(1);
    expect(stat('queue', 'upstream_rq_pending_total')).toBe(4);
    expect(stat('queue', 'upstream_rq_pending_active')).toBe(0);
    expect(stat('queue', 'upstream_rq_pending_overflow')).toBe(0);
  });

  it('serves the requests still waiting when a CDS update replaces the cluster (its old pool drains)', async () => {
    const first = slow('/queue/cds-1', 600);
    await waitFor(() => a.paths.includes('/queue/cds-1'), 3_000, 'the first request upstream');
    const waiting = [send(port(), '/queue/cds-2'), send(port(), '/queue/cds-3')];
    await waitFor(() => stat('queue', 'upstream_rq_pending_active') === 2, 3_000, 'two requests queued');
    const changed = resources();
    const queue = changed.clusters?.find((x) => x.name === 'queue');
    if (queue?.circuit_breakers?.thresholds?.[0] !== undefined)
      queue.circuit_breakers.thresholds[0].max_pending_requests = { value: 11 };
    await h.push(changed);
    expect(h.proxy.config.clusters.get('queue')?.breakers.maxPendingRequests).toBe(11);
    // The new cluster's pool opens its own connection; the old one serves its queue, then closes.
    const after = send(port(), '/queue/cds-4');
    const replies = await Promise.all([first, ...waiting, after]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(a.paths.filter((p) => p.startsWith('/queue/cds-')).sort()).toEqual([
      '/queue/cds-1',
      '/queue/cds-2',
      '/queue/cds-3',
      '/queue/cds-4',
    ]);
    expect(stat('queue', 'upstream_rq_pending_active')).toBe(0);
    await h.push(resources());
  });

  it('takes a request cancelled by its route timeout out of the queue, and one whose client went away', async () => {
    const busy = slow('/pending/busy', 1500);
    await waitFor(() => a.paths.includes('/pending/busy'), 3_000, 'the busy request upstream');
    // Queued, then its 100 ms route timeout fires: 504 UT, and the queue slot is free again.
    const timedOut = await send(port(), '/short/timed-out');
    expect(timedOut.status).toBe(504);
    expect(h.logs.at(-1)?.responseFlags).toBe('UT');
    expect(stat('one-pending', 'upstream_rq_cancelled')).toBe(1);
    expect(stat('one-pending', 'upstream_rq_pending_active')).toBe(0);
    // A client that goes away while its request waits: the request leaves the queue.
    const gone = httpRequest({ host: '127.0.0.1', port: port(), path: '/pending/gone', agent: false });
    gone.on('error', () => undefined);
    gone.end();
    await waitFor(() => stat('one-pending', 'upstream_rq_pending_active') === 1, 3_000, 'the request queued');
    gone.destroy();
    await waitFor(() => stat('one-pending', 'upstream_rq_cancelled') === 2, 3_000, 'the request cancelled');
    expect(stat('one-pending', 'upstream_rq_pending_active')).toBe(0);
    // The queue (max_pending_requests 1) takes the next request: no overflow, served after the busy one.
    const next = send(port(), '/pending/next');
    await waitFor(() => stat('one-pending', 'upstream_rq_pending_active') === 1, 3_000, 'next queued');
    const over = await send(port(), '/pending/over');
    expect(over.status).toBe(503);
    expect(over.headers['x-envoy-overloaded']).toBe('true');
    expect(h.logs.at(-1)?.responseFlags).toBe('UO');
    expect((await busy).status).toBe(200);
    expect((await next).status).toBe(200);
    expect(stat('one-pending', 'upstream_rq_pending_overflow')).toBe(1);
    const seen = a.paths.filter((p) => p.startsWith('/pending/') || p.startsWith('/short/'));
    expect(seen).toEqual(['/pending/busy', '/pending/next']);
  });
});

describe('connect failures', () => {
  it('fail every waiting request (503 UF), as Envoy purges its pending requests', async () => {
    const replies = await Promise.all([1, 2, 3].map((n) => send(port(), `/dead/${n}`)));
    expect(replies.map((r) => r.status)).toEqual([503, 503, 503]);
    for (const r of replies)
      expect(r.body).toBe(
        'upstream connect error or disconnect/reset before headers. reset reason: connection failure',
      );
    expect(stat('dead', 'upstream_rq_pending_total')).toBe(3);
    expect(stat('dead', 'upstream_rq_pending_active')).toBe(0);
    expect(stat('dead', 'upstream_cx_active')).toBe(0);
    expect(stat('dead', 'upstream_rq_pending_overflow')).toBe(0);
    expect(h.proxy.stats.value('cluster.dead.circuit_breakers.default.cx_open')).toBe(0);
  });
});

describe('max_connections', () => {
  it('opens one connection per host even over the cluster limit (upstream_cx_overflow), and queues the rest', async () => {
    const aBefore = a.opened();
    const bBefore = b.opened();
    const replies = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => slow(`/two/${n}`, 50)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    // Round robin over two hosts: each got its one connection, the cluster's max_connections (1) notwithstanding.
    expect(a.opened() - aBefore).toBe(1);
    expect(b.opened() - bBefore).toBe(1);
    expect(stat('two-hosts', 'upstream_cx_total')).toBe(2);
    expect(stat('two-hosts', 'upstream_cx_overflow')).toBeGreaterThan(0);
    expect(stat('two-hosts', 'upstream_rq_pending_overflow')).toBe(0);
  });
});

describe('max_requests_per_connection', () => {
  it('closes a connection after that many requests (typed HttpProtocolOptions and Cluster field)', async () => {
    const aBefore = a.opened();
    for (let i = 0; i < 3; i++) expect((await send(port(), `/rpc-typed/${i}`)).status).toBe(200);
    await waitFor(() => stat('rpc-typed', 'upstream_cx_active') === 0, 3_000, 'rpc-typed connections closed');
    expect(a.opened() - aBefore).toBe(3);
    expect(stat('rpc-typed', 'upstream_cx_max_requests')).toBe(3);
    expect(stat('rpc-typed', 'upstream_cx_destroy_local')).toBe(3);

    const bBefore = b.opened();
    const conns: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await send(port(), `/rpc-deprecated/${i}`);
      expect(r.status).toBe(200);
      conns.push(r.json<{ connection: number }>().connection);
    }
    expect(b.opened() - bBefore).toBe(3);
    // Two requests per connection, in order.
    expect(conns[0]).toBe(conns[1]);
    expect(conns[2]).toBe(conns[3]);
    expect(conns[4]).toBe(conns[5]);
    expect(new Set(conns).size).toBe(3);
    expect(stat('rpc-deprecated', 'upstream_cx_max_requests')).toBe(3);
  });

  it('NACKs a cluster that sets both, as Envoy', async () => {
    const bad = resources();
    bad.clusters?.push(
      staticCluster('both', [a.port], {
        max_requests_per_connection: { value: 2 },
        ...protocolOptions({ max_requests_per_connection: { value: 1 } }),
      }),
    );
    await h.push(bad);
    const s = h.server.proxyStatus()[0]?.types.find((t) => t.typeUrl === TypeUrl.CLUSTER);
    expect(s?.status).toBe('NACK');
    expect(s?.nackMessage).toContain(
      'Only one of max_requests_per_connection from Cluster or HttpProtocolOptions can be specified',
    );
    expect(h.proxy.config.clusters.get('both')).toBeUndefined();
    await h.push(resources());
    expect((await send(port(), '/queue/after-nack')).status).toBe(200);
  });
});

describe('idle_timeout', () => {
  it('closes an idle upstream connection after the cluster idle_timeout', async () => {
    const closedBefore = c.closed();
    expect((await send(port(), '/idle/1')).status).toBe(200);
    expect(stat('idle', 'upstream_cx_active')).toBe(1);
    // 100 ms idle_timeout; node's server would keep the connection 5 s.
    await waitFor(() => c.closed() > closedBefore, 3_000, 'the idle connection to close');
    expect(stat('idle', 'upstream_cx_idle_timeout')).toBe(1);
    expect(stat('idle', 'upstream_cx_destroy_local')).toBe(1);
    expect(stat('idle', 'upstream_cx_active')).toBe(0);
    // The next request opens a new connection.
    expect((await send(port(), '/idle/2')).status).toBe(200);
    expect(stat('idle', 'upstream_cx_total')).toBe(2);
  });
});

describe('routing priority', () => {
  it('keeps separate limits and pools for DEFAULT and HIGH routes', async () => {
    const remaining = 'cluster.prio.circuit_breakers.default.remaining_rq';
    expect(h.proxy.stats.value(remaining)).toBe(1);
    const busy = slow('/default/busy', 800);
    await waitFor(() => b.paths.includes('/default/busy'), 3_000, 'the busy request upstream');
    expect(h.proxy.stats.value(remaining)).toBe(0);
    expect(h.proxy.stats.value('cluster.prio.circuit_breakers.default.rq_open')).toBe(1);
    // DEFAULT's max_requests (1) is taken: 503 UO; HIGH has its own (5).
    const over = await send(port(), '/default/over');
    expect(over.status).toBe(503);
    expect(h.logs.at(-1)?.responseFlags).toBe('UO');
    const high = await send(port(), '/high/1');
    expect(high.status).toBe(200);
    expect(h.proxy.stats.value('cluster.prio.circuit_breakers.high.rq_open')).toBe(0);
    expect((await busy).status).toBe(200);
    expect(h.proxy.stats.value(remaining)).toBe(1);
    // One pool per priority: the HIGH request did not reuse DEFAULT's connection (busy then).
    expect(stat('prio', 'upstream_cx_total')).toBe(2);
    const clusters = (await send(h.proxy.adminPort, '/clusters')).body;
    expect(clusters).toContain('prio::default_priority::max_requests::1\n');
    expect(clusters).toContain('prio::high_priority::max_requests::5\n');
    expect(clusters).toContain('prio::high_priority::max_connections::7\n');
    const json = (await send(h.proxy.adminPort, '/clusters?format=json')).json<{
      cluster_statuses: { name: string; circuit_breakers: { thresholds: Record<string, unknown>[] } }[];
    }>();
    const prio = json.cluster_statuses.find((s) => s.name === 'prio');
    expect(prio?.circuit_breakers.thresholds).toEqual([
      {
        max_connections: 1024,
        max_pending_requests: 1024,
        max_requests: 1,
        max_retries: 3,
      },
      { priority: 'HIGH', max_connections: 7, max_pending_requests: 1024, max_requests: 5, max_retries: 3 },
    ]);
  });
});
