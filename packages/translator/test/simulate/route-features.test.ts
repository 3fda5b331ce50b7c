// HTTP route features through productpage's sidecar: one VirtualService on details (inline YAML) with a route per
// feature, each request checked for the route it takes, why earlier routes missed, and what the route adds.
import { describe, it } from 'vitest';
import { C, check, type Row } from './helpers.js';

/** One route per feature; named routes make the traces readable (`route 0 (jason): ...`). */
const DETAILS_VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: details, namespace: default }
spec:
  hosts: [details]
  http:
  - name: jason
    match: [{ headers: { end-user: { exact: jason } } }]
    route: [{ destination: { host: details, subset: v2 } }]
  - name: exact
    match: [{ uri: { exact: /details/0 } }]
    route: [{ destination: { host: details, subset: v2 } }]
  - name: regex
    match: [{ uri: { regex: '/details/[0-9]+/x' } }]
    route: [{ destination: { host: details, subset: v2 } }]
  - name: post
    match: [{ method: { exact: POST } }]
    directResponse: { status: 405, body: { string: "no posts" } }
  - name: debug
    match: [{ queryParams: { debug: { exact: "1" } } }]
    route: [{ destination: { host: details, subset: v2 } }]
  - name: fqdn
    match: [{ authority: { exact: details.default.svc.cluster.local }, uri: { prefix: /fqdn } }]
    route: [{ destination: { host: details, subset: v2 } }]
  - name: old
    match: [{ uri: { exact: /old } }]
    redirect: { uri: /new, authority: example.com, redirectCode: 302 }
  - name: api
    match: [{ uri: { prefix: /api } }]
    rewrite: { uri: /v2/api, authority: details-internal }
    timeout: 3s
    retries: { attempts: 4, perTryTimeout: 1.5s, retryOn: "5xx,503" }
    mirror: { host: ratings }
    mirrorPercentage: { value: 25 }
    route: [{ destination: { host: details, subset: v1 } }]
  - name: re
    match: [{ uri: { regex: '/re/.*' } }]
    rewrite: { uriRegexRewrite: { match: '^/re/(.*)$', rewrite: '/\\1' } }
    route: [{ destination: { host: details, subset: v1 } }]
  - name: noretry
    match: [{ uri: { prefix: /noretry } }]
    retries: { attempts: 0 }
    route: [{ destination: { host: details, subset: v1 } }]
  - name: slow
    match: [{ uri: { prefix: /slow } }]
    fault: { delay: { fixedDelay: 2s, percentage: { value: 50 } } }
    route: [{ destination: { host: details, subset: v1 } }]
  - name: flaky
    match: [{ uri: { prefix: /flaky } }]
    fault: { abort: { httpStatus: 503, percentage: { value: 10 } } }
    route: [{ destination: { host: details, subset: v1 } }]
  - name: ghost
    match: [{ uri: { prefix: /ghost } }]
    route: [{ destination: { host: details, subset: v9 } }]
  - name: rest
    route: [{ destination: { host: details, subset: v1 } }]
