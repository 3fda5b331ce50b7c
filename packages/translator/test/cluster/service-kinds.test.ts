import { type Cluster, encode, toProto3Json } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { buildClusters } from '../../src/cluster/build-clusters.js';
import type { MeshProxy } from '../../src/proxy.js';
import { gatewayProxy, manifests, sidecarOf, world } from './fixtures.js';

const ENTRIES = `
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: httpbin-ext, namespace: default }
spec:
  hosts: [httpbin.org]
  location: MESH_EXTERNAL
  resolution: DNS
  ports: [{ number: 443, name: tls, protocol: TLS }, { number: 80, name: http, protocol: HTTP }]
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: api, namespace: default }
spec:
  hosts: [api.example.com]
  location: MESH_EXTERNAL
  resolution: DNS_ROUND_ROBIN
  ports: [{ number: 443, name: https, protocol: HTTPS }]
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: any-ip, namespace: default }
spec:
  hosts: [legacy.internal]
  addresses: [10.10.0.0/16]
  location: MESH_INTERNAL
  resolution: NONE
  ports: [{ number: 5432, name: tcp-pg, protocol: TCP }]
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: vms, namespace: default }
spec:
  hosts: [vm.internal]
  location: MESH_INTERNAL
  resolution: STATIC
  ports: [{ number: 8080, name: http, protocol: HTTP }]
  endpoints: [{ address: 10.20.0.1 }, { address: 10.20.0.2, locality: us-east/a }]
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: wild, namespace: default }
spec:
  hosts: ['*.wild.example.com']
  location: MESH_EXTERNAL
  resolution: DYNAMIC_DNS
  ports: [{ number: 443, name: tls, protocol: TLS }]
---
apiVersion: v1
kind: Service
metadata: { name: db, namespace: default }
spec:
  clusterIP: None
  selector: { app: db }
  ports: [{ name: tcp-pg, port: 5432, targetPort: 15432 }]
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
metadata: { name: ghost, namespace: default }
spec: { host: ghost, trafficPolicy: { loadBalancer: { simple: RANDOM } } }
`;

function build(proxy: MeshProxy) {
  const w = world(manifests(ENTRIES), [
    { name: 'db-0', labels: { app: 'db' }, address: '10.0.0.61' },
    { name: 'client-0', labels: { app: 'client' }, address: '10.0.0.71' },
  ]);
  const clusters = buildClusters(proxy, w.push, w.sink);
  for (const c of clusters) encode('envoy.config.cluster.v3.Cluster', c);
  return { clusters, messages: w.sink.list() };
}

function named(cs: readonly Cluster[], name: string): Cluster {
  const c = cs.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no cluster ${name} in ${cs.map((x) => x.name).join(', ')}`);
  return c;
}

describe('clusters by service resolution', () => {
  const { clusters, messages } = build(sidecarOf('client-0', { app: 'client' }));

  it('resolves DNS ServiceEntries with STRICT_DNS and the host as inline endpoint', () => {
    const c = named(clusters, 'outbound|443||httpbin.org');
    expect(c).toMatchObject({
      type: 'STRICT_DNS',
      dns_lookup_family: 'V4_ONLY',
      dns_refresh_rate: { seconds: '60' },
      respect_dns_ttl: true,
      lb_policy: 'LEAST_REQUEST',
      load_assignment: {
        cluster_name: 'outbound|443||httpbin.org',
        endpoints: [
          {
            locality: {},
            lb_endpoints: [
              { endpoint: { address: { socket_address: { address: 'httpbin.org', port_value: 443 } } } },
            ],
            load_balancing_weight: { value: 1 },
          },
        ],
      },
    });
    expect(c.eds_cluster_config).toBeUndefined();
    // Outside the mesh: no auto mTLS, and marked external.
    expect(c.transport_socket_matches).toBeUndefined();
    expect(toProto3Json('envoy.config.cluster.v3.Cluster', c)).toMatchObject({
      metadata: { filter_metadata: { istio: { external: true } } },
    });
  });

  it('uses LOGICAL_DNS for DNS_ROUND_ROBIN and ORIGINAL_DST for NONE', () => {
    expect(named(clusters, 'outbound|443||api.example.com').type).toBe('LOGICAL_DNS');
    expect(named(clusters, 'outbound|5432||legacy.internal')).toMatchObject({
      type: 'ORIGINAL_DST',
      lb_policy: 'CLUSTER_PROVIDED',
    });
  });

  it('uses EDS for STATIC ServiceEntries (since Istio 1.9)', () => {
    expect(named(clusters, 'outbound|8080||vm.internal')).toMatchObject({
      type: 'EDS',
      eds_cluster_config: { service_name: 'outbound|8080||vm.internal' },
    });
  });

  it('connects headless services to the original destination on their target port', () => {
    expect(named(clusters, 'outbound|5432||db.default.svc.cluster.local')).toMatchObject({
      type: 'ORIGINAL_DST',
      lb_policy: 'CLUSTER_PROVIDED',
      original_dst_lb_config: { upstream_port_override: { value: 15432 } },
    });
  });

  it('resolves ExternalName services by DNS', () => {
    expect(named(clusters, 'outbound|80||search.default.svc.cluster.local')).toMatchObject({
      type: 'STRICT_DNS',
      load_assignment: {
        endpoints: [
          {
            lb_endpoints: [{ endpoint: { address: { socket_address: { address: 'search.example.net' } } } }],
          },
        ],
      },
    });
  });

  it('reports what it cannot build instead of throwing', () => {
    expect(clusters.some((c) => c.name?.includes('wild.example.com'))).toBe(false);
    expect(messages).toEqual([
      expect.objectContaining({ code: 'TR0003', severity: 'Warning', resource: 'ServiceEntry default/wild' }),
      expect.objectContaining({
        code: 'IST0174',
        severity: 'Warning',
        resource: 'DestinationRule default/ghost',
        message: 'The host ghost defined in the DestinationRule does not match any services in the mesh.',
        file: 'inline.yaml',
      }),
    ]);
  });

  it('gives gateways EDS clusters for passthrough services', () => {
    const gw = build(gatewayProxy()).clusters;
    expect(named(gw, 'outbound|5432||db.default.svc.cluster.local').type).toBe('EDS');
    expect(named(gw, 'outbound|5432||legacy.internal').type).toBe('EDS');
  });
});
