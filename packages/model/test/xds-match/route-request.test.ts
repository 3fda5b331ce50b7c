import { describe, expect, it } from 'vitest';
import type { RouteConfiguration } from '../../src/generated/types/envoy/config/route/v3/RouteConfiguration.js';
import { compileRouteConfig, routeRequest, XdsMatchError } from '../../src/xds-match/index.js';
import { makeRequest, makeRoute, makeRouteConfig, makeVirtualHost } from './fixtures.js';

const bookinfo = (extra: Partial<RouteConfiguration> = {}): RouteConfiguration =>
  makeRouteConfig(
    [
      makeVirtualHost(
        'reviews',
        ['reviews', 'reviews:9080'],
        [
          makeRoute(
            { prefix: '/', headers: [{ name: 'end-user', exact_match: 'jason' }] },
            { name: 'jason', cluster: 'reviews-v2' },
          ),
          {
            name: 'split',
            match: { prefix: '/' },
            route: {
              weighted_clusters: {
                clusters: [
                  { name: 'reviews-v1', weight: { value: 50 } },
                  { name: 'reviews-v3', weight: { value: 50 } },
                ],
              },
            },
          },
        ],
      ),
      makeVirtualHost('catch-all', ['*'], [{ match: { prefix: '/' }, direct_response: { status: 404 } }]),
    ],
    extra,
  );

