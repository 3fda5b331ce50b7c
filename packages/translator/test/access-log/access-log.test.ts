// The gRPC access log service (MeshConfig.enableEnvoyAccessLogService + defaultConfig.envoyAccessLogService):
// the logger on every HTTP connection manager of a sidecar (outbound, inbound) and a gateway, the
// `envoy_accesslog_service` cluster sent over CDS, the request header names the routes match on, and the
// simulator routing the same with the logger and cluster as without them. Real bookinfo + Istio networking files.
import {
  buildRegistry,
  type Cluster,
  encode,
  type HttpConnectionManager,
  type Listener,
  type NetworkFilter,
  resourceKey,
} from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { parseServiceAddress } from '../../src/access-log/access-log-service.js';
import { TranslationCache } from '../../src/cache/translation-cache.js';
import type { MeshConfig } from '../../src/mesh-config.js';
import type { MeshProxy } from '../../src/proxy.js';
import { PushContext } from '../../src/push-context.js';
import { simulate } from '../../src/simulate/simulate.js';
import { type Translation, translate } from '../../src/translate.js';
import {
  BOOKINFO,
  INGRESS_SERVICE,
  ingress,
  load,
  net,
  productpage,
  reviewsV2,
  WORKLOADS,
} from '../route/fixtures.js';

const ON: Partial<MeshConfig> = {
  enableEnvoyAccessLogService: true,
  envoyAccessLogService: { address: '127.0.0.1:15010' },
};

const HEADER_GATEWAY_VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews-edge, namespace: default }
spec:
  hosts: [reviews.example.com]
  gateways: [bookinfo-gateway]
  http:
  - match: [{ headers: { X-Canary: { exact: "1" } } }, { headers: { x-canary: { prefix: "y" }, user-agent: { regex: ".*Firefox.*" } } }]
    route: [{ destination: { host: reviews, port: { number: 9080 } } }]
  - route: [{ destination: { host: productpage, port: { number: 9080 } } }]
