// MERGE semantics on real generated resources: into an HTTP connection manager's typed_config (as Istio's docs
// show), into an HTTP filter, transport socket merges on filter chains and clusters, INSERT_BEFORE the router (lua,
// local_ratelimit), and the proto merge rules (Duration replaced, lists appended or with MERGE_AND_REPLACE_LIST
// replaced, oneofs cleared).
import { describe, expect, test } from 'vitest';
import {
  chains,
  cluster,
  envoyFilterMessages,
  expectEncodes,
  hcm,
  httpFilterNames,
  onePatch,
  translateWith,
  virtualHost,
} from './helpers.js';

const HCM = 'envoy.filters.network.http_connection_manager';
const HCM_TYPE =
  'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';
type Obj = Record<string, unknown>;

describe('MERGE into the http_connection_manager typed_config', () => {
  const merge = (extra = '') =>
    onePatch(
      'hcm',
      'NETWORK_FILTER',
      `context: SIDECAR_OUTBOUND\nlistener:\n  portNumber: 9080\n  filterChain: { filter: { name: ${HCM} } }`,
      `operation: MERGE
value:
  typed_config:
    "@type": ${HCM_TYPE}
    common_http_protocol_options: { idle_timeout: 30s }
    server_name: patched-envoy
    stream_idle_timeout: 300s${extra}`,
    );

  test('sets fields, replaces the Duration, keeps rds and the filters; only on port 9080', async () => {
    const base = await translateWith('sidecar');
    const t = await translateWith('sidecar', [merge()]);
    expect(envoyFilterMessages(t)).toEqual([]);
    const h = hcm(t, '0.0.0.0_9080') ?? {};
    const before = hcm(base, '0.0.0.0_9080') ?? {};
    expect(h.common_http_protocol_options).toEqual({ idle_timeout: { seconds: '30' } });
    expect(h.server_name).toBe('patched-envoy');
    expect(h.stream_idle_timeout).toEqual({ seconds: '300' });
    expect(h.rds).toEqual(before.rds);
    expect(h.http_filters).toEqual(before.http_filters);
    expect(hcm(t, '0.0.0.0_80')).toEqual(hcm(base, '0.0.0.0_80'));
    expectEncodes(t);
  });

  test('a list in the patch is appended (proto merge), here an HTTP filter after the router', async () => {
    const t = await translateWith('sidecar', [
      merge(`
    http_filters:
    - name: appended
      typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua }`),
    ]);
    expect(httpFilterNames(t, '0.0.0.0_9080').slice(-2)).toEqual(['envoy.filters.http.router', 'appended']);
    expectEncodes(t);
  });
});