describe('routeRequest', () => {
  it('routes through virtual host, route and cluster', () => {
    const r = routeRequest(
      bookinfo(),
      makeRequest({ authority: 'reviews:9080', headers: { 'End-User': 'jason' } }),
    );
    expect(r).toMatchObject({
      virtualHostIndex: 0,
      index: 0,
      host: 'reviews:9080',
      authority: 'reviews:9080',
      cluster: { specifier: 'cluster', name: 'reviews-v2' },
    });
    expect(r.matched?.name).toBe('jason');
    expect(r.virtualHost?.name).toBe('reviews');
    expect(r.trace).toBeUndefined();
  });

  it('picks weighted clusters with the same random value', () => {
    const req = makeRequest({ authority: 'reviews', headers: { 'end-user': 'alice' } });
    expect(routeRequest(bookinfo(), req, { random: 10 }).cluster).toMatchObject({
      specifier: 'weighted_clusters',
      name: 'reviews-v1',
      weighted: { index: 0, selectedValue: 10 },
    });
    expect(routeRequest(bookinfo(), req, { random: 175 }).cluster?.name).toBe('reviews-v3');
    expect(routeRequest(bookinfo(), req).cluster?.name).toBe('reviews-v1');
  });

  it('explains the virtual host and route choices', () => {
    const r = routeRequest(
      bookinfo(),
      makeRequest({ authority: 'reviews:9080', headers: { 'end-user': 'alice' } }),
      {
        explain: true,
        random: 99,
      },
    );
    expect(r.index).toBe(1);
    expect(r.trace).toEqual({
      virtualHosts: [
        {
          virtualHostIndex: 1,
          virtualHostName: 'catch-all',
          field: 'domain',
          detail: 'domain: "*" matches "reviews:9080", but "reviews:9080" (virtual host 0) is more specific',
        },
      ],
      routes: [
        {
          routeIndex: 0,
          routeName: 'jason',
          field: 'header',
          detail: 'header end-user: exact "jason" != "alice"',
        },
      ],
    });
    expect(r.cluster?.weighted?.trace).toEqual([
      {
        clusterIndex: 0,
        clusterName: 'reviews-v1',
        field: 'weight',
        detail: 'weight 50 covers [0, 50), not 99',
      },
    ]);
  });

  it('sends other ports to "*" by default and strips them on request', () => {
    const other = routeRequest(bookinfo(), makeRequest({ authority: 'reviews:9081' }));
    expect([other.virtualHostIndex, other.index, other.cluster]).toEqual([1, 0, undefined]);
    const stripped = routeRequest(bookinfo(), makeRequest({ authority: 'REVIEWS:9081' }), {
      portHandling: 'strip-any',
    });
    expect(stripped).toMatchObject({ virtualHostIndex: 0, authority: 'REVIEWS', host: 'reviews' });
    const matching = routeRequest(bookinfo(), makeRequest({ authority: 'reviews:9081' }), {
      portHandling: 'strip-matching',
      listenerPort: 9080,
    });
    expect(matching.virtualHostIndex).toBe(1);
  });

  it('shows header matchers the rewritten :authority, but not the lookup-only one', () => {
    const authorityIs = (value: string): RouteConfiguration =>
      makeRouteConfig(
        [
          makeVirtualHost(
            'r',
            ['r'],
            [makeRoute({ prefix: '/', headers: [{ name: ':authority', exact_match: value }] })],
          ),
        ],
        {
          ignore_port_in_host_matching: true,
        },
      );
    expect(routeRequest(authorityIs('r:81'), makeRequest({ authority: 'r:81' })).index).toBe(0);
    expect(routeRequest(authorityIs('r'), makeRequest({ authority: 'r:81' })).index).toBe(-1);
    expect(
      routeRequest(authorityIs('r'), makeRequest({ authority: 'r:81' }), { portHandling: 'strip-any' }).index,
    ).toBe(0);
  });

  it('honours ignore_path_parameters_in_path_matching from the config', () => {
    const config = (flag: boolean) =>
      makeRouteConfig([makeVirtualHost('v', ['*'], [makeRoute({ path: '/login' })])], {
        ignore_path_parameters_in_path_matching: flag,
      });
    const req = makeRequest({ path: '/login;jsessionid=abc' });
    expect(routeRequest(config(true), req).index).toBe(0);
    expect(routeRequest(config(false), req).index).toBe(-1);
  });

  it('resolves cluster_header to the first header value', () => {
    const config = makeRouteConfig([
      makeVirtualHost('v', ['*'], [{ match: { prefix: '/' }, route: { cluster_header: 'X-Target' } }]),
    ]);
    expect(routeRequest(config, makeRequest({ headers: { 'x-target': ['east', 'west'] } })).cluster).toEqual({
      specifier: 'cluster_header',
      name: 'east',
    });
    expect(routeRequest(config, makeRequest()).cluster).toEqual({
      specifier: 'cluster_header',
      name: undefined,
    });
  });

  it('reports no virtual host with a trace', () => {
    const config = makeRouteConfig([makeVirtualHost('a', ['a.com'])]);
    const r = routeRequest(config, makeRequest({ authority: 'b.com' }), { explain: true });
    expect(r).toMatchObject({ matched: undefined, index: -1, virtualHost: undefined, virtualHostIndex: -1 });
    expect(r.trace).toEqual({
      virtualHosts: [
        {
          virtualHostIndex: 0,
          virtualHostName: 'a',
          field: 'domain',
          detail: 'domain: none of "a.com" matches "b.com"',
        },
      ],
      routes: [],
    });
  });

  it('reports VirtualHost.matcher as unsupported and rejects matcher with routes', () => {
    const tree = { matcher_list: { matchers: [] } };
    const config = makeRouteConfig([{ name: 'm', domains: ['*'], matcher: tree }]);
    const r = routeRequest(config, makeRequest(), { explain: true });
    expect(r.unsupported).toBe('VirtualHost.matcher (xDS matcher tree) is not supported');
    expect(r.trace?.routes[0]).toMatchObject({ routeIndex: -1, field: 'unsupported' });
    const both = makeRouteConfig([{ ...makeVirtualHost('m', ['*']), matcher: tree }]);
    expect(() => compileRouteConfig(both)).toThrow('virtual_hosts[0]: cannot set both matcher and routes');
  });

  it('rejects invalid configuration with the field path', () => {
    const badRegex = makeRouteConfig([
      makeVirtualHost('v', ['*'], [makeRoute({ prefix: '/' }), makeRoute({ safe_regex: { regex: '/(?i' } })]),
    ]);
    expect(() => compileRouteConfig(badRegex)).toThrow(XdsMatchError);
    expect(() => compileRouteConfig(badRegex)).toThrow(
      /^virtual_hosts\[0\]\.routes\[1\]\.match\.safe_regex\.regex: /,
    );
    const noCluster = makeRouteConfig([makeVirtualHost('v', ['*'], [{ match: { prefix: '/' }, route: {} }])]);
    expect(() => compileRouteConfig(noCluster)).toThrow('virtual_hosts[0].routes[0].route: one of cluster');
    const zero = makeRouteConfig([
      makeVirtualHost(
        'v',
        ['*'],
        [
          {
            match: { prefix: '/' },
            route: { weighted_clusters: { clusters: [{ name: 'a', weight: { value: 0 } }] } },
          },
        ],
      ),
    ]);
    expect(() => compileRouteConfig(zero)).toThrow(
      'virtual_hosts[0].routes[0].route.weighted_clusters.clusters',
    );
  });

  it('gives the same answers compiled once as per call', () => {
    const compiled = compileRouteConfig(bookinfo());
    for (const [authority, user, random] of [
      ['reviews', 'jason', 0],
      ['reviews:9080', 'alice', 51],
      ['elsewhere', 'alice', 3],
    ] as const) {
      const req = makeRequest({ authority, headers: { 'end-user': user } });
      expect(compiled.match(req, { random, explain: true })).toEqual(
        routeRequest(bookinfo(), req, { random, explain: true }),
      );
    }
  });

  it('rejects an invalid random value', () => {
    expect(() => routeRequest(bookinfo(), makeRequest(), { random: -1 })).toThrow(RangeError);
  });
});