`;

async function translated(
  proxy: MeshProxy,
  mesh: Partial<MeshConfig>,
  files: readonly string[] = [],
  inline: readonly string[] = [],
  cache?: TranslationCache,
): Promise<{ t: Translation; push: PushContext }> {
  const resources = await load([BOOKINFO, ...files.map(net)], [INGRESS_SERVICE, ...inline]);
  const registry = buildRegistry(resources, { workloads: WORKLOADS });
  const push = new PushContext(registry, mesh, cache === undefined ? {} : { cache });
  return { t: translate(proxy, push), push };
}

/** Every HCM of the listeners, with where it is (`listener/chain`). */
function hcms(ls: readonly Listener[]): { where: string; hcm: HttpConnectionManager }[] {
  const out: { where: string; hcm: HttpConnectionManager }[] = [];
  for (const l of ls) {
    const chains = [...(l.filter_chains ?? []), ...(l.default_filter_chain ? [l.default_filter_chain] : [])];
    chains.forEach((c, i) => {
      for (const f of c.filters ?? ([] as NetworkFilter[])) {
        if (f.name !== 'envoy.filters.network.http_connection_manager') continue;
        out.push({
          where: `${l.name}/${c.name ?? i}`,
          hcm: f.typed_config as unknown as HttpConnectionManager,
        });
      }
    });
  }
  return out;
}

const logger = (headers?: string[]) => ({
  name: 'envoy.access_loggers.http_grpc',
  typed_config: {
    '@type': 'type.googleapis.com/envoy.extensions.access_loggers.grpc.v3.HttpGrpcAccessLogConfig',
    common_config: {
      log_name: 'http_envoy_accesslog',
      grpc_service: { envoy_grpc: { cluster_name: 'envoy_accesslog_service' } },
      transport_api_version: 'V3',
      filter_state_objects_to_log: [
        'upstream_peer',
        'downstream_peer',
        'wasm.upstream_peer',
        'wasm.upstream_peer_id',
        'wasm.downstream_peer',
        'wasm.downstream_peer_id',
      ],
    },
    ...(headers === undefined ? {} : { additional_request_headers_to_log: headers }),
  },
});

const alsCluster = (t: Translation): Cluster | undefined =>
  t.clusters.find((c) => c.name === 'envoy_accesslog_service');

describe('access log service off (the default)', () => {
  it.each([
    ['sidecar', productpage],
    ['gateway', ingress],
  ])('%s: no HCM has an access log and there is no envoy_accesslog_service cluster', async (_, proxy) => {
    const { t } = await translated(proxy, {}, ['bookinfo-gateway.yaml']);
    expect(hcms(t.listeners).length).toBeGreaterThan(0);
    for (const { where, hcm } of hcms(t.listeners)) expect(hcm.access_log, where).toBeUndefined();
    expect(alsCluster(t)).toBeUndefined();
  });

  it.each([
    ['switch on without an address', { enableEnvoyAccessLogService: true }],
    ['address without the switch', { envoyAccessLogService: { address: '127.0.0.1:15010' } }],
    ['a malformed address', { enableEnvoyAccessLogService: true, envoyAccessLogService: { address: 'als' } }],
  ])('%s: off', async (_, mesh) => {
    const { t } = await translated(productpage, mesh as Partial<MeshConfig>);
    for (const { where, hcm } of hcms(t.listeners)) expect(hcm.access_log, where).toBeUndefined();
    expect(alsCluster(t)).toBeUndefined();
  });
});

describe('access log service on', () => {
  it('every sidecar HCM (outbound RDS and inbound inline) carries the logger; the listeners encode', async () => {
    const { t } = await translated(productpage, ON);
    const all = hcms(t.listeners);
    expect(all.some((h) => h.hcm.rds !== undefined)).toBe(true);
    expect(all.some((h) => h.hcm.route_config !== undefined)).toBe(true);
    // Bookinfo's plain config matches on no header: the logger lists none.
    for (const { where, hcm } of all) expect(hcm.access_log, where).toEqual([logger()]);
    for (const l of t.listeners) expect(() => encode('envoy.config.listener.v3.Listener', l)).not.toThrow();
  });

  it('the gateway HCMs carry the logger with the header names of the gateway routes', async () => {
    const { t } = await translated(ingress, ON, ['bookinfo-gateway.yaml'], [HEADER_GATEWAY_VS]);
    const all = hcms(t.listeners);
    expect(all.length).toBeGreaterThan(0);
    // X-Canary and x-canary are one name; sorted by code unit.
    for (const { where, hcm } of all)
      expect(hcm.access_log, where).toEqual([logger(['user-agent', 'x-canary'])]);
    for (const l of t.listeners) expect(() => encode('envoy.config.listener.v3.Listener', l)).not.toThrow();
  });

  it("a sidecar logs the headers its own routes match on: productpage's reviews route (end-user), not the gateway's", async () => {
    const { t } = await translated(productpage, ON, ['virtual-service-reviews-test-v2.yaml']);
    expect(hcms(t.listeners).length).toBeGreaterThan(1);
    for (const { where, hcm } of hcms(t.listeners))
      expect(hcm.access_log, where).toEqual([logger(['end-user'])]);
  });

  it('the envoy_accesslog_service cluster: STATIC, h2, 1s connect timeout, the address as its endpoint', async () => {
    for (const proxy of [productpage, ingress]) {
      const { t } = await translated(proxy, ON);
      const c = alsCluster(t);
      expect(c).toEqual({
        name: 'envoy_accesslog_service',
        alt_stat_name: 'envoy_accesslog_service;',
        type: 'STATIC',
        connect_timeout: { seconds: '1' },
        lb_policy: 'ROUND_ROBIN',
        typed_extension_protocol_options: {
          'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
            '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
            explicit_http_config: { http2_protocol_options: {} },
          },
        },
        load_assignment: {
          cluster_name: 'envoy_accesslog_service',
          endpoints: [
            {
              lb_endpoints: [
                { endpoint: { address: { socket_address: { address: '127.0.0.1', port_value: 15010 } } } },
              ],
            },
          ],
        },
      });
      expect(() => encode('envoy.config.cluster.v3.Cluster', c ?? {})).not.toThrow();
      // Clusters stay sorted by name, and the access log cluster gets no EDS assignment.
      const names = t.clusters.map((x) => x.name ?? '');
      expect(names).toEqual([...names].sort());
      expect(t.endpoints.some((e) => e.cluster_name === 'envoy_accesslog_service')).toBe(false);
    }
  });

  it('a DNS name gives a STRICT_DNS cluster as the bootstrap writes it', async () => {
    const { t } = await translated(reviewsV2, {
      enableEnvoyAccessLogService: true,
      envoyAccessLogService: { address: 'istiod.istio-system.svc:15000' },
    });
    expect(alsCluster(t)).toMatchObject({
      type: 'STRICT_DNS',
      respect_dns_ttl: true,
      dns_lookup_family: 'V4_ONLY',
      load_assignment: {
        endpoints: [
          {
            lb_endpoints: [
              {
                endpoint: {
                  address: { socket_address: { address: 'istiod.istio-system.svc', port_value: 15000 } },
                },
              },
            ],
          },
        ],
      },
    });
  });

  it('is deterministic, and a cached push that changes nothing keeps the same listener objects', async () => {
    const files = ['destination-rule-all.yaml', 'virtual-service-reviews-test-v2.yaml'];
    const a = await translated(productpage, ON, files);
    const b = await translated(productpage, ON, files);
    expect(JSON.stringify(b.t)).toBe(JSON.stringify(a.t));
    const cache = new TranslationCache();
    const first = await translated(productpage, ON, files, [], cache);
    const again = translate(productpage, new PushContext(first.push.registry, ON, { cache }));
    expect(again.listeners.length).toBe(first.t.listeners.length);
    for (const [i, l] of again.listeners.entries()) expect(l).toBe(first.t.listeners[i]);
    expect(again.clusters.find((c) => c.name === 'envoy_accesslog_service')).toBe(alsCluster(first.t));
  });
});

describe('access log service on, with a caller cache across changes', () => {
  it('a VirtualService that adds a header match changes the logged headers as a fresh translation does', async () => {
    const cache = new TranslationCache();
    const first = await translated(productpage, ON, ['destination-rule-all.yaml'], [], cache);
    for (const { where, hcm } of hcms(first.t.listeners)) expect(hcm.access_log, where).toEqual([logger()]);
    const jason = await load([net('virtual-service-reviews-test-v2.yaml')]);
    const applied = first.push.registry.apply({ upsert: jason });
    cache.advance(first.push.registry, applied);
    const next = translate(productpage, new PushContext(applied.registry, ON, { cache }));
    for (const { where, hcm } of hcms(next.listeners))
      expect(hcm.access_log, where).toEqual([logger(['end-user'])]);
    const fresh = translate(productpage, new PushContext(applied.registry, ON));
    expect(JSON.stringify(next)).toBe(JSON.stringify(fresh));
    // And back: removing it drops the header from every HCM again.
    const removed = applied.registry.apply({ remove: jason.map(resourceKey) });
    cache.advance(applied.registry, removed);
    const back = translate(productpage, new PushContext(removed.registry, ON, { cache }));
    for (const { where, hcm } of hcms(back.listeners)) expect(hcm.access_log, where).toEqual([logger()]);
  });
});

describe('the simulator with the access log service on', () => {
  it.each([
    ['sidecar', productpage, { port: 9080, host: 'reviews:9080', headers: { 'end-user': 'jason' } }],
    ['sidecar, no header', productpage, { port: 9080, host: 'reviews:9080' }],
    ['gateway', ingress, { port: 8080, host: 'bookinfo.example.com', path: '/productpage' }],
  ])('%s: the same outcome, cluster and trace as with it off', async (_, proxy, call) => {
    const files = [
      'bookinfo-gateway.yaml',
      'destination-rule-all.yaml',
      'virtual-service-reviews-test-v2.yaml',
    ];
    const on = simulate((await translated(proxy, ON, files)).t, call);
    const off = simulate((await translated(proxy, {}, files)).t, call);
    expect(on.outcome).toBe('routed');
    expect(on).toEqual(off);
  });
});

describe('parseServiceAddress', () => {
  it.each([
    ['127.0.0.1:15010', { host: '127.0.0.1', port: 15010, isIp: true }],
    ['[::1]:15010', { host: '::1', port: 15010, isIp: true }],
    ['istiod.istio-system.svc:15000', { host: 'istiod.istio-system.svc', port: 15000, isIp: false }],
  ])('%s', (address, want) => expect(parseServiceAddress(address)).toEqual(want));

  it.each(['127.0.0.1', ':15010', '127.0.0.1:0', '127.0.0.1:65536', '[nothex]:1', 'a b:1', '::1:15010'])(
    '%s is not HOST:PORT',
    (address) => expect(parseServiceAddress(address)).toBeUndefined(),
  );
});
