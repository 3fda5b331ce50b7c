// DNS clusters (STRICT_DNS, LOGICAL_DNS) as istiod 1.30 builds them (cluster_builder.go buildCluster): the c-ares
// DNS resolver with udp_max_queries 100 (PILOT_DNS_CARES_UDP_MAX_QUERIES) beside dns_refresh_rate 60s and
// respect_dns_ttl; clusters of other discovery types get none of these. istiod also writes dns_jitter 100ms, which
// the model's Envoy Cluster proto does not have (see src/cluster/cluster-builder.ts).
import { type Cluster, encode, type LoadedResource, TypeUrl, toProto3Json } from '@minimesh/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClusters } from '../../src/cluster/build-clusters.js';
import type { MeshProxy } from '../../src/proxy.js';
import { gatewayProxy, loadSample, manifests, sidecarOf, world } from './fixtures.js';

const MORE = `
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: api, namespace: default }
spec:
  hosts: [api.example.com]
  location: MESH_EXTERNAL
  resolution: DNS_ROUND_ROBIN
  ports: [{ number: 443, name: https, protocol: HTTPS }]
---
apiVersion: v1
kind: Service
metadata: { name: search, namespace: default }
spec:
  type: ExternalName
  externalName: search.example.net
  ports: [{ name: http, port: 80 }]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: googleapis, namespace: default }
spec:
  host: www.googleapis.com
  subsets: [{ name: any, labels: {} }]
`;

const CARES = {
  name: 'envoy.network.dns_resolver.cares',
  typed_config: { '@type': TypeUrl.CARES_DNS_RESOLVER, udp_max_queries: { value: 100 } },
};

const isDns = (c: Cluster) => c.type === 'STRICT_DNS' || c.type === 'LOGICAL_DNS';

describe('DNS clusters get the c-ares resolver istiod configures', () => {
  let resources: LoadedResource[] = [];
  beforeAll(async () => {
    resources = [
      ...(await loadSample('platform/kube/bookinfo.yaml')),
      ...(await loadSample('networking/egress-rule-google-apis.yaml')),
      ...manifests(MORE),
    ];
  });
  const clustersOf = (proxy: MeshProxy): Cluster[] => {
    const w = world(resources);
    return buildClusters(proxy, w.push, w.sink);
  };

  it.each([
    ['productpage sidecar', () => sidecarOf('productpage-v1-0')],
    ['ingress gateway', () => gatewayProxy()],
  ])('%s: every STRICT_DNS / LOGICAL_DNS cluster, subsets included', (_what, proxy) => {
    const clusters = clustersOf(proxy());
    const dns = clusters.filter(isDns);
    expect(dns.map((c) => `${c.name} ${c.type}`).sort()).toEqual([
      'outbound|443|any|www.googleapis.com STRICT_DNS',
      'outbound|443||api.example.com LOGICAL_DNS',
      'outbound|443||www.googleapis.com STRICT_DNS',
      'outbound|80|any|www.googleapis.com STRICT_DNS',
      'outbound|80||search.default.svc.cluster.local STRICT_DNS',
      'outbound|80||www.googleapis.com STRICT_DNS',
    ]);
    for (const c of dns) {
      expect(c.typed_dns_resolver_config, c.name).toEqual(CARES);
      expect(c, c.name).toMatchObject({ dns_refresh_rate: { seconds: '60' }, respect_dns_ttl: true });
      expect(() => encode('envoy.config.cluster.v3.Cluster', c)).not.toThrow();
    }
    for (const c of clusters.filter((x) => !isDns(x)))
      expect(c.typed_dns_resolver_config, c.name).toBeUndefined();
  });

  it('shows in the proto3 JSON as istiod config_dumps show it', () => {
    const c = clustersOf(sidecarOf('productpage-v1-0')).find(
      (x) => x.name === 'outbound|80||www.googleapis.com',
    );
    expect(c).toBeDefined();
    const json = toProto3Json('envoy.config.cluster.v3.Cluster', c as Cluster) as Record<string, unknown>;
    expect(json.typed_dns_resolver_config).toEqual({
      name: 'envoy.network.dns_resolver.cares',
      typed_config: {
        '@type': 'type.googleapis.com/envoy.extensions.network.dns_resolver.cares.v3.CaresDnsResolverConfig',
        udp_max_queries: 100,
      },
    });
  });

  it('gives each cluster its own resolver object', () => {
    const dns = clustersOf(sidecarOf('productpage-v1-0')).filter(isDns);
    const configs = new Set(dns.map((c) => c.typed_dns_resolver_config));
    expect(configs.size).toBe(dns.length);
  });
});
