// What gRPC gets of VirtualService routes (istiod grpcgen rds.go over the sidecar route builder for a proxyless
// node): one virtual host per route config with `:port` domains, timeouts in max_stream_duration, retries, fault,
// hash policies and weighted clusters as written; redirects, query matches, CORS and mirrors (which gRPC would NACK or
// cannot do) left out and reported at the VirtualService's file and line.
import { allocatedClusterIP } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { GRPC_UNSUPPORTED, grpcRoute } from '../../src/grpc/grpc-route-compat.js';
import { buildGrpcRoutes } from '../../src/grpc/grpc-routes.js';
import { translateGrpc } from '../../src/grpc/grpc-translate.js';
import { MessageSink } from '../../src/messages.js';
import { expectEncodes, grpcCall, grpcClient, REVIEWS, world } from './helpers.js';

const RATINGS = 'ratings.default.svc.cluster.local';
const RATINGS_ROUTE = `outbound|9080||${RATINGS}`;

const RATINGS_VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ratings, namespace: default }
spec:
  hosts: [ratings]
  http:
  - name: jason
    match: [{ headers: { end-user: { exact: jason } } }]
    fault: { abort: { percentage: { value: 100 }, httpStatus: 503 } }
    timeout: 2s
    retries: { attempts: 3, retryOn: "unavailable,cancelled", perTryTimeout: 1s }
    route: [{ destination: { host: ratings, subset: v1 } }]
  - name: moved
    match: [{ uri: { prefix: /old } }]
    redirect: { uri: /new }
  - name: by-query
    match: [{ queryParams: { debug: { exact: "1" } } }]
    route: [{ destination: { host: ratings, subset: v1 } }]
  - name: split
    match: [{ uri: { prefix: /split } }]
    route:
    - { destination: { host: ratings, subset: v1 }, weight: 80 }
    - { destination: { host: ratings, subset: v2 }, weight: 20 }
  - name: rest
    mirror: { host: ratings, subset: v2 }
    corsPolicy: { allowOrigins: [{ exact: "https://example.com" }] }
    route: [{ destination: { host: ratings, subset: v1 } }]
`;

const RATINGS_DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: ratings, namespace: default }
spec:
  host: ratings
  trafficPolicy: { loadBalancer: { consistentHash: { httpHeaderName: x-user } } }
  subsets:
  - { name: v1, labels: { version: v1 } }
  - { name: v2, labels: { version: v2 } }
`;

async function ratings() {
  const w = await world([], [RATINGS_VS, RATINGS_DR]);
  const sink = new MessageSink();
  const [rc, ...rest] = buildGrpcRoutes(grpcClient, w.push, sink, [RATINGS_ROUTE]);
  expect(rest).toEqual([]);
  if (rc === undefined) throw new Error('no route config');
  expectEncodes({ routes: [rc] });
  return { rc, sink, vh: rc.virtual_hosts?.[0], routes: rc.virtual_hosts?.[0]?.routes ?? [] };
}

