import {
  type HttpConnectionManager,
  type RouteConfiguration,
  routeRequest,
  toProto3Json,
} from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { buildListeners } from '../../src/listener/build-listeners.js';
import { MessageCode } from '../../src/messages.js';
import { PushContext } from '../../src/push-context.js';
import { INGRESS_VIP, ingress, productpage, world } from '../route/fixtures.js';
import { byName, connect, expectEncodable, filterConfig, MYSQL } from './helpers.js';

/** A TCP ServiceEntry without `addresses` (resolution DNS): no VIP, so its listener is `0.0.0.0_<port>`. */
const noVipTcp = (name: string, port: number) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: ${name}, namespace: default }
spec:
  hosts: [${name}.example.com]
  ports: [{ number: ${port}, name: tcp-${name}, protocol: TCP }]
  resolution: DNS
`;

describe('sidecar listeners', () => {
  it('has outbound HTTP / TCP listeners, virtualOutbound and virtualInbound, sorted by name', async () => {
    const w = await world([], [MYSQL]);
    const ls = buildListeners(productpage, w.push, w.sink);
    expectEncodable(ls);
    // The ingress Service's https 443 (HTTPS: not HTTP) is TCP on its allocated cluster IP, as mysql's 3306.
    expect(ls.map((l) => l.name)).toEqual([
      '0.0.0.0_80',
      '0.0.0.0_9080',
      `${INGRESS_VIP}_443`,
      '10.96.0.12_3306',
      'virtualInbound',
      'virtualOutbound',
    ]);
    expect(w.sink.list()).toEqual([]);
  });

  const rows: {
    what: string;
    listener: string;
    port: number;
    ip?: string;
    alpn?: string[];
    expected: string;
  }[] = [
    { what: 'HTTP 9080 uses RDS 9080', listener: '0.0.0.0_9080', port: 9080, expected: '->9080' },
    {
      what: 'HTTP 80 (ingress Service) uses RDS 80',
      listener: '0.0.0.0_80',
      port: 80,
      expected: '->80',
    },
    {
      what: 'TCP mysql goes to its cluster',
      listener: '10.96.0.12_3306',
      port: 3306,
      ip: '10.96.0.12',
      expected: '->outbound|3306||mysql.default.svc.cluster.local',
    },
    {
      what: 'HTTPS 443 (ingress Service) goes to its cluster on its VIP listener',
      listener: `${INGRESS_VIP}_443`,
      port: 443,
      ip: INGRESS_VIP,
      expected: '->outbound|443||istio-ingressgateway.istio-system.svc.cluster.local',
    },
    {
      what: 'virtualOutbound passes unknown traffic through',
      listener: 'virtualOutbound',
      port: 5555,
      expected: 'virtualOutbound-catchall-tcp->PassthroughCluster',
    },
    {
      what: 'virtualOutbound drops connections to itself',
      listener: 'virtualOutbound',
      port: 15001,
      expected: 'virtualOutbound-blackhole->BlackHoleCluster',
    },
    {
      what: 'virtualInbound: productpage port 9080 (inline route config)',
      listener: 'virtualInbound',
      port: 9080,
      expected: '0.0.0.0_9080->inline',
    },
    {
      what: 'virtualInbound: plaintext HTTP to other ports passes through the catch-all HTTP chain',
      listener: 'virtualInbound',
      port: 8000,
      expected: 'virtualInbound-catchall-http->inline',
    },
    {
      what: 'virtualInbound: raw TCP to other ports passes through',
      listener: 'virtualInbound',
      port: 8000,
      alpn: [],
      expected: 'virtualInbound->InboundPassthroughCluster',
    },
    {
      what: 'virtualInbound drops connections to itself',
      listener: 'virtualInbound',
      port: 15006,
      expected: 'virtualInbound-blackhole->BlackHoleCluster',
    },
  ];
  it.each(rows)('$what', async (row) => {
    const w = await world([], [MYSQL]);
    const ls = buildListeners(productpage, w.push, w.sink);
    expect(
      connect(byName(ls, row.listener), {
        port: row.port,
        ...(row.ip ? { ip: row.ip } : {}),
        ...(row.alpn ? { alpn: row.alpn } : {}),
      }),
    ).toBe(row.expected);
  });

  it('writes the outbound HCM as istiod does: stat prefix, RDS over ADS, filters, not bound', async () => {
    const w = await world();
    const l = byName(buildListeners(productpage, w.push, w.sink), '0.0.0.0_9080');
    expect(l).toMatchObject({ bind_to_port: { value: false }, traffic_direction: 'OUTBOUND' });
    const hcm = filterConfig<HttpConnectionManager>(l);
    expect(hcm.stat_prefix).toBe('outbound_0.0.0.0_9080;');
    expect(hcm.rds).toEqual({
      config_source: { ads: {}, initial_fetch_timeout: { seconds: '0' }, resource_api_version: 'V3' },
      route_config_name: '9080',
    });
    expect(hcm.http_filters?.map((f) => f.name)).toEqual([
      'envoy.filters.http.grpc_stats',
      'envoy.filters.http.fault',
      'envoy.filters.http.cors',
      'envoy.filters.http.router',
    ]);
    expect(hcm.use_remote_address).toEqual({ value: false });
  });

  it('routes inbound HTTP to inbound|9080|| through the inline route config', async () => {
    const w = await world();
    const l = byName(buildListeners(productpage, w.push, w.sink), 'virtualInbound');
    const chain = l?.filter_chains?.find((c) => c.name === '0.0.0.0_9080');
    const hcm = chain?.filters?.[0]?.typed_config as unknown as HttpConnectionManager;
    expect(hcm.stat_prefix).toBe('inbound_0.0.0.0_9080;');
    const rc = hcm.route_config as RouteConfiguration;
    expect(rc.name).toBe('inbound|9080||');
    const r = routeRequest(rc, {
      authority: 'productpage:9080',
      path: '/productpage',
      method: 'GET',
      headers: {},
    });
    expect(r.cluster?.name).toBe('inbound|9080||');
    expect(l?.listener_filters?.map((f) => f.name)).toEqual([
      'envoy.filters.listener.original_dst',
      'envoy.filters.listener.tls_inspector',
      'envoy.filters.listener.http_inspector',
    ]);
  });

  it('sends unknown outbound traffic to BlackHoleCluster under REGISTRY_ONLY', async () => {
    const w = await world();
    const push = new PushContext(w.registry, { outboundTrafficPolicy: 'REGISTRY_ONLY' });
    const l = byName(buildListeners(productpage, push, w.sink), 'virtualOutbound');
    expect(connect(l, { port: 5555 })).toBe('virtualOutbound-catchall-tcp->BlackHoleCluster');
  });

  // istiod 1.30 (buildSidecarOutboundListener, TCPOverAuto): the HTTP listener on the wildcard is already a sniffed
  // one (HTTP chain by ALPN), so a TCP service without a VIP on the same port adds its chain instead of losing.
  // A Kubernetes Service always has a cluster IP (allocated when the manifest has none): a ServiceEntry without
  // `addresses` is the service without a VIP.
  it('merges a TCP service without a VIP into the HTTP port listener as its TCP chain', async () => {
    const w = await world([], [noVipTcp('legacy', 9080)]);
    const ls = buildListeners(productpage, w.push, w.sink);
    expectEncodable(ls);
    const l = byName(ls, '0.0.0.0_9080');
    expect(ls.filter((x) => x.name === '0.0.0.0_9080')).toHaveLength(1);
    expect(connect(l, { port: 9080 })).toBe('->9080');
    expect(connect(l, { port: 9080, alpn: [] })).toBe('default->outbound|9080||legacy.example.com');
    expect(w.sink.list()).toEqual([]);
  });

  it('reports a second TCP service without a VIP on a taken port', async () => {
    const w = await world([], [noVipTcp('legacy-a', 7000), noVipTcp('legacy-b', 7000)]);
    const ls = buildListeners(productpage, w.push, w.sink);
    expect(connect(byName(ls, '0.0.0.0_7000'), { port: 7000 })).toBe('->outbound|7000||legacy-a.example.com');
    expect(w.sink.list().map((m) => [m.code, m.resource])).toEqual([
      [MessageCode.ListenerConflict, 'ServiceEntry default/legacy-b'],
    ]);
  });

  it("matches productpage's golden listeners", async () => {
    const w = await world([], [MYSQL]);
    const out = buildListeners(productpage, w.push, w.sink).map((l) =>
      toProto3Json('envoy.config.listener.v3.Listener', l),
    );
    await expect(`${JSON.stringify(out, null, 2)}\n`).toMatchFileSnapshot(
      './__golden__/productpage-listeners.json',
    );
  });
});

const TLS_GATEWAYS = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: secure, namespace: istio-system }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 443, name: https-simple, protocol: HTTPS }
    hosts: [bookinfo.example.com]
    tls: { mode: SIMPLE, credentialName: bookinfo-cert }
  - port: { number: 443, name: https-mutual, protocol: HTTPS }
    hosts: [partner.example.com]
    tls: { mode: MUTUAL, credentialName: partner-cert }
  - port: { number: 443, name: tls-pass, protocol: TLS }
    hosts: [db.example.com]
    tls: { mode: PASSTHROUGH }
  - port: { number: 8443, name: https-files, protocol: HTTPS }
    hosts: ["*"]
    tls: { mode: SIMPLE, serverCertificate: /etc/certs/cert.pem, privateKey: /etc/certs/key.pem }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: db-pass, namespace: default }
spec:
  hosts: [db.example.com]
  gateways: [istio-system/secure]
  tls:
  - match: [{ sniHosts: [db.example.com] }]
    route: [{ destination: { host: details, port: { number: 9080 } } }]
`;

