// CDS for proxyless gRPC (istiod grpcgen cds.go): only requested clusters, plain EDS over ADS, and of the
// DestinationRule only what gRPC has: ring hash, least request, max_requests, ISTIO_MUTUAL with the bootstrap's
// certificate provider. The rest is reported at the DestinationRule field.
import { describe, expect, it } from 'vitest';
import { buildGrpcClusters } from '../../src/grpc/grpc-clusters.js';
import { grpcOptionsForNode } from '../../src/grpc/grpc-node.js';
import { MessageSink } from '../../src/messages.js';
import { expectEncodes, grpcClient, REVIEWS, world } from './helpers.js';

const key = (subset: string, host = REVIEWS, port = 9080) => `outbound|${port}|${subset}|${host}`;
const DETAILS = 'details.default.svc.cluster.local';

const POLICY_DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: default }
spec:
  host: reviews
  trafficPolicy:
    loadBalancer: { consistentHash: { ringHash: { minimumRingSize: 4096 } } }
    connectionPool: { http: { http2MaxRequests: 100, http1MaxPendingRequests: 5 } }
    outlierDetection: { consecutive5xxErrors: 3 }
  subsets:
  - { name: v1, labels: { version: v1 } }
  - name: v2
    labels: { version: v2 }
    trafficPolicy: { loadBalancer: { simple: LEAST_REQUEST } }
  - name: v3
    labels: { version: v3 }
    trafficPolicy: { loadBalancer: { simple: RANDOM } }
