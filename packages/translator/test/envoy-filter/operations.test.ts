// Each patch operation on each applyTo, over productpage's sidecar and the ingress gateway translated from bookinfo:
// one inline EnvoyFilter per row, the patched object read back from the real output, every resource re-encoded.
import { describe, expect, test } from 'vitest';
import type { Translation } from '../../src/translate.js';
import {
  chains,
  cluster,
  envoyFilterMessages,
  expectEncodes,
  httpFilterNames,
  listener,
  networkFilterNames,
  onePatch,
  type ProxyKind,
  routeConfig,
  translateWith,
  virtualHost,
} from './helpers.js';

const HCM = 'envoy.filters.network.http_connection_manager';
const ROUTER = 'envoy.filters.http.router';
const BASE_HTTP = [
  'envoy.filters.http.grpc_stats',
  'envoy.filters.http.fault',
  'envoy.filters.http.cors',
  ROUTER,
];
const REVIEWS_VH = 'reviews.default.svc.cluster.local:9080';
const LUA = `name: envoy.filters.http.lua
  typed_config:
    "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua
    default_source_code: { inline_string: "function envoy_on_request(h) end" }`;
const CONN_LIMIT = `name: envoy.filters.network.connection_limit
  typed_config:
    "@type": type.googleapis.com/envoy.extensions.filters.network.connection_limit.v3.ConnectionLimit
    stat_prefix: limit
    max_connections: 100`;
const PROXY_PROTOCOL = `name: envoy.filters.listener.proxy_protocol
  typed_config:
    "@type": type.googleapis.com/envoy.extensions.filters.listener.proxy_protocol.v3.ProxyProtocol`;
const HTTP_MATCH = (sub?: string) => `context: SIDECAR_OUTBOUND
listener:
  portNumber: 9080
  filterChain:
    filter:
      name: ${HCM}${sub === undefined ? '' : `\n      subFilter: { name: ${sub} }`}`;
const ROUTE_MATCH = (route?: string) => `context: SIDECAR_OUTBOUND
routeConfiguration:
  portNumber: 9080
  vhost:
    name: ${REVIEWS_VH}${route === undefined ? '' : `\n    route: { name: ${route} }`}`;
const ROUTE_VALUE = `name: canary
  match: { prefix: /canary }
  direct_response: { status: 418 }`;

interface Row {
  readonly what: string;
  readonly kind?: ProxyKind;
  readonly applyTo: string;
  readonly match: string;
  /** `operation: X` plus the value. */
  readonly patch: string;
  readonly probe: (t: Translation) => unknown;
  readonly expected: unknown;
}

const listenerFilters = (t: Translation) =>
  (((listener(t, 'virtualInbound')?.listener_filters ?? []) as { name: string }[] | undefined) ?? []).map(
    (f) => f.name,
  );
const inboundChainNames = (t: Translation) => chains(t, 'virtualInbound').map((c) => c.name);
/** virtualInbound's PERMISSIVE passthrough chains, after the blackhole and before the 9080 chains (istiod order). */
const PASSTHROUGH_CHAINS = [
  'virtualInbound-catchall-http',
  'virtualInbound-catchall-http',
  'virtualInbound',
  'virtualInbound',
  'virtualInbound',
];
const routeNames = (t: Translation) =>
  (((virtualHost(t, '9080', REVIEWS_VH)?.routes ?? []) as { name: string }[] | undefined) ?? []).map(
    (r) => r.name,
  );

