import { describe, expect, it } from 'vitest';
import { buildRoutes } from '../../src/route/build-routes.js';
import { productpage, reviewsV2, world } from './fixtures.js';
import { expectEncodable, send } from './helpers.js';

const R = (subset: string, host = 'reviews') => `outbound|9080|${subset}|${host}.default.svc.cluster.local`;

/** A VirtualService on details exercising every HTTP match and action istiod translates. */
const DETAILS_VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: details, namespace: default }
spec:
  hosts: [details]
  http:
  - name: by-regex
    match: [{ name: ids, uri: { regex: '/details/[0-9]+/x' } }]
    route: [{ destination: { host: details, subset: v2 } }]
  - match: [{ queryParams: { debug: { exact: "1" } } }]
    route: [{ destination: { host: details, subset: v2 } }]
  - match: [{ method: { exact: POST } }]
    directResponse: { status: 405, body: { string: "no posts" } }
  - match: [{ headers: { x-canary: { prefix: "yes" } } }]
    route: [{ destination: { host: details, subset: v2 } }]
  - match: [{ uri: { prefix: /private }, withoutHeaders: { x-user: { exact: admin } } }]
    directResponse: { status: 403 }
  - match: [{ sourceLabels: { app: reviews } }]
    route: [{ destination: { host: details, subset: v2 } }]
  - match: [{ port: 9999, uri: { prefix: /port } }]
    route: [{ destination: { host: details, subset: v2 } }]
  - match: [{ gateways: [bookinfo-gateway], uri: { prefix: /gw } }]
    route: [{ destination: { host: details, subset: v2 } }]
  - match: [{ authority: { exact: "details.default.svc.cluster.local" }, uri: { prefix: /fqdn } }]
    route: [{ destination: { host: details, subset: v2 } }]
  - match: [{ uri: { exact: /old } }]
    redirect: { uri: /new, authority: example.com, redirectCode: 302 }
  - match: [{ uri: { prefix: /api } }]
    rewrite: { uri: /v2/api, authority: details-internal }
    timeout: 3s
    retries: { attempts: 4, perTryTimeout: 1.5s, retryOn: "5xx,503" }
    mirror: { host: ratings }
    mirrorPercentage: { value: 25 }
    corsPolicy:
      allowOrigins: [{ exact: "https://example.com" }]
      allowMethods: [GET, POST]
      maxAge: 24h
      allowCredentials: true
    headers:
      request: { set: { x-a: "1" }, add: { x-b: "2" }, remove: [x-c] }
      response: { set: { x-r: "r" } }
    route: [{ destination: { host: details, subset: v1 } }]
  - match: [{ uri: { regex: '/re/.*' } }]
    rewrite: { uriRegexRewrite: { match: '^/re/(.*)$', rewrite: '/\\1' } }
    route: [{ destination: { host: details, subset: v1 } }]
  - match: [{ uri: { prefix: /noretry } }]
    retries: { attempts: 0 }
    route: [{ destination: { host: details, subset: v1 } }]
  - route: [{ destination: { host: details, subset: v1 } }]
