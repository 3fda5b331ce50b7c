import { type Route, toProto3Json } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { buildRoutes } from '../../src/route/build-routes.js';
import { productpage, world } from './fixtures.js';
import { expectEncodable, send } from './helpers.js';

const DETAILS_RICH = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: details, namespace: default }
spec:
  hosts: [details]
  http:
  - name: api
    match: [{ name: v2, uri: { prefix: /api } }]
    rewrite: { uri: /v2/api, authority: details-internal }
    timeout: 3s
    retries: { attempts: 4, perTryTimeout: 1.5s, retryOn: "5xx,503" }
    mirror: { host: ratings }
    mirrorPercentage: { value: 25 }
    corsPolicy:
      allowOrigins: [{ exact: "https://example.com" }, { regex: "https://.*[.]example[.]org" }]
      allowMethods: [GET, POST]
      allowHeaders: [x-a, x-b]
      maxAge: 24h
      allowCredentials: true
    headers:
      request: { set: { x-a: "1" }, add: { x-b: "2" }, remove: [x-c] }
      response: { set: { x-r: "r" }, remove: [server] }
    route: [{ destination: { host: details, subset: v1 } }]
  - match: [{ uri: { regex: '/re/.*' }, ignoreUriCase: true }]
    rewrite: { uriRegexRewrite: { match: '^/re/(.*)$', rewrite: '/\\1' } }
    route: [{ destination: { host: details, subset: v1 } }]
  - match: [{ uri: { exact: /old } }]
    redirect: { uri: /new, authority: example.com, redirectCode: 302 }
  - match: [{ uri: { exact: /teapot } }]
    directResponse: { status: 418, body: { string: "short and stout" } }
  - match: [{ uri: { prefix: /noretry } }]
    retries: { attempts: 0 }
    route: [{ destination: { host: details, subset: v1 } }]
  - match: [{ uri: { prefix: /mirrors } }]
    mirrors:
    - { destination: { host: ratings }, percentage: { value: 5.5 } }
    - { destination: { host: reviews, subset: v2 } }
    route:
    - { destination: { host: details, subset: v1 }, weight: 90, headers: { request: { set: { x-w: v1 } } } }
    - { destination: { host: details, subset: v2 }, weight: 10 }
    - { destination: { host: details, subset: v2 }, weight: 0 }
  - route: [{ destination: { host: details, subset: v1 } }]