`;

async function build(files: string[], inline: string[], names: string[]) {
  const w = await world(files, inline);
  const sink = new MessageSink();
  const clusters = buildGrpcClusters(grpcClient, w.push, sink, names);
  expectEncodes({ clusters });
  return { clusters, sink, byName: new Map(clusters.map((c) => [c.name, c])) };
}

describe('gRPC clusters', () => {
  it('builds only the requested clusters, EDS over ADS named by themselves, sorted', async () => {
    const { clusters } = await build(['destination-rule-all.yaml'], [], [key('v2'), key(''), key('v1')]);
    // Sorted by UTF-16 code unit: `|` sorts after letters, so the default cluster comes last.
    expect(clusters.map((c) => c.name)).toEqual([key('v1'), key('v2'), key('')]);
    expect(clusters[0]).toEqual({
      name: key('v1'),
      alt_stat_name: `${key('v1')};`,
      type: 'EDS',
      eds_cluster_config: { service_name: key('v1'), eds_config: { ads: {} } },
    });
  });

  it('applies ring hash, least request and max_requests, and nothing else of the policy', async () => {
    const { byName } = await build([], [POLICY_DR], [key(''), key('v1'), key('v2'), key('v3')]);
    const def = byName.get(key(''));
    expect(def?.lb_policy).toBe('RING_HASH');
    expect(def?.ring_hash_lb_config).toEqual({ minimum_ring_size: { value: '4096' } });
    expect(def?.circuit_breakers).toEqual({ thresholds: [{ max_requests: { value: 100 } }] });
    expect(def?.outlier_detection).toBeUndefined();
    expect(byName.get(key('v1'))?.lb_policy).toBe('RING_HASH');
    // The subset's loadBalancer replaces the rule's; its connection pool is inherited.
    expect(byName.get(key('v2'))?.lb_policy).toBe('LEAST_REQUEST');
    expect(byName.get(key('v2'))?.ring_hash_lb_config).toBeUndefined();
    expect(byName.get(key('v2'))?.circuit_breakers).toEqual(def?.circuit_breakers);
    expect(byName.get(key('v3'))?.lb_policy).toBeUndefined();
  });

  it('reports load balancers gRPC lacks at the DestinationRule field', async () => {
    const { sink } = await build([], [POLICY_DR], [key('v3')]);
    expect(sink.list()).toEqual([
      {
        code: 'MM_GRPC_UNSUPPORTED',
        severity: 'Warning',
        message: `proxyless gRPC: loadBalancer.simple RANDOM is not applied to ${key('v3')}; gRPC balances it round robin`,
        resource: 'DestinationRule default/reviews',
        file: 'inline-1.yaml',
        line: 17,
      },
      {
        code: 'MM_GRPC_UNSUPPORTED',
        severity: 'Info',
        message:
          "proxyless gRPC: outlierDetection, connectionPool.http.http1MaxPendingRequests are not sent to gRPC clients (istiod's grpcgen applies only loadBalancer, http2MaxRequests and ISTIO_MUTUAL)",
        resource: 'DestinationRule default/reviews',
        file: 'inline-1.yaml',
        line: 7,
      },
    ]);
  });

  it('leaves LEAST_REQUEST out for grpc-js clients (recognised by user agent), which have no least_request', async () => {
    expect(grpcOptionsForNode({ id: 'x', user_agent_name: 'gRPC Node Pure JS' })).toEqual({
      leastRequest: false,
    });
    expect(grpcOptionsForNode({ id: 'x', user_agent_name: 'gRPC Go' })).toEqual({});
    const w = await world([], [POLICY_DR]);
    const sink = new MessageSink();
    const [v2] = buildGrpcClusters(grpcClient, w.push, sink, [key('v2')], { leastRequest: false });
    expectEncodes({ clusters: [v2 ?? {}] });
    expect(v2?.lb_policy).toBeUndefined();
    expect(sink.list().map((m) => m.message)).toContain(
      `proxyless gRPC: loadBalancer.simple LEAST_REQUEST (grpc-js has no least_request) is not applied to ${key('v2')}; gRPC balances it round robin`,
    );
  });

  it("reports the sample's RANDOM reviews rule and leaves gRPC's round robin", async () => {
    const { clusters, sink } = await build(['destination-rule-reviews.yaml'], [], [key('v1')]);
    expect(clusters[0]?.lb_policy).toBeUndefined();
    expect(sink.list().map((m) => `${m.file?.split('/').pop()}:${m.line} ${m.message}`)).toEqual([
      `destination-rule-reviews.yaml:9 proxyless gRPC: loadBalancer.simple RANDOM is not applied to ${key('v1')}; gRPC balances it round robin`,
    ]);
  });

  it('sends ISTIO_MUTUAL as a TLS transport socket with the certificate provider, current and deprecated fields', async () => {
    const { byName } = await build(['destination-rule-all-mtls.yaml'], [], [key('v1')]);
    const socket = byName.get(key('v1'))?.transport_socket;
    expect(socket?.name).toBe('envoy.transport_sockets.tls');
    const cert = { instance_name: 'default', certificate_name: 'default' };
    const ca = { instance_name: 'default', certificate_name: 'ROOTCA' };
    expect(socket?.typed_config).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
      common_tls_context: {
        tls_certificate_provider_instance: cert,
        tls_certificate_certificate_provider_instance: cert,
        combined_validation_context: {
          validation_context_certificate_provider_instance: ca,
          default_validation_context: {
            // The fixture workloads run as the `default` service account.
            match_subject_alt_names: [{ exact: 'spiffe://cluster.local/ns/default/sa/default' }],
            ca_certificate_provider_instance: ca,
          },
        },
      },
    });
  });

  it('reports SIMPLE TLS and maglev, which istiod does not build for gRPC', async () => {
    const dr = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: details, namespace: default }
spec:
  host: details
  trafficPolicy:
    tls: { mode: SIMPLE }
    loadBalancer: { consistentHash: { maglev: { tableSize: 65537 } } }
`;
    const { clusters, sink } = await build([], [dr], [key('', DETAILS)]);
    expect(clusters[0]?.lb_policy).toBeUndefined();
    expect(clusters[0]?.transport_socket).toBeUndefined();
    expect(sink.list().map((m) => [m.line, m.message])).toEqual([
      [7, expect.stringContaining('tls mode SIMPLE is not applied')],
      [8, expect.stringContaining('loadBalancer.consistentHash.maglev is not applied')],
    ]);
  });

  it('answers unknown names with a message and no cluster, and leaves out subsets no rule defines', async () => {
    const { clusters, sink } = await build(
      ['destination-rule-reviews.yaml'],
      [],
      ['outbound|9080||nothing.default.svc.cluster.local', key('v9'), 'garbage'],
    );
    expect(clusters).toEqual([]);
    expect(sink.list().filter((m) => m.code === 'MM_GRPC_CLUSTER')).toHaveLength(2);
  });
});