describe('HTTP filters before the router', () => {
  test('local_ratelimit on the ingress gateway (Istio docs: local rate limiting)', async () => {
    const t = await translateWith('gateway', [
      onePatch(
        'ratelimit',
        'HTTP_FILTER',
        `context: GATEWAY
listener:
  filterChain:
    filter:
      name: ${HCM}
      subFilter: { name: envoy.filters.http.router }`,
        `operation: INSERT_BEFORE
value:
  name: envoy.filters.http.local_ratelimit
  typed_config:
    "@type": type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit
    stat_prefix: http_local_rate_limiter
    token_bucket: { max_tokens: 10, tokens_per_fill: 10, fill_interval: 60s }
    filter_enabled:
      runtime_key: local_rate_limit_enabled
      default_value: { numerator: 100, denominator: HUNDRED }
    filter_enforced:
      runtime_key: local_rate_limit_enforced
      default_value: { numerator: 100, denominator: HUNDRED }
    response_headers_to_add:
    - append_action: OVERWRITE_IF_EXISTS_OR_ADD
      header: { key: x-local-rate-limit, value: "true" }`,
        'istio-system',
      ),
    ]);
    const names = httpFilterNames(t, '0.0.0.0_8080');
    expect(names.slice(-2)).toEqual(['envoy.filters.http.local_ratelimit', 'envoy.filters.http.router']);
    const filters = hcm(t, '0.0.0.0_8080')?.http_filters as Obj[];
    const rl = filters.at(-2)?.typed_config as Obj;
    expect(rl.token_bucket).toEqual({
      max_tokens: 10,
      tokens_per_fill: { value: 10 },
      fill_interval: { seconds: '60' },
    });
    expect(envoyFilterMessages(t)).toEqual([]);
    expectEncodes(t);
  });

  test('lua on inbound traffic (Istio docs: reviews lua example) goes into both inbound HTTP chains', async () => {
    const t = await translateWith('sidecar', [
      onePatch(
        'lua',
        'HTTP_FILTER',
        `context: SIDECAR_INBOUND
listener:
  portNumber: 9080
  filterChain:
    filter:
      name: ${HCM}
      subFilter: { name: envoy.filters.http.router }`,
        `operation: INSERT_BEFORE
value:
  name: envoy.lua
  typed_config:
    "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua
    default_source_code:
      inline_string: |
        function envoy_on_request(request_handle)
          request_handle:headers():add("x-lua", "1")
        end`,
      ),
    ]);
    // virtualInbound's 9080 chains come after the blackhole and 5 passthrough chains (istiod's order).
    for (const i of [6, 7])
      expect(httpFilterNames(t, 'virtualInbound', i).slice(-2)).toEqual([
        'envoy.lua',
        'envoy.filters.http.router',
      ]);
    expect(httpFilterNames(t, '0.0.0.0_9080')).not.toContain('envoy.lua');
    expectEncodes(t);
  });

  test('MERGE into the router typed_config, renaming it', async () => {
    const t = await translateWith('sidecar', [
      onePatch(
        'router',
        'HTTP_FILTER',
        `listener:\n  portNumber: 9080\n  filterChain:\n    filter:\n      name: ${HCM}\n      subFilter: { name: envoy.filters.http.router }`,
        `operation: MERGE
value:
  name: envoy.router
  typed_config:
    "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router
    suppress_envoy_headers: true`,
      ),
    ]);
    const last = ((hcm(t, '0.0.0.0_9080')?.http_filters ?? []) as Obj[]).at(-1);
    expect(last).toEqual({
      name: 'envoy.router',
      typed_config: {
        '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router',
        suppress_envoy_headers: true,
      },
    });
    expectEncodes(t);
  });
});

describe('transport sockets', () => {
  const TLS = 'envoy.transport_sockets.tls';
  test('FILTER_CHAIN MERGE of a socket of the same name merges its typed_config (and only it)', async () => {
    const t = await translateWith('sidecar', [
      onePatch(
        'tls',
        'FILTER_CHAIN',
        'context: SIDECAR_INBOUND\nlistener:\n  portNumber: 9080\n  filterChain: { transportProtocol: tls }',
        `operation: MERGE
value:
  name: ignored-because-the-socket-merged
  transport_socket:
    name: ${TLS}
    typed_config:
      "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext
      common_tls_context: { tls_params: { tls_minimum_protocol_version: TLSv1_3 } }`,
      ),
    ]);
    const mtls = chains(t, 'virtualInbound').find((c) => c.name === '0.0.0.0_9080') ?? {};
    const ctx = (mtls.transport_socket as Obj).typed_config as Obj;
    const params = (ctx.common_tls_context as Obj).tls_params as Obj;
    expect(params.tls_minimum_protocol_version).toBe('TLSv1_3');
    expect(params.tls_maximum_protocol_version).toBe('TLSv1_3');
    expect((params.cipher_suites as string[]).length).toBe(6);
    expect(ctx.require_client_certificate).toEqual({ value: true });
    expect(mtls.name).toBe('0.0.0.0_9080');
    expectEncodes(t);
  });

  test('CLUSTER MERGE of a socket goes into the transport_socket_matches socket of that name (auto mTLS)', async () => {
    const t = await translateWith('sidecar', [
      onePatch(
        'sni',
        'CLUSTER',
        'context: SIDECAR_OUTBOUND\ncluster: { service: details.default.svc.cluster.local }',
        `operation: MERGE
value:
  transport_socket:
    name: ${TLS}
    typed_config:
      "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext
      sni: details.custom`,
      ),
    ]);
    const c = cluster(t, 'outbound|9080||details.default.svc.cluster.local') ?? {};
    expect(c.transport_socket).toBeUndefined();
    const matches = c.transport_socket_matches as Obj[];
    const istio = matches.find((m) => m.name === 'tlsMode-istio')?.transport_socket as Obj;
    expect((istio.typed_config as Obj).sni).toBe('details.custom');
    expect(((istio.typed_config as Obj).common_tls_context as Obj).alpn_protocols).toEqual([
      'istio-peer-exchange',
      'istio',
    ]);
    expectEncodes(t);
  });

  test('CLUSTER MERGE into the DestinationRule ISTIO_MUTUAL socket of a subset cluster', async () => {
    const t = await translateWith(
      'sidecar',
      [
        onePatch(
          'sni',
          'CLUSTER',
          'cluster: { service: reviews.default.svc.cluster.local, subset: v1 }',
          `operation: MERGE
value:
  transport_socket:
    name: ${TLS}
    typed_config:
      "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext
      sni: reviews.custom`,
        ),
      ],
      undefined,
      ['destination-rule-all-mtls.yaml'],
    );
    const ts = cluster(t, 'outbound|9080|v1|reviews.default.svc.cluster.local')?.transport_socket as Obj;
    expect((ts.typed_config as Obj).sni).toBe('reviews.custom');
    const v2 = cluster(t, 'outbound|9080|v2|reviews.default.svc.cluster.local')?.transport_socket as Obj;
    expect((v2.typed_config as Obj).sni).toBe('outbound_.9080_.v2_.reviews.default.svc.cluster.local');
    expectEncodes(t);
  });
});

