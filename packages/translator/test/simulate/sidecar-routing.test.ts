// productpage's sidecar, configured from Istio's bookinfo networking files: header routing, subsets, weights (both
// sides of each boundary), faults, unknown hosts, dangling subsets and services without endpoints.
import { describe, it } from 'vitest';
import { C, check, type Row } from './helpers.js';

const ALL = 'destination-rule-all.yaml';
const TEST_V2 = { files: ['virtual-service-reviews-test-v2.yaml', ALL] };
const reviews = (headers: Record<string, string> = {}, random = 0) => ({
  port: 9080,
  host: 'reviews:9080',
  headers,
  random,
});
const weights = (file: string) => ({ files: [file, ALL] });
const DELAY = { files: ['virtual-service-ratings-test-delay.yaml', ALL] };
const ABORT = { files: ['virtual-service-ratings-test-abort.yaml', ALL] };
const ratings = (headers: Record<string, string> = {}, random = 0) => ({
  port: 9080,
  host: 'ratings:9080',
  headers,
  random,
});
const REGISTRY_ONLY = `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: { name: default, namespace: default }
spec:
  outboundTrafficPolicy: { mode: REGISTRY_ONLY }
`;

const rows: Row[] = [
  // No VirtualService: istiod's default route to the service's cluster.
  { what: 'default route, short name', call: reviews(), outcome: 'routed', cluster: C('reviews') },
  {
    what: 'default route reaches every reviews pod',
    call: reviews(),
    outcome: 'routed',
    expect: { endpoints: ['10.0.0.3:9080', '10.0.0.4:9080', '10.0.0.5:9080'], route: { name: 'default' } },
  },
  {
    what: 'default route, FQDN host',
    call: { port: 9080, host: 'details.default.svc.cluster.local:9080' },
    outcome: 'routed',
    cluster: C('details'),
  },
  {
    what: 'default route, name.ns host',
    call: { port: 9080, host: 'ratings.default' },
    outcome: 'routed',
    cluster: C('ratings'),
  },
  {
    what: 'default route has no Istio config behind it',
    call: reviews(),
    outcome: 'routed',
    expect: { timeout: '0s', retries: { numRetries: 2 } },
    absent: ['config', 'fault', 'responseFlag'],
  },
  // virtual-service-reviews-test-v2.yaml
  {
    what: 'test-v2: jason goes to v2',
    input: TEST_V2,
    call: reviews({ 'end-user': 'jason' }),
    outcome: 'routed',
    cluster: C('reviews', 'v2'),
    expect: { endpoints: ['10.0.0.4:9080'], route: { index: 0 } },
  },
  {
    what: 'test-v2: alice falls through to v1, with the reason',
    input: TEST_V2,
    call: reviews({ 'end-user': 'alice' }),
    outcome: 'routed',
    cluster: C('reviews', 'v1'),
    trace: ['route 0: header end-user: exact "jason" != "alice"', 'route: 1 matches'],
  },
  {
    what: 'test-v2: no end-user header -> v1',
    input: TEST_V2,
    call: reviews(),
    outcome: 'routed',
    cluster: C('reviews', 'v1'),
    expect: { route: { index: 1 }, endpoints: ['10.0.0.3:9080'] },
  },
  {
    what: 'test-v2: header values are case sensitive',
    input: TEST_V2,
    call: reviews({ 'end-user': 'Jason' }),
    outcome: 'routed',
    cluster: C('reviews', 'v1'),
  },
  {
    what: 'test-v2: header names are not',
    input: TEST_V2,
    call: reviews({ 'End-User': 'jason' }),
    outcome: 'routed',
    cluster: C('reviews', 'v2'),
  },
  {
    what: 'test-v2: the matched route points at its VirtualService file and line',
    input: TEST_V2,
    call: reviews({ 'end-user': 'jason' }),
    outcome: 'routed',
    expect: {
      config: {
        kind: 'VirtualService',
        namespace: 'default',
        name: 'reviews',
        path: '/apis/networking.istio.io/v1/namespaces/default/virtual-service/reviews',
        line: 9,
        httpIndex: 0,
      },
    },
  },
  {
    what: 'test-v2: the fallback route is http[1] at line 17',
    input: TEST_V2,
    call: reviews(),
    outcome: 'routed',
    expect: { config: { name: 'reviews', line: 17, httpIndex: 1 } },
  },
  {
    what: 'test-v2: other services keep their default route',
    input: TEST_V2,
    call: { port: 9080, host: 'details:9080', headers: { 'end-user': 'jason' } },
    outcome: 'routed',
    cluster: C('details'),
  },
  // virtual-service-all-v1.yaml
  ...(['reviews', 'ratings', 'details', 'productpage'] as const).map(
    (svc): Row => ({
      what: `all-v1: ${svc} -> v1`,
      input: { files: ['virtual-service-all-v1.yaml', ALL] },
      call: { port: 9080, host: `${svc}:9080` },
      outcome: 'routed',
      cluster: C(svc, 'v1'),
    }),
  ),
  // Weighted routes, random values on both sides of each boundary.
  ...(
    [
      ['50-v3', 'virtual-service-reviews-50-v3.yaml', 0, 'v1'],
      ['50-v3', 'virtual-service-reviews-50-v3.yaml', 49, 'v1'],
      ['50-v3', 'virtual-service-reviews-50-v3.yaml', 50, 'v3'],
      ['50-v3', 'virtual-service-reviews-50-v3.yaml', 99, 'v3'],
      ['50-v3', 'virtual-service-reviews-50-v3.yaml', 100, 'v1'],
      ['80-20', 'virtual-service-reviews-80-20.yaml', 79, 'v1'],
      ['80-20', 'virtual-service-reviews-80-20.yaml', 80, 'v2'],
      ['80-20', 'virtual-service-reviews-80-20.yaml', 199, 'v2'],
      ['90-10', 'virtual-service-reviews-90-10.yaml', 89, 'v1'],
      ['90-10', 'virtual-service-reviews-90-10.yaml', 90, 'v2'],
      ['90-10', 'virtual-service-reviews-90-10.yaml', 1090, 'v2'],
    ] as const
  ).map(
    ([name, file, random, subset]): Row => ({
      what: `${name}: random ${random} -> ${subset}`,
      input: weights(file),
      call: reviews({}, random),
      outcome: 'routed',
      cluster: C('reviews', subset),
    }),
  ),
  {
    what: '80-20: the pick is reported with its weights',
    input: weights('virtual-service-reviews-80-20.yaml'),
    call: reviews({}, 85),
    outcome: 'routed',
    expect: {
      weighted: {
        clusters: [
          { name: C('reviews', 'v1'), weight: 80 },
          { name: C('reviews', 'v2'), weight: 20 },
        ],
        totalWeight: 100,
        selectedValue: 85,
        index: 1,
      },
    },
    trace: [
      `weighted cluster ${C('reviews', 'v1')}: weight 80 covers [0, 80), not 85`,
      `weighted: random 85 % 100 = 85 picks ${C('reviews', 'v2')}`,
    ],
  },
  {
    what: 'jason-v2-v3: jason -> v2',
    input: { files: ['virtual-service-reviews-jason-v2-v3.yaml', ALL] },
    call: reviews({ 'end-user': 'jason' }),
    outcome: 'routed',
    cluster: C('reviews', 'v2'),
  },
  {
    what: 'jason-v2-v3: others -> v3',
    input: { files: ['virtual-service-reviews-jason-v2-v3.yaml', ALL] },
    call: reviews({ 'end-user': 'bob' }),
    outcome: 'routed',
    cluster: C('reviews', 'v3'),
  },
  // Faults: ratings test-delay and test-abort.
  {
    what: 'test-delay: jason is delayed 7s, then routed (DI)',
    input: DELAY,
    call: ratings({ 'end-user': 'jason' }),
    outcome: 'routed',
    cluster: C('ratings', 'v1'),
    expect: {
      responseFlag: 'DI',
      fault: { delay: { fixedDelay: '7s', percent: 100, applies: true } },
      endpoints: ['10.0.0.6:9080'],
    },
    trace: ['fault: delay 7s for 100% of requests: applies at random 0'],
  },
  {
    what: 'test-delay: without jason no fault',
    input: DELAY,
    call: ratings(),
    outcome: 'routed',
    cluster: C('ratings', 'v1'),
    expect: { route: { index: 1 } },
    absent: ['fault', 'responseFlag'],
    trace: ['route 0: header end-user: absent (exact "jason")'],
  },
  {
    what: 'test-delay: 100% delays whatever the random value',
    input: DELAY,
    call: ratings({ 'end-user': 'jason' }, 999_999),
    outcome: 'routed',
    expect: { fault: { delay: { applies: true } } },
  },
  {
    what: 'test-abort: jason gets 500 (FI)',
    input: ABORT,
    call: ratings({ 'end-user': 'jason' }),
    outcome: 'fault_abort',
    expect: { responseFlag: 'FI', status: 500, fault: { abort: { httpStatus: 500, applies: true } } },
  },
  {
    what: 'test-abort: others reach ratings v1',
    input: ABORT,
    call: ratings({ 'end-user': 'alice' }),
    outcome: 'routed',
    cluster: C('ratings', 'v1'),
    trace: ['route 0: header end-user: exact "jason" != "alice"'],
  },
  {
    what: 'fault-injection-details-v1: every request aborts with 555',
    input: { files: ['fault-injection-details-v1.yaml'] },
    call: { port: 9080, host: 'details:9080' },
    outcome: 'fault_abort',
    expect: { status: 555, cluster: C('details', 'v1') },
  },
  // Unknown hosts: the catch-all virtual host.
  {
    what: 'unknown host, ALLOW_ANY: PassthroughCluster',
    call: { port: 9080, host: 'example.com' },
    outcome: 'passthrough',
    cluster: 'PassthroughCluster',
    expect: { virtualHost: 'allow_any', endpoints: ['example.com:9080'] },
  },
  {
    what: 'unknown host with a port: the original destination is host:port once',
    call: { port: 9080, host: 'example.com:9080' },
    outcome: 'passthrough',
    expect: { endpoints: ['example.com:9080'], route: { name: 'allow_any', index: 0 } },
    absent: ['config'],
  },
  {
    what: 'unknown host with a known address: forwarded to that address',
    call: { port: 9080, host: 'legacy.internal', address: '10.1.2.3' },
    outcome: 'passthrough',
    expect: { endpoints: ['10.1.2.3:9080'], listener: '0.0.0.0_9080' },
    trace: ['listener: none bound to 10.1.2.3:9080', 'listener: 0.0.0.0_9080 (port 9080)'],
  },
  {
    what: 'unknown host, REGISTRY_ONLY Sidecar: block_all 502',
    input: { inline: [REGISTRY_ONLY] },
    call: { port: 9080, host: 'example.com' },
    outcome: 'blackhole',
    expect: { status: 502, virtualHost: 'block_all', directResponse: { status: 502 } },
  },
  {
    what: 'REGISTRY_ONLY still routes known services',
    input: { inline: [REGISTRY_ONLY] },
    call: reviews(),
    outcome: 'routed',
    cluster: C('reviews'),
  },
  // Broken references.
  {
    what: 'all-v1 without DestinationRule: subset cluster missing (NC)',
    input: { files: ['virtual-service-all-v1.yaml'] },
    call: reviews(),
    outcome: 'no_cluster',
    cluster: C('reviews', 'v1'),
    expect: { responseFlag: 'NC', status: 503 },
    trace: [`cluster ${C('reviews', 'v1')}: not found (503, NC)`],
  },
  {
    what: 'details-v2: the subset exists but has no pod (UH)',
    input: { files: ['virtual-service-details-v2.yaml', ALL] },
    call: { port: 9080, host: 'details:9080' },
    outcome: 'no_healthy_upstream',
    cluster: C('details', 'v2'),
    expect: { responseFlag: 'UH', status: 503, endpoints: [] },
  },
  {
    what: 'ratings-mysql: v2-mysql has no pod (UH)',
    input: { files: ['virtual-service-ratings-mysql.yaml', ALL] },
    call: ratings(),
    outcome: 'no_healthy_upstream',
    cluster: C('ratings', 'v2-mysql'),
  },
  {
    what: 'ratings-mysql also sends reviews to v3',
    input: { files: ['virtual-service-ratings-mysql.yaml', ALL] },
    call: reviews(),
    outcome: 'routed',
    cluster: C('reviews', 'v3'),
    expect: { endpoints: ['10.0.0.5:9080'] },
  },
  // A ServiceEntry host: port 80 is rewritten to 443 by its VirtualService, a DNS cluster.
  {
    what: 'ServiceEntry www.googleapis.com:80 -> the 443 DNS cluster',
    input: { files: ['egress-rule-google-apis.yaml'] },
    call: { port: 80, host: 'www.googleapis.com' },
    outcome: 'routed',
    cluster: 'outbound|443||www.googleapis.com',
    expect: {
      listener: '0.0.0.0_80',
      routeConfig: '80',
      virtualHost: 'www.googleapis.com:80',
      endpoints: ['www.googleapis.com:443'],
      config: { name: 'rewrite-port-for-googleapis', httpIndex: 0 },
    },
  },
];

describe('simulate: productpage sidecar with bookinfo networking files', () => {
  it.each(rows)('$what', async (row) => {
    await check(row);
  });
});
