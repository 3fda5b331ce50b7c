import type { LoadedResource } from '@minimesh/model';
import { type Cluster, encode, toProto3Json } from '@minimesh/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClusters } from '../../src/cluster/build-clusters.js';
import { gatewayProxy, loadSample, sidecarOf, world } from './fixtures.js';

const REVIEWS = 'reviews.default.svc.cluster.local';

let bookinfo: LoadedResource[];
let drAll: LoadedResource[];
beforeAll(async () => {
  bookinfo = await loadSample('platform/kube/bookinfo.yaml');
  drAll = await loadSample('networking/destination-rule-all.yaml');
});

function named(clusters: readonly Cluster[], name: string): Cluster {
  const c = clusters.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no cluster ${name} in ${clusters.map((x) => x.name).join(', ')}`);
  return c;
}

function productpageClusters(resources: LoadedResource[]) {
  const w = world(resources);
  return { clusters: buildClusters(sidecarOf('productpage-v1-0'), w.push, w.sink), sink: w.sink };
}

describe('buildClusters for a Bookinfo sidecar', () => {
  it('builds one cluster per service port and DestinationRule subset, plus the fixed ones, sorted', () => {
    const { clusters, sink } = productpageClusters([...bookinfo, ...drAll]);
    const names = clusters.map((c) => c.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual([
      'BlackHoleCluster',
      'InboundPassthroughCluster',
      'PassthroughCluster',
      'inbound|9080||',
      'outbound|9080|v1|details.default.svc.cluster.local',
      'outbound|9080|v1|productpage.default.svc.cluster.local',
      'outbound|9080|v1|ratings.default.svc.cluster.local',
      `outbound|9080|v1|${REVIEWS}`,
      'outbound|9080|v2-mysql-vm|ratings.default.svc.cluster.local',
      'outbound|9080|v2-mysql|ratings.default.svc.cluster.local',
      'outbound|9080|v2|details.default.svc.cluster.local',
      'outbound|9080|v2|ratings.default.svc.cluster.local',
      `outbound|9080|v2|${REVIEWS}`,
      `outbound|9080|v3|${REVIEWS}`,
      'outbound|9080||details.default.svc.cluster.local',
      'outbound|9080||productpage.default.svc.cluster.local',
      'outbound|9080||ratings.default.svc.cluster.local',
      `outbound|9080||${REVIEWS}`,
    ]);
    expect(sink.list()).toEqual([]);
  });

  it('writes outbound clusters as istiod does: EDS over ADS, LEAST_REQUEST, unlimited circuit breakers', () => {
    const { clusters } = productpageClusters([...bookinfo, ...drAll]);
    const c = named(clusters, `outbound|9080|v2|${REVIEWS}`);
    expect(c).toMatchObject({
      type: 'EDS',
      eds_cluster_config: {
        service_name: `outbound|9080|v2|${REVIEWS}`,
        eds_config: { ads: {}, initial_fetch_timeout: {}, resource_api_version: 'V3' },
      },
      connect_timeout: { seconds: '10' },
      lb_policy: 'LEAST_REQUEST',
      alt_stat_name: `outbound|9080|v2|${REVIEWS};`,
      common_lb_config: {},
      circuit_breakers: {
        thresholds: [
          {
            max_connections: { value: 4294967295 },
            max_pending_requests: { value: 4294967295 },
            max_requests: { value: 4294967295 },
            max_retries: { value: 4294967295 },
          },
        ],
      },
    });
    // HTTP/1.1 ports need no protocol options; the cluster is plain without a DestinationRule TLS setting.
    expect(c.typed_extension_protocol_options).toBeUndefined();
    expect(c.transport_socket).toBeUndefined();
  });

  it('records the service, the DestinationRule and the subset in istio metadata', () => {
    const { clusters } = productpageClusters([...bookinfo, ...drAll]);
    const json = toProto3Json(
      'envoy.config.cluster.v3.Cluster',
      named(clusters, `outbound|9080|v3|${REVIEWS}`),
    );
    expect(json).toMatchObject({
      metadata: {
        filter_metadata: {
          istio: {
            config: '/apis/networking.istio.io/v1/namespaces/default/destination-rule/reviews',
            services: [{ host: REVIEWS, name: 'reviews', namespace: 'default' }],
            subset: 'v3',
          },
        },
      },
    });
    const plain = toProto3Json(
      'envoy.config.cluster.v3.Cluster',
      named(clusters, `outbound|9080||${REVIEWS}`),
    );
    expect(plain).toMatchObject({ metadata: { filter_metadata: { istio: { config: expect.any(String) } } } });
    const noRule = productpageClusters(bookinfo).clusters;
    const bare = toProto3Json('envoy.config.cluster.v3.Cluster', named(noRule, `outbound|9080||${REVIEWS}`));
    expect(bare).toMatchObject({
      metadata: { filter_metadata: { istio: { services: [{ host: REVIEWS }] } } },
    });
    expect(JSON.stringify(bare)).not.toContain('"config"');
  });

  it('uses auto mTLS: Istio mTLS to tlsMode=istio endpoints, plaintext to the rest', () => {
    const { clusters } = productpageClusters([...bookinfo, ...drAll]);
    const c = named(clusters, `outbound|9080|v1|${REVIEWS}`);
    expect(c.transport_socket).toBeUndefined();
    expect(c.transport_socket_matches?.map((m) => m.name)).toEqual(['tlsMode-istio', 'tlsMode-disabled']);
    const [istio, disabled] = c.transport_socket_matches ?? [];
    expect(istio?.match).toEqual({ fields: { tlsMode: { stringValue: 'istio' } } });
    expect(disabled).toMatchObject({
      match: {},
      transport_socket: { name: 'envoy.transport_sockets.raw_buffer' },
    });
    expect(istio?.transport_socket).toMatchObject({
      name: 'envoy.transport_sockets.tls',
      typed_config: {
        '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
        sni: `outbound_.9080_.v1_.${REVIEWS}`,
        common_tls_context: {
          tls_params: { tls_minimum_protocol_version: 'TLSv1_2', tls_maximum_protocol_version: 'TLSv1_3' },
          alpn_protocols: ['istio-peer-exchange', 'istio'],
          tls_certificate_sds_secret_configs: [{ name: 'default' }],
          combined_validation_context: {
            default_validation_context: {
              match_subject_alt_names: [{ exact: 'spiffe://cluster.local/ns/default/sa/bookinfo-reviews' }],
            },
            validation_context_sds_secret_config: { name: 'ROOTCA' },
          },
        },
      },
    });
    const def = named(clusters, `outbound|9080||${REVIEWS}`);
    expect(def.transport_socket_matches?.[0]?.transport_socket?.typed_config).toMatchObject({
      sni: `outbound_.9080_._.${REVIEWS}`,
    });
  });

  it('builds the passthrough, black hole and inbound clusters of a sidecar', () => {
    const { clusters } = productpageClusters(bookinfo);
    expect(named(clusters, 'PassthroughCluster')).toMatchObject({
      type: 'ORIGINAL_DST',
      lb_policy: 'CLUSTER_PROVIDED',
      connect_timeout: { seconds: '10' },
      alt_stat_name: 'PassthroughCluster;',
      typed_extension_protocol_options: {
        'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
          common_http_protocol_options: { idle_timeout: { seconds: '300' } },
          use_downstream_protocol_config: { http_protocol_options: {}, http2_protocol_options: {} },
        },
      },
    });
    expect(named(clusters, 'BlackHoleCluster')).toEqual({
      name: 'BlackHoleCluster',
      type: 'STATIC',
      connect_timeout: { seconds: '10' },
      lb_policy: 'ROUND_ROBIN',
      alt_stat_name: 'BlackHoleCluster;',
    });
    expect(named(clusters, 'InboundPassthroughCluster')).toMatchObject({
      type: 'ORIGINAL_DST',
      upstream_bind_config: { source_address: { address: '127.0.0.6', port_value: 0 } },
      alt_stat_name: 'PassthroughCluster;',
    });
    expect(named(clusters, 'inbound|9080||')).toMatchObject({
      type: 'ORIGINAL_DST',
      lb_policy: 'CLUSTER_PROVIDED',
      cleanup_interval: { seconds: '9223372035' },
      upstream_bind_config: { source_address: { address: '127.0.0.6', port_value: 0 } },
      alt_stat_name: 'inbound|9080||;',
    });
    expect(named(clusters, 'inbound|9080||').metadata).toEqual({
      filter_metadata: {
        istio: {
          fields: {
            services: {
              listValue: {
                values: [
                  {
                    structValue: {
                      fields: {
                        host: { stringValue: 'productpage.default.svc.cluster.local' },
                        name: { stringValue: 'productpage' },
                        namespace: { stringValue: 'default' },
                      },
                    },
                  },
                ],
              },
            },
          },
        },
      },
    });
  });

  it('gives a gateway outbound clusters and BlackHoleCluster only', () => {
    const w = world([...bookinfo, ...drAll]);
    const names = buildClusters(gatewayProxy(), w.push, w.sink).map((c) => c.name);
    expect(names).toContain(`outbound|9080|v1|${REVIEWS}`);
    expect(names).toContain('BlackHoleCluster');
    expect(names.filter((n) => n?.startsWith('inbound') || n?.includes('Passthrough'))).toEqual([]);
  });

  it('produces clusters that pass the strict Envoy codec', () => {
    const { clusters } = productpageClusters([...bookinfo, ...drAll]);
    for (const c of clusters) expect(() => encode('envoy.config.cluster.v3.Cluster', c)).not.toThrow();
  });

  it('is deterministic: two runs give byte-identical output', () => {
    const a = productpageClusters([...bookinfo, ...drAll]).clusters;
    const b = productpageClusters([...bookinfo, ...drAll]).clusters;
    const json = (cs: Cluster[]) =>
      JSON.stringify(cs.map((c) => toProto3Json('envoy.config.cluster.v3.Cluster', c)));
    expect(json(a)).toBe(json(b));
    const bytes = (cs: Cluster[]) =>
      cs.map((c) => Buffer.from(encode('envoy.config.cluster.v3.Cluster', c)).toString('base64'));
    expect(bytes(a)).toEqual(bytes(b));
  });

  it('matches the golden CDS of productpage with destination-rule-all.yaml', async () => {
    const { clusters } = productpageClusters([...bookinfo, ...drAll]);
    const json = clusters.map((c) => toProto3Json('envoy.config.cluster.v3.Cluster', c));
    await expect(`${JSON.stringify(json, null, 2)}\n`).toMatchFileSnapshot(
      './__golden__/productpage-clusters.json',
    );
  });
});
