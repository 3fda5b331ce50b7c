// Delegate VirtualServices as istiod 1.30 merges them: calls through the ingress gateway (bookinfo-gateway.yaml
// plus a root VirtualService with five delegates) and through productpage's sidecar (a mesh root for reviews),
// simulated over the generated resources; the messages for delegates that cannot be used; istiod's match-merge
// rules one by one; and strict encoding of everything generated.
import { encode, type HTTPMatchRequest, type RouteStringMatch } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { matchConflict, mergeMatch, stringMatchConflict } from '../../src/route/delegate-merge.js';
import { C, check, configFor, type Row } from '../simulate/helpers.js';

import { GATEWAY, gw, MESH, ROOT_CONFIG, SHORT } from './delegate-fixtures.js';

const rows: Row[] = [
  {
    what: "jason's /reviews/v2: the delegate's first route under the root's prefix, named root-delegate",
    proxy: 'gateway',
    input: GATEWAY,
    call: gw('/reviews/v2/1', { 'end-user': 'jason' }),
    outcome: 'routed',
    cluster: C('reviews', 'v2'),
    expect: {
      virtualHost: 'bookinfo.example.com:8080',
      route: { index: 0, name: 'reviews-v2' },
      config: { ...ROOT_CONFIG, line: 8, httpIndex: 0 },
    },
  },
  {
    what: 'anyone else on /reviews/v2: the header condition fails, the matchless delegate route takes the root match',
    proxy: 'gateway',
    input: GATEWAY,
    call: gw('/reviews/v2/1'),
    outcome: 'routed',
    cluster: C('reviews', 'v1'),
    expect: { route: { index: 1, name: 'reviews-all' } },
    trace: ['route 0 (reviews-v2): header end-user: absent (exact "jason")'],
  },
  {
    what: '/reviews: the delegate routes stay inside the root prefix',
    proxy: 'gateway',
    input: GATEWAY,
    call: gw('/reviews'),
    outcome: 'routed',
    cluster: C('reviews', 'v1'),
  },
  {
    what: "/ratings: the delegate's /ratings route conflicts with the root's /reviews and is dropped",
    proxy: 'gateway',
    input: GATEWAY,
    call: gw('/ratings'),
    outcome: 'no_route',
    expect: { responseFlag: 'NR', status: 404, virtualHost: 'bookinfo.example.com:8080' },
  },
  {
    what: "/productpage: exact under the root's prefix; the root's timeout is inherited",
    proxy: 'gateway',
    input: GATEWAY,
    call: gw('/productpage'),
    outcome: 'routed',
    cluster: C('productpage'),
    expect: { timeout: '7s', route: { name: 'pp' }, config: { ...ROOT_CONFIG, httpIndex: 1 } },
  },
  {
    what: "/productpage/slow: the delegate's own timeout wins over the root's",
    proxy: 'gateway',
    input: GATEWAY,
    call: gw('/productpage/slow/x'),
    outcome: 'routed',
    cluster: C('productpage'),
    expect: { timeout: '30s' },
  },
  {
    what: '/productpage/other: neither the exact nor the /slow prefix of the delegate: 404',
    proxy: 'gateway',
    input: GATEWAY,
    call: gw('/productpage/other'),
    outcome: 'no_route',
    expect: { responseFlag: 'NR' },
  },
  {
    what: '/ghost: the delegate does not exist, the route is ignored',
    proxy: 'gateway',
    input: GATEWAY,
    call: gw('/ghost'),
    outcome: 'no_route',
  },
  {
    what: '/hosted: a VirtualService with hosts is never a delegate',
    proxy: 'gateway',
    input: GATEWAY,
    call: gw('/hosted'),
    outcome: 'no_route',
  },
  {
    what: '/private: a delegate exported only to its own namespace is not usable from default',
    proxy: 'gateway',
    input: GATEWAY,
    call: gw('/private'),
    outcome: 'no_route',
  },
  {
    what: "other hosts keep bookinfo-gateway.yaml's own VirtualService",
    proxy: 'gateway',
    input: GATEWAY,
    call: gw('/productpage', {}, 'shop.example.com'),
    outcome: 'routed',
    cluster: C('productpage'),
    expect: { config: { name: 'bookinfo' } },
  },
  {
    what: "sidecar: jason's /api call takes the delegate's path route under the root's header match",
    input: MESH,
    call: { port: 9080, host: 'reviews:9080', path: '/api/1', headers: { 'end-user': 'jason' } },
    outcome: 'routed',
    cluster: C('reviews', 'v2'),
    expect: { route: { index: 0, name: 'jason-api' }, config: { name: 'reviews', httpIndex: 0 } },
  },
  {
    what: 'sidecar: the second delegate match (/health) is merged with the root match too',
    input: MESH,
    call: { port: 9080, host: 'reviews:9080', path: '/health', headers: { 'end-user': 'jason' } },
    outcome: 'routed',
    cluster: C('reviews', 'v2'),
    expect: { route: { index: 1, name: 'jason-api' } },
  },
  {
    what: "sidecar: jason elsewhere gets the delegate's weighted route (80 to v3 at random 0)",
    input: MESH,
    call: { port: 9080, host: 'reviews:9080', path: '/', headers: { 'end-user': 'jason' } },
    outcome: 'routed',
    cluster: C('reviews', 'v3'),
  },
  {
    what: "sidecar: jason elsewhere at random 90 lands in the delegate's 20% to v1",
    input: MESH,
    call: { port: 9080, host: 'reviews:9080', path: '/', headers: { 'end-user': 'jason' }, random: 90 },
    outcome: 'routed',
    cluster: C('reviews', 'v1'),
  },
  {
    what: "sidecar: without the header the root's own route after the delegate applies",
    input: MESH,
    call: { port: 9080, host: 'reviews:9080', path: '/api/1' },
    outcome: 'routed',
    cluster: C('reviews', 'v1'),
    expect: { route: { index: 3 }, config: { name: 'reviews', httpIndex: 1 } },
  },
  {
    what: "a short host in the delegate resolves in the delegate's namespace (ratings.team): no such cluster",
    input: SHORT,
    call: { port: 9080, host: 'ratings:9080', path: '/team/1' },
    outcome: 'no_cluster',
    expect: { responseFlag: 'NC', cluster: 'outbound|9080||ratings.team.svc.cluster.local' },
  },
  {
    what: "the root's mirror resolves in the root's namespace and applies to every delegate route",
    input: SHORT,
    call: { port: 9080, host: 'ratings:9080', path: '/' },
    outcome: 'routed',
    cluster: C('ratings'),
    expect: { mirrors: [{ cluster: C('details'), percent: 100, applies: true, exists: true }] },
  },
];