`;

async function detailsRoutes(): Promise<Route[]> {
  const w = await world(['destination-rule-all.yaml'], [DETAILS_RICH]);
  const rcs = buildRoutes(productpage, w.push, w.sink);
  expectEncodable(rcs);
  expect(w.sink.list()).toEqual([]);
  const vh = rcs
    .find((r) => r.name === '9080')
    ?.virtual_hosts?.find((v) => v.name === 'details.default.svc.cluster.local:9080');
  return vh?.routes ?? [];
}

const json = (r: Route | undefined) =>
  toProto3Json('envoy.config.route.v3.Route', r ?? {}) as Record<string, unknown>;

describe('VirtualService HTTP route features', () => {
  it('translates rewrite, timeout, retries, mirror, CORS, headers, name and metadata', async () => {
    const [api] = await detailsRoutes();
    expect(json(api)).toMatchObject({
      name: 'api.v2',
      match: { prefix: '/api', case_sensitive: true },
      route: {
        cluster: 'outbound|9080|v1|details.default.svc.cluster.local',
        prefix_rewrite: '/v2/api',
        host_rewrite_literal: 'details-internal',
        timeout: '3s',
        max_grpc_timeout: '3s',
        retry_policy: {
          retry_on: '5xx,retriable-status-codes',
          retriable_status_codes: [503],
          num_retries: 4,
          per_try_timeout: '1.500s',
        },
        request_mirror_policies: [
          {
            cluster: 'outbound|9080||ratings.default.svc.cluster.local',
            runtime_fraction: { default_value: { numerator: 250000, denominator: 'MILLION' } },
            trace_sampled: false,
            disable_shadow_host_suffix_append: true,
          },
        ],
      },
      request_headers_to_add: [
        { header: { key: 'x-a', value: '1' }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' },
        // APPEND_IF_EXISTS_OR_ADD is the enum's zero value: proto3 JSON leaves it out.
        { header: { key: 'x-b', value: '2' } },
      ],
      request_headers_to_remove: ['x-c'],
      response_headers_to_add: [
        { header: { key: 'x-r', value: 'r' }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' },
      ],
      response_headers_to_remove: ['server'],
      decorator: { operation: 'details.default.svc.cluster.local:9080/api*' },
      metadata: {
        filter_metadata: {
          istio: { config: '/apis/networking.istio.io/v1/namespaces/default/virtual-service/details' },
          minimesh: { file: 'inline-1.yaml', line: 7, http: 0 },
        },
      },
      typed_per_filter_config: {
        'envoy.filters.http.cors': {
          '@type': 'type.googleapis.com/envoy.extensions.filters.http.cors.v3.CorsPolicy',
          allow_origin_string_match: [
            { exact: 'https://example.com' },
            { safe_regex: { regex: 'https://.*[.]example[.]org' } },
          ],
          allow_methods: 'GET,POST',
          allow_headers: 'x-a,x-b',
          max_age: '86400',
          allow_credentials: true,
          filter_enabled: { default_value: { numerator: 100 } },
        },
      },
    });
  });

  it('translates a regex rewrite and ignoreUriCase', async () => {
    const routes = await detailsRoutes();
    expect(json(routes[1])).toMatchObject({
      match: { safe_regex: { regex: '/re/.*' }, case_sensitive: false },
      route: { regex_rewrite: { pattern: { regex: '^/re/(.*)$' }, substitution: '/\\1' } },
    });
  });

  it('translates redirect and direct response', async () => {
    const routes = await detailsRoutes();
    expect(json(routes[2])).toMatchObject({
      match: { path: '/old' },
      redirect: { path_redirect: '/new', host_redirect: 'example.com', response_code: 'FOUND' },
    });
    expect(json(routes[3])).toMatchObject({
      direct_response: { status: 418, body: { inline_string: 'short and stout' } },
    });
    expect(routes[2]?.typed_per_filter_config).toBeUndefined();
  });

  it('disables retries with attempts 0', async () => {
    const routes = await detailsRoutes();
    expect(routes[4]?.route?.retry_policy).toBeUndefined();
  });

  it('writes weighted clusters (0-weight dropped), per-destination headers and several mirrors', async () => {
    const routes = await detailsRoutes();
    expect(json(routes[5])).toMatchObject({
      route: {
        weighted_clusters: {
          clusters: [
            {
              name: 'outbound|9080|v1|details.default.svc.cluster.local',
              weight: 90,
              request_headers_to_add: [
                { header: { key: 'x-w', value: 'v1' }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' },
              ],
            },
            { name: 'outbound|9080|v2|details.default.svc.cluster.local', weight: 10 },
          ],
        },
        request_mirror_policies: [
          {
            cluster: 'outbound|9080||ratings.default.svc.cluster.local',
            runtime_fraction: { default_value: { numerator: 55000, denominator: 'MILLION' } },
          },
          {
            // No percentage: 100 per HUNDRED (HUNDRED is the enum's zero value, left out of proto3 JSON).
            cluster: 'outbound|9080|v2|reviews.default.svc.cluster.local',
            runtime_fraction: { default_value: { numerator: 100 } },
          },
        ],
      },
      decorator: { operation: 'details:9080/mirrors*' },
    });
  });

  it('puts the fault filter config on the route for test-delay (7s for 100% of jason)', async () => {
    const w = await world(['destination-rule-all.yaml', 'virtual-service-ratings-test-delay.yaml']);
    const rcs = buildRoutes(productpage, w.push, w.sink);
    expectEncodable(rcs);
    const sent = send(rcs, '9080', { authority: 'ratings:9080', headers: { 'end-user': 'jason' } });
    expect(json(sent.result.matched).typed_per_filter_config).toEqual({
      'envoy.filters.http.fault': {
        '@type': 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault',
        delay: { fixed_delay: '7s', percentage: { numerator: 1000000, denominator: 'MILLION' } },
      },
    });
    const other = send(rcs, '9080', { authority: 'ratings:9080' });
    expect(other.result.matched?.typed_per_filter_config).toBeUndefined();
  });

  it('puts the fault filter config on the route for test-abort (500 for 100% of jason)', async () => {
    const w = await world(['destination-rule-all.yaml', 'virtual-service-ratings-test-abort.yaml']);
    const rcs = buildRoutes(productpage, w.push, w.sink);
    const sent = send(rcs, '9080', { authority: 'ratings:9080', headers: { 'end-user': 'jason' } });
    expect(json(sent.result.matched).typed_per_filter_config).toEqual({
      'envoy.filters.http.fault': {
        '@type': 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault',
        abort: { http_status: 500, percentage: { numerator: 1000000, denominator: 'MILLION' } },
      },
    });
  });

  it('turns a DestinationRule consistentHash into hash_policy and drops previous_hosts', async () => {
    const w = await world(
      ['virtual-service-all-v1.yaml'],
      [
        `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: default }
