// Protocol sniffing (istiod ListenerProtocolAuto): a port whose name declares no protocol gets an HTTP inspector and
// two chains, HTTP (ALPN http/1.1, h2c, raw_buffer) and TCP (the default chain), outbound on the service's VIP and
// inbound on virtualInbound. HTTP ports on 0.0.0.0 are sniffed too in 1.30: raw TCP takes PassthroughFilterChain.
// The HTTP chain of a sniffed port on its VIP uses the service's own route config `<host>:<port>` (istiod).
import { type Listener, toProto3Json } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { check, configFor, type Row } from '../simulate/helpers.js';
import { call, expectEncodable, h2c, inbound, sidecar, tcp, WEB, WEB_PODS } from './helpers.js';

/** A second Service of productpage: an admin port without protocol, so its inbound chains are sniffed too. */
const PRODUCTPAGE_ADMIN = `apiVersion: v1
kind: Service
metadata: { name: productpage-admin, namespace: default }
spec: { ports: [{ port: 7000, name: admin }], selector: { app: productpage } }
`;
const REGISTRY_ONLY = sidecar(`  outboundTrafficPolicy: { mode: REGISTRY_ONLY }
`);

/** Port 8000 declared for istio-system only: web still gets its VIP listener from the catch-all listener. */
const PORT_8000_ELSEWHERE = sidecar(`  egress:
  - port: { number: 8000, protocol: HTTP, name: http }
    hosts: [istio-system/*]
  - hosts: [./*]
`);

const web = { inline: [WEB, PRODUCTPAGE_ADMIN], workloads: WEB_PODS };
const elsewhere = { inline: [WEB, PORT_8000_ELSEWHERE], workloads: WEB_PODS };
const strict = { inline: [WEB, REGISTRY_ONLY], workloads: WEB_PODS };
const WEB_CLUSTER = 'outbound|8000||web.default.svc.cluster.local';
const at = { port: 8000, host: 'web:8000', address: '10.96.0.30' };

const rows: Row[] = [
  {
    what: 'sniffed port, HTTP/1.1 call: the HTTP chain and the RDS of web alone',
    input: web,
    call: call(at),
    outcome: 'routed',
    cluster: WEB_CLUSTER,
    expect: {
      listener: '10.96.0.30_8000',
      filterChain: '#0',
      networkFilter: 'http_connection_manager',
      routeConfig: 'web.default.svc.cluster.local:8000',
      virtualHost: 'web.default.svc.cluster.local:8000',
      endpoints: ['10.0.0.30:8000'],
    },
    trace: ['http_inspector: application protocol http/1.1'],
  },
  {
    what: 'sniffed port, any Host: the VIP chose web, its route config matches every Host',
    input: web,
    call: call({ ...at, host: 'web.example.org' }),
    outcome: 'routed',
    cluster: WEB_CLUSTER,
    expect: { routeConfig: 'web.default.svc.cluster.local:8000' },
  },
  {
    what: "sniffed port whose port the Sidecar declares for others: web's route config has no virtual host",
    input: elsewhere,
    call: call(at),
    outcome: 'no_route',
    expect: { listener: '10.96.0.30_8000', routeConfig: 'web.default.svc.cluster.local:8000' },
  },
  {
    what: 'sniffed port, h2c call: the HTTP chain',
    input: web,
    call: h2c(at),
    outcome: 'routed',
    cluster: WEB_CLUSTER,
    expect: { networkFilter: 'http_connection_manager' },
  },
  {
    what: 'sniffed port, raw TCP call: the default (TCP) chain',
    input: web,
    call: tcp(at),
    outcome: 'routed',
    cluster: WEB_CLUSTER,
    expect: { filterChain: 'default_filter_chain', networkFilter: 'tcp_proxy' },
    absent: ['routeConfig'],
    trace: ['http_inspector: not HTTP, no application protocol'],
  },
  {
    what: 'HTTP port 9080, raw TCP call: PassthroughFilterChain (ALLOW_ANY)',
    call: tcp({ port: 9080, host: 'reviews', address: '10.0.0.3' }),
    outcome: 'passthrough',
    cluster: 'PassthroughCluster',
    expect: { listener: '0.0.0.0_9080', filterChain: 'default_filter_chain' },
  },
  {
    what: 'HTTP port 9080, raw TCP call under REGISTRY_ONLY: blackholed',
    input: strict,
    call: tcp({ port: 9080, host: 'reviews', address: '10.0.0.3' }),
    outcome: 'blackhole',
    cluster: 'BlackHoleCluster',
  },
  {
    what: 'inbound sniffed port, HTTP call: the inline route to inbound|7000||',
    input: web,
    call: inbound({ port: 7000, host: '10.0.0.1' }),
    outcome: 'passthrough',
    cluster: 'inbound|7000||',
    expect: {
      filterChain: '0.0.0.0_7000',
      networkFilter: 'http_connection_manager',
      routeConfig: 'inbound|7000||',
    },
  },
  {
    what: 'inbound sniffed port, TCP call: tcp_proxy to inbound|7000||',
    input: web,
    call: inbound(tcp({ port: 7000, host: '10.0.0.1' })),
    outcome: 'passthrough',
    cluster: 'inbound|7000||',
    expect: { filterChain: '0.0.0.0_7000', networkFilter: 'tcp_proxy' },
  },
];

describe('protocol sniffing (simulated)', () => {
  it.each(rows)('$what', async (row) => {
    await check(row);
  });
});

describe('protocol sniffing (resources)', () => {
  it('writes the sniffed outbound listener as istiod does', async () => {
    const t = await configFor('sidecar', web);
    expectEncodable(t);
    const l = t.listeners.find((x) => x.name === '10.96.0.30_8000') as Listener;
    const json = toProto3Json('envoy.config.listener.v3.Listener', l) as Record<string, never>;
    expect(json.listener_filters).toEqual([
      {
        name: 'envoy.filters.listener.http_inspector',
        typed_config: {
          '@type': 'type.googleapis.com/envoy.extensions.filters.listener.http_inspector.v3.HttpInspector',
        },
      },
    ]);
    expect(l.filter_chains?.map((c) => c.filter_chain_match)).toEqual([
      { transport_protocol: 'raw_buffer', application_protocols: ['http/1.1', 'h2c'] },
    ]);
    const hcm = l.filter_chains?.[0]?.filters?.[0]?.typed_config as unknown as { stat_prefix: string };
    expect(hcm.stat_prefix).toBe('outbound_10.96.0.30_8000;');
    const tcpProxy = l.default_filter_chain?.filters?.[0]?.typed_config as unknown as { cluster: string };
    expect(tcpProxy.cluster).toBe(WEB_CLUSTER);
    expect(l.bind_to_port).toEqual({ value: false });
    // istiod getVirtualHostsForSniffedServicePort: web's virtual host alone, domains `*`, no catch-all.
    const rc = t.routes.find((r) => r.name === 'web.default.svc.cluster.local:8000');
    expect(rc?.virtual_hosts?.map((v) => [v.name, v.domains])).toEqual([
      ['web.default.svc.cluster.local:8000', ['*']],
    ]);
  });

  it('is deterministic: the same resources in another order give byte-identical listeners', async () => {
    const a = await configFor('sidecar', web);
    const b = await configFor('sidecar', { inline: [PRODUCTPAGE_ADMIN, WEB], workloads: WEB_PODS });
    const dump = (ls: readonly Listener[]) =>
      JSON.stringify(ls.map((l) => toProto3Json('envoy.config.listener.v3.Listener', l)));
    expect(dump(b.listeners)).toBe(dump(a.listeners));
  });
});
