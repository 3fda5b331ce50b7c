// Patched routes, virtual hosts and clusters change where a request goes: calls sent through the real translated
// resources with simulate() (the proxy's matching code), productpage's sidecar and the ingress gateway.
import { describe, test } from 'vitest';
import { C, check, type Row } from '../simulate/helpers.js';
import { envoyFilter, onePatch } from './helpers.js';

const REVIEWS_VH = 'reviews.default.svc.cluster.local:9080';
const vhostMatch = (vh: string, route?: string) =>
  `context: SIDECAR_OUTBOUND\nrouteConfiguration:\n  portNumber: 9080\n  vhost:\n    name: ${vh}${route === undefined ? '' : `\n    route: { name: ${route} }`}`;

const canary = onePatch(
  'canary',
  'HTTP_ROUTE',
  vhostMatch(REVIEWS_VH, 'default'),
  `operation: INSERT_BEFORE
value:
  name: canary
  match: { prefix: /canary }
  direct_response: { status: 418, body: { inline_string: teapot } }`,
);
const toRatings = onePatch(
  'to-ratings',
  'HTTP_ROUTE',
  vhostMatch(REVIEWS_VH, 'default'),
  `operation: MERGE\nvalue: { route: { cluster: "${C('ratings')}" } }`,
);
const removeReviewsVh = onePatch('rm-vh', 'VIRTUAL_HOST', vhostMatch(REVIEWS_VH), 'operation: REMOVE');
const addVh = onePatch(
  'add-vh',
  'VIRTUAL_HOST',
  'context: SIDECAR_OUTBOUND\nrouteConfiguration: { portNumber: 9080 }',
  `operation: ADD
value:
  name: extra
  domains: [extra.example]
  routes: [{ name: extra, match: { prefix: / }, direct_response: { status: 200 } }]`,
);
const extraDomain = onePatch(
  'domain',
  'VIRTUAL_HOST',
  vhostMatch(REVIEWS_VH),
  'operation: MERGE\nvalue: { domains: [reviews.example] }',
);
const removeRatingsRoute = onePatch(
  'rm-route',
  'HTTP_ROUTE',
  vhostMatch('ratings.default.svc.cluster.local:9080', 'default'),
  'operation: REMOVE',
);
const removeReviewsCluster = onePatch(
  'rm-cluster',
  'CLUSTER',
  `cluster: { name: "${C('reviews')}" }`,
  'operation: REMOVE',
);
const mergedVh = onePatch(
  'rc-merge',
  'ROUTE_CONFIGURATION',
  'routeConfiguration: { name: "9080" }',
  `operation: MERGE
value:
  virtual_hosts:
  - name: merged
    domains: [merged.example]
    routes: [{ name: merged, match: { prefix: / }, direct_response: { status: 204 } }]`,
);
const lua = onePatch(
  'lua',
  'HTTP_FILTER',
  `listener:\n  portNumber: 9080\n  filterChain:\n    filter:\n      name: envoy.filters.network.http_connection_manager\n      subFilter: { name: envoy.filters.http.router }`,
  'operation: INSERT_BEFORE\nvalue: { name: envoy.lua, typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua } }',
);
const gatewayRoute = (context: string) =>
  onePatch(
    `gw-${context.toLowerCase()}`,
    'HTTP_ROUTE',
    `context: ${context}\nrouteConfiguration: { portNumber: 8080, vhost: { name: "*:8080" } }`,
    `operation: INSERT_FIRST
value:
  name: moved
  match: { prefix: /old }
  redirect: { path_redirect: /productpage }`,
    'istio-system',
  );
const ranked = (name: string, priority: number, status: number) =>
  envoyFilter(
    name,
    `priority: ${priority}
configPatches:
- applyTo: HTTP_ROUTE
  match:
    ${vhostMatch(REVIEWS_VH).replace(/\n/g, '\n    ')}
  patch:
    operation: INSERT_FIRST
    value: { name: ${name}, match: { prefix: /ranked }, direct_response: { status: ${status} } }`,
  );

const reviews = (path = '/', host = 'reviews:9080') => ({ port: 9080, host, path });
const GW_FILES = ['bookinfo-gateway.yaml'];

