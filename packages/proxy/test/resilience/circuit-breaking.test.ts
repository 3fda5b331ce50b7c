// Istio's circuit-breaking task (tasks/traffic-management/circuit-breaking) reproduced on the proxy: the cluster
// istiod writes for the task's DestinationRule (maxConnections 1, http1MaxPendingRequests 1,
// maxRequestsPerConnection 1: circuit_breakers with max_connections 1 and max_pending_requests 1, the other
// limits at 2^32-1, and HttpProtocolOptions.common_http_protocol_options.max_requests_per_connection 1), Istio's
// default retry policy on the route, an upstream that takes a few ms per request, and fortio-like load: 3, then
// 20 concurrent clients. Some requests are answered 503 UO (with x-envoy-overloaded), the rest 200; /stats counts
// each UO in upstream_rq_pending_overflow, and the upstream never sees more than one connection at a time, each
// carrying one request.
import { anyOf, type Cluster, TypeUrl } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type Reply, send, startHarness, waitFor } from '../helpers/harness.js';
import { hcm, httpListener, routeConfig, routeTo, staticCluster, vhost } from '../helpers/resources.js';
import { type CountingUpstream, startCountingUpstream } from './circuit-breaking-upstream.js';

const HTTPBIN = 'outbound|8000||httpbin.default.svc.cluster.local';
const MAX_UINT32 = 4294967295;

let h: Harness;
let up: CountingUpstream;
/** The most connections the proxy had open or opening to the cluster when a request reached the upstream. */
let proxyMaxCx = 0;
const port = () => h.proxy.listenerPort('l') ?? 0;
const stat = (suffix: string) => h.proxy.stats.value(`cluster.${HTTPBIN}.${suffix}`);

/** The cluster as the translator emits it for the task's DestinationRule (packages/translator goldens). */
function httpbinCluster(upstreamPort: number): Cluster {
  return staticCluster(HTTPBIN, [upstreamPort], {
    circuit_breakers: {
      thresholds: [
        {
          max_connections: { value: 1 },
          max_pending_requests: { value: 1 },
          max_requests: { value: MAX_UINT32 },
          max_retries: { value: MAX_UINT32 },
        },
      ],
    },
    typed_extension_protocol_options: {
      'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': anyOf(
        TypeUrl.UPSTREAM_HTTP_PROTOCOL_OPTIONS,
        {
          common_http_protocol_options: { max_requests_per_connection: { value: 1 } },
          explicit_http_config: { http_protocol_options: {} },
        },
      ),
    },
  });
}

beforeAll(async () => {
  up = await startCountingUpstream(5, () => {
    proxyMaxCx = Math.max(proxyMaxCx, stat('upstream_cx_active'));
  });
  h = await startHarness({
    clusters: [httpbinCluster(up.port)],
    listeners: [httpListener('l', 9080, hcm({ rds: 'r' }))],
    routes: [
      routeConfig('r', [
        vhost(
          'httpbin',
          ['*'],
          [
            routeTo(
              HTTPBIN,
              '/',
              {},
              {
                // istiod's default retry policy: an overflow is never retried (Envoy's router).
                retry_policy: {
                  retry_on: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
                  num_retries: { value: 2 },
                  retriable_status_codes: [503],
                },
              },
            ),
          ],
        ),
      ]),
    ],
  });
});

afterAll(async () => {
  await h.close();
  await up.close();
});

/** `clients` concurrent clients, each sending `each` requests one after the other (fortio -c clients -n total). */
async function load(clients: number, each: number): Promise<Reply[]> {
  const replies: Reply[] = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < each; i++) replies.push(await send(port(), `/get?c=${c}&i=${i}`));
    }),
  );
  return replies;
}