`;

type Row = {
  what: string;
  files: string[];
  inline?: string[];
  proxy?: 'productpage' | 'reviews';
  authority: string;
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  random?: number;
  expected: string;
};

const ALL = ['destination-rule-all.yaml'];
const rows: Row[] = [
  // No VirtualService: istiod's default route to the port's cluster.
  { what: 'default route, short name', files: [], authority: 'reviews:9080', expected: R('') },
  {
    what: 'default route, FQDN',
    files: [],
    authority: 'reviews.default.svc.cluster.local:9080',
    expected: R(''),
  },
  { what: 'default route, name.ns', files: [], authority: 'reviews.default', expected: R('') },
  { what: 'default route, name.ns.svc', files: [], authority: 'reviews.default.svc:9080', expected: R('') },
  { what: 'unknown host, ALLOW_ANY', files: [], authority: 'example.com', expected: 'PassthroughCluster' },
  { what: 'details default', files: [], authority: 'details:9080', expected: R('', 'details') },
  // virtual-service-all-v1.yaml
  {
    what: 'all-v1 reviews',
    files: ['virtual-service-all-v1.yaml', ...ALL],
    authority: 'reviews:9080',
    expected: R('v1'),
  },
  {
    what: 'all-v1 ratings',
    files: ['virtual-service-all-v1.yaml', ...ALL],
    authority: 'ratings:9080',
    expected: R('v1', 'ratings'),
  },
  {
    what: 'all-v1 details',
    files: ['virtual-service-all-v1.yaml', ...ALL],
    authority: 'details:9080',
    expected: R('v1', 'details'),
  },
  {
    what: 'all-v1 productpage',
    files: ['virtual-service-all-v1.yaml', ...ALL],
    authority: 'productpage:9080',
    expected: R('v1', 'productpage'),
  },
  // virtual-service-reviews-test-v2.yaml
  {
    what: 'test-v2 jason',
    files: ['virtual-service-reviews-test-v2.yaml', ...ALL],
    authority: 'reviews:9080',
    headers: { 'end-user': 'jason' },
    expected: R('v2'),
  },
  {
    what: 'test-v2 other user',
    files: ['virtual-service-reviews-test-v2.yaml', ...ALL],
    authority: 'reviews:9080',
    headers: { 'end-user': 'alice' },
    expected: R('v1'),
  },
  {
    what: 'test-v2 anonymous',
    files: ['virtual-service-reviews-test-v2.yaml', ...ALL],
    authority: 'reviews:9080',
    expected: R('v1'),
  },
  {
    what: 'test-v2 header case',
    files: ['virtual-service-reviews-test-v2.yaml', ...ALL],
    authority: 'reviews:9080',
    headers: { 'End-User': 'jason' },
    expected: R('v2'),
  },
  // virtual-service-reviews-50-v3.yaml: weights 50/50, random % 100 picks the interval.
  {
    what: '50-v3 low',
    files: ['virtual-service-reviews-50-v3.yaml', ...ALL],
    authority: 'reviews:9080',
    random: 0,
    expected: R('v1'),
  },
  {
    what: '50-v3 49',
    files: ['virtual-service-reviews-50-v3.yaml', ...ALL],
    authority: 'reviews:9080',
    random: 49,
    expected: R('v1'),
  },
  {
    what: '50-v3 50',
    files: ['virtual-service-reviews-50-v3.yaml', ...ALL],
    authority: 'reviews:9080',
    random: 50,
    expected: R('v3'),
  },
  {
    what: '50-v3 99',
    files: ['virtual-service-reviews-50-v3.yaml', ...ALL],
    authority: 'reviews:9080',
    random: 99,
    expected: R('v3'),
  },
  {
    what: '50-v3 150',
    files: ['virtual-service-reviews-50-v3.yaml', ...ALL],
    authority: 'reviews:9080',
    random: 150,
    expected: R('v3'),
  },
  {
    what: '80-20 at 79',
    files: ['virtual-service-reviews-80-20.yaml', ...ALL],
    authority: 'reviews:9080',
    random: 79,
    expected: R('v1'),
  },
  {
    what: '80-20 at 80',
    files: ['virtual-service-reviews-80-20.yaml', ...ALL],
    authority: 'reviews:9080',
    random: 80,
    expected: R('v2'),
  },
  // fault files still route to ratings v1.
  {
    what: 'delay jason',
    files: ['virtual-service-ratings-test-delay.yaml', ...ALL],
    authority: 'ratings:9080',
    headers: { 'end-user': 'jason' },
    expected: R('v1', 'ratings'),
  },
  {
    what: 'abort anonymous',
    files: ['virtual-service-ratings-test-abort.yaml', ...ALL],
    authority: 'ratings:9080',
    expected: R('v1', 'ratings'),
  },
  // Match features.
  {
    what: 'uri regex',
    files: ALL,
    inline: [DETAILS_VS],
    authority: 'details:9080',
    path: '/details/12/x',
    expected: R('v2', 'details'),
  },
  {
    what: 'uri regex no match',
    files: ALL,
    inline: [DETAILS_VS],
    authority: 'details:9080',
    path: '/details/ab/x',
    expected: R('v1', 'details'),
  },
  {
    what: 'query param',
    files: ALL,
    inline: [DETAILS_VS],
    authority: 'details:9080',
    path: '/x?debug=1',
    expected: R('v2', 'details'),
  },
  {
    what: 'query param other value',
    files: ALL,
    inline: [DETAILS_VS],
    authority: 'details:9080',
    path: '/x?debug=2',
    expected: R('v1', 'details'),
  },
  {
    what: 'method POST',
    files: ALL,
    inline: [DETAILS_VS],
    authority: 'details:9080',
    method: 'POST',
    expected: 'direct:405',
  },
  {
    what: 'header prefix',
    files: ALL,
    inline: [DETAILS_VS],
    authority: 'details:9080',
    headers: { 'x-canary': 'yes-please' },
    expected: R('v2', 'details'),
  },
  {
    what: 'withoutHeaders other user',
    files: ALL,
    inline: [DETAILS_VS],
    authority: 'details:9080',
    path: '/private/a',
    headers: { 'x-user': 'bob' },
    expected: 'direct:403',
  },
  {
    what: 'withoutHeaders admin passes',
    files: ALL,
    inline: [DETAILS_VS],
    authority: 'details:9080',
    path: '/private/a',
    headers: { 'x-user': 'admin' },
    expected: R('v1', 'details'),
  },
  {
    what: 'sourceLabels from reviews',
    files: ALL,
    inline: [DETAILS_VS],
    proxy: 'reviews',
    authority: 'details:9080',
    expected: R('v2', 'details'),
  },
  {
    what: 'sourceLabels from productpage',
    files: ALL,
    inline: [DETAILS_VS],
    authority: 'details:9080',
    expected: R('v1', 'details'),
  },
  {
    what: 'port match for another port is dropped',
    files: ALL,
    inline: [DETAILS_VS],
    authority: 'details:9080',
    path: '/port',
    expected: R('v1', 'details'),
  },
  {
    what: 'gateway-only match is dropped for sidecars',
    files: ALL,
    inline: [DETAILS_VS],
    authority: 'details:9080',
    path: '/gw',
    expected: R('v1', 'details'),
  },
  {
    what: 'authority match on FQDN',
    files: ALL,
    inline: [DETAILS_VS],
    authority: 'details.default.svc.cluster.local',
    path: '/fqdn',
    expected: R('v2', 'details'),
  },
  {
    what: 'authority match on short name fails',
    files: ALL,
    inline: [DETAILS_VS],
    authority: 'details',
    path: '/fqdn',
    expected: R('v1', 'details'),
  },
  {
    what: 'redirect',
    files: ALL,
    inline: [DETAILS_VS],
    authority: 'details:9080',
    path: '/old',
    expected: 'redirect',
  },
  {
    what: 'rewrite route',
    files: ALL,
    inline: [DETAILS_VS],
    authority: 'details:9080',
    path: '/api/x',
    expected: R('v1', 'details'),
  },
];

describe('sidecar routes: requests land where istiod sends them', () => {
  it.each(rows)('$what', async (row) => {
    const w = await world(row.files, row.inline ?? []);
    const proxy = row.proxy === 'reviews' ? reviewsV2 : productpage;
    const rcs = buildRoutes(proxy, w.push, w.sink);
    expectEncodable(rcs);
    const { outcome } = send(
      rcs,
      '9080',
      {
        authority: row.authority,
        path: row.path ?? '/',
        method: row.method ?? 'GET',
        headers: row.headers ?? {},
      },
      row.random ?? 0,
    );
    expect(outcome).toBe(row.expected);
    expect(w.sink.list()).toEqual([]);
  });
});