describe('gRPC route config', () => {
  it('holds the one virtual host of the service port, with :port domains and no catch-all', async () => {
    const { rc } = await ratings();
    // bookinfo's ratings Service has no clusterIP in its manifest: the registry allocates one, as the API server.
    const vip = allocatedClusterIP('default', 'ratings');
    expect(Object.keys(rc).sort()).toEqual(['name', 'virtual_hosts']);
    expect(rc.virtual_hosts?.map((v) => v.name)).toEqual([`${RATINGS}:9080`]);
    expect(rc.virtual_hosts?.[0]?.domains).toEqual([
      RATINGS,
      `${RATINGS}:9080`,
      `${RATINGS}.`,
      `${RATINGS}.:9080`,
      'ratings',
      'ratings:9080',
      'ratings.default.svc',
      'ratings.default.svc:9080',
      'ratings.default',
      'ratings.default:9080',
      // grpcgen keeps SidecarIgnorePort false: the cluster IP comes last, with its :port variant too.
      vip,
      `${vip}:9080`,
    ]);
  });

  it('keeps the routes gRPC honours in VirtualService order and drops redirect and query routes', async () => {
    const { routes } = await ratings();
    expect(routes.map((r) => r.name)).toEqual(['jason', 'split', 'rest']);
  });

  it('puts the timeout in max_stream_duration (not max_grpc_timeout) and keeps retries and the fault', async () => {
    const [jason] = (await ratings()).routes;
    expect(jason?.route?.timeout).toEqual({ seconds: '2' });
    expect(jason?.route?.max_stream_duration).toEqual({ max_stream_duration: { seconds: '2' } });
    expect(jason?.route?.max_grpc_timeout).toBeUndefined();
    expect(jason?.route?.retry_policy).toMatchObject({
      retry_on: 'unavailable,cancelled',
      num_retries: { value: 3 },
      per_try_timeout: { seconds: '1' },
    });
    expect(Object.keys(jason?.typed_per_filter_config ?? {})).toEqual(['envoy.filters.http.fault']);
    expect(jason?.typed_per_filter_config?.['envoy.filters.http.fault']).toMatchObject({
      abort: { http_status: 503 },
    });
    expect(jason?.match?.headers).toEqual([{ name: 'end-user', string_match: { exact: 'jason' } }]);
  });

  it('keeps weighted clusters and the DestinationRule header hash policy', async () => {
    const { routes } = await ratings();
    const split = routes.find((r) => r.name === 'split');
    expect(split?.route?.weighted_clusters?.clusters?.map((c) => [c.name, c.weight?.value])).toEqual([
      [`outbound|9080|v1|${RATINGS}`, 80],
      [`outbound|9080|v2|${RATINGS}`, 20],
    ]);
    expect(split?.route?.hash_policy).toEqual([
      { header: { header_name: 'x-user' } },
      { header: { header_name: 'x-user' } },
    ]);
  });

  it('leaves out mirrors and CORS, keeping the route', async () => {
    const rest = (await ratings()).routes.find((r) => r.name === 'rest');
    expect(rest?.route?.cluster).toBe(`outbound|9080|v1|${RATINGS}`);
    expect(rest?.route?.request_mirror_policies).toBeUndefined();
    expect(rest?.typed_per_filter_config).toBeUndefined();
  });

  it('reports each left-out feature at the VirtualService route that has it', async () => {
    const { sink } = await ratings();
    const ours = sink.list().filter((m) => m.code === GRPC_UNSUPPORTED);
    const lines = ours.map((m) => `${m.resource} ${m.file}:${m.line} ${m.message}`);
    expect(ours.every((m) => m.file === 'inline-1.yaml' && m.severity === 'Warning')).toBe(true);
    expect(lines).toEqual([
      'VirtualService default/ratings inline-1.yaml:15 proxyless gRPC: route "moved" is left out: gRPC rejects redirect and directResponse routes (NACK)',
      'VirtualService default/ratings inline-1.yaml:17 proxyless gRPC: route "by-query" is left out: gRPC ignores routes that match query parameters',
      'VirtualService default/ratings inline-1.yaml:25 proxyless gRPC: route "rest" mirror is left out: gRPC has no traffic mirroring',
      'VirtualService default/ratings inline-1.yaml:26 proxyless gRPC: route "rest" envoy.filters.http.cors is left out: gRPC has no such filter and rejects its config (NACK)',
    ]);
  });

  it('gives a service without VirtualService the default route and keeps max_grpc_timeout there, as istiod', async () => {
    const w = await world();
    const [rc] = buildGrpcRoutes(grpcClient, w.push, new MessageSink(), [RATINGS_ROUTE]);
    const [r, ...rest] = rc?.virtual_hosts?.[0]?.routes ?? [];
    expect(rest).toEqual([]);
    expect(r?.name).toBe('default');
    expect(r?.match).toEqual({ prefix: '/' });
    expect(r?.route?.cluster).toBe(RATINGS_ROUTE);
    expect(r?.route?.max_grpc_timeout).toEqual({ seconds: '0' });
    expect(r?.route?.max_stream_duration).toBeUndefined();
    expect(r?.route?.retry_policy?.num_retries).toEqual({ value: 2 });
  });

  it('answers names it cannot resolve with a message and no config', async () => {
    const w = await world();
    const sink = new MessageSink();
    const out = buildGrpcRoutes(grpcClient, w.push, sink, [
      '9080',
      'outbound|9080||nothing.default.svc.cluster.local',
      `outbound|1234||${RATINGS}`,
    ]);
    expect(out).toEqual([]);
    expect(sink.list().map((m) => m.code)).toEqual(['MM_GRPC_ROUTE', 'MM_GRPC_ROUTE', 'MM_GRPC_ROUTE']);
  });
});

