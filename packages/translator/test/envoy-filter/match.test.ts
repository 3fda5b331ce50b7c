// Which objects a patch selects: context (sidecar inbound / outbound, gateway, ANY), listener port and name, filter
// chain fields, network and HTTP filter names, route configuration port / gateway / vhost, cluster service / subset /
// port, and the proxy's version and metadata.
import { describe, expect, test } from 'vitest';
import type { Translation } from '../../src/translate.js';
import { INGRESS_VIP } from '../route/fixtures.js';
import {
  chains,
  envoyFilterMessages,
  expectEncodes,
  httpFilterNames,
  networkFilterNames,
  onePatch,
  type ProxyKind,
  productpageAt,
  translateWith,
  virtualHost,
} from './helpers.js';

const HCM = 'envoy.filters.network.http_connection_manager';
/** Two HTTPS servers on 443 (SNI a.example and b.example) for the ingress gateway. */
const SECURE_GATEWAY = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: secure, namespace: istio-system }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 443, name: https, protocol: HTTPS }
    hosts: [a.example]
    tls: { mode: SIMPLE, credentialName: a-cert }
  - port: { number: 443, name: https-b, protocol: HTTPS }
    hosts: [b.example]
    tls: { mode: SIMPLE, credentialName: b-cert }
`;
const LUA_FILTER = 'envoy.filters.http.lua';
const LUA = `operation: INSERT_BEFORE
value:
  name: ${LUA_FILTER}
  typed_config:
    "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua
    default_source_code: { inline_string: "function envoy_on_request(h) end" }`;

/** Which HCMs got the lua filter: outbound 9080, virtualInbound's 9080 chains (mTLS, plaintext), gateway 8080. */
async function luaPlaces(match: string, kind: ProxyKind = 'sidecar'): Promise<Record<string, boolean>> {
  // EnvoyFilters attach in the root namespace (istio-system, the gateway's too) and the proxy's own.
  const ns = kind === 'gateway' ? 'istio-system' : 'default';
  const t = await translateWith(kind, [onePatch('lua', 'HTTP_FILTER', match, LUA, ns)]);
  expectEncodes(t);
  expect(envoyFilterMessages(t)).toEqual([]);
  const has = (l: string, i = 0) => httpFilterNames(t, l, i).includes(LUA_FILTER);
  // The 9080 chains come after the passthrough chains (istiod's order).
  const at = chains(t, 'virtualInbound').findIndex((c) => c.name === '0.0.0.0_9080');
  return kind === 'gateway'
    ? { gateway: has('0.0.0.0_8080') }
    : {
        outbound9080: has('0.0.0.0_9080'),
        outbound80: has('0.0.0.0_80'),
        inboundMtls: has('virtualInbound', at),
        inboundPlain: has('virtualInbound', at + 1),
      };
}

const SUB = `filterChain:\n    filter:\n      name: ${HCM}\n      subFilter: { name: envoy.filters.http.router }`;

describe('context and listener match', () => {
  test.each([
    [
      'SIDECAR_OUTBOUND, any port',
      `context: SIDECAR_OUTBOUND\nlistener:\n  ${SUB}`,
      { outbound9080: true, outbound80: true, inboundMtls: false, inboundPlain: false },
    ],
    [
      'SIDECAR_OUTBOUND, port 80',
      `context: SIDECAR_OUTBOUND\nlistener:\n  portNumber: 80\n  ${SUB}`,
      { outbound9080: false, outbound80: true, inboundMtls: false, inboundPlain: false },
    ],
    [
      'SIDECAR_INBOUND, port 9080 (a virtualInbound chain by destination port)',
      `context: SIDECAR_INBOUND\nlistener:\n  portNumber: 9080\n  ${SUB}`,
      { outbound9080: false, outbound80: false, inboundMtls: true, inboundPlain: true },
    ],
    [
      'SIDECAR_INBOUND, port 9081 matches no chain',
      `context: SIDECAR_INBOUND\nlistener:\n  portNumber: 9081\n  ${SUB}`,
      { outbound9080: false, outbound80: false, inboundMtls: false, inboundPlain: false },
    ],
    [
      'SIDECAR_INBOUND, ALPN istio,istio-h2 only on the mTLS chain',
      `context: SIDECAR_INBOUND\nlistener:\n  filterChain:\n    applicationProtocols: istio,istio-h2\n    filter:\n      name: ${HCM}\n      subFilter: { name: envoy.filters.http.router }`,
      { outbound9080: false, outbound80: false, inboundMtls: true, inboundPlain: false },
    ],
    [
      'SIDECAR_INBOUND, transportProtocol raw_buffer only on the plaintext chain',
      `context: SIDECAR_INBOUND\nlistener:\n  filterChain:\n    transportProtocol: raw_buffer\n    filter:\n      name: ${HCM}\n      subFilter: { name: envoy.filters.http.router }`,
      { outbound9080: false, outbound80: false, inboundMtls: false, inboundPlain: true },
    ],
    [
      'ANY, listener name',
      `listener:\n  name: 0.0.0.0_9080\n  ${SUB}`,
      { outbound9080: true, outbound80: false, inboundMtls: false, inboundPlain: false },
    ],
    [
      'GATEWAY on a sidecar: nothing',
      `context: GATEWAY\nlistener:\n  ${SUB}`,
      { outbound9080: false, outbound80: false, inboundMtls: false, inboundPlain: false },
    ],
    [
      'subFilter that is not there: nothing',
      `listener:\n  filterChain:\n    filter:\n      name: ${HCM}\n      subFilter: { name: envoy.filters.http.ext_authz }`,
      { outbound9080: false, outbound80: false, inboundMtls: false, inboundPlain: false },
    ],
  ])('%s', async (_what, match, expected) => {
    expect(await luaPlaces(match)).toEqual(expected);
  });

  test.each([
    ['GATEWAY', `context: GATEWAY\nlistener:\n  ${SUB}`, true],
    ['ANY', `listener:\n  ${SUB}`, true],
    ['SIDECAR_OUTBOUND on a gateway: nothing', `context: SIDECAR_OUTBOUND\nlistener:\n  ${SUB}`, false],
    [
      'GATEWAY port 8080 (the listener port)',
      `context: GATEWAY\nlistener:\n  portNumber: 8080\n  ${SUB}`,
      true,
    ],
    [
      'GATEWAY port 80 (the Service port; listeners match their own port)',
      `context: GATEWAY\nlistener:\n  portNumber: 80\n  ${SUB}`,
      false,
    ],
  ])('gateway: %s', async (_what, match, expected) => {
    expect((await luaPlaces(match, 'gateway')).gateway).toBe(expected);
  });

  test('filterChain destinationPort 9080 selects the two inbound 9080 chains, not the 15006 blackhole', async () => {
    const t = await translateWith('sidecar', [
      onePatch(
        'dp',
        'FILTER_CHAIN',
        'context: SIDECAR_INBOUND\nlistener:\n  filterChain: { destinationPort: 9080 }',
        'operation: MERGE\nvalue: { transport_socket_connect_timeout: 4s }',
      ),
    ]);
    // Blackhole and the 5 passthrough chains (no destination port) first, then the two 9080 chains.
    expect(chains(t, 'virtualInbound').map((c) => c.transport_socket_connect_timeout)).toEqual([
      ...Array<undefined>(6).fill(undefined),
      { seconds: '4' },
      { seconds: '4' },
    ]);
  });

  test('filterChain sni selects the gateway HTTPS chain of that host only', async () => {
    const t = await translateWith('gateway', [
      SECURE_GATEWAY,
      onePatch(
        'sni',
        'HTTP_FILTER',
        `context: GATEWAY\nlistener:\n  filterChain:\n    sni: b.example\n    filter:\n      name: ${HCM}\n      subFilter: { name: envoy.filters.http.router }`,
        LUA,
        'istio-system',
      ),
    ]);
    const tls = chains(t, '0.0.0.0_8443');
    const sni = tls.map(
      (c) => (c.filter_chain_match as { server_names?: string[] } | undefined)?.server_names,
    );
    expect(sni).toEqual([['a.example'], ['b.example']]);
    expect([0, 1].map((i) => httpFilterNames(t, '0.0.0.0_8443', i).includes(LUA_FILTER))).toEqual([
      false,
      true,
    ]);
    expect(httpFilterNames(t, '0.0.0.0_8080')).not.toContain(LUA_FILTER);
    expectEncodes(t);
  });

  test('NETWORK_FILTER REMOVE of tcp_proxy by filter name empties only TCP chains, which istiod keeps', async () => {
    const t = await translateWith('sidecar', [
      onePatch(
        'rm',
        'NETWORK_FILTER',
        `context: SIDECAR_OUTBOUND\nlistener:\n  portNumber: 443\n  filterChain: { filter: { name: envoy.filters.network.tcp_proxy } }`,
        'operation: REMOVE',
      ),
    ]);
    // The ingress Service's HTTPS 443 is a TCP listener on its (allocated) cluster IP: one tcp_proxy chain.
    expect(chains(t, `${INGRESS_VIP}_443`).map((c) => c.filters)).toEqual([[]]);
    expect(networkFilterNames(t, '0.0.0.0_9080')).toEqual([HCM]);
    expectEncodes(t);
  });
});

describe('proxy match', () => {
  const patch = (proxyMatch: string) =>
    onePatch(
      'v',
      'HTTP_FILTER',
      `context: SIDECAR_OUTBOUND\nproxy:\n${proxyMatch}\nlistener:\n  portNumber: 9080\n  ${SUB}`,
      LUA,
    );
  test.each([
    ['1.30.1', "  proxyVersion: '^1\\.30.*'", true],
    ['1.29.0', "  proxyVersion: '^1\\.30.*'", false],
    [undefined, "  proxyVersion: '^1\\.30.*'", false],
    ['1.30.1', "  proxyVersion: '30'", true], // unanchored, as Go's MatchString
    [undefined, '  metadata: { NAMESPACE: default }', true],
    [undefined, '  metadata: { NAMESPACE: other }', false],
  ])('version %s, %s', async (version, proxyMatch, expected) => {
    const t = await translateWith(
      'sidecar',
      [patch(proxyMatch)],
      version === undefined ? undefined : productpageAt(version),
    );
    expect(httpFilterNames(t, '0.0.0.0_9080').includes(LUA_FILTER)).toBe(expected);
  });
});

describe('route configuration match', () => {
  const direct = (status: number) => `operation: INSERT_FIRST
