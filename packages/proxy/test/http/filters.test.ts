// HTTP filter plugins through the proxy: fault (abort and delay, percentages, header-controlled, per-route
// override and upstream_cluster), CORS (preflight and simple requests), and filter order rules (router last).
import { anyOf, TypeUrl } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, send, startHarness, waitFor } from '../helpers/harness.js';
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

let h: Harness;
let a: Upstream;
const port = () => h.proxy.listenerPort('l') ?? 0;
const FAULT = 'envoy.filters.http.fault';
const CORS = 'envoy.filters.http.cors';
const hundred = { numerator: 100, denominator: 'HUNDRED' as const };

function resources(
  filters = [
    { name: FAULT, typed_config: anyOf(TypeUrl.HTTP_FAULT, {}) },
    { name: CORS, typed_config: anyOf(TypeUrl.CORS, {}) },
    {
      name: 'envoy.filters.http.grpc_stats',
      typed_config: anyOf(TypeUrl.GRPC_STATS, { stats_for_all_methods: { value: true } }),
    },
    ROUTER,
  ],
) {
  return {
    clusters: [staticCluster('a', [a.port])],
    listeners: [httpListener('l', 9080, hcm({ rds: 'r' }, filters))],
    routes: [
      routeConfig('r', [
        vhost(
          'svc',
          ['*'],
          [
            routeTo('a', '/abort', {
              typed_per_filter_config: {
                [FAULT]: anyOf(TypeUrl.HTTP_FAULT, { abort: { http_status: 503, percentage: hundred } }),
              },
            }),
            routeTo('a', '/never-abort', {
              typed_per_filter_config: {
                [FAULT]: anyOf(TypeUrl.HTTP_FAULT, {
                  abort: { http_status: 503, percentage: { numerator: 0 } },
                }),
              },
            }),
            routeTo('a', '/delay', {
              typed_per_filter_config: {
                [FAULT]: anyOf(TypeUrl.HTTP_FAULT, {
                  delay: { fixed_delay: { nanos: 150_000_000 }, percentage: hundred },
                }),
              },
            }),
            routeTo('a', '/header-fault', {
              typed_per_filter_config: {
                [FAULT]: anyOf(TypeUrl.HTTP_FAULT, { abort: { header_abort: {}, percentage: hundred } }),
              },
            }),
            routeTo('a', '/other-cluster', {
              typed_per_filter_config: {
                [FAULT]: anyOf(TypeUrl.HTTP_FAULT, {
                  abort: { http_status: 500, percentage: hundred },
                  upstream_cluster: 'b',
                }),
              },
            }),
            routeTo('a', '/cors', {
              typed_per_filter_config: {
                [CORS]: anyOf(TypeUrl.CORS_POLICY, {
                  allow_origin_string_match: [
                    { exact: 'https://app.example' },
                    { suffix: '.trusted.example' },
                  ],
                  allow_methods: 'GET,POST',
                  allow_headers: 'x-custom',
                  expose_headers: 'x-upstream',
                  max_age: '600',
                  allow_credentials: { value: true },
                }),
              },
            }),
            routeTo('a', '/'),
          ],
        ),
      ]),
    ],
  };
}

beforeAll(async () => {
  a = await startUpstream('a');
  h = await startHarness(resources());
}, 15_000);

afterAll(async () => {
  await h?.close();
  await a?.close();
});