spec:
  host: reviews
  trafficPolicy: { loadBalancer: { consistentHash: { httpHeaderName: x-user } } }
  subsets:
  - { name: v1, labels: { version: v1 }, trafficPolicy: { loadBalancer: { consistentHash: { useSourceIp: true } } } }
`,
      ],
    );
    const rcs = buildRoutes(productpage, w.push, w.sink);
    expectEncodable(rcs);
    const route = send(rcs, '9080', { authority: 'reviews:9080' }).result.matched?.route;
    expect(route?.hash_policy).toEqual([{ connection_properties: { source_ip: true } }]);
    expect(route?.retry_policy?.retry_host_predicate).toBeUndefined();
    const def = send(rcs, '9080', { authority: 'ratings:9080' }).result.matched?.route;
    expect(def?.hash_policy).toBeUndefined();
  });
});

describe('bad input becomes messages', () => {
  it('routes to a subset no DestinationRule defines and reports IST0101 at the subset', async () => {
    const w = await world(
      ['destination-rule-all.yaml'],
      [
        `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: default }
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: { host: reviews, subset: v9 }
`,
      ],
    );
    const rcs = buildRoutes(productpage, w.push, w.sink);
    expect(send(rcs, '9080', { authority: 'reviews:9080' }).outcome).toBe(
      'outbound|9080|v9|reviews.default.svc.cluster.local',
    );
    expect(w.sink.list()).toEqual([
      {
        code: 'IST0101',
        severity: 'Error',
        message: 'Referenced host+subset in destinationrule not found: "reviews+v9"',
        resource: 'VirtualService default/reviews',
        file: 'inline-1.yaml',
        line: 8,
      },
    ]);
  });

  it('reports an unknown destination host and still routes', async () => {
    const w = await world(
      [],
      [
        `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: default }
spec:
  hosts: [reviews]
  http:
  - route: [{ destination: { host: nowhere, port: { number: 80 } } }]
`,
      ],
    );
    const rcs = buildRoutes(productpage, w.push, w.sink);
    expect(send(rcs, '9080', { authority: 'reviews' }).outcome).toBe(
      'outbound|80||nowhere.default.svc.cluster.local',
    );
    expect(w.sink.list().map((m) => [m.code, m.message])).toEqual([
      ['IST0101', 'Referenced host not found: "nowhere"'],
    ]);
  });

  it('keeps the first of conflicting VirtualServices and reports IST0109 on both, as the analyzer does', async () => {
    const w = await world(
      ['destination-rule-all.yaml', 'virtual-service-reviews-test-v2.yaml'],
      [
        `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews-z, namespace: default }
spec:
  hosts: [reviews.default.svc.cluster.local]
  http:
  - route: [{ destination: { host: reviews, subset: v3 } }]
