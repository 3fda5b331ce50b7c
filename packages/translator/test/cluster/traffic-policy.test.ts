import { type Cluster, encode, type LoadedResource } from '@minimesh/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClusters } from '../../src/cluster/build-clusters.js';
import { loadSample, manifests, sidecarOf, world } from './fixtures.js';

const HTTPBIN = 'httpbin.default.svc.cluster.local';
const REVIEWS = 'reviews.default.svc.cluster.local';

// httpbin as in Istio's circuit-breaking task, with a gRPC and a TCP port added.
const HTTPBIN_SERVICE = `
apiVersion: v1
kind: Service
metadata: { name: httpbin, namespace: default }
spec:
  selector: { app: httpbin }
  ports:
  - { name: http, port: 8000, targetPort: 8080 }
  - { name: grpc, port: 9000 }
  - { name: tcp-raw, port: 7000 }
  - { name: udp-dns, port: 53, protocol: UDP }
`;
const HTTPBIN_POD = {
  name: 'httpbin-0',
  namespace: 'default',
  labels: { app: 'httpbin', version: 'v1' },
  serviceAccount: 'httpbin',
  address: '10.0.0.51',
};

let bookinfo: LoadedResource[];
beforeAll(async () => {
  bookinfo = await loadSample('platform/kube/bookinfo.yaml');
});

function clustersWith(rule: string): { clusters: Cluster[]; messages: readonly { code: string }[] } {
  const resources = [...bookinfo, ...manifests(HTTPBIN_SERVICE), ...manifests(rule)];
  const w = world(resources, [HTTPBIN_POD, { name: 'productpage-v1-0', address: '10.0.0.21' }]);
  const clusters = buildClusters(sidecarOf('productpage-v1-0'), w.push, w.sink);
  for (const c of clusters) encode('envoy.config.cluster.v3.Cluster', c);
  return { clusters, messages: w.sink.list() };
}

function named(clusters: readonly Cluster[], name: string): Cluster {
  const c = clusters.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no cluster ${name}`);
  return c;
}

const protocolOptions = (c: Cluster) =>
  c.typed_extension_protocol_options?.['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'];

describe('connection pool and outlier detection', () => {
  it("translates Istio's circuit-breaking task DestinationRule", () => {
    const { clusters } = clustersWith(`
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: httpbin, namespace: default }
spec:
  host: httpbin
  trafficPolicy:
    connectionPool:
      tcp: { maxConnections: 1 }
      http: { http1MaxPendingRequests: 1, maxRequestsPerConnection: 1 }
    outlierDetection:
      consecutive5xxErrors: 1
      interval: 1s
      baseEjectionTime: 3m
      maxEjectionPercent: 100
`);
    const c = named(clusters, `outbound|8000||${HTTPBIN}`);
    expect(c.circuit_breakers).toEqual({
      thresholds: [
        {
          max_connections: { value: 1 },
          max_pending_requests: { value: 1 },
          max_requests: { value: 4294967295 },
          max_retries: { value: 4294967295 },
        },
      ],
    });
    expect(c.outlier_detection).toEqual({
      enforcing_success_rate: { value: 0 },
      consecutive_5xx: { value: 1 },
      enforcing_consecutive_5xx: { value: 100 },
      interval: { seconds: '1' },
      base_ejection_time: { seconds: '180' },
      max_ejection_percent: { value: 100 },
    });
    expect(c.common_lb_config).toEqual({ healthy_panic_threshold: { value: 0 } });
    expect(protocolOptions(c)).toMatchObject({
      common_http_protocol_options: { max_requests_per_connection: { value: 1 } },
      explicit_http_config: { http_protocol_options: {} },
    });
  });

  it('writes timeouts, keepalive, retries and gateway-error ejection', () => {
    const { clusters } = clustersWith(`
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: httpbin, namespace: default }
spec:
  host: httpbin.default.svc.cluster.local
  trafficPolicy:
    connectionPool:
      tcp:
        connectTimeout: 250ms
        maxConnectionDuration: 1h
        tcpKeepalive: { probes: 3, time: 7200s, interval: 75s }
      http: { http2MaxRequests: 500, maxRetries: 2, idleTimeout: 30s, maxConcurrentStreams: 50 }
    outlierDetection: { consecutiveGatewayErrors: 0, minHealthPercent: 25 }