describe('gRPC method routing', () => {
  const METHODS_VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: default }
spec:
  hosts: [reviews]
  http:
  - match: [{ uri: { exact: /reviews.Reviews/GetReviews }, headers: { x-canary: { prefix: "yes" } } }]
    route: [{ destination: { host: reviews, subset: v3 } }]
  - match: [{ uri: { regex: "/reviews[.]Reviews/Delete.*" } }]
    route: [{ destination: { host: reviews, subset: v2 } }]
  - match: [{ uri: { prefix: /reviews.Reviews/ } }]
    timeout: 500ms
    route: [{ destination: { host: reviews, subset: v1 } }]
`;
  const target = `xds:///${REVIEWS}:9080`;

  it('routes by method path (exact, regex, prefix) and header, and answers no route for other services', async () => {
    const w = await world(['destination-rule-all.yaml'], [METHODS_VS]);
    const t = translateGrpc(grpcClient, w.push, { listeners: [`${REVIEWS}:9080`] });
    expectEncodes(t);
    const call = (path: string, headers: Record<string, string> = {}) =>
      grpcCall(t, target, headers, path).addresses;
    expect(call('/reviews.Reviews/GetReviews', { 'x-canary': 'yes-please' })).toEqual(['10.0.0.5']);
    expect(call('/reviews.Reviews/GetReviews', { 'x-canary': 'no' })).toEqual(['10.0.0.3']);
    expect(call('/reviews.Reviews/DeleteAll')).toEqual(['10.0.0.4']);
    expect(call('/reviews.Reviews/List')).toEqual(['10.0.0.3']);
    expect(grpcCall(t, target, {}, '/ratings.Ratings/Get')).toMatchObject({ route: -1, cluster: undefined });
    const routes = t.routes[0]?.virtual_hosts?.[0]?.routes ?? [];
    expect(routes.map((r) => r.match?.path ?? r.match?.safe_regex?.regex ?? r.match?.prefix)).toEqual([
      '/reviews.Reviews/GetReviews',
      '/reviews[.]Reviews/Delete.*',
      '/reviews.Reviews/',
    ]);
    expect(routes[2]?.route?.max_stream_duration).toEqual({
      max_stream_duration: { seconds: '0', nanos: 500_000_000 },
    });
    // Only the subsets the routes use are asked for, so only they are sent.
    expect(t.clusters.map((c) => c.name)).toEqual([
      `outbound|9080|v1|${REVIEWS}`,
      `outbound|9080|v2|${REVIEWS}`,
      `outbound|9080|v3|${REVIEWS}`,
    ]);
  });
});

describe('grpcRoute on single routes', () => {
  it('drops routes whose weights sum to 0 and reports what gRPC ignores, keeping it', () => {
    const sink = new MessageSink();
    const zero = grpcRoute(
      { name: 'zero', match: { prefix: '/' }, route: { weighted_clusters: { clusters: [] } } },
      sink,
    );
    expect(zero).toBeUndefined();
    const cookie = grpcRoute(
      {
        name: 'cookie',
        match: { prefix: '/' },
        route: {
          cluster: RATINGS_ROUTE,
          prefix_rewrite: '/v2/',
          hash_policy: [{ cookie: { name: 'user' } }],
        },
        request_headers_to_add: [{ header: { key: 'x-a', value: 'b' } }],
      },
      sink,
    );
    expect(cookie?.route).toMatchObject({ cluster: RATINGS_ROUTE, prefix_rewrite: '/v2/' });
    expectEncodes({
      routes: [{ name: 'x', virtual_hosts: [{ name: 'x', domains: ['*'], routes: [cookie ?? {}] }] }],
    });
    expect(sink.list().map((m) => m.message)).toEqual([
      'proxyless gRPC: route "zero" is left out: its destination weights sum to 0, which gRPC rejects (NACK)',
      'proxyless gRPC: route "cookie" has path rewrites, header edits, cookie, source IP and query parameter hash policies (gRPC hashes on headers only), which gRPC ignores',
    ]);
  });
});