describe("Istio's circuit-breaking task", () => {
  it('serves one client within the limits', async () => {
    const replies = await load(1, 5);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(stat('upstream_rq_pending_overflow')).toBe(0);
    // max_requests_per_connection 1: a connection per request.
    await waitFor(() => up.closed() === 5, 3_000, 'the five connections to close');
    expect(up.opened()).toBe(5);
    expect(up.perConnection).toEqual([1, 1, 1, 1, 1]);
    expect(stat('upstream_cx_max_requests')).toBe(5);
  });

  it('trips with 3 then 20 concurrent clients: 503 UO counted in upstream_rq_pending_overflow', async () => {
    const before = up.opened();
    const replies = [...(await load(3, 10)), ...(await load(20, 5))];
    expect(replies).toHaveLength(130);
    const overflowed = replies.filter((r) => r.status === 503);
    const ok = replies.filter((r) => r.status === 200);
    expect(ok.length + overflowed.length).toBe(130);
    expect(ok.length).toBeGreaterThan(0);
    expect(overflowed.length).toBeGreaterThan(0);
    for (const r of overflowed) {
      expect(r.body).toBe(
        'upstream connect error or disconnect/reset before headers. reset reason: overflow',
      );
      expect(r.headers['x-envoy-overloaded']).toBe('true');
    }
    const flagged = h.logs.filter((e) => e.responseFlags === 'UO');
    expect(flagged).toHaveLength(overflowed.length);
    expect(stat('upstream_rq_pending_overflow')).toBe(overflowed.length);
    // No retry of an overflow: every 200 took one upstream request on its own connection.
    await waitFor(() => up.open() === 0, 3_000, 'the upstream connections to close');
    expect(up.opened() - before).toBe(ok.length);
    expect(up.perConnection.every((n) => n === 1)).toBe(true);
    // max_connections 1, seen by the proxy (the upstream may see a closed connection's FIN after the next SYN).
    expect(proxyMaxCx).toBe(1);
    expect(up.maxOpen()).toBeLessThanOrEqual(2);
    expect(stat('upstream_rq_pending_active')).toBe(0);
    expect(stat('upstream_cx_active')).toBe(0);
    expect(stat('upstream_rq_total')).toBe(up.paths.length);
  });

  it("shows the task's stats under /stats (pilot-agent request GET stats | grep pending)", async () => {
    const text = (await send(h.proxy.adminPort, '/stats?filter=pending')).body;
    const overflow = stat('upstream_rq_pending_overflow');
    expect(text).toContain(`cluster.${HTTPBIN}.upstream_rq_pending_overflow: ${overflow}\n`);
    expect(text).toContain(`cluster.${HTTPBIN}.upstream_rq_pending_active: 0\n`);
    expect(text).toContain(`cluster.${HTTPBIN}.circuit_breakers.default.rq_pending_open: 0\n`);
    expect(text).toContain(`cluster.${HTTPBIN}.circuit_breakers.high.rq_pending_open: 0\n`);
    expect(text).toMatch(/upstream_rq_pending_total: (\d+)\n/);
    const total = Number(/upstream_rq_pending_total: (\d+)/.exec(text)?.[1]);
    // Every request that found no idle connection waited (max_requests_per_connection 1: all of them).
    expect(total).toBe(stat('upstream_rq_total'));
    const prom = (await send(h.proxy.adminPort, '/stats/prometheus')).body;
    expect(prom).toContain(
      `envoy_cluster_upstream_rq_pending_overflow{envoy_cluster_name="${HTTPBIN}"} ${overflow}\n`,
    );
    expect(prom).toContain('# TYPE envoy_cluster_upstream_rq_pending_active gauge\n');
    expect(stat('upstream_cx_overflow')).toBeGreaterThan(0);
    const clusters = (await send(h.proxy.adminPort, '/clusters')).body;
    expect(clusters).toContain(`${HTTPBIN}::default_priority::max_connections::1\n`);
    expect(clusters).toContain(`${HTTPBIN}::default_priority::max_pending_requests::1\n`);
    expect(clusters).toContain(`${HTTPBIN}::high_priority::max_connections::1024\n`);
    expect(clusters).toContain(`${HTTPBIN}::127.0.0.1:${up.port}::cx_total::${up.opened()}\n`);
  });
});
