// The connection limits of clusters that speak HTTP/2 (gRPC services), as Envoy's HTTP/2 pool applies them:
// max_requests_per_connection drains a session after that many streams and opens a new one; idle_timeout closes a
// session with no stream; a request sent while the session connects is pending (upstream_rq_pending_total), and
// with max_pending_requests 0 it overflows at once (503 UO); sessions are counted in upstream_cx_total.
import { createServer, type Http2Server, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { anyOf, type Cluster, TypeUrl } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type Resources, send, startHarness, waitFor } from '../helpers/harness.js';
import { hcm, httpListener, routeConfig, routeTo, staticCluster, vhost } from '../helpers/resources.js';

let h: Harness;
let upstream: Http2Server;
let upstreamPort: number;
/** Sessions the upstream accepted, and how many of them have closed. */
const sessions: ServerHttp2Session[] = [];
let closedSessions = 0;
const port = () => h.proxy.listenerPort('l') ?? 0;
const stat = (cluster: string, suffix: string) => h.proxy.stats.value(`cluster.${cluster}.${suffix}`);

function h2Cluster(name: string, common: Record<string, unknown>, extra: Partial<Cluster> = {}): Cluster {
  return staticCluster(name, [upstreamPort], {
    typed_extension_protocol_options: {
      'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': anyOf(
        TypeUrl.UPSTREAM_HTTP_PROTOCOL_OPTIONS,
        {
          common_http_protocol_options: common,
          explicit_http_config: { http2_protocol_options: {} },
        },
      ),
    },
    ...extra,
  });
}

function resources(): Resources {
  return {
    clusters: [
      h2Cluster('per-conn', { max_requests_per_connection: { value: 2 } }),
      h2Cluster('idle', { idle_timeout: { nanos: 150_000_000 } }),
      h2Cluster(
        'no-pending',
        {},
        { circuit_breakers: { thresholds: [{ max_pending_requests: { value: 0 } }] } },
      ),
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
                routeTo('per-conn', '/per-conn'),
                routeTo('idle', '/idle'),
                routeTo('no-pending', '/no-pending'),
              ],
            ),
          ]),
        }),
      ),
    ],
  };
}

beforeAll(async () => {
  upstream = createServer();
  upstream.on('session', (s) => {
    sessions.push(s);
    s.on('close', () => closedSessions++);
  });
  upstream.on('stream', (stream) => {
    stream.respond({ ':status': 200, 'content-type': 'text/plain' });
    stream.end(`session ${sessions.indexOf(stream.session as ServerHttp2Session)}`);
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
  upstreamPort = (upstream.address() as AddressInfo).port;
  h = await startHarness(resources());
}, 15_000);

afterAll(async () => {
  await h?.close();
  await new Promise<void>((r) => upstream.close(() => r()));
});

describe('HTTP/2 cluster limits', () => {
  it('max_requests_per_connection: two streams per session, then a new session', async () => {
    const bodies: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await send(port(), `/per-conn/${i}`);
      expect(r.status).toBe(200);
      bodies.push(r.body);
    }
    // Streams 0-1, 2-3 and 4 on three sessions, in order.
    const ids = bodies.map((b) => Number(b.split(' ')[1]));
    expect(new Set(ids).size).toBe(3);
    expect([ids[0] === ids[1], ids[1] !== ids[2], ids[2] === ids[3], ids[3] !== ids[4]]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(stat('per-conn', 'upstream_cx_total')).toBe(3);
    expect(stat('per-conn', 'upstream_cx_max_requests')).toBe(2);
    // The drained sessions close once their streams ended.
    await waitFor(() => stat('per-conn', 'upstream_cx_destroy') === 2, 5_000, 'two drained sessions closed');
  });

  it('idle_timeout closes a session with no stream', async () => {
    const closedBefore = closedSessions;
    expect((await send(port(), '/idle/x')).status).toBe(200);
    await waitFor(() => stat('idle', 'upstream_cx_idle_timeout') === 1, 5_000, 'the idle timeout');
    await waitFor(() => closedSessions > closedBefore, 5_000, 'the upstream to see the session close');
    expect(stat('idle', 'upstream_cx_active')).toBe(0);
    // The next request opens a new session.
    expect((await send(port(), '/idle/y')).status).toBe(200);
    expect(stat('idle', 'upstream_cx_total')).toBe(2);
  });

  it('counts the first request, sent while its session connects, as pending', async () => {
    expect(stat('per-conn', 'upstream_rq_pending_total')).toBeGreaterThanOrEqual(1);
    expect(stat('per-conn', 'upstream_rq_pending_active')).toBe(0);
  });

  it('max_pending_requests 0: a request with no connected session overflows, 503 UO', async () => {
    const r = await send(port(), '/no-pending/x');
    expect([r.status, r.headers['x-envoy-overloaded']]).toEqual([503, 'true']);
    expect(stat('no-pending', 'upstream_rq_pending_overflow')).toBe(1);
    expect(h.logs.at(-1)).toMatchObject({ responseCode: 503, responseFlags: 'UO' });
  });
});
