// TLS / HTTPS services sharing a port (istiod buildSidecarOutboundTLSFilterChainOpts + mergeTCPFilterChains): hosts
// without a VIP share `0.0.0.0_443`, one chain per host keyed by SNI (server_names) to `outbound|443||<host>`, a TLS
// inspector to read the ClientHello, and PassthroughFilterChain for other names. Istio's egress-rule-google-apis
// sample used to lose its 443 chain to the ingress gateway Service's 443. A Kubernetes Service always has a cluster
// IP (the registry allocates one when the manifest has none), so the ingress Service's HTTPS 443 is on its VIP.
import { type Listener, toProto3Json } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/messages.js';
import { INGRESS_VIP } from '../route/fixtures.js';
import { check, configFor, type Row } from '../simulate/helpers.js';
import { call, expectEncodable, sidecar, TLS_HOSTS } from './helpers.js';

const TLS_ROUTE = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: tls-a, namespace: default }
spec:
  hosts: [a.example.com]
  tls:
  - match: [{ port: 443, sniHosts: [a.example.com] }]
    route: [{ destination: { host: b.example.com, port: { number: 443 } } }]
`;
const WITH_VIP = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: tls-vip, namespace: default }
spec:
  hosts: [vip.example.com]
  addresses: [240.0.0.5, 240.0.0.6]
  location: MESH_EXTERNAL
  ports: [{ number: 443, name: tls, protocol: TLS }]
  resolution: DNS
`;
const REGISTRY_ONLY = sidecar(`  outboundTrafficPolicy: { mode: REGISTRY_ONLY }
`);

const hosts = { inline: [TLS_HOSTS, WITH_VIP] };
const strict = { inline: [TLS_HOSTS, REGISTRY_ONLY] };
const routed = { inline: [TLS_HOSTS, TLS_ROUTE] };
const google = { files: ['egress-rule-google-apis.yaml'] };
const tls = (sni: string, address?: string) =>
  call({ port: 443, host: sni, tls: { serverName: sni }, ...(address ? { address } : {}) });
const INGRESS_HOST = 'istio-ingressgateway.istio-system.svc.cluster.local';

const rows: Row[] = [
  {
    what: 'SNI a.example.com (TLS) takes its chain',
    input: hosts,
    call: tls('a.example.com'),
    outcome: 'routed',
    cluster: 'outbound|443||a.example.com',
    expect: { listener: '0.0.0.0_443', networkFilter: 'tcp_proxy', endpoints: ['a.example.com:443'] },
  },
  {
    what: 'SNI b.example.com (HTTPS) takes its chain',
    input: hosts,
    call: tls('b.example.com'),
    outcome: 'routed',
    cluster: 'outbound|443||b.example.com',
  },
  {
    what: 'the ingress gateway Service (a VIP) has its own listener, not a chain of the shared one',
    input: hosts,
    call: tls(INGRESS_HOST, INGRESS_VIP),
    outcome: 'routed',
    cluster: `outbound|443||${INGRESS_HOST}`,
    expect: { listener: `${INGRESS_VIP}_443`, endpoints: ['10.0.0.9:8443'] },
  },
  {
    what: "the ingress gateway Service's SNI without its VIP is unknown to the shared listener: passthrough",
    input: hosts,
    call: tls(INGRESS_HOST),
    outcome: 'passthrough',
    cluster: 'PassthroughCluster',
    expect: { listener: '0.0.0.0_443', filterChain: 'default_filter_chain' },
  },
  {
    what: 'an unknown SNI takes PassthroughFilterChain (ALLOW_ANY)',
    input: hosts,
    call: tls('c.example.com'),
    outcome: 'passthrough',
    cluster: 'PassthroughCluster',
    expect: { filterChain: 'default_filter_chain' },
  },
  {
    what: 'an unknown SNI under REGISTRY_ONLY is blackholed',
    input: strict,
    call: tls('c.example.com'),
    outcome: 'blackhole',
    cluster: 'BlackHoleCluster',
  },
  {
    what: 'a TLS host with a VIP has its own listener; the VIP decides, not the SNI',
    input: hosts,
    call: tls('anything.example.com', '240.0.0.5'),
    outcome: 'routed',
    cluster: 'outbound|443||vip.example.com',
    expect: { listener: '240.0.0.5_443' },
  },
  {
    what: 'each address of a ServiceEntry gets its listener: 240.0.0.6 too',
    input: hosts,
    call: tls('vip.example.com', '240.0.0.6'),
    outcome: 'routed',
    cluster: 'outbound|443||vip.example.com',
    expect: { listener: '240.0.0.6_443' },
  },
  {
    what: 'a VirtualService TLS route keyed by SNI sends a.example.com to b.example.com',
    input: routed,
    call: tls('a.example.com'),
    outcome: 'routed',
    cluster: 'outbound|443||b.example.com',
  },
  {
    what: 'egress-rule-google-apis: HTTPS www.googleapis.com keeps its 443 chain next to the ingress gateway',
    input: google,
    call: tls('www.googleapis.com'),
    outcome: 'routed',
    cluster: 'outbound|443||www.googleapis.com',
    expect: { listener: '0.0.0.0_443', endpoints: ['www.googleapis.com:443'] },
  },
];

describe('SNI filter chains (simulated)', () => {
  it.each(rows)('$what', async (row) => {
    await check(row);
  });
});

describe('SNI filter chains (resources)', () => {
  it('one 0.0.0.0_443 listener: tls_inspector, a chain per host by server_names, passthrough default', async () => {
    const t = await configFor('sidecar', hosts);
    expectEncodable(t);
    const l = t.listeners.find((x) => x.name === '0.0.0.0_443') as Listener;
    expect(l.listener_filters?.map((f) => f.name)).toEqual(['envoy.filters.listener.tls_inspector']);
    expect(l.filter_chains?.map((c) => c.filter_chain_match?.server_names)).toEqual([
      ['a.example.com'],
      ['b.example.com'],
    ]);
    expect(l.default_filter_chain?.name).toBe('PassthroughFilterChain');
    const json = toProto3Json('envoy.config.listener.v3.Listener', l) as { listener_filters: unknown };
    expect(json.listener_filters).toEqual([
      {
        name: 'envoy.filters.listener.tls_inspector',
        typed_config: {
          '@type': 'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector',
          initial_read_buffer_size: 512,
        },
      },
    ]);
  });

  it('egress-rule-google-apis translates without a listener conflict', async () => {
    const t = await configFor('sidecar', google);
    expectEncodable(t);
    expect(t.messages.map(formatMessage).filter((m) => m.includes('LISTENER_CONFLICT'))).toEqual([]);
  });
});
