// The ingress gateway with bookinfo-gateway.yaml: the server on 8080 (the Service's port 80 target), RDS http.8080,
// the bookinfo VirtualService's five matches to productpage, and what it refuses.
import { describe, it } from 'vitest';
import { C, check, type Row } from './helpers.js';

const GATEWAY = { files: ['bookinfo-gateway.yaml'] };
const PRODUCTPAGE = C('productpage');
const get = (path: string, more: { method?: string; host?: string; port?: number } = {}) => ({
  port: more.port ?? 8080,
  host: more.host ?? 'bookinfo.example.com',
  path,
  ...(more.method === undefined ? {} : { method: more.method }),
});

const HEADER_GATEWAY_VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews-edge, namespace: default }
spec:
  hosts: [reviews.example.com]
  gateways: [bookinfo-gateway]
  http:
  - name: canary
    match: [{ headers: { x-canary: { exact: "1" } } }]
    route: [{ destination: { host: reviews, subset: v3, port: { number: 9080 } } }]
  - route: [{ destination: { host: reviews, subset: v1, port: { number: 9080 } } }]
`;
const EDGE = { files: ['bookinfo-gateway.yaml', 'destination-rule-all.yaml'], inline: [HEADER_GATEWAY_VS] };

const routed = (what: string, path: string, index: number): Row => ({
  what,
  proxy: 'gateway',
  input: GATEWAY,
  call: get(path),
  outcome: 'routed',
  cluster: PRODUCTPAGE,
  expect: {
    listener: '0.0.0.0_8080',
    routeConfig: 'http.8080',
    virtualHost: '*:8080',
    route: { index },
    endpoints: ['10.0.0.1:9080'],
    config: { kind: 'VirtualService', namespace: 'default', name: 'bookinfo', httpIndex: 0, line: 28 },
  },
});

const rows: Row[] = [
  routed('/productpage', '/productpage', 0),
  routed('/static/...', '/static/bootstrap/css/bootstrap.min.css', 1),
  routed('/login', '/login', 2),
  routed('/logout', '/logout', 3),
  routed('/api/v1/products', '/api/v1/products', 4),
  routed('/api/v1/products/0/reviews', '/api/v1/products/0/reviews', 4),
  routed('/productpage?u=normal keeps its query out of the match', '/productpage?u=normal', 0),
  {
    what: 'the earlier matches are explained',
    proxy: 'gateway',
    input: GATEWAY,
    call: get('/login'),
    outcome: 'routed',
    trace: [
      'route 0: path: exact "/productpage" != "/login"',
      'route 1: path: prefix "/static" does not match "/login"',
      'route: 2 matches',
    ],
  },
  {
    what: 'any host: the server and the VirtualService are for "*"',
    proxy: 'gateway',
    input: GATEWAY,
    call: get('/productpage', { host: '192.168.1.10:80' }),
    outcome: 'routed',
    cluster: PRODUCTPAGE,
  },
  {
    what: '/ matches none of the five routes: 404 NR',
    proxy: 'gateway',
    input: GATEWAY,
    call: get('/'),
    outcome: 'no_route',
    expect: { responseFlag: 'NR', status: 404, virtualHost: '*:8080' },
    trace: [
      'route 4: path: prefix "/api/v1/products" does not match "/"',
      'route: none of 5 matches (404, NR)',
    ],
  },
  {
    what: '/productpages is not /productpage',
    proxy: 'gateway',
    input: GATEWAY,
    call: get('/productpages'),
    outcome: 'no_route',
  },
  {
    what: 'exact matches are case sensitive',
    proxy: 'gateway',
    input: GATEWAY,
    call: get('/Productpage'),
    outcome: 'no_route',
  },
  {
    what: 'the Service port 80 is not a gateway listener: no listener',
    proxy: 'gateway',
    input: GATEWAY,
    call: get('/productpage', { port: 80 }),
    outcome: 'no_listener',
    trace: ['listener: the gateway has no listener on port 80'],
    absent: ['listener'],
  },
  {
    what: 'without a Gateway the gateway has no listener at all',
    proxy: 'gateway',
    call: get('/productpage'),
    outcome: 'no_listener',
  },
  {
    what: 'a host-specific VirtualService: x-canary -> reviews v3',
    proxy: 'gateway',
    input: EDGE,
    call: { port: 8080, host: 'reviews.example.com', path: '/', headers: { 'x-canary': '1' } },
    outcome: 'routed',
    cluster: C('reviews', 'v3'),
    expect: { virtualHost: 'reviews.example.com:8080', route: { name: 'canary' } },
  },
  {
    what: 'a host-specific VirtualService: others -> reviews v1',
    proxy: 'gateway',
    input: EDGE,
    call: { port: 8080, host: 'reviews.example.com', path: '/' },
    outcome: 'routed',
    cluster: C('reviews', 'v1'),
    trace: ['route 0 (canary): header x-canary: absent (exact "1")'],
  },
  {
    what: 'other hosts still reach the "*" virtual host',
    proxy: 'gateway',
    input: EDGE,
    call: get('/productpage'),
    outcome: 'routed',
    cluster: PRODUCTPAGE,
    expect: { virtualHost: '*:8080' },
  },
];

describe('simulate: ingress gateway with bookinfo-gateway.yaml', () => {
  it.each(rows)('$what', async (row) => {
    await check(row);
  });
});
