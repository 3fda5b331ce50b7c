// Sidecar ingress listeners (istiod buildInboundChainConfigs / buildInboundClustersFromSidecar): productpage's
// Sidecar declares its inbound ports, which replace the Service's; each reaches `inbound|<port>||` whose endpoint is
// the defaultEndpoint (loopback, the pod IP) or, without one, the address the peer dialled. captureMode NONE gets a
// listener of its own. Calls come from a peer (`direction: 'inbound'`).
import { type Cluster, toProto3Json } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/messages.js';
import { check, configFor, type Row } from '../simulate/helpers.js';
import { expectEncodable, inbound, sidecar, tcp } from './helpers.js';

const INGRESS = sidecar(`  ingress:
  - port: { number: 9080, protocol: HTTP, name: http }
    defaultEndpoint: 127.0.0.1:8080
  - port: { number: 9090, protocol: TCP, name: tcp-admin }
    defaultEndpoint: 0.0.0.0:9091
  - port: { number: 7070, name: probe }
  - port: { number: 8443, protocol: HTTP, name: http-direct }
    captureMode: NONE
    defaultEndpoint: 127.0.0.1:18443
`);
/** Only 9090 declared: productpage's Service port 9080 gets no chain any more. */
const ONLY_9090 = sidecar(`  ingress:
  - port: { number: 9090, protocol: TCP, name: tcp-admin }
    defaultEndpoint: 127.0.0.1:9090
`);
const WITH_TLS = sidecar(`  ingress:
  - port: { number: 9443, protocol: HTTPS, name: https }
    defaultEndpoint: 127.0.0.1:9443
    tls: { mode: SIMPLE, serverCertificate: /etc/certs/cert.pem, privateKey: /etc/certs/key.pem }
`);

const ingress = { inline: [INGRESS] };
const only9090 = { inline: [ONLY_9090] };
const IN = (port: number) => `inbound|${port}||`;

const rows: Row[] = [
  {
    what: 'HTTP ingress port: the inline route sends to its defaultEndpoint 127.0.0.1:8080',
    input: ingress,
    call: inbound({ port: 9080, host: 'productpage:9080' }),
    outcome: 'routed',
    cluster: IN(9080),
    expect: {
      listener: 'virtualInbound',
      filterChain: '0.0.0.0_9080',
      networkFilter: 'http_connection_manager',
      routeConfig: IN(9080),
      endpoints: ['127.0.0.1:8080'],
    },
  },
  {
    what: 'TCP ingress port: defaultEndpoint 0.0.0.0:9091 is the pod IP',
    input: ingress,
    call: inbound(tcp({ port: 9090, host: '10.0.0.1' })),
    outcome: 'routed',
    cluster: IN(9090),
    expect: { networkFilter: 'tcp_proxy', endpoints: ['10.0.0.1:9091'] },
  },
  {
    what: 'ingress port without protocol, HTTP call: the sniffed HTTP chain, ORIGINAL_DST to the dialled address',
    input: ingress,
    call: inbound({ port: 7070, host: '10.0.0.1' }),
    outcome: 'passthrough',
    cluster: IN(7070),
    expect: { networkFilter: 'http_connection_manager', endpoints: ['10.0.0.1:7070'] },
  },
  {
    what: 'ingress port without protocol, TCP call: the TCP chain',
    input: ingress,
    call: inbound(tcp({ port: 7070, host: '10.0.0.1' })),
    outcome: 'passthrough',
    cluster: IN(7070),
    expect: { networkFilter: 'tcp_proxy' },
  },
  {
    what: 'captureMode NONE: its own listener bound to 0.0.0.0:8443',
    input: ingress,
    call: inbound({ port: 8443, host: 'productpage:8443' }),
    outcome: 'routed',
    cluster: IN(8443),
    expect: { listener: '0.0.0.0_8443', endpoints: ['127.0.0.1:18443'] },
  },
  {
    what: 'HTTP to a port no ingress listener declares passes through the catch-all HTTP chain',
    input: ingress,
    call: inbound({ port: 5000, host: '10.0.0.1' }),
    outcome: 'passthrough',
    cluster: 'InboundPassthroughCluster',
    expect: { filterChain: 'virtualInbound-catchall-http', routeConfig: 'InboundPassthroughCluster' },
  },
  {
    what: 'raw TCP to a port no ingress listener declares passes through the TCP chain',
    input: ingress,
    call: inbound(tcp({ port: 5000, host: '10.0.0.1' })),
    outcome: 'passthrough',
    cluster: 'InboundPassthroughCluster',
    expect: { filterChain: 'virtualInbound', networkFilter: 'tcp_proxy' },
  },
  {
    what: "ingress listeners replace the Service's ports: 9080 passes through when only 9090 is declared",
    input: only9090,
    call: inbound({ port: 9080, host: 'productpage:9080' }),
    outcome: 'passthrough',
    cluster: 'InboundPassthroughCluster',
  },
  {
    what: 'without a Sidecar, the Service port 9080 has its chain (ORIGINAL_DST inbound cluster)',
    call: inbound({ port: 9080, host: '10.0.0.1' }),
    outcome: 'passthrough',
    cluster: IN(9080),
    expect: { filterChain: '0.0.0.0_9080', routeConfig: IN(9080) },
  },
];