describe('proto merge rules', () => {
  test('MERGE of direct_response into a route clears its route action (one of the action oneof)', async () => {
    const t = await translateWith('sidecar', [
      onePatch(
        'dr',
        'HTTP_ROUTE',
        'routeConfiguration:\n  vhost:\n    name: ratings.default.svc.cluster.local:9080\n    route: { action: ROUTE }',
        'operation: MERGE\nvalue: { direct_response: { status: 503 } }',
      ),
    ]);
    const r =
      ((virtualHost(t, '9080', 'ratings.default.svc.cluster.local:9080')?.routes ?? []) as Obj[])[0] ?? {};
    expect(r.direct_response).toEqual({ status: 503 });
    expect(r.route).toBeUndefined();
    expect(r.name).toBe('default');
    expectEncodes(t);
  });

  test('route action match: a REDIRECT-only patch skips ROUTE routes', async () => {
    const t = await translateWith('sidecar', [
      onePatch(
        'dr',
        'HTTP_ROUTE',
        'routeConfiguration:\n  vhost:\n    name: ratings.default.svc.cluster.local:9080\n    route: { action: REDIRECT }',
        'operation: MERGE\nvalue: { direct_response: { status: 503 } }',
      ),
    ]);
    const r =
      ((virtualHost(t, '9080', 'ratings.default.svc.cluster.local:9080')?.routes ?? []) as Obj[])[0] ?? {};
    expect(r.direct_response).toBeUndefined();
    expect(r.route).toBeDefined();
  });
});

describe('MERGE and MERGE_AND_REPLACE_LIST', () => {
  test.each([
    // 5 names of reviews (fqdn, fqdn., short, .ns.svc, .ns) + its cluster IP, then the merged one.
    ['MERGE appends to domains', 'MERGE', 7],
    ['MERGE_AND_REPLACE_LIST replaces domains', 'MERGE_AND_REPLACE_LIST', 1],
  ])('%s', async (_what, op, count) => {
    const t = await translateWith('sidecar', [
      onePatch(
        'm',
        'VIRTUAL_HOST',
        'routeConfiguration: { vhost: { name: reviews.default.svc.cluster.local:9080 } }',
        `operation: ${op}\nvalue: { domains: [reviews.example] }`,
      ),
    ]);
    const domains = virtualHost(t, '9080', 'reviews.default.svc.cluster.local:9080')?.domains as string[];
    expect(domains.length).toBe(count);
    expect(domains.at(-1)).toBe('reviews.example');
    expect(cluster(t, 'outbound|9080||reviews.default.svc.cluster.local')).toBeDefined();
  });
});