describe('gateway listeners', () => {
  it('binds 0.0.0.0_8080 (Service 80 -> 8080 is not a server port here: server 8080 stays 8080) with RDS http.8080', async () => {
    const w = await world(['bookinfo-gateway.yaml']);
    const ls = buildListeners(ingress, w.push, w.sink);
    expectEncodable(ls);
    expect(ls.map((l) => l.name)).toEqual(['0.0.0.0_8080']);
    const l = ls[0];
    expect(l?.bind_to_port).toBeUndefined(); // bound: gateways listen on their ports
    expect(connect(l, { port: 8080 })).toBe('->http.8080');
    const hcm = filterConfig<HttpConnectionManager>(l);
    expect(hcm.use_remote_address).toEqual({ value: true });
    expect(hcm.stat_prefix).toBe('outbound_0.0.0.0_8080;');
  });

  it('maps server port 443 to targetPort 8443, one chain per SNI with SDS certificates', async () => {
    const w = await world([], [TLS_GATEWAYS]);
    const ls = buildListeners(ingress, w.push, w.sink);
    expectEncodable(ls);
    expect(ls.map((l) => l.name)).toEqual(['0.0.0.0_8443']);
    const l = ls[0];
    expect(connect(l, { port: 8443, sni: 'bookinfo.example.com' })).toBe(
      '->https.443.https-simple.secure.istio-system (TLS)',
    );
    expect(connect(l, { port: 8443, sni: 'partner.example.com' })).toBe(
      '->https.443.https-mutual.secure.istio-system (TLS)',
    );
    expect(connect(l, { port: 8443, sni: 'db.example.com' })).toBe(
      '->outbound|9080||details.default.svc.cluster.local',
    );
    // Server 8443 is no Service port, so it listens on 8443 too: its `*` chain takes every other SNI.
    expect(connect(l, { port: 8443, sni: 'unknown.example.com' })).toBe(
      '->https.8443.https-files.secure.istio-system (TLS)',
    );
    const json = toProto3Json('envoy.config.listener.v3.Listener', l ?? {}) as {
      filter_chains: { transport_socket?: { typed_config: Record<string, unknown> } }[];
      listener_filters: { name: string }[];
    };
    expect(json.listener_filters.map((f) => f.name)).toEqual(['envoy.filters.listener.tls_inspector']);
    expect(json.filter_chains[0]?.transport_socket?.typed_config).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext',
      common_tls_context: {
        alpn_protocols: ['h2', 'http/1.1'],
        tls_params: { tls_minimum_protocol_version: 'TLSv1_2' },
        tls_certificate_sds_secret_configs: [
          {
            name: 'kubernetes://bookinfo-cert',
            sds_config: {
              api_config_source: {
                api_type: 'GRPC',
                set_node_on_first_message_only: true,
                transport_api_version: 'V3',
                grpc_services: [{ envoy_grpc: { cluster_name: 'sds-grpc' } }],
              },
              initial_fetch_timeout: '0s',
              resource_api_version: 'V3',
            },
          },
        ],
      },
      require_client_certificate: false,
    });
    expect(json.filter_chains[1]?.transport_socket?.typed_config).toMatchObject({
      common_tls_context: {
        combined_validation_context: {
          validation_context_sds_secret_config: { name: 'kubernetes://partner-cert-cacert' },
        },
      },
      require_client_certificate: true,
    });
    // Certificate files are read over SDS too, by their paths; `*` matches every SNI (no server_names).
    expect(connect(l, { port: 8443 })).toBe('->https.8443.https-files.secure.istio-system (TLS)');
    expect(json.filter_chains[3]?.transport_socket?.typed_config).toMatchObject({
      common_tls_context: {
        tls_certificate_sds_secret_configs: [{ name: 'file-cert:/etc/certs/cert.pem~/etc/certs/key.pem' }],
      },
    });
    expect(w.sink.list()).toEqual([]);
  });

  it("matches the ingress gateway's golden listeners", async () => {
    const w = await world(['bookinfo-gateway.yaml'], [TLS_GATEWAYS]);
    const out = buildListeners(ingress, w.push, w.sink).map((l) =>
      toProto3Json('envoy.config.listener.v3.Listener', l),
    );
    await expect(`${JSON.stringify(out, null, 2)}\n`).toMatchFileSnapshot(
      './__golden__/ingressgateway-listeners.json',
    );
  });
});