describe('delegate VirtualServices (simulated)', () => {
  it.each(rows.map((r) => [r.what, r] as const))('%s', async (_what, row) => {
    await check(row);
  });
});

describe('delegate VirtualServices: resources and messages', () => {
  it('reports each delegate that cannot be used at its file and line, and nothing else', async () => {
    const t = await configFor('gateway', GATEWAY);
    const delegateMessages = t.messages
      .filter((m) => m.file?.startsWith('inline-') === true)
      .map((m) => [m.code, m.resource, `${m.file}:${m.line}`, m.message]);
    expect(delegateMessages).toEqual([
      [
        'TR0009',
        'VirtualService team/reviews-delegate',
        'inline-2.yaml:10',
        'the matches of route http[1] conflict with those of route http[0] of root VirtualService default/root; the route is dropped there',
      ],
      [
        'IST0101',
        'VirtualService default/root',
        'inline-1.yaml:16',
        'Referenced delegate not found: "default/missing"',
      ],
      [
        'TR0007',
        'VirtualService default/root',
        'inline-1.yaml:18',
        'delegate VirtualService default/has-hosts has hosts, so it is a root of its own and not a delegate; route http[3] of default/root is ignored',
      ],
      [
        'TR0008',
        'VirtualService default/root',
        'inline-1.yaml:20',
        'delegate virtual service team/private-delegate of default/root is not exported to default; route http[4] is ignored',
      ],
    ]);
  });

  it("reports a delegate's dangling destination at the delegate's own field", async () => {
    const t = await configFor('sidecar', SHORT);
    expect(t.messages.map((m) => [m.code, m.resource, `${m.file}:${m.line}`, m.message])).toContainEqual([
      'IST0101',
      'VirtualService team/ratings-short',
      'inline-1.yaml:16',
      'Referenced host not found: "ratings"',
    ]);
  });

  it("writes the root's istio.config and the delegate's source in minimesh metadata; everything encodes", async () => {
    const t = await configFor('gateway', GATEWAY);
    const rc = t.routes.find((r) => r.name === 'http.8080');
    const vh = rc?.virtual_hosts?.find((v) => v.name === 'bookinfo.example.com:8080');
    const route = vh?.routes?.[0];
    expect(route?.metadata?.filter_metadata).toEqual({
      istio: {
        fields: {
          config: { stringValue: '/apis/networking.istio.io/v1/namespaces/default/virtual-service/root' },
        },
      },
      minimesh: {
        fields: {
          file: { stringValue: 'inline-1.yaml' },
          line: { numberValue: 8 },
          http: { numberValue: 0 },
          delegate: { stringValue: 'team/reviews-delegate' },
          delegate_file: { stringValue: 'inline-2.yaml' },
          delegate_line: { numberValue: 6 },
          delegate_http: { numberValue: 0 },
        },
      },
    });
    // istiod's merged match: the delegate's prefix and header, in the delegate's order (5 routes from 3 delegates).
    expect(route?.match).toMatchObject({ prefix: '/reviews/v2', headers: [{ name: 'end-user' }] });
    expect(vh?.routes?.map((r) => r.name)).toEqual(['reviews-v2', 'reviews-all', 'pp', 'pp']);
    for (const r of t.routes)
      expect(() => encode('envoy.config.route.v3.RouteConfiguration', r)).not.toThrow();
    const mesh = await configFor('sidecar', MESH);
    for (const r of mesh.routes)
      expect(() => encode('envoy.config.route.v3.RouteConfiguration', r)).not.toThrow();
    // The weighted route's decorator names the merged VirtualService: the root.
    const weighted = mesh.routes
      .find((r) => r.name === '9080')
      ?.virtual_hosts?.find((v) => v.name === 'reviews.default.svc.cluster.local:9080')?.routes?.[2];
    expect(weighted?.decorator?.operation).toBe('reviews:9080/*');
  });
});

