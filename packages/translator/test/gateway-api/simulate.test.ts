// Calls through the translated Gateway API samples with the simulator (the model's Envoy matching over the
// generated listeners, routes and clusters): the bookinfo gateway, GAMMA weighted splits from productpage's
// sidecar, header matches, redirects, rewrites, dangling and cross-namespace backends, gRPC methods, TCP.
import { describe, expect, it } from 'vitest';
import type { MeshProxy } from '../../src/proxy.js';
import { simulate } from '../../src/simulate/simulate.js';
import type { SimulatedCall, SimulationResult } from '../../src/simulate/types.js';
import { BOOKINFO, BOOKINFO_GATEWAY, gatewayProxy, productpage, sample, translated } from './helpers.js';
import {
  ECHO_GRANT,
  EDGE_ROUTE,
  EXTERNAL_ROUTE,
  GRPC_ROUTE,
  OTHER_NAMESPACE,
  STRIP_ROUTE,
} from './inline.js';

interface Row {
  readonly what: string;
  readonly proxy: MeshProxy;
  readonly files: readonly string[];
  readonly inline?: readonly string[];
  readonly drop?: readonly string[];
  readonly call: SimulatedCall;
  readonly outcome: SimulationResult['outcome'];
  readonly cluster?: string;
  readonly expect?: Partial<Record<keyof SimulationResult, unknown>>;
}

const GW = gatewayProxy('bookinfo-gateway');
const BASE = [...BOOKINFO, BOOKINFO_GATEWAY];
const EDGE = [OTHER_NAMESPACE, EDGE_ROUTE];
const C = (name: string, port = 9080, ns = 'default') => `outbound|${port}||${name}.${ns}.svc.cluster.local`;
const ROUTE = (f: string) => sample(`bookinfo/gateway-api/${f}`);
const edge = (path: string, more: Partial<SimulatedCall> = {}): SimulatedCall => ({
  port: 80,
  host: 'edge.example.com',
  path,
  ...more,
});
const sidecarCall = (random: number): SimulatedCall => ({
  port: 9080,
  host: 'reviews:9080',
  path: '/reviews/0',
  random,
});
const TCP_ECHO = [
  sample('tcp-echo/tcp-echo-services.yaml'),
  sample('tcp-echo/gateway-api/tcp-echo-all-v1.yaml'),
];

const gatewayRow = (what: string, path: string): Row => ({
  what,
  proxy: GW,
  files: BASE,
  call: { port: 80, host: 'bookinfo.example.com', path },
  outcome: 'routed',
  cluster: C('productpage'),
  expect: {
    listener: '0.0.0.0_80',
    routeConfig: 'http.80',
    virtualHost: '*:80',
    endpoints: ['10.0.0.1:9080'],
  },
});