const rows: Row[] = [
  {
    what: 'no EnvoyFilter: reviews goes to reviews',
    call: reviews(),
    outcome: 'routed',
    cluster: C('reviews'),
  },
  {
    what: 'INSERT_BEFORE default: /canary gets the inserted direct response',
    input: { inline: [canary] },
    call: reviews('/canary/x'),
    outcome: 'direct_response',
    expect: { directResponse: { status: 418, body: 'teapot' }, route: { name: 'canary', index: 0 } },
  },
  {
    what: 'INSERT_BEFORE default: other paths still reach reviews, through the second route',
    input: { inline: [canary] },
    call: reviews('/reviews/1'),
    outcome: 'routed',
    cluster: C('reviews'),
    expect: { route: { name: 'default', index: 1 } },
  },
  {
    what: 'MERGE into the default route: reviews traffic goes to the ratings cluster',
    input: { inline: [toRatings] },
    call: reviews(),
    outcome: 'routed',
    cluster: C('ratings'),
    expect: { virtualHost: REVIEWS_VH },
  },
  {
    what: 'virtual host REMOVE: reviews falls through to allow_any (PassthroughCluster)',
    input: { inline: [removeReviewsVh] },
    call: reviews(),
    outcome: 'passthrough',
    expect: { virtualHost: 'allow_any' },
  },
  {
    what: 'virtual host ADD: a new domain is served by the added host',
    input: { inline: [addVh] },
    call: reviews('/', 'extra.example'),
    outcome: 'direct_response',
    expect: { virtualHost: 'extra', directResponse: { status: 200 } },
  },
  {
    what: 'virtual host MERGE of a domain: reviews.example reaches reviews',
    input: { inline: [extraDomain] },
    call: reviews('/', 'reviews.example'),
    outcome: 'routed',
    cluster: C('reviews'),
    expect: { virtualHost: REVIEWS_VH },
  },
  {
    what: 'without that MERGE reviews.example goes to allow_any',
    call: reviews('/', 'reviews.example'),
    outcome: 'passthrough',
    expect: { virtualHost: 'allow_any' },
  },
  {
    what: 'route REMOVE: ratings has a virtual host but no route (NR)',
    input: { inline: [removeRatingsRoute] },
    call: reviews('/', 'ratings:9080'),
    outcome: 'no_route',
  },
  {
    what: 'cluster REMOVE: the route names a cluster that is gone (NC)',
    input: { inline: [removeReviewsCluster] },
    call: reviews(),
    outcome: 'no_cluster',
  },
  {
    what: 'ROUTE_CONFIGURATION MERGE appends a virtual host',
    input: { inline: [mergedVh] },
    call: reviews('/', 'merged.example'),
    outcome: 'direct_response',
    expect: { virtualHost: 'merged', directResponse: { status: 204 } },
  },
  {
    what: 'an HTTP filter before the router does not change the route',
    input: { inline: [lua] },
    call: reviews(),
    outcome: 'routed',
    cluster: C('reviews'),
  },
  {
    what: 'priority: the later EnvoyFilter (priority 5) INSERT_FIRSTs in front of the earlier (priority 0)',
    input: { inline: [ranked('low', 0, 401), ranked('high', 5, 402)] },
    call: reviews('/ranked'),
    outcome: 'direct_response',
    expect: { directResponse: { status: 402 }, route: { name: 'high', index: 0 } },
  },
  {
    what: 'gateway: INSERT_FIRST on route http.8080 redirects /old',
    proxy: 'gateway',
    input: { files: GW_FILES, inline: [gatewayRoute('GATEWAY')] },
    call: { port: 8080, host: 'bookinfo.example', path: '/old' },
    outcome: 'redirect',
    expect: { redirect: { location: 'http://bookinfo.example/productpage', status: 301 } },
  },
  {
    what: 'gateway: /productpage still reaches productpage after the patch',
    proxy: 'gateway',
    input: { files: GW_FILES, inline: [gatewayRoute('GATEWAY')] },
    call: { port: 8080, host: 'bookinfo.example', path: '/productpage' },
    outcome: 'routed',
    cluster: C('productpage'),
  },
  {
    what: 'gateway: a SIDECAR_OUTBOUND patch leaves the gateway alone (/old matches nothing)',
    proxy: 'gateway',
    input: { files: GW_FILES, inline: [gatewayRoute('SIDECAR_OUTBOUND')] },
    call: { port: 8080, host: 'bookinfo.example', path: '/old' },
    outcome: 'no_route',
  },
];

describe('simulate: EnvoyFilter-patched routes', () => {
  test.each(rows)('$what', async (row) => {
    await check(row);
  });
});