`);
    const grpc = named(clusters, `outbound|9000||${HTTPBIN}`);
    expect(grpc.connect_timeout).toEqual({ nanos: 250000000 });
    expect(grpc.upstream_connection_options).toEqual({
      tcp_keepalive: {
        keepalive_probes: { value: 3 },
        keepalive_time: { value: 7200 },
        keepalive_interval: { value: 75 },
      },
    });
    expect(grpc.circuit_breakers?.thresholds?.[0]).toMatchObject({
      max_requests: { value: 500 },
      max_retries: { value: 2 },
    });
    // gRPC is HTTP/2: explicit h2, which also takes maxConcurrentStreams.
    expect(protocolOptions(grpc)).toMatchObject({
      common_http_protocol_options: {
        idle_timeout: { seconds: '30' },
        max_connection_duration: { seconds: '3600' },
      },
      explicit_http_config: { http2_protocol_options: { max_concurrent_streams: { value: 50 } } },
    });
    expect(grpc.outlier_detection).toEqual({
      enforcing_success_rate: { value: 0 },
      consecutive_gateway_failure: { value: 0 },
      enforcing_consecutive_gateway_failure: { value: 0 },
    });
    expect(grpc.common_lb_config).toEqual({ healthy_panic_threshold: { value: 25 } });
  });

  it('upgrades to HTTP/2 or uses the client protocol when asked', () => {
    const upgrade = clustersWith(`
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: httpbin, namespace: default }
spec:
  host: httpbin
  trafficPolicy: { connectionPool: { http: { h2UpgradePolicy: UPGRADE } } }
`).clusters;
    expect(protocolOptions(named(upgrade, `outbound|8000||${HTTPBIN}`))).toMatchObject({
      explicit_http_config: { http2_protocol_options: {} },
    });
    const client = clustersWith(`
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: httpbin, namespace: default }
spec:
  host: httpbin
  trafficPolicy: { connectionPool: { http: { useClientProtocol: true } } }
`).clusters;
    expect(protocolOptions(named(client, `outbound|8000||${HTTPBIN}`))).toMatchObject({
      use_downstream_protocol_config: { http_protocol_options: {}, http2_protocol_options: {} },
    });
  });

  it('has no cluster for UDP ports and plain TCP for TCP ports', () => {
    const { clusters } = clustersWith(`
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: httpbin, namespace: default }
spec: { host: httpbin, subsets: [{ name: v1, labels: { version: v1 } }] }
`);
    expect(clusters.map((c) => c.name).filter((n) => n?.includes('|53|'))).toEqual([]);
    expect(protocolOptions(named(clusters, `outbound|7000||${HTTPBIN}`))).toBeUndefined();
  });
});

describe('load balancer', () => {
  const lb = (policy: string) =>
    clustersWith(`
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: httpbin, namespace: default }
spec:
  host: httpbin
  trafficPolicy: { loadBalancer: ${policy} }