value:
  name: patched
  match: { prefix: /patched }
  direct_response: { status: ${status} }`;
  const firstRoute = (t: Translation, rc: string, vh: string) =>
    ((virtualHost(t, rc, vh)?.routes as { name?: string }[] | undefined) ?? [])[0]?.name;
  test.each([
    // bookinfo-gateway's server is on 8080, which the Service does not map: route http.8080 serves server port 8080.
    ['portNumber 8080 (the server port)', 'portNumber: 8080', true],
    ['portNumber 80 (no server port 80 behind http.8080)', 'portNumber: 80', false],
    ['name http.8080', 'name: http.8080', true],
    ['vhost domainName "*"', 'vhost: { domainName: "*" }', true],
    ['vhost name "*:8080"', 'vhost: { name: "*:8080" }', true],
    ['vhost name that is not there', 'vhost: { name: "bookinfo:8080" }', false],
  ])('gateway: %s', async (_what, match, expected) => {
    const t = await translateWith('gateway', [
      onePatch(
        'r',
        'HTTP_ROUTE',
        `context: GATEWAY\nrouteConfiguration:\n  ${match}`,
        direct(418),
        'istio-system',
      ),
    ]);
    expect(firstRoute(t, 'http.8080', '*:8080') === 'patched').toBe(expected);
    expectEncodes(t);
  });

  test('gateway: a Gateway server on port 80 (Service 80 -> 8080) makes portNumber 80 select http.8080', async () => {
    const gw = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: port-80, namespace: default }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 80, name: http-80, protocol: HTTP }
    hosts: ["*.example"]
`;
    const t = await translateWith('gateway', [
      gw,
      onePatch(
        'r',
        'HTTP_ROUTE',
        'context: GATEWAY\nrouteConfiguration: { portNumber: 80 }',
        direct(418),
        'istio-system',
      ),
    ]);
    expect(t.routes.map((r) => r.name)).toEqual(['http.8080']);
    expect(firstRoute(t, 'http.8080', '*:8080')).toBe('patched');
  });

  test('gateway: gateway and portName select an HTTPS route configuration https.<port>.<portName>.<gw>.<ns>', async () => {
    const t = await translateWith('gateway', [
      SECURE_GATEWAY,
      onePatch(
        'r',
        'ROUTE_CONFIGURATION',
        'context: GATEWAY\nrouteConfiguration: { gateway: istio-system/secure, portName: https-b, portNumber: 443 }',
        'operation: MERGE\nvalue: { most_specific_header_mutations_wins: true }',
        'istio-system',
      ),
    ]);
    const patched = t.routes.filter((r) => r.most_specific_header_mutations_wins === true).map((r) => r.name);
    expect(t.routes.map((r) => r.name).sort()).toEqual([
      'http.8080',
      'https.443.https-b.secure.istio-system',
      'https.443.https.secure.istio-system',
    ]);
    expect(patched).toEqual(['https.443.https-b.secure.istio-system']);
    expectEncodes(t);
  });

  test('sidecar: portNumber selects route configuration 9080, not 80', async () => {
    const t = await translateWith('sidecar', [
      onePatch(
        'r',
        'HTTP_ROUTE',
        'context: SIDECAR_OUTBOUND\nrouteConfiguration: { portNumber: 9080 }',
        direct(418),
      ),
    ]);
    expect(firstRoute(t, '9080', 'details.default.svc.cluster.local:9080')).toBe('patched');
    expect(firstRoute(t, '9080', 'allow_any')).toBe('patched');
    expect(firstRoute(t, '80', 'allow_any')).not.toBe('patched');
  });

  test('sidecar inbound: the inline route configuration inbound|9080|| of virtualInbound', async () => {
    const t = await translateWith('sidecar', [
      onePatch(
        'r',
        'HTTP_ROUTE',
        'context: SIDECAR_INBOUND\nrouteConfiguration: { portNumber: 9080 }',
        direct(418),
      ),
    ]);
    const inline = chains(t, 'virtualInbound')
      .flatMap((c) => c.filters as Record<string, unknown>[])
      .map(
        (f) =>
          (f.typed_config as Record<string, unknown>).route_config as Record<string, unknown> | undefined,
      )
      .filter((rc) => rc !== undefined);
    // The catch-all HTTP chains' InboundPassthroughCluster route has no port in its name: not patched (istiod).
    const passthrough = inline.filter((rc) => rc.name === 'InboundPassthroughCluster');
    expect(passthrough.length).toBe(2);
    for (const rc of passthrough)
      expect((rc.virtual_hosts as { routes: { name?: string }[] }[])[0]?.routes.map((r) => r.name)).toEqual([
        'default',
      ]);
    const port9080 = inline.filter((rc) => rc.name !== 'InboundPassthroughCluster');
    expect(port9080.length).toBe(2);
    for (const rc of port9080) {
      expect(rc.name).toBe('inbound|9080||');
      const vh = (rc.virtual_hosts as { routes: { name?: string }[] }[])[0];
      expect(vh?.routes.map((r) => r.name)).toEqual(['patched', 'default']);
    }
    expect(firstRoute(t, '9080', 'details.default.svc.cluster.local:9080')).toBe('default');
    expectEncodes(t);
  });
});