`;

/** details v2 gets a pod here, so that routes to v2 have an endpoint. */
const input = {
  files: ['destination-rule-all.yaml'],
  inline: [DETAILS_VS],
  workloads: [{ name: 'details-v2-abc', address: '10.0.0.8', labels: { app: 'details', version: 'v2' } }],
};
const send = (
  path: string,
  more: { method?: string; headers?: Record<string, string>; random?: number } = {},
) => ({
  port: 9080,
  host: 'details:9080',
  path,
  ...more,
});
const V1 = C('details', 'v1');
const V2 = C('details', 'v2');

const feature = (r: Omit<Row, 'input'>): Row => ({ ...r, input });

const rows: Row[] = [
  feature({
    what: 'header match: jason -> v2',
    call: send('/', { headers: { 'end-user': 'jason' } }),
    outcome: 'routed',
    cluster: V2,
    expect: { route: { name: 'jason', index: 0 } },
  }),
  feature({
    what: 'header mismatch is explained with the route name',
    call: send('/', { headers: { 'end-user': 'alice' } }),
    outcome: 'routed',
    cluster: V1,
    trace: ['route 0 (jason): header end-user: exact "jason" != "alice"'],
  }),
  feature({
    what: 'uri exact /details/0',
    call: send('/details/0'),
    outcome: 'routed',
    cluster: V2,
    expect: { route: { name: 'exact' } },
  }),
  feature({
    what: 'uri exact ignores the query',
    call: send('/details/0?x=1'),
    outcome: 'routed',
    cluster: V2,
    expect: { route: { name: 'exact' } },
  }),
  feature({
    what: 'uri exact does not match a longer path',
    call: send('/details/01'),
    outcome: 'routed',
    cluster: V1,
    trace: ['route 1 (exact): path: exact "/details/0" != "/details/01"'],
  }),
  feature({
    what: 'uri regex /details/[0-9]+/x',
    call: send('/details/42/x'),
    outcome: 'routed',
    cluster: V2,
    expect: { route: { name: 'regex' } },
  }),
  feature({
    what: 'uri regex is a full match',
    call: send('/details/42/xy'),
    outcome: 'routed',
    cluster: V1,
    trace: ['route 2 (regex): path: regex "/details/[0-9]+/x" does not match "/details/42/xy"'],
  }),
  feature({
    what: 'method POST: direct response 405 with body',
    call: send('/anything', { method: 'POST' }),
    outcome: 'direct_response',
    expect: { status: 405, directResponse: { status: 405, body: 'no posts' }, route: { name: 'post' } },
    absent: ['cluster'],
  }),
  feature({
    what: 'method GET skips the POST route',
    call: send('/anything'),
    outcome: 'routed',
    cluster: V1,
    trace: ['route 3 (post): header :method: exact "POST" != "GET"'],
  }),
  feature({
    what: 'query param debug=1',
    call: send('/p?debug=1'),
    outcome: 'routed',
    cluster: V2,
    expect: { route: { name: 'debug' } },
  }),
  feature({
    what: 'query param debug=2 does not match',
    call: send('/p?debug=2'),
    outcome: 'routed',
    cluster: V1,
  }),
  feature({
    what: 'authority exact without port',
    call: { ...send('/fqdn'), host: 'details.default.svc.cluster.local' },
    outcome: 'routed',
    cluster: V2,
    expect: { route: { name: 'fqdn' } },
  }),
  feature({
    what: 'authority exact: the short name does not match',
    call: send('/fqdn'),
    outcome: 'routed',
    cluster: V1,
    trace: ['route 5 (fqdn): header :authority: exact "details.default.svc.cluster.local" != "details:9080"'],
  }),
  feature({
    what: 'redirect /old -> http://example.com/new (302)',
    call: send('/old'),
    outcome: 'redirect',
    expect: { status: 302, redirect: { location: 'http://example.com/new', status: 302 } },
    absent: ['cluster', 'endpoints'],
  }),
  feature({
    what: 'redirect keeps the query',
    call: send('/old?a=b'),
    outcome: 'redirect',
    expect: { redirect: { location: 'http://example.com/new?a=b' } },
  }),
  feature({
    what: 'rewrite: prefix /api -> /v2/api, authority details-internal',
    call: send('/api/items?page=2'),
    outcome: 'routed',
    cluster: V1,
    expect: { rewrite: { path: '/v2/api/items?page=2', authority: 'details-internal' } },
  }),
  feature({ what: 'timeout 3s', call: send('/api'), outcome: 'routed', expect: { timeout: '3s' } }),
  feature({
    what: 'retries: 4 attempts, 1.5s per try, 5xx plus status 503',
    call: send('/api'),
    outcome: 'routed',
    expect: {
      retries: {
        numRetries: 4,
        perTryTimeout: '1.500s',
        retryOn: '5xx,retriable-status-codes',
        retriableStatusCodes: [503],
      },
    },
  }),
  feature({
    what: 'mirror 25% to ratings: random 249999 is mirrored',
    call: send('/api', { random: 249_999 }),
    outcome: 'routed',
    expect: { mirrors: [{ cluster: C('ratings'), percent: 25, applies: true, exists: true }] },
  }),
  feature({
    what: 'mirror 25% to ratings: random 250000 is not',
    call: send('/api', { random: 250_000 }),
    outcome: 'routed',
    expect: { mirrors: [{ cluster: C('ratings'), applies: false }] },
  }),
  feature({
    what: 'regex rewrite /re/a/b -> /a/b',
    call: send('/re/a/b'),
    outcome: 'routed',
    cluster: V1,
    expect: { rewrite: { path: '/a/b' } },
  }),
  feature({
    what: 'retries 0: no retry policy',
    call: send('/noretry'),
    outcome: 'routed',
    absent: ['retries'],
    trace: ['timeout 0s (disabled); no retries'],
  }),
  feature({
    what: 'no timeout set: 0s (istiod disables it)',
    call: send('/noretry'),
    outcome: 'routed',
    expect: { timeout: '0s' },
  }),
  feature({
    what: 'delay 50%: random 499999 is delayed',
    call: send('/slow', { random: 499_999 }),
    outcome: 'routed',
    cluster: V1,
    expect: { responseFlag: 'DI', fault: { delay: { fixedDelay: '2s', percent: 50, applies: true } } },
  }),
  feature({
    what: 'delay 50%: random 500000 is not',
    call: send('/slow', { random: 500_000 }),
    outcome: 'routed',
    expect: { fault: { delay: { applies: false } } },
    absent: ['responseFlag'],
  }),
  feature({
    what: 'abort 10%: random 99999 aborts with 503',
    call: send('/flaky', { random: 99_999 }),
    outcome: 'fault_abort',
    expect: {
      status: 503,
      responseFlag: 'FI',
      fault: { abort: { httpStatus: 503, percent: 10, applies: true } },
    },
    absent: ['endpoints'],
  }),
  feature({
    what: 'abort 10%: random 100000 goes through',
    call: send('/flaky', { random: 100_000 }),
    outcome: 'routed',
    cluster: V1,
    expect: { fault: { abort: { applies: false } } },
  }),
  feature({
    what: 'dangling subset v9: no cluster',
    call: send('/ghost'),
    outcome: 'no_cluster',
    cluster: C('details', 'v9'),
    expect: { responseFlag: 'NC', status: 503 },
  }),
  feature({
    what: 'catch-all route: v1, with its file and line',
    call: send('/other'),
    outcome: 'routed',
    cluster: V1,
    expect: {
      route: { name: 'rest', index: 13 },
      config: { file: 'inline-1.yaml', line: 55, httpIndex: 13 },
    },
  }),
];

describe('simulate: HTTP route features', () => {
  it.each(rows)('$what', async (row) => {
    await check(row);
  });
});