describe("istiod's merge rules (mergeHTTPMatchRequest / hasConflict)", () => {
  const s = (m: RouteStringMatch): RouteStringMatch => m;
  it.each([
    ['prefix under prefix', s({ prefix: '/a' }), s({ prefix: '/a/b' }), false],
    ['prefix outside prefix', s({ prefix: '/a/b' }), s({ prefix: '/a' }), true],
    ['exact under prefix', s({ prefix: '/a' }), s({ exact: '/a/x' }), false],
    ['exact outside prefix', s({ prefix: '/a' }), s({ exact: '/b' }), true],
    ['same exact', s({ exact: '/a' }), s({ exact: '/a' }), false],
    ['other exact', s({ exact: '/a' }), s({ exact: '/b' }), true],
    ['prefix under exact', s({ exact: '/a' }), s({ prefix: '/a' }), true],
    ['regex under prefix', s({ prefix: '/a' }), s({ regex: '/a.*' }), true],
    ['anything under regex', s({ regex: '/a.*' }), s({ prefix: '/a' }), true],
  ] as const)('%s', (_what, root, leaf, conflict) => {
    expect(stringMatchConflict(root, leaf)).toBe(conflict);
    expect(stringMatchConflict(undefined, leaf)).toBe(false);
  });

  it('merges headers, ports, source labels and gateways, the delegate winning', () => {
    const root: HTTPMatchRequest = {
      name: 'r',
      uri: { prefix: '/a' },
      headers: { x: { exact: '1' }, y: { exact: 'root' } },
      port: 80,
      gateways: ['default/gw'],
    };
    const leaf: HTTPMatchRequest = {
      name: 'l',
      headers: { y: { exact: 'root' } },
      sourceLabels: { app: 'a' },
    };
    expect(mergeMatch(root, leaf)).toEqual({
      name: 'r-l',
      uri: { prefix: '/a' },
      headers: { x: { exact: '1' }, y: { exact: 'root' } },
      port: 80,
      sourceLabels: { app: 'a' },
      gateways: ['default/gw'],
    });
    expect(matchConflict(root, { headers: { y: { exact: 'other' } } })).toBe(true);
    expect(matchConflict(root, { port: 81 })).toBe(true);
    expect(matchConflict(root, { gateways: ['default/other'] })).toBe(true);
    expect(matchConflict(root, { ignoreUriCase: true })).toBe(true);
    expect(matchConflict({ sourceNamespace: 'a' }, {})).toBe(true);
    expect(matchConflict({ sourceLabels: { app: 'a' } }, { sourceLabels: { app: 'b' } })).toBe(true);
    expect(matchConflict(root, { uri: { prefix: '/a/b' }, port: 80 })).toBe(false);
  });
});