describe('cluster match', () => {
  const merge = (match: string) =>
    onePatch('c', 'CLUSTER', match, 'operation: MERGE\nvalue: { per_connection_buffer_limit_bytes: 4096 }');
  const patched = (t: Translation) =>
    t.clusters.filter((c) => c.per_connection_buffer_limit_bytes !== undefined).map((c) => c.name);
  test.each([
    [
      'subset v2 of reviews',
      'cluster: { service: reviews.default.svc.cluster.local, subset: v2 }',
      ['outbound|9080|v2|reviews.default.svc.cluster.local'],
    ],
    [
      'port 9080 of ratings (all subsets)',
      'cluster: { service: ratings.default.svc.cluster.local, portNumber: 9080 }',
      [
        'outbound|9080||ratings.default.svc.cluster.local',
        'outbound|9080|v1|ratings.default.svc.cluster.local',
        'outbound|9080|v2|ratings.default.svc.cluster.local',
        'outbound|9080|v2-mysql|ratings.default.svc.cluster.local',
        'outbound|9080|v2-mysql-vm|ratings.default.svc.cluster.local',
      ],
    ],
    [
      'inbound cluster by the service behind the port',
      'context: SIDECAR_INBOUND\ncluster: { service: productpage.default.svc.cluster.local }',
      ['inbound|9080||'],
    ],
    [
      'inbound context never sees outbound clusters',
      'context: SIDECAR_INBOUND\ncluster: { service: reviews.default.svc.cluster.local }',
      [],
    ],
  ])('%s', async (_what, match, expected) => {
    const t = await translateWith('sidecar', [merge(match)], undefined, ['destination-rule-all.yaml']);
    expect(patched(t).sort()).toEqual([...expected].sort());
  });
});