const rows: Row[] = [
  gatewayRow('/productpage through the gateway', '/productpage'),
  gatewayRow('/static/... by prefix', '/static/css/site.css'),
  gatewayRow('/api/v1/products/0 by prefix', '/api/v1/products/0'),
  gatewayRow('/login exactly', '/login'),
  {
    what: 'a path the HTTPRoute does not match: 404 NR',
    proxy: GW,
    files: BASE,
    call: { port: 80, host: 'bookinfo.example.com', path: '/productpage/extra' },
    outcome: 'no_route',
    expect: { responseFlag: 'NR', status: 404 },
  },
  {
    what: 'a port the Gateway has no listener for',
    proxy: GW,
    files: BASE,
    call: { port: 8080, host: 'bookinfo.example.com', path: '/productpage' },
    outcome: 'no_listener',
  },
  ...[
    ['route-reviews-90-10.yaml', 89, 'reviews-v1'],
    ['route-reviews-90-10.yaml', 90, 'reviews-v2'],
    ['route-reviews-50-v3.yaml', 49, 'reviews-v1'],
    ['route-reviews-50-v3.yaml', 50, 'reviews-v3'],
    ['route-reviews-v3.yaml', 0, 'reviews-v3'],
    ['route-all-v1.yaml', 99, 'reviews-v1'],
  ].map(
    ([file, random, svc]): Row => ({
      what: `${file}: productpage -> reviews, random ${random} -> ${svc}`,
      proxy: productpage,
      files: [...BASE, ROUTE(String(file))],
      call: sidecarCall(Number(random)),
      outcome: 'routed',
      cluster: C(String(svc)),
      expect: { routeConfig: '9080', virtualHost: 'reviews.default.svc.cluster.local:9080' },
    }),
  ),
  {
    what: 'header x-canary: 1 -> reviews-v3',
    proxy: GW,
    files: BASE,
    inline: EDGE,
    call: edge('/reviews/1', { headers: { 'x-canary': '1' } }),
    outcome: 'routed',
    cluster: C('reviews-v3'),
    expect: { virtualHost: 'edge.example.com:80' },
  },
  {
    what: 'no canary header, random 95 -> the 10% of reviews-v2',
    proxy: GW,
    files: BASE,
    inline: EDGE,
    call: edge('/reviews/1', { random: 95 }),
    outcome: 'routed',
    cluster: C('reviews-v2'),
  },
  {
    what: 'ReplacePrefixMatch redirect, 301',
    proxy: GW,
    files: BASE,
    inline: EDGE,
    call: edge('/old/page'),
    outcome: 'redirect',
    expect: { redirect: { status: 301, location: 'http://edge.example.com/new/page' } },
  },
  {
    what: 'scheme and hostname redirect, 302 by the CRD default',
    proxy: GW,
    files: BASE,
    inline: EDGE,
    call: edge('/secure/x'),
    outcome: 'redirect',
    expect: { redirect: { status: 302 } },
  },
  {
    what: 'URLRewrite prefix /v2api -> /api and the host',
    proxy: GW,
    files: BASE,
    inline: EDGE,
    call: edge('/v2api/products'),
    outcome: 'routed',
    cluster: C('productpage'),
    expect: { rewrite: { path: '/api/products', authority: 'productpage.internal' } },
  },
  {
    what: 'a dangling backendRef answers 500',
    proxy: GW,
    files: BASE,
    inline: EDGE,
    call: edge('/gone'),
    outcome: 'direct_response',
    expect: { status: 500 },
  },
  {
    what: 'backends all of weight 0 answer 500',
    proxy: GW,
    files: BASE,
    inline: EDGE,
    call: edge('/none'),
    outcome: 'direct_response',
    expect: { status: 500 },
  },
  {
    what: 'method POST on /details with a 3s timeout',
    proxy: GW,
    files: BASE,
    inline: EDGE,
    call: edge('/details/1', { method: 'POST' }),
    outcome: 'routed',
    cluster: C('details'),
    expect: { timeout: '3s' },
  },
  {
    what: 'GET on /details: the POST match does not apply',
    proxy: GW,
    files: BASE,
    inline: EDGE,
    call: edge('/details/1'),
    outcome: 'no_route',
  },
  {
    what: 'cross-namespace backendRef without a ReferenceGrant answers 500',
    proxy: GW,
    files: BASE,
    inline: EDGE,
    call: edge('/echo'),
    outcome: 'direct_response',
    expect: { status: 500 },
  },
  {
    what: 'cross-namespace backendRef with a ReferenceGrant reaches echo.other',
    proxy: GW,
    files: BASE,
    inline: [...EDGE, ECHO_GRANT],
    call: edge('/echo'),
    outcome: 'routed',
    cluster: C('echo', 80, 'other'),
    expect: { endpoints: ['10.0.2.1:8080'] },
  },
  {
    what: 'GRPCRoute exact method helloworld.Greeter/SayHello -> reviews-v2',
    proxy: GW,
    files: BASE,
    inline: [GRPC_ROUTE],
    call: { port: 80, host: 'grpc.example.com', path: '/helloworld.Greeter/SayHello', method: 'POST' },
    outcome: 'routed',
    cluster: C('reviews-v2'),
  },
  {
    what: 'GRPCRoute service-only match -> reviews-v1',
    proxy: GW,
    files: BASE,
    inline: [GRPC_ROUTE],
    call: { port: 80, host: 'grpc.example.com', path: '/helloworld.Greeter/SayGoodbye', method: 'POST' },
    outcome: 'routed',
    cluster: C('reviews-v1'),
  },
  {
    what: 'GRPCRoute header match x-tenant: blue -> reviews-v3',
    proxy: GW,
    files: BASE,
    inline: [GRPC_ROUTE],
    call: {
      port: 80,
      host: 'grpc.example.com',
      path: '/other.Service/Call',
      method: 'POST',
      headers: { 'x-tenant': 'blue' },
    },
    outcome: 'routed',
    cluster: C('reviews-v3'),
  },
  {
    what: 'ReplacePrefixMatch "/" strips the matched prefix (regex rewrite, as istiod writes it)',
    proxy: GW,
    files: BASE,
    inline: [STRIP_ROUTE],
    call: { port: 80, host: 'strip.example.com', path: '/details/0' },
    outcome: 'routed',
    cluster: C('details'),
    expect: { rewrite: { path: '/0' } },
  },
  {
    what: 'ReplacePrefixMatch "/" on the bare prefix leaves "/"',
    proxy: GW,
    files: BASE,
    inline: [STRIP_ROUTE],
    call: { port: 80, host: 'strip.example.com', path: '/details' },
    outcome: 'routed',
    cluster: C('details'),
    expect: { rewrite: { path: '/' } },
  },
  {
    what: 'a backendRef of kind Hostname reaches the ServiceEntry host',
    proxy: GW,
    files: BASE,
    inline: [EXTERNAL_ROUTE],
    call: { port: 80, host: 'bookinfo.example.com', path: '/productpage/ext/get' },
    outcome: 'routed',
    cluster: 'outbound|80||httpbin.org',
  },
  {
    what: 'a second HTTPRoute merged into the listener host: its longer prefix goes before /productpage',
    proxy: GW,
    files: BASE,
    inline: [EXTERNAL_ROUTE],
    call: { port: 80, host: 'bookinfo.example.com', path: '/productpage/mirrored', random: 10 },
    outcome: 'routed',
    cluster: C('productpage'),
    expect: {
      mirrors: [{ cluster: C('details'), percent: 50, applies: true, exists: true }],
      timeout: '10s',
      retries: { numRetries: 3 },
    },
  },
  {
    what: '/productpage itself still reaches the bookinfo HTTPRoute',
    proxy: GW,
    files: BASE,
    inline: [EXTERNAL_ROUTE],
    call: { port: 80, host: 'bookinfo.example.com', path: '/productpage' },
    outcome: 'routed',
    cluster: C('productpage'),
    expect: { config: { name: 'default~bookinfo-gateway~istio-autogenerated-k8s-gateway~http~*', line: 24 } },
  },
  {
    what: 'TCPRoute: tcp_proxy on 31400 to tcp-echo-v1',
    proxy: gatewayProxy('tcp-echo-gateway'),
    files: TCP_ECHO,
    call: { port: 31400, host: '10.0.1.1' },
    outcome: 'routed',
    cluster: C('tcp-echo-v1', 9000),
    expect: { listener: '0.0.0.0_31400', networkFilter: 'tcp_proxy', endpoints: ['10.0.0.11:9000'] },
  },
];

describe('simulate: Gateway API samples', () => {
  it.each(rows)('$what', async (row) => {
    const t = await translated(row.proxy, row.files, row.inline ?? [], row.drop ?? []);
    const r = simulate(t, row.call);
    const shown = JSON.stringify(r, null, 1);
    expect(r.outcome, shown).toBe(row.outcome);
    if (row.cluster !== undefined) expect(r.cluster, shown).toBe(row.cluster);
    if (row.expect !== undefined) expect(r, shown).toMatchObject(row.expect);
  });

  it('has at least 20 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
  });
});
