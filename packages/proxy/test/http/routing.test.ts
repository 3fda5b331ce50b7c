// HTTP routing through the proxy with the model's matchers: match kinds, weighted clusters, redirect,
// direct_response, rewrites, header mutations, x-request-id, cluster_not_found and no healthy upstream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, send, startHarness } from '../helpers/harness.js';
import {
  edsCluster,
  hcm,
  httpListener,
  routeConfig,
  routeTo,
  staticCluster,
  vhost,
} from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';

let h: Harness;
let a: Upstream;
let b: Upstream;
const port = () => h.proxy.listenerPort('l') ?? 0;

beforeAll(async () => {
  a = await startUpstream('a');
  b = await startUpstream('b');
  const routes = [
    { match: { path: '/exact' }, route: { cluster: 'b' }, name: 'exact' },
    { match: { safe_regex: { regex: '/re/[0-9]+' } }, route: { cluster: 'b' }, name: 'regex' },
    {
      match: { prefix: '/hdr', headers: [{ name: 'end-user', string_match: { exact: 'jason' } }] },
      route: { cluster: 'b' },
    },
    {
      match: { prefix: '/q', query_parameters: [{ name: 'v', string_match: { exact: '2' } }] },
      route: { cluster: 'b' },
    },
    {
      match: { prefix: '/split' },
      route: {
        weighted_clusters: {
          clusters: [
            { name: 'a', weight: { value: 70 } },
            { name: 'b', weight: { value: 30 } },
          ],
        },
      },
    },
    { match: { prefix: '/old' }, redirect: { path_redirect: '/new', response_code: 'FOUND' as const } },
    { match: { prefix: '/secure' }, redirect: { https_redirect: true, host_redirect: 'example.com' } },
    { match: { prefix: '/direct' }, direct_response: { status: 418, body: { inline_string: 'teapot' } } },
    routeTo('a', '/api/', {}, { prefix_rewrite: '/v2/' }),
    {
      match: { prefix: '/rx/' },
      route: {
        cluster: 'a',
        regex_rewrite: { pattern: { regex: '^/rx/([a-z]+)/(\\d+)$' }, substitution: '/\\2/\\1' },
      },
    },
    routeTo('a', '/host', {}, { host_rewrite_literal: 'rewritten.example' }),
    routeTo('a', '/mut', {
      request_headers_to_add: [
        { header: { key: 'x-added', value: 'route' }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' },
        { header: { key: 'x-multi', value: 'two' } },
      ],
      request_headers_to_remove: ['x-drop'],
      response_headers_to_add: [
        { header: { key: 'x-resp', value: 'r' }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' },
      ],
      response_headers_to_remove: ['x-remove-me'],
    }),
    // Gateway API routes to a backend that is not there: istiod sets INTERNAL_SERVER_ERROR (500, not 503).
    routeTo('missing-cluster', '/nc500', {}, { cluster_not_found_response_code: 'INTERNAL_SERVER_ERROR' }),
    routeTo('missing-cluster', '/nc404', {}, { cluster_not_found_response_code: 'NOT_FOUND' }),
    {
      match: { prefix: '/ncw' },
      route: {
        weighted_clusters: { clusters: [{ name: 'missing-cluster', weight: { value: 100 } }] },
        cluster_not_found_response_code: 'INTERNAL_SERVER_ERROR' as const,
      },
    },
    routeTo('missing-cluster', '/nc'),
    routeTo('empty', '/uh'),
    routeTo('a', '/', { name: 'default' }),
  ];
  h = await startHarness({
    clusters: [staticCluster('a', [a.port]), staticCluster('b', [b.port]), edsCluster('empty')],
    endpoints: [{ cluster_name: 'empty', endpoints: [] }],
    listeners: [httpListener('l', 9080, hcm({ rds: 'r' }))],
    routes: [
      routeConfig('r', [
        vhost('svc', ['svc', 'svc:9080', '*.wild.example', 'pre.*'], routes, {
          request_headers_to_add: [
            { header: { key: 'x-vhost', value: 'vh' }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' },
          ],
        }),
      ]),
    ],
  });
}, 15_000);

afterAll(async () => {
  await h?.close();
  await a?.close();
  await b?.close();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  send(port(), path, { headers: { host: 'svc:9080', ...headers } });

describe('route matching', () => {
  it('matches an exact path', async () => {
    expect((await get('/exact')).json().upstream).toBe('b');
    expect((await get('/exact/more')).json().upstream).toBe('a');
  });
  it('matches safe_regex against the whole path', async () => {
    expect((await get('/re/42')).json().upstream).toBe('b');
    expect((await get('/re/42x')).json().upstream).toBe('a');
  });
  it('matches a header', async () => {
    expect((await get('/hdr', { 'end-user': 'jason' })).json().upstream).toBe('b');
    expect((await get('/hdr', { 'end-user': 'alice' })).json().upstream).toBe('a');
  });
  it('matches a query parameter', async () => {
    expect((await get('/q?v=2')).json().upstream).toBe('b');
    expect((await get('/q?v=1')).json().upstream).toBe('a');
  });
  it('matches suffix and prefix wildcard domains', async () => {
    expect((await send(port(), '/exact', { headers: { host: 'x.wild.example' } })).json().upstream).toBe('b');
    expect((await send(port(), '/exact', { headers: { host: 'pre.anything' } })).json().upstream).toBe('b');
    expect((await send(port(), '/exact', { headers: { host: 'nope' } })).status).toBe(404);
  });
  it('splits weighted clusters near their weights', async () => {
    let toA = 0;
    const n = 200;
    for (let i = 0; i < n; i++) if ((await get('/split')).json().upstream === 'a') toA++;
    expect(toA / n).toBeGreaterThan(0.55);
    expect(toA / n).toBeLessThan(0.85);
  });
});

describe('route actions', () => {
  it('redirects with path_redirect and FOUND', async () => {
    const r = await get('/old?x=1');
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('http://svc:9080/new?x=1');
  });
  it('redirects to https with a new host, dropping the port', async () => {
    const r = await get('/secure/a');
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('https://example.com:9080/secure/a');
  });
  it('answers a direct_response', async () => {
    const r = await get('/direct');
    expect(r.status).toBe(418);
    expect(r.body).toBe('teapot');
  });
  it('rewrites the prefix', async () => {
    expect((await get('/api/items?id=3')).json().url).toBe('/v2/items?id=3');
  });
  it('rewrites with regex_rewrite substitution groups', async () => {
    expect((await get('/rx/abc/12')).json().url).toBe('/12/abc');
  });
  it('rewrites the host', async () => {
    expect((await get('/host')).json<{ headers: Record<string, string> }>().headers.host).toBe(
      'rewritten.example',
    );
  });
  it('adds, overwrites and removes request headers at route and virtual host levels', async () => {
    const r = await get('/mut', { 'x-added': 'client', 'x-multi': 'one', 'x-drop': 'gone' });
    const headers = r.json<{ headers: Record<string, string> }>().headers;
    expect(headers['x-added']).toBe('route');
    expect(headers['x-multi']).toBe('one, two');
    expect(headers['x-drop']).toBeUndefined();
    expect(headers['x-vhost']).toBe('vh');
  });
  it('adds and removes response headers', async () => {
    const r = await get('/mut');
    expect(r.headers['x-resp']).toBe('r');
    expect(r.headers['x-remove-me']).toBeUndefined();
    expect(r.headers['x-upstream']).toBe('a');
    expect(Number(r.headers['x-envoy-upstream-service-time'])).toBeGreaterThanOrEqual(0);
  });
  it('generates x-request-id when absent and keeps the client one', async () => {
    const gen = (await get('/')).json<{ headers: Record<string, string> }>().headers['x-request-id'];
    expect(gen).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const kept = (await get('/', { 'x-request-id': 'abc' })).json<{ headers: Record<string, string> }>()
      .headers['x-request-id'];
    expect(kept).toBe('abc');
  });
  it('forwards a POST body', async () => {
    const r = await send(port(), '/', {
      method: 'POST',
      body: 'hello',
      headers: { host: 'svc', 'content-type': 'text/plain' },
    });
    expect(r.json().body).toBe('hello');
    expect(r.json().method).toBe('POST');
  });
  it('answers 503 NC for a route to an unknown cluster', async () => {
    const r = await get('/nc');
    expect(r.status).toBe(503);
    expect(h.logs.at(-1)?.responseFlags).toBe('NC');
  });
  it.each([
    ['/nc500', 500],
    ['/nc404', 404],
    ['/ncw', 500],
  ])('answers %s with the route cluster_not_found_response_code (%i NC, empty body)', async (path, code) => {
    const r = await get(path);
    expect(r.status).toBe(code);
    expect(r.body).toBe('');
    expect(h.logs.at(-1)?.responseFlags).toBe('NC');
    expect(h.logs.at(-1)?.line).toContain(`" ${code} NC `);
  });
  it('answers 503 UH "no healthy upstream" for a cluster without endpoints', async () => {
    const r = await get('/uh');
    expect(r.status).toBe(503);
    expect(r.body).toBe('no healthy upstream');
    expect(h.logs.at(-1)?.responseFlags).toBe('UH');
  });
});