`).clusters;

  it('maps simple algorithms, with LEAST_CONN as an alias of LEAST_REQUEST', () => {
    const pick = (p: string) => named(lb(p), `outbound|8000||${HTTPBIN}`);
    expect(pick('{ simple: ROUND_ROBIN }').lb_policy).toBe('ROUND_ROBIN');
    expect(pick('{ simple: RANDOM }').lb_policy).toBe('RANDOM');
    expect(pick('{ simple: LEAST_CONN }').lb_policy).toBe('LEAST_REQUEST');
    expect(pick('{ simple: LEAST_REQUEST }').lb_policy).toBe('LEAST_REQUEST');
    const passthrough = pick('{ simple: PASSTHROUGH }');
    expect(passthrough).toMatchObject({ type: 'ORIGINAL_DST', lb_policy: 'CLUSTER_PROVIDED' });
    expect(passthrough.eds_cluster_config).toBeUndefined();
  });

  it('maps consistent hashing to RING_HASH or MAGLEV', () => {
    const pick = (p: string) => named(lb(p), `outbound|8000||${HTTPBIN}`);
    expect(pick('{ consistentHash: { httpHeaderName: x-user } }')).toMatchObject({
      lb_policy: 'RING_HASH',
      ring_hash_lb_config: { minimum_ring_size: { value: '1024' } },
    });
    expect(
      pick('{ consistentHash: { useSourceIp: true, ringHash: { minimumRingSize: 4096 } } }'),
    ).toMatchObject({
      lb_policy: 'RING_HASH',
      ring_hash_lb_config: { minimum_ring_size: { value: '4096' } },
    });
    expect(
      pick('{ consistentHash: { httpCookie: { name: u, ttl: 0s }, maglev: { tableSize: 65537 } } }'),
    ).toMatchObject({
      lb_policy: 'MAGLEV',
      maglev_lb_config: { table_size: { value: '65537' } },
    });
  });

  it('writes slow start for warmup', () => {
    const c = named(lb('{ simple: ROUND_ROBIN, warmup: { duration: 60s } }'), `outbound|8000||${HTTPBIN}`);
    expect(c.round_robin_lb_config).toEqual({
      slow_start_config: {
        slow_start_window: { seconds: '60' },
        aggression: { default_value: 1, runtime_key: '(' },
        min_weight_percent: { value: 10 },
      },
    });
  });

  it('turns on locality-weighted LB for distribute, and for failover only with outlier detection', () => {
    const distribute = lb(
      "{ localityLbSetting: { distribute: [{ from: 'us-west/*', to: { 'us-west/*': 80, 'us-east/*': 20 } }] } }",
    );
    expect(named(distribute, `outbound|8000||${HTTPBIN}`).common_lb_config).toEqual({
      locality_weighted_lb_config: {},
    });
    const failover = lb('{ localityLbSetting: { failover: [{ from: us-west, to: us-east }] } }');
    expect(named(failover, `outbound|8000||${HTTPBIN}`).common_lb_config).toEqual({});
  });
});

describe('port-level and subset policies', () => {
  it('lets a port-level entry replace the top-level policy for its port only', () => {
    const { clusters } = clustersWith(`
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: httpbin, namespace: default }
spec:
  host: httpbin
  trafficPolicy:
    loadBalancer: { simple: RANDOM }
    connectionPool: { tcp: { maxConnections: 10 } }
    portLevelSettings:
    - port: { number: 9000 }
      loadBalancer: { simple: ROUND_ROBIN }
`);
    const http = named(clusters, `outbound|8000||${HTTPBIN}`);
    expect(http.lb_policy).toBe('RANDOM');
    expect(http.circuit_breakers?.thresholds?.[0]?.max_connections).toEqual({ value: 10 });
    const grpc = named(clusters, `outbound|9000||${HTTPBIN}`);
    expect(grpc.lb_policy).toBe('ROUND_ROBIN');
    // The top-level connection pool does not reach the port with its own settings.
    expect(grpc.circuit_breakers?.thresholds?.[0]?.max_connections).toEqual({ value: 4294967295 });
  });

  it("overrides the rule's policy with the subset's, field by field", () => {
    const { clusters } = clustersWith(`
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: httpbin, namespace: default }
spec:
  host: httpbin
  trafficPolicy:
    loadBalancer: { simple: RANDOM }
    connectionPool: { tcp: { maxConnections: 10 } }
  subsets:
  - name: v1
    labels: { version: v1 }
    trafficPolicy: { loadBalancer: { simple: ROUND_ROBIN } }
  - name: v2
    labels: { version: v2 }
`);
    const v1 = named(clusters, `outbound|8000|v1|${HTTPBIN}`);
    expect(v1.lb_policy).toBe('ROUND_ROBIN');
    expect(v1.circuit_breakers?.thresholds?.[0]?.max_connections).toEqual({ value: 10 });
    expect(named(clusters, `outbound|8000|v2|${HTTPBIN}`).lb_policy).toBe('RANDOM');
  });

  it('reads destination-rule-reviews.yaml: RANDOM for every reviews subset', async () => {
    const resources = [...bookinfo, ...(await loadSample('networking/destination-rule-reviews.yaml'))];
    const w = world(resources);
    const clusters = buildClusters(sidecarOf('productpage-v1-0'), w.push, w.sink);
    for (const s of ['', 'v1', 'v2', 'v3'])
      expect(named(clusters, `outbound|9080|${s}|${REVIEWS}`).lb_policy).toBe('RANDOM');
  });
});

describe('unsupported settings', () => {
  it('reports them and translates the rest', () => {
    const { clusters, messages } = clustersWith(`
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: httpbin, namespace: default }
spec:
  host: httpbin
  trafficPolicy:
    proxyProtocol: { version: V1 }
    outlierDetection: { consecutive5xxErrors: 2, outlierDetectionHttpErrorCodes: [503] }
`);
    expect(named(clusters, `outbound|8000||${HTTPBIN}`).outlier_detection?.consecutive_5xx).toEqual({
      value: 2,
    });
    expect(messages.map((m) => m.code)).toEqual(['TR0003', 'TR0003']);
  });
});
