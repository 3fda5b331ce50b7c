import { type Cluster, encode, toProto3Json } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { buildClusters } from '../../src/cluster/build-clusters.js';
import { manifests, sidecarOf, world } from './fixtures.js';

// One workload behind two Services: an HTTP API on 8080 (service ports 80 and 8080) and gRPC on 9090.
const SERVICES = `
apiVersion: v1
kind: Service
metadata: { name: api, namespace: default }
spec:
  selector: { app: api }
  ports: [{ name: http, port: 80, targetPort: 8080 }, { name: grpc, port: 9090 }]
---
apiVersion: v1
kind: Service
metadata: { name: api-internal, namespace: default }
spec:
  selector: { app: api }
  ports: [{ name: http, port: 80, targetPort: 8080 }, { name: tcp-admin, port: 8081, targetPort: 8080 }]
`;

function inbound(): Cluster[] {
  const w = world(manifests(SERVICES), [
    { name: 'api-0', labels: { app: 'api' }, serviceAccount: 'api', address: '10.0.3.1' },
  ]);
  const clusters = buildClusters(sidecarOf('api-0', { app: 'api' }), w.push, w.sink);
  for (const c of clusters) encode('envoy.config.cluster.v3.Cluster', c);
  return clusters.filter((c) => c.name?.startsWith('inbound|'));
}

describe('inbound clusters', () => {
  it('builds one ORIGINAL_DST cluster per port the workload listens on', () => {
    expect(inbound().map((c) => c.name)).toEqual(['inbound|8080||', 'inbound|9090||']);
  });

  it('lists the services exposing the first service port, and speaks HTTP/2 to gRPC ports', () => {
    const [http, grpc] = inbound();
    const services = (c: Cluster | undefined) =>
      (
        toProto3Json('envoy.config.cluster.v3.Cluster', c as Cluster) as {
          metadata: { filter_metadata: { istio: { services: { host: string }[] } } };
        }
      ).metadata.filter_metadata.istio.services.map((s) => s.host);
    expect(services(http)).toEqual([
      'api-internal.default.svc.cluster.local',
      'api.default.svc.cluster.local',
    ]);
    expect(http?.typed_extension_protocol_options).toBeUndefined();
    expect(services(grpc)).toEqual(['api.default.svc.cluster.local']);
    expect(
      grpc?.typed_extension_protocol_options?.['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'],
    ).toMatchObject({
      explicit_http_config: { http2_protocol_options: {} },
    });
    // Inbound clusters never originate TLS: the sidecar terminated it already.
    expect(grpc?.transport_socket).toBeUndefined();
    expect(grpc?.transport_socket_matches).toBeUndefined();
  });
});