describe('Sidecar ingress listeners (simulated)', () => {
  it.each(rows)('$what', async (row) => {
    await check(row);
  });
});

const clusterOf = (clusters: readonly Cluster[], name: string) =>
  toProto3Json('envoy.config.cluster.v3.Cluster', clusters.find((c) => c.name === name) ?? {}) as Record<
    string,
    unknown
  >;

describe('Sidecar ingress listeners (resources)', () => {
  it('builds the inbound clusters istiod names inbound|<port>||: STATIC to the endpoint, else ORIGINAL_DST', async () => {
    const t = await configFor('sidecar', ingress);
    expectEncodable(t);
    expect(t.clusters.map((c) => c.name).filter((n) => n?.startsWith('inbound|'))).toEqual([
      IN(7070),
      IN(8443),
      IN(9080),
      IN(9090),
    ]);
    const loopback = clusterOf(t.clusters, IN(9080));
    expect(loopback.type).toBe('STATIC');
    expect(loopback.load_assignment).toEqual({
      cluster_name: IN(9080),
      endpoints: [
        {
          lb_endpoints: [
            { endpoint: { address: { socket_address: { address: '127.0.0.1', port_value: 8080 } } } },
          ],
        },
      ],
    });
    // Loopback needs no 127.0.0.6 source; the pod IP and ORIGINAL_DST do (iptables would capture them again).
    expect(loopback.upstream_bind_config).toBeUndefined();
    expect(clusterOf(t.clusters, IN(9090)).upstream_bind_config).toEqual({
      source_address: { address: '127.0.0.6', port_value: 0 },
    });
    const passthrough = clusterOf(t.clusters, IN(7070));
    expect(passthrough.type).toBe('ORIGINAL_DST');
    expect(passthrough.cleanup_interval).toBeDefined();
  });

  it('labels the chains with the Sidecar (istio.config) and replaces the Service port chains', async () => {
    const t = await configFor('sidecar', ingress);
    const vi = t.listeners.find((l) => l.name === 'virtualInbound');
    const names = (vi?.filter_chains ?? []).map((c) => c.name);
    // istiod's order: the blackhole and passthrough chains first, then the ports' chains.
    expect([...new Set(names)]).toEqual([
      'virtualInbound-blackhole',
      'virtualInbound-catchall-http',
      'virtualInbound',
      '0.0.0.0_7070',
      '0.0.0.0_9080',
      '0.0.0.0_9090',
    ]);
    const chain = vi?.filter_chains?.find((c) => c.name === '0.0.0.0_9080');
    expect(chain?.metadata).toEqual({
      filter_metadata: {
        istio: {
          fields: {
            config: { stringValue: '/apis/networking.istio.io/v1/namespaces/default/sidecar/productpage' },
          },
        },
      },
    });
    // The sniffed port has HTTP chains keyed by ALPN and TCP chains (PERMISSIVE: mTLS and plaintext of each).
    const sniffed = (vi?.filter_chains ?? []).filter((c) => c.name === '0.0.0.0_7070');
    expect(sniffed.map((c) => c.filter_chain_match?.application_protocols ?? [])).toEqual([
      ['istio-http/1.0', 'istio-http/1.1', 'istio-h2'],
      ['http/1.1', 'h2c'],
      ['istio-peer-exchange', 'istio'],
      [],
      [],
    ]);
    const bound = t.listeners.find((l) => l.name === '0.0.0.0_8443');
    expect(bound?.traffic_direction).toBe('INBOUND');
    expect(bound?.bind_to_port).toBeUndefined();
  });

  it('says ingress tls needs ENABLE_TLS_ON_SIDECAR_INGRESS and keeps translating', async () => {
    const t = await configFor('sidecar', { inline: [WITH_TLS] });
    expectEncodable(t);
    expect(
      t.messages.map(formatMessage).filter((m) => m.includes('ENABLE_TLS_ON_SIDECAR_INGRESS')),
    ).toHaveLength(1);
    expect(t.clusters.some((c) => c.name === IN(9443))).toBe(true);
  });
});
