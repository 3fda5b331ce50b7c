// Envoy behaviour the translator's output rarely exercises, on small hand-written resources: filter chains chosen
// by SNI, inline and missing route configs, fault filter rules, health status, cluster_header, redirects, port
// stripping, and configuration Envoy would reject.
import {
  anyOf,
  type Cluster,
  type ClusterLoadAssignment,
  type HttpConnectionManager,
  type Listener,
  type Route,
  type RouteConfiguration,
  TypeUrl,
} from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulate/simulate.js';
import type { SimulatedCall, SimulationResources } from '../../src/simulate/types.js';

const FAULT = 'envoy.filters.http.fault';

function hcm(extra: Partial<HttpConnectionManager>, fault = true): HttpConnectionManager {
  return {
    stat_prefix: 'test',
    http_filters: [
      ...(fault ? [{ name: FAULT, typed_config: anyOf(TypeUrl.HTTP_FAULT, {}) }] : []),
      { name: 'envoy.filters.http.router', typed_config: anyOf(TypeUrl.ROUTER, {}) },
    ],
    ...extra,
  };
}

function listener(chains: NonNullable<Listener['filter_chains']>): Listener {
  return {
    name: '0.0.0.0_8443',
    address: { socket_address: { address: '0.0.0.0', port_value: 8443 } },
    filter_chains: chains,
  };
}

const hcmFilter = (h: HttpConnectionManager) => ({
  name: 'envoy.filters.network.http_connection_manager',
  typed_config: anyOf(TypeUrl.HTTP_CONNECTION_MANAGER, h),
});

const cluster = (name: string, extra: Partial<Cluster> = {}): Cluster => ({ name, type: 'EDS', ...extra });
const cla = (name: string, hosts: [string, string?][]): ClusterLoadAssignment => ({
  cluster_name: name,
  endpoints: [
    {
      lb_endpoints: hosts.map(([ip, health]) => ({
        endpoint: { address: { socket_address: { address: ip, port_value: 80 } } },
        ...(health === undefined ? {} : { health_status: health as 'HEALTHY' }),
      })),
    },
  ],
});

function routes(list: Route[], extra: Partial<RouteConfiguration> = {}): RouteConfiguration {
  return { name: 'r', virtual_hosts: [{ name: 'vh', domains: ['*'], routes: list }], ...extra };
}

function world(
  rc: RouteConfiguration,
  h: Partial<HttpConnectionManager> = {},
  fault = true,
): SimulationResources {
  return {
    listeners: [listener([{ filters: [hcmFilter(hcm({ rds: { route_config_name: 'r' }, ...h }, fault))] }])],
    routes: [rc],
    clusters: [
      cluster('a'),
      cluster('b'),
      cluster('dns', { type: 'STRICT_DNS', load_assignment: cla('dns', [['db.example.com']]) }),
    ],
    endpoints: [
      cla('a', [
        ['10.1.0.1', 'HEALTHY'],
        ['10.1.0.2', 'UNHEALTHY'],
      ]),
      cla('b', [['10.2.0.1', 'DRAINING']]),
    ],
  };
}

const call = (more: Partial<SimulatedCall> = {}): SimulatedCall => ({
  port: 8443,
  host: 'x.example.com',
  path: '/',
  ...more,
});
const toA: Route = { match: { prefix: '/' }, route: { cluster: 'a' } };
const abortAll = (abort: Record<string, unknown>): Route => ({
  ...toA,
  typed_per_filter_config: { [FAULT]: anyOf(TypeUrl.HTTP_FAULT, { abort }) },
});