const rows: Row[] = [
  // LISTENER
  {
    what: 'LISTENER ADD adds a listener (sidecar outbound)',
    applyTo: 'LISTENER',
    match: 'context: SIDECAR_OUTBOUND',
    patch: `operation: ADD
value:
  name: extra_7777
  address: { socket_address: { address: 0.0.0.0, port_value: 7777 } }
  filter_chains:
  - filters:
    - name: envoy.filters.network.connection_limit
      typed_config:
        "@type": type.googleapis.com/envoy.extensions.filters.network.connection_limit.v3.ConnectionLimit
        stat_prefix: limit
        max_connections: 100`,
    probe: (t) => listener(t, 'extra_7777')?.address,
    expected: { socket_address: { address: '0.0.0.0', port_value: 7777 } },
  },
  {
    what: 'LISTENER REMOVE drops the 9080 listener',
    applyTo: 'LISTENER',
    match: 'context: SIDECAR_OUTBOUND\nlistener: { portNumber: 9080 }',
    patch: 'operation: REMOVE',
    probe: (t) => listener(t, '0.0.0.0_9080') === undefined && listener(t, '0.0.0.0_80') !== undefined,
    expected: true,
  },
  {
    what: 'LISTENER MERGE sets a field',
    applyTo: 'LISTENER',
    match: 'listener: { name: 0.0.0.0_9080 }',
    patch: 'operation: MERGE\nvalue: { per_connection_buffer_limit_bytes: 32768 }',
    probe: (t) => [
      listener(t, '0.0.0.0_9080')?.per_connection_buffer_limit_bytes,
      listener(t, '0.0.0.0_80')?.per_connection_buffer_limit_bytes,
    ],
    expected: [{ value: 32768 }, undefined],
  },
  // LISTENER_FILTER (virtualInbound: original_dst, tls_inspector, http_inspector)
  ...(
    [
      ['ADD', undefined, ['original_dst', 'tls_inspector', 'http_inspector', 'proxy_protocol']],
      ['INSERT_FIRST', undefined, ['proxy_protocol', 'original_dst', 'tls_inspector', 'http_inspector']],
      [
        'INSERT_BEFORE',
        'tls_inspector',
        ['original_dst', 'proxy_protocol', 'tls_inspector', 'http_inspector'],
      ],
      ['INSERT_AFTER', 'original_dst', ['original_dst', 'proxy_protocol', 'tls_inspector', 'http_inspector']],
      ['REPLACE', 'http_inspector', ['original_dst', 'tls_inspector', 'proxy_protocol']],
      ['REMOVE', 'http_inspector', ['original_dst', 'tls_inspector']],
    ] as const
  ).map(
    ([op, target, expected]): Row => ({
      what: `LISTENER_FILTER ${op}${target ? ` ${target}` : ''}`,
      applyTo: 'LISTENER_FILTER',
      match: `context: SIDECAR_INBOUND\nlistener:\n  name: virtualInbound${target ? `\n  listenerFilter: envoy.filters.listener.${target}` : ''}`,
      patch: `operation: ${op}${op === 'REMOVE' ? '' : `\nvalue:\n  ${PROXY_PROTOCOL}`}`,
      probe: listenerFilters,
      expected: expected.map((n) => `envoy.filters.listener.${n}`),
    }),
  ),
  {
    what: 'LISTENER_FILTER MERGE into tls_inspector typed_config',
    applyTo: 'LISTENER_FILTER',
    match: 'context: SIDECAR_INBOUND\nlistener: { listenerFilter: envoy.filters.listener.tls_inspector }',
    patch: `operation: MERGE
value:
  typed_config:
    "@type": type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector
    enable_ja3_fingerprinting: true`,
    probe: (t) =>
      ((listener(t, 'virtualInbound')?.listener_filters ?? []) as Record<string, unknown>[])[1]?.typed_config,
    expected: {
      '@type': 'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector',
      enable_ja3_fingerprinting: { value: true },
      initial_read_buffer_size: { value: 512 },
    },
  },
  // FILTER_CHAIN (virtualInbound chains)
  {
    what: 'FILTER_CHAIN REMOVE of the plaintext 9080 chain',
    applyTo: 'FILTER_CHAIN',
    match:
      'context: SIDECAR_INBOUND\nlistener:\n  portNumber: 9080\n  filterChain: { transportProtocol: raw_buffer }',
    patch: 'operation: REMOVE',
    probe: (t) => chains(t, 'virtualInbound').map((c) => `${c.name}`),
    // istiod's order: blackhole, the 5 PERMISSIVE passthrough chains, then the 9080 chains.
    expected: ['virtualInbound-blackhole', ...PASSTHROUGH_CHAINS, '0.0.0.0_9080'],
  },
  {
    what: 'FILTER_CHAIN ADD appends a chain',
    applyTo: 'FILTER_CHAIN',
    match: 'context: SIDECAR_INBOUND\nlistener: { name: virtualInbound }',
    patch: `operation: ADD\nvalue:\n  name: extra\n  filter_chain_match: { destination_port: 7777 }\n  filters:\n  - ${CONN_LIMIT.replace(/\n {2}/g, '\n    ')}`,
    probe: inboundChainNames,
    expected: ['virtualInbound-blackhole', ...PASSTHROUGH_CHAINS, '0.0.0.0_9080', '0.0.0.0_9080', 'extra'],
  },
  {
    what: 'FILTER_CHAIN MERGE (INSERT_FIRST on a chain is ADD, istiod)',
    applyTo: 'FILTER_CHAIN',
    match: 'context: SIDECAR_INBOUND\nlistener:\n  filterChain: { name: virtualInbound-blackhole }',
    patch: 'operation: MERGE\nvalue: { transport_socket_connect_timeout: 3s }',
    probe: (t) => chains(t, 'virtualInbound').map((c) => c.transport_socket_connect_timeout),
    expected: [{ seconds: '3' }, ...Array<undefined>(7).fill(undefined)],
  },
  // NETWORK_FILTER (0.0.0.0_9080 has only the HCM)
  ...(
    [
      ['ADD', false, [HCM, 'connection_limit']],
      ['INSERT_FIRST', false, ['connection_limit', HCM]],
      ['INSERT_BEFORE', true, ['connection_limit', HCM]],
      ['INSERT_AFTER', true, [HCM, 'connection_limit']],
      ['REPLACE', true, ['connection_limit']],
    ] as const
  ).map(
    ([op, named, expected]): Row => ({
      what: `NETWORK_FILTER ${op}`,
      applyTo: 'NETWORK_FILTER',
      match: `context: SIDECAR_OUTBOUND\nlistener:\n  portNumber: 9080${named ? `\n  filterChain: { filter: { name: ${HCM} } }` : ''}`,
      patch: `operation: ${op}\nvalue:\n  ${CONN_LIMIT}`,
      probe: (t) => networkFilterNames(t, '0.0.0.0_9080'),
      expected: expected.map((n) => (n === HCM ? n : `envoy.filters.network.${n}`)),
    }),
  ),
  // HTTP_FILTER (grpc_stats, fault, cors, router)
  ...(
    [
      ['ADD', undefined, [...BASE_HTTP, 'lua']],
      ['INSERT_FIRST', undefined, ['lua', ...BASE_HTTP]],
      ['INSERT_BEFORE', ROUTER, [...BASE_HTTP.slice(0, 3), 'lua', ROUTER]],
      ['INSERT_AFTER', 'envoy.filters.http.fault', [...BASE_HTTP.slice(0, 2), 'lua', ...BASE_HTTP.slice(2)]],
      ['REPLACE', 'envoy.filters.http.cors', [...BASE_HTTP.slice(0, 2), 'lua', ROUTER]],
      ['REMOVE', 'envoy.filters.http.cors', [...BASE_HTTP.slice(0, 2), ROUTER]],
    ] as const
  ).map(
    ([op, sub, expected]): Row => ({
      what: `HTTP_FILTER ${op}${sub ? ` ${sub}` : ''}`,
      applyTo: 'HTTP_FILTER',
      match: HTTP_MATCH(sub),
      patch: `operation: ${op}${op === 'REMOVE' ? '' : `\nvalue:\n  ${LUA}`}`,
      probe: (t) => httpFilterNames(t, '0.0.0.0_9080'),
      expected: expected.map((n) => (n === 'lua' ? 'envoy.filters.http.lua' : n)),
    }),
  ),
  // ROUTE_CONFIGURATION
  {
    what: 'ROUTE_CONFIGURATION MERGE on port 9080 only',
    applyTo: 'ROUTE_CONFIGURATION',
    match: 'context: SIDECAR_OUTBOUND\nrouteConfiguration: { portNumber: 9080 }',
    patch: 'operation: MERGE\nvalue: { most_specific_header_mutations_wins: true }',
    probe: (t) => [9080, 80].map((p) => routeConfig(t, String(p))?.most_specific_header_mutations_wins),
    expected: [true, undefined],
  },
  // VIRTUAL_HOST
  {
    what: 'VIRTUAL_HOST ADD',
    applyTo: 'VIRTUAL_HOST',
    match: 'context: SIDECAR_OUTBOUND\nrouteConfiguration: { name: "9080" }',
    patch: `operation: ADD\nvalue:\n  name: extra\n  domains: [extra.example]\n  routes: [{ match: { prefix: / }, direct_response: { status: 200 } }]`,
    probe: (t) => virtualHost(t, '9080', 'extra')?.domains,
    expected: ['extra.example'],
  },
  {
    what: 'VIRTUAL_HOST REMOVE by domain',
    applyTo: 'VIRTUAL_HOST',
    match: 'context: SIDECAR_OUTBOUND\nrouteConfiguration: { vhost: { domainName: reviews } }',
    patch: 'operation: REMOVE',
    probe: (t) => [
      virtualHost(t, '9080', REVIEWS_VH),
      virtualHost(t, '9080', 'ratings.default.svc.cluster.local:9080') !== undefined,
    ],
    expected: [undefined, true],
  },
  {
    what: 'VIRTUAL_HOST MERGE appends a domain',
    applyTo: 'VIRTUAL_HOST',
    match: ROUTE_MATCH(),
    patch: 'operation: MERGE\nvalue: { domains: [reviews.example] }',
    probe: (t) => ((virtualHost(t, '9080', REVIEWS_VH)?.domains ?? []) as string[]).at(-1),
    expected: 'reviews.example',
  },
  {
    what: 'VIRTUAL_HOST REPLACE',
    applyTo: 'VIRTUAL_HOST',
    match: ROUTE_MATCH(),
    patch: `operation: REPLACE\nvalue:\n  name: reviews-replaced\n  domains: [reviews]\n  routes: [{ match: { prefix: / }, direct_response: { status: 204 } }]`,
    probe: (t) => [virtualHost(t, '9080', REVIEWS_VH), virtualHost(t, '9080', 'reviews-replaced')?.domains],
    expected: [undefined, ['reviews']],
  },
  // HTTP_ROUTE (reviews has one route, `default`)
  ...(
    [
      ['ADD', undefined, ['default', 'canary']],
      ['INSERT_FIRST', 'default', ['canary', 'default']],
      ['INSERT_BEFORE', 'default', ['canary', 'default']],
      ['INSERT_AFTER', 'default', ['default', 'canary']],
      ['INSERT_FIRST', 'nothing', ['default']],
      ['REMOVE', 'default', []],
    ] as const
  ).map(
    ([op, route, expected]): Row => ({
      what: `HTTP_ROUTE ${op}${route ? ` ${route}` : ''}`,
      applyTo: 'HTTP_ROUTE',
      match: ROUTE_MATCH(route),
      patch: `operation: ${op}${op === 'REMOVE' ? '' : `\nvalue:\n  ${ROUTE_VALUE}`}`,
      probe: routeNames,
      expected,
    }),
  ),
  {
    what: 'HTTP_ROUTE MERGE sets the route timeout',
    applyTo: 'HTTP_ROUTE',
    match: ROUTE_MATCH('default'),
    patch: 'operation: MERGE\nvalue: { route: { timeout: 7s } }',
    probe: (t) => {
      const r = (
        (virtualHost(t, '9080', REVIEWS_VH)?.routes ?? []) as Record<string, Record<string, unknown>>[]
      )[0];
      return [r?.route?.timeout, r?.route?.cluster];
    },
    expected: [{ seconds: '7' }, 'outbound|9080||reviews.default.svc.cluster.local'],
  },
  // CLUSTER
  {
    what: 'CLUSTER ADD (INSERT_BEFORE on a cluster is ADD, istiod)',
    applyTo: 'CLUSTER',
    match: 'context: SIDECAR_OUTBOUND',
    patch: `operation: INSERT_BEFORE
value:
  name: ratelimit-service
  type: STRICT_DNS
  connect_timeout: 1s
  load_assignment:
    cluster_name: ratelimit-service
    endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: ratelimit.default.svc.cluster.local, port_value: 8081 } } } }] }]`,
    probe: (t) => [cluster(t, 'ratelimit-service')?.type, cluster(t, 'ratelimit-service')?.connect_timeout],
    expected: ['STRICT_DNS', { seconds: '1' }],
  },
  {
    what: 'CLUSTER REMOVE by service and port',
    applyTo: 'CLUSTER',
    match:
      'context: SIDECAR_OUTBOUND\ncluster: { service: ratings.default.svc.cluster.local, portNumber: 9080 }',
    patch: 'operation: REMOVE',
    probe: (t) => [
      cluster(t, 'outbound|9080||ratings.default.svc.cluster.local'),
      cluster(t, 'outbound|9080||reviews.default.svc.cluster.local') !== undefined,
    ],
    expected: [undefined, true],
  },
  {
    what: 'CLUSTER MERGE sets circuit breaker and timeout',
    applyTo: 'CLUSTER',
    match: 'cluster: { name: outbound|9080||details.default.svc.cluster.local }',
    patch: 'operation: MERGE\nvalue: { connect_timeout: 2.5s, per_connection_buffer_limit_bytes: 1024 }',
    probe: (t) => {
      const c = cluster(t, 'outbound|9080||details.default.svc.cluster.local');
      return [c?.connect_timeout, c?.per_connection_buffer_limit_bytes, c?.type];
    },
    expected: [{ seconds: '2', nanos: 500000000 }, { value: 1024 }, 'EDS'],
  },
];

describe('each operation on each applyTo', () => {
  test.each(rows)('$what', async (row) => {
    const t = await translateWith(row.kind ?? 'sidecar', [
      onePatch('row', row.applyTo, row.match, row.patch),
    ]);
    expect(envoyFilterMessages(t)).toEqual([]);
    expect(row.probe(t)).toEqual(row.expected);
    expectEncodes(t);
  });

  test('without EnvoyFilters the probes see the builder output (the rows above change it)', async () => {
    const t = await translateWith('sidecar');
    expect(httpFilterNames(t, '0.0.0.0_9080')).toEqual(BASE_HTTP);
    expect(networkFilterNames(t, '0.0.0.0_9080')).toEqual([HCM]);
    expect(listenerFilters(t)).toEqual(
      ['original_dst', 'tls_inspector', 'http_inspector'].map((n) => `envoy.filters.listener.${n}`),
    );
    expect(inboundChainNames(t)).toEqual([
      'virtualInbound-blackhole',
      ...PASSTHROUGH_CHAINS,
      '0.0.0.0_9080',
      '0.0.0.0_9080',
    ]);
    expect(routeNames(t)).toEqual(['default']);
  });
});