describe('fault filter', () => {
  it('aborts with the configured status and flag FI, without reaching the upstream', async () => {
    const before = a.seen.length;
    const r = await send(port(), '/abort');
    expect(r.status).toBe(503);
    expect(r.body).toBe('fault filter abort');
    expect(h.logs.at(-1)?.responseFlags).toBe('FI');
    expect(a.seen.length).toBe(before);
  });
  it('never aborts at 0 percent', async () => {
    for (let i = 0; i < 5; i++) expect((await send(port(), '/never-abort')).status).toBe(200);
  });
  it('delays with flag DI', async () => {
    const t0 = Date.now();
    const r = await send(port(), '/delay');
    expect(r.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(h.logs.at(-1)?.responseFlags).toBe('DI');
  });
  it('aborts with the status a header asks for (header_abort)', async () => {
    expect(
      (await send(port(), '/header-fault', { headers: { 'x-envoy-fault-abort-request': '429' } })).status,
    ).toBe(429);
    expect((await send(port(), '/header-fault')).status).toBe(200);
  });
  it('applies only to the fault upstream_cluster', async () => {
    expect((await send(port(), '/other-cluster')).status).toBe(200);
  });
});

describe('cors filter', () => {
  it('answers an allowed preflight', async () => {
    const r = await send(port(), '/cors', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(r.headers['access-control-allow-methods']).toBe('GET,POST');
    expect(r.headers['access-control-allow-headers']).toBe('x-custom');
    expect(r.headers['access-control-max-age']).toBe('600');
    expect(r.headers['access-control-allow-credentials']).toBe('true');
  });
  it('adds allow-origin and expose-headers to a simple request from a suffix-matched origin', async () => {
    const r = await send(port(), '/cors', { headers: { origin: 'https://x.trusted.example' } });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('https://x.trusted.example');
    expect(r.headers['access-control-expose-headers']).toBe('x-upstream');
  });
  it('adds nothing for an origin the policy does not allow', async () => {
    const r = await send(port(), '/cors', { headers: { origin: 'https://evil.example' } });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('grpc_stats filter', () => {
  it('counts gRPC requests per method and leaves other requests alone', async () => {
    const headers = { 'content-type': 'application/grpc' };
    const r = await send(port(), '/pkg.Greeter/SayHello', { method: 'POST', body: '', headers });
    expect(r.status).toBe(200);
    await send(port(), '/pkg.Greeter/SayHello', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
    });
    expect(h.proxy.stats.value('cluster.a.grpc.pkg.Greeter.SayHello.total')).toBe(1);
  });

  it('counts an outcome only from a grpc-status the response carries, as Envoy (a plain 200 or 503 has none)', async () => {
    const headers = { 'content-type': 'application/grpc' };
    const stat = (s: string) => h.proxy.stats.value(`cluster.a.grpc.pkg.Greeter.Fail.${s}`);
    await send(port(), '/pkg.Greeter/Fail', { method: 'POST', body: '', headers });
    await send(port(), '/pkg.Greeter/Fail', {
      method: 'POST',
      body: '',
      headers: { ...headers, 'x-test-status': '503' },
    });
    await waitFor(() => stat('total') === 2, 5_000, 'both calls counted');
    expect([stat('success'), stat('failure'), stat('2'), stat('14')]).toEqual([0, 0, 0, 0]);
  });
});

describe('filter chain rules', () => {
  it('NACKs a listener whose router is not the last filter', async () => {
    await h.push(resources([ROUTER, { name: FAULT, typed_config: anyOf(TypeUrl.HTTP_FAULT, {}) }]));
    await waitFor(() => h.proxy.xds.typeState(TypeUrl.LISTENER).lastNack !== undefined, 5_000, 'NACK');
    expect(h.proxy.xds.typeState(TypeUrl.LISTENER).lastNack).toMatch(
      /the router must be the last HTTP filter/,
    );
    expect((await send(port(), '/abort')).status).toBe(503);
  });
  it('NACKs a per-route config of a type no filter reads', async () => {
    const r = resources();
    const rc = r.routes[0];
    if (rc?.virtual_hosts?.[0])
      rc.virtual_hosts[0].typed_per_filter_config = { x: anyOf(TypeUrl.HTTP_RBAC_PER_ROUTE, {}) };
    await h.push(r);
    await waitFor(
      () => h.proxy.xds.typeState(TypeUrl.ROUTE_CONFIGURATION).lastNack !== undefined,
      5_000,
      'NACK',
    );
    expect(h.proxy.xds.typeState(TypeUrl.ROUTE_CONFIGURATION).lastNack).toBe(
      'RouteConfiguration "r": virtual_hosts[0].routes[0].typed_per_filter_config["x"]: unsupported config type type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBACPerRoute',
    );
  });
});