`,
      ],
    );
    const rcs = buildRoutes(productpage, w.push, w.sink);
    expect(send(rcs, '9080', { authority: 'reviews' }).outcome).toBe(
      'outbound|9080|v1|reviews.default.svc.cluster.local',
    );
    const msgs = w.sink.list();
    expect(msgs.map((m) => [m.code, m.resource, m.file?.replace(/.*\//, ''), m.line])).toEqual([
      ['IST0109', 'VirtualService default/reviews', 'virtual-service-reviews-test-v2.yaml', 4],
      ['IST0109', 'VirtualService default/reviews-z', 'inline-1.yaml', 3],
    ]);
    expect(msgs[0]?.message).toBe(
      'The VirtualServices default/reviews,default/reviews-z associated with mesh gateway define the same host reviews.default.svc.cluster.local which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.',
    );
  });
});

describe('istiod 1.30 details', () => {
  const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ratings, namespace: default }
spec:
  hosts: [ratings]
  http:
  - match: [{ name: ids, withoutHeaders: { x-user: { exact: admin } }, uri: { prefix: /p } }]
    retries: { attempts: 3, backoff: 250ms, retryIgnorePreviousHosts: false }
    route: [{ destination: { host: ratings } }]
  - match: [{ withoutHeaders: { x-debug: { regex: "*" } } }]
    route: [{ destination: { host: ratings } }]
`;

  it('names a route `.ids` from a named match of an unnamed route, with treat_missing_header_as_empty and backoff', async () => {
    const w = await world([], [VS]);
    const rcs = buildRoutes(productpage, w.push, w.sink);
    expectEncodable(rcs);
    const vh = rcs.find((r) => r.name === '9080')?.virtual_hosts?.find((v) => v.name?.startsWith('ratings.'));
    const [first, second] = vh?.routes ?? [];
    expect(json(first)).toMatchObject({
      name: '.ids',
      match: {
        headers: [
          {
            name: 'x-user',
            string_match: { exact: 'admin' },
            invert_match: true,
            treat_missing_header_as_empty: true,
          },
        ],
      },
      route: { retry_policy: { num_retries: 3, retry_back_off: { base_interval: '0.250s' } } },
    });
    expect(first?.route?.retry_policy?.retry_host_predicate).toBeUndefined();
    // A request without the header is not an admin: the inverted matcher sees "" and matches.
    expect(send(rcs, '9080', { authority: 'ratings', path: '/p' }).result.index).toBe(0);
    expect(
      send(rcs, '9080', { authority: 'ratings', path: '/p', headers: { 'x-user': 'admin' } }).result.index,
    ).toBe(1); // falls through to the next route
    // The regex `*` only asks for presence: withoutHeaders then means "header absent".
    expect(json(second).match).toMatchObject({
      headers: [{ name: 'x-debug', present_match: true, invert_match: true }],
    });
    // With the header no route matches: the VirtualService has no catch-all, so Envoy answers 404.
    expect(send(rcs, '9080', { authority: 'ratings', headers: { 'x-debug': '1' } }).outcome).toBe('none');
    expect(send(rcs, '9080', { authority: 'ratings' }).result.index).toBe(1);
  });
});

describe('ExternalName aliases', () => {
  it('routes a destination that is an ExternalName Service to the concrete host (istiod GetDestinationCluster)', async () => {
    const w = await world(
      [],
      [
        `apiVersion: v1
kind: Service
metadata: { name: reviews-alias, namespace: default }
spec: { type: ExternalName, externalName: reviews.default.svc.cluster.local, ports: [{ port: 9080, name: http }] }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ratings, namespace: default }
spec:
  hosts: [ratings]
  http:
  - route: [{ destination: { host: reviews-alias } }]
`,
      ],
    );
    const rcs = buildRoutes(productpage, w.push, w.sink);
    expect(send(rcs, '9080', { authority: 'ratings' }).outcome).toBe(
      'outbound|9080||reviews.default.svc.cluster.local',
    );
  });
});
