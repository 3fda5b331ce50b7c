import { describe, expect, it } from 'vitest';
import { compileRoutes, matchRoute, XdsMatchError } from '../../src/xds-match/index.js';
import { makeRequest, makeRoute } from './fixtures.js';

describe('route matching', () => {
  const routes = [
    makeRoute({ prefix: '/api' }, { name: 'api' }),
    makeRoute({ prefix: '/' }, { name: 'all' }),
  ];

  it('takes the first route that matches, in order', () => {
    expect(matchRoute(routes, makeRequest({ path: '/api/x' }))).toEqual({ matched: routes[0], index: 0 });
    expect(matchRoute(routes, makeRequest({ path: '/x' }))).toEqual({ matched: routes[1], index: 1 });
    expect(matchRoute([...routes].reverse(), makeRequest({ path: '/api/x' })).matched?.name).toBe('all');
  });

  it('returns no match and builds no trace unless asked', () => {
    const r = matchRoute([routes[0] ?? makeRoute({})], makeRequest({ path: '/x' }));
    expect(r).toEqual({ matched: undefined, index: -1 });
    expect(r.trace).toBeUndefined();
  });

  it('matches pseudo headers :method, :authority, :scheme and :path', () => {
    const post = makeRoute({ prefix: '/', headers: [{ name: ':method', string_match: { exact: 'POST' } }] });
    expect(matchRoute([post], makeRequest({ method: 'POST' })).index).toBe(0);
    expect(matchRoute([post], makeRequest({ method: 'GET' })).index).toBe(-1);
    const authority = makeRoute({
      prefix: '/',
      headers: [{ name: ':authority', exact_match: 'example.com' }],
    });
    expect(matchRoute([authority], makeRequest()).index).toBe(0);
    const https = makeRoute({ prefix: '/', headers: [{ name: ':scheme', exact_match: 'https' }] });
    expect(matchRoute([https], makeRequest({ scheme: 'https' })).index).toBe(0);
    expect(matchRoute([https], makeRequest()).index).toBe(-1);
    const pathHeader = makeRoute({ prefix: '/', headers: [{ name: ':path', exact_match: '/a?x=1' }] });
    expect(matchRoute([pathHeader], makeRequest({ path: '/a?x=1#frag' })).index).toBe(0);
  });

  it('does not see a Host header: HTTP/1 Host is :authority', () => {
    const host = makeRoute({ prefix: '/', headers: [{ name: 'host', present_match: true }] });
    expect(matchRoute([host], makeRequest({ headers: { Host: 'example.com' } })).index).toBe(-1);
  });

  it('needs every header and query matcher', () => {
    const both = makeRoute({
      prefix: '/',
      headers: [
        { name: 'end-user', exact_match: 'jason' },
        { name: 'x-canary', present_match: true },
      ],
      query_parameters: [{ name: 'v', string_match: { exact: '2' } }],
    });
    const headers = { 'end-user': 'jason', 'x-canary': '1' };
    expect(matchRoute([both], makeRequest({ path: '/?v=2', headers })).index).toBe(0);
    expect(matchRoute([both], makeRequest({ path: '/?v=1', headers })).index).toBe(-1);
    expect(matchRoute([both], makeRequest({ path: '/?v=2', headers: { 'end-user': 'jason' } })).index).toBe(
      -1,
    );
  });

  it('grpc needs content-type application/grpc or application/grpc+*', () => {
    const grpc = [makeRoute({ prefix: '/', grpc: {} })];
    const ct = (v: string | undefined) =>
      matchRoute(grpc, makeRequest({ headers: v === undefined ? {} : { 'content-type': v } })).index;
    expect(ct('application/grpc')).toBe(0);
    expect(ct('application/grpc+proto')).toBe(0);
    expect(ct('application/grpc-web')).toBe(-1);
    expect(ct(undefined)).toBe(-1);
    const why = matchRoute(grpc, makeRequest({ headers: { 'content-type': 'application/grpc-web' } }), {
      explain: true,
    });
    expect(why.trace?.[0]?.detail).toBe('grpc: content-type "application/grpc-web" is not application/grpc');
    expect(matchRoute(grpc, makeRequest(), { explain: true }).trace?.[0]).toMatchObject({
      field: 'grpc',
      detail: 'grpc: content-type absent',
    });
  });

  it('tls_context compares the peer certificate facts', () => {
    const presented = [makeRoute({ prefix: '/', tls_context: { presented: { value: true } } })];
    const validated = [makeRoute({ prefix: '/', tls_context: { validated: { value: false } } })];
    expect(matchRoute(presented, makeRequest({ tls: { peerCertificatePresented: true } })).index).toBe(0);
    expect(matchRoute(presented, makeRequest()).index).toBe(-1);
    expect(matchRoute(validated, makeRequest()).index).toBe(0);
    expect(matchRoute(validated, makeRequest({ tls: { peerCertificateValidated: true } })).index).toBe(-1);
    expect(matchRoute(presented, makeRequest(), { explain: true }).trace?.[0]).toMatchObject({
      field: 'tls',
      detail: 'tls: peer certificate presented is false, route needs true',
    });
  });

  it('never matches on dynamic_metadata, which it does not evaluate', () => {
    const r = matchRoute(
      [makeRoute({ prefix: '/', dynamic_metadata: [{ filter: 'f', path: [{ key: 'k' }], value: {} }] })],
      makeRequest(),
      { explain: true },
    );
    expect(r.index).toBe(-1);
    expect(r.trace?.[0]?.field).toBe('unsupported');
  });

  it('explains each earlier route with its first failing condition', () => {
    const list = [
      makeRoute({ prefix: '/api' }, { name: 'api' }),
      makeRoute({ prefix: '/', headers: [{ name: 'end-user', exact_match: 'jason' }] }, { name: 'jason' }),
      makeRoute(
        {
          prefix: '/',
          headers: [{ name: 'x-debug', present_match: true }],
          query_parameters: [{ name: 'q' }],
        },
        { name: 'debug' },
      ),
      makeRoute({ prefix: '/', query_parameters: [{ name: 'v', string_match: { exact: '2' } }] }),
      makeRoute({ prefix: '/' }, { name: 'fallback' }),
    ];
    const r = matchRoute(list, makeRequest({ path: '/reviews?v=1', headers: { 'end-user': 'alice' } }), {
      explain: true,
    });
    expect(r.index).toBe(4);
    expect(r.trace).toEqual([
      {
        routeIndex: 0,
        routeName: 'api',
        field: 'path',
        detail: 'path: prefix "/api" does not match "/reviews"',
      },
      {
        routeIndex: 1,
        routeName: 'jason',
        field: 'header',
        detail: 'header end-user: exact "jason" != "alice"',
      },
      {
        routeIndex: 2,
        routeName: 'debug',
        field: 'header',
        detail: 'header x-debug: absent (present_match)',
      },
      { routeIndex: 3, field: 'query', detail: 'query v: exact "2" != "1"' },
    ]);
  });

  it('reports a :method mismatch under field "method"', () => {
    const r = matchRoute(
      [makeRoute({ prefix: '/', headers: [{ name: ':method', exact_match: 'POST' }] })],
      makeRequest(),
      { explain: true },
    );
    expect(r.trace).toEqual([
      { routeIndex: 0, field: 'method', detail: 'header :method: exact "POST" != "GET"' },
    ]);
  });

  it('rejects a route without match, naming the field path', () => {
    expect(() => compileRoutes([{ route: { cluster: 'a' } }])).toThrow('routes[0].match: match is required');
    try {
      compileRoutes(
        [
          makeRoute({ prefix: '/' }),
          makeRoute({ prefix: '/', headers: [{ name: 'x', safe_regex_match: { regex: '(?=a)' } }] }),
        ],
        {
          path: 'virtual_hosts[0].routes',
        },
      );
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(XdsMatchError);
      expect((err as XdsMatchError).path).toBe(
        'virtual_hosts[0].routes[1].match.headers[0].safe_regex_match.regex',
      );
    }
  });
});