describe('simulate: Envoy edge behaviour', () => {
  it('picks the filter chain by SNI and reports the chains passed over', () => {
    const rc = routes([toA]);
    const w: SimulationResources = {
      ...world(rc),
      listeners: [
        listener([
          {
            name: 'a-sni',
            filter_chain_match: { server_names: ['a.example.com'] },
            filters: [hcmFilter(hcm({ route_config: rc }))],
          },
          {
            name: 'b-sni',
            filter_chain_match: { server_names: ['b.example.com'] },
            filters: [hcmFilter(hcm({ route_config: rc }))],
          },
        ]),
      ],
    };
    const r = simulate(w, call({ tls: { serverName: 'b.example.com' }, proxyType: 'router' }));
    expect(r).toMatchObject({
      outcome: 'routed',
      filterChain: 'b-sni',
      cluster: 'a',
      endpoints: ['10.1.0.1:80'],
    });
    expect(r.trace).toContain('route config: inline r');
    const none = simulate(w, call({ tls: { serverName: 'c.example.com' } }));
    expect(none).toMatchObject({ outcome: 'no_route', responseFlag: 'NR', listener: '0.0.0.0_8443' });
    expect(none.trace).toContain('filter chain: none of 2 matches and there is no default');
  });

  it('reports a missing RDS route configuration as no route', () => {
    const r = simulate({ ...world(routes([toA])), routes: [] }, call());
    expect(r).toMatchObject({
      outcome: 'no_route',
      responseFlag: 'NR',
      networkFilter: 'http_connection_manager',
    });
    expect(r.trace).toContain('route config: RDS r not found');
  });

  it('reports no virtual host for a host no domain matches', () => {
    const rc: RouteConfiguration = {
      name: 'r',
      virtual_hosts: [{ name: 'only', domains: ['a.example.com'], routes: [toA] }],
    };
    const r = simulate(world(rc), call());
    expect(r).toMatchObject({ outcome: 'no_route', status: 404 });
    expect(r.trace).toContain('virtual host: none matches host "x.example.com" (404, NR)');
  });

  it('counts only healthy (or unknown / degraded) endpoints; none healthy is UH', () => {
    const w = world(routes([{ match: { prefix: '/b' }, route: { cluster: 'b' } }, toA]));
    expect(simulate(w, call()).endpoints).toEqual(['10.1.0.1:80']);
    const b = simulate(w, call({ path: '/b' }));
    expect(b).toMatchObject({ outcome: 'no_healthy_upstream', responseFlag: 'UH', status: 503 });
    expect(b.trace).toContain('cluster b (EDS): 1 endpoint(s), none healthy (503, UH)');
  });

  it('reads a DNS cluster from its own load_assignment', () => {
    const r = simulate(world(routes([{ match: { prefix: '/' }, route: { cluster: 'dns' } }])), call());
    expect(r).toMatchObject({ outcome: 'routed', endpoints: ['db.example.com:80'] });
  });

  it('routes cluster_header to the header value, and NC without it', () => {
    const w = world(routes([{ match: { prefix: '/' }, route: { cluster_header: 'x-cluster' } }]));
    expect(simulate(w, call({ headers: { 'x-cluster': 'a' } }))).toMatchObject({
      outcome: 'routed',
      cluster: 'a',
    });
    expect(simulate(w, call())).toMatchObject({ outcome: 'no_cluster', responseFlag: 'NC', status: 503 });
  });

  it('never aborts when the abort has no percentage (0% in Envoy)', () => {
    const r = simulate(world(routes([abortAll({ http_status: 500 })])), call());
    expect(r).toMatchObject({
      outcome: 'routed',
      fault: { abort: { httpStatus: 500, percent: 0, applies: false } },
    });
  });

  it('aborts with the status of a header-controlled abort only when the header is sent', () => {
    const w = world(routes([abortAll({ header_abort: {}, percentage: { numerator: 100 } })]));
    expect(simulate(w, call()).outcome).toBe('routed');
    const r = simulate(w, call({ headers: { 'x-envoy-fault-abort-request': '429' } }));
    expect(r).toMatchObject({ outcome: 'fault_abort', status: 429, responseFlag: 'FI' });
  });

  it('ignores a route fault config when the connection manager has no fault filter', () => {
    const r = simulate(
      world(routes([abortAll({ http_status: 500, percentage: { numerator: 100 } })]), {}, false),
      call(),
    );
    expect(r.outcome).toBe('routed');
    expect(r.trace).toContain(
      'fault: the route has a fault config but the connection manager has no fault filter',
    );
  });

  it('builds an https redirect with a new port', () => {
    const rc = routes([{ match: { prefix: '/' }, redirect: { https_redirect: true, port_redirect: 8443 } }]);
    const r = simulate(world(rc), call({ host: 'shop.example.com:8080', path: '/cart?id=1' }));
    expect(r).toMatchObject({
      outcome: 'redirect',
      status: 301,
      redirect: { location: 'https://shop.example.com:8443/cart?id=1' },
    });
  });

  it('strips the host port when the connection manager says so', () => {
    const rc: RouteConfiguration = {
      name: 'r',
      virtual_hosts: [
        { name: 'exact', domains: ['x.example.com'], routes: [toA] },
        {
          name: 'other',
          domains: ['*'],
          routes: [{ match: { prefix: '/' }, direct_response: { status: 418 } }],
        },
      ],
    };
    expect(simulate(world(rc), call({ host: 'x.example.com:8443' })).virtualHost).toBe('other');
    const stripped = simulate(world(rc, { strip_any_host_port: true }), call({ host: 'x.example.com:8443' }));
    expect(stripped).toMatchObject({ virtualHost: 'exact', outcome: 'routed' });
  });

  it('reports configuration Envoy would reject instead of throwing', () => {
    const rc = routes([{ match: { safe_regex: { regex: '(?=x)' } }, route: { cluster: 'a' } }]);
    const r = simulate(world(rc), call());
    expect(r.outcome).toBe('no_route');
    expect(r.error).toMatch(/safe_regex/);
  });

  it('is pure: the same call gives the same result and the resources are untouched', () => {
    const w = world(routes([toA]));
    const before = JSON.stringify(w);
    expect(JSON.stringify(simulate(w, call()))).toBe(JSON.stringify(simulate(w, call())));
    expect(JSON.stringify(w)).toBe(before);
  });
});
