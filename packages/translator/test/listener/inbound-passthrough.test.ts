// virtualInbound's passthrough chains (istiod 1.30 buildInboundPassthroughChains): calls from a peer to a port of
// productpage that no Service declares. Each row sends a call through the real translation of bookinfo with the
// simulator (the model's filter chain matching) and says which chain takes it and whether that chain terminates
// mTLS. PERMISSIVE (no PeerAuthentication) accepts mTLS HTTP, plaintext HTTP, mTLS TCP, plaintext TCP and the
// application's own TLS; STRICT only mTLS; DISABLE only plaintext; portLevelMtls of an undeclared port gets
// passthrough chains of its own for that port.
import { describe, expect, it } from 'vitest';
import { type ListenerCall, selectListener } from '../../src/simulate/listener-select.js';
import type { Translation } from '../../src/translate.js';
import { expectEncodable, h2c, inbound, tcp } from '../sidecar/helpers.js';
import { check, configFor, type Input, type Row } from '../simulate/helpers.js';

const peerAuthentication = (spec: string, selector = false) => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: ${selector ? 'productpage' : 'default'}, namespace: default }
spec:
${selector ? '  selector: { matchLabels: { app: productpage } }\n' : ''}${spec}`;

const STRICT: Input = { inline: [peerAuthentication('  mtls: { mode: STRICT }')] };
const DISABLE: Input = { inline: [peerAuthentication('  mtls: { mode: DISABLE }')] };
/** Workload PERMISSIVE; 8000 (declared by no Service) STRICT; 9080 (productpage's port) DISABLE. */
const PER_PORT: Input = {
  inline: [
    peerAuthentication(
      `  mtls: { mode: PERMISSIVE }
  portLevelMtls:
    8000: { mode: STRICT }
    9080: { mode: DISABLE }
`,
      true,
    ),
  ],
};

/** An Istio client's mTLS: TLS with the ALPN its sidecar offers. */
const mtls = (c: ListenerCall, alpn: string[]): ListenerCall => ({ ...c, tls: {}, alpn });
const HTTP_ALPN = ['istio-http/1.1'];
const TCP_ALPN = ['istio-peer-exchange', 'istio'];
const PASS = 'InboundPassthroughCluster';

interface PassRow extends Row {
  /** Whether the chain reached terminates TLS (has a DownstreamTlsContext); undefined: no chain. */
  readonly terminated?: boolean;
}

const rows: PassRow[] = [
  {
    what: 'PERMISSIVE: an mTLS HTTP call to an undeclared port is terminated and passed through by the catch-all HTTP chain',
    call: mtls(inbound({ port: 8000, host: '10.0.0.1' }), HTTP_ALPN),
    outcome: 'passthrough',
    cluster: PASS,
    terminated: true,
    expect: {
      listener: 'virtualInbound',
      filterChain: 'virtualInbound-catchall-http',
      networkFilter: 'http_connection_manager',
      routeConfig: PASS,
      virtualHost: 'inbound|http|0',
      endpoints: ['10.0.0.1:8000'],
    },
    trace: ['tls_inspector: application protocols istio-http/1.1'],
  },
  {
    what: 'PERMISSIVE: a plaintext HTTP call to an undeclared port goes through the catch-all HTTP chain',
    call: inbound({ port: 8000, host: '10.0.0.1' }),
    outcome: 'passthrough',
    cluster: PASS,
    terminated: false,
    expect: { filterChain: 'virtualInbound-catchall-http', networkFilter: 'http_connection_manager' },
    trace: ['http_inspector: application protocol http/1.1'],
  },
  {
    what: 'PERMISSIVE: plaintext h2c is HTTP too',
    call: inbound(h2c({ port: 8000, host: '10.0.0.1' })),
    outcome: 'passthrough',
    cluster: PASS,
    terminated: false,
    expect: { filterChain: 'virtualInbound-catchall-http' },
    trace: ['http_inspector: application protocol h2c'],
  },
  {
    what: 'PERMISSIVE: a raw TCP connection to an undeclared port goes through the TCP chain',
    call: inbound(tcp({ port: 8000, host: '10.0.0.1' })),
    outcome: 'passthrough',
    cluster: PASS,
    terminated: false,
    expect: { filterChain: 'virtualInbound', networkFilter: 'tcp_proxy', endpoints: ['10.0.0.1:8000'] },
  },
  {
    what: 'PERMISSIVE: mTLS TCP (istio-peer-exchange) is terminated by the TCP chain',
    call: mtls(inbound(tcp({ port: 8000, host: '10.0.0.1' })), TCP_ALPN),
    outcome: 'passthrough',
    cluster: PASS,
    terminated: true,
    expect: { filterChain: 'virtualInbound', networkFilter: 'tcp_proxy' },
  },
  {
    what: "PERMISSIVE: the application's own TLS passes through untouched",
    call: mtls(inbound(tcp({ port: 8000, host: '10.0.0.1' })), ['h2']),
    outcome: 'passthrough',
    cluster: PASS,
    terminated: false,
    expect: { filterChain: 'virtualInbound', networkFilter: 'tcp_proxy' },
  },
  {
    what: 'the service port keeps its own chains, placed after the passthrough ones: mTLS to 9080 is terminated',
    call: mtls(inbound({ port: 9080, host: '10.0.0.1' }), HTTP_ALPN),
    outcome: 'passthrough',
    cluster: 'inbound|9080||',
    terminated: true,
    expect: { filterChain: '0.0.0.0_9080', routeConfig: 'inbound|9080||' },
  },
  {
    what: 'the HTTP inspector does not run on 9080 (its chains need no ALPN)',
    call: inbound({ port: 9080, host: '10.0.0.1' }),
    outcome: 'passthrough',
    cluster: 'inbound|9080||',
    terminated: false,
    expect: { filterChain: '0.0.0.0_9080' },
    trace: ['http_inspector: disabled for port 9080'],
  },
  {
    what: 'connections to 15006 itself are dropped, without the TLS inspector',
    call: mtls(inbound(tcp({ port: 15006, host: '10.0.0.1' })), TCP_ALPN),
    outcome: 'blackhole',
    cluster: 'BlackHoleCluster',
    terminated: false,
    expect: { filterChain: 'virtualInbound-blackhole' },
    trace: ['tls_inspector: disabled for port 15006, the TLS handshake is seen as raw_buffer'],
  },
  {
    what: 'STRICT: plaintext HTTP to an undeclared port matches no chain',
    input: STRICT,
    call: inbound({ port: 8000, host: '10.0.0.1' }),
    outcome: 'no_route',
    expect: { listener: 'virtualInbound', responseFlag: 'NR' },
  },
  {
    what: 'STRICT: mTLS HTTP is terminated by the catch-all HTTP chain',
    input: STRICT,
    call: mtls(inbound({ port: 8000, host: '10.0.0.1' }), HTTP_ALPN),
    outcome: 'passthrough',
    cluster: PASS,
    terminated: true,
    expect: { filterChain: 'virtualInbound-catchall-http' },
  },
  {
    what: 'STRICT: any other TLS is terminated by the TCP chain (mTLS required)',
    input: STRICT,
    call: mtls(inbound(tcp({ port: 8000, host: '10.0.0.1' })), TCP_ALPN),
    outcome: 'passthrough',
    cluster: PASS,
    terminated: true,
    expect: { filterChain: 'virtualInbound' },
  },
  {
    what: 'DISABLE: plaintext HTTP goes through the catch-all HTTP chain',
    input: DISABLE,
    call: inbound({ port: 8000, host: '10.0.0.1' }),
    outcome: 'passthrough',
    cluster: PASS,
    terminated: false,
    expect: { filterChain: 'virtualInbound-catchall-http' },
  },
  {
    what: 'DISABLE: raw TCP goes through the TCP chain',
    input: DISABLE,
    call: inbound(tcp({ port: 8000, host: '10.0.0.1' })),
    outcome: 'passthrough',
    cluster: PASS,
    terminated: false,
    expect: { filterChain: 'virtualInbound' },
  },
  {
    what: 'portLevelMtls STRICT on undeclared 8000: plaintext HTTP to 8000 is refused',
    input: PER_PORT,
    call: inbound({ port: 8000, host: '10.0.0.1' }),
    outcome: 'no_route',
    expect: { responseFlag: 'NR' },
  },
  {
    what: 'portLevelMtls STRICT on undeclared 8000: mTLS to 8000 takes its per-port chain',
    input: PER_PORT,
    call: mtls(inbound({ port: 8000, host: '10.0.0.1' }), HTTP_ALPN),
    outcome: 'passthrough',
    cluster: PASS,
    terminated: true,
    expect: { filterChain: 'virtualInbound-catchall-http' },
  },
  {
    what: 'portLevelMtls: other undeclared ports keep the workload mode (PERMISSIVE: plaintext passes)',
    input: PER_PORT,
    call: inbound({ port: 8001, host: '10.0.0.1' }),
    outcome: 'passthrough',
    cluster: PASS,
    terminated: false,
    expect: { filterChain: 'virtualInbound-catchall-http' },
  },
];

/** Whether the chain the call reaches terminates TLS. */
async function terminates(row: PassRow): Promise<boolean | undefined> {
  const t = await configFor('sidecar', row.input);
  const step = selectListener(t.listeners, row.call, []);
  return step.ok
    ? step.chain.transport_socket !== undefined && step.chain.transport_socket !== null
    : undefined;
}

describe('virtualInbound passthrough chains (simulated)', () => {
  it.each(rows)('$what', async (row) => {
    await check(row);
    expect(await terminates(row)).toBe(row.terminated);
  });
});

const virtualInbound = (t: Translation) => t.listeners.find((l) => l.name === 'virtualInbound');
const shape = (t: Translation) =>
  (virtualInbound(t)?.filter_chains ?? []).map((c) => ({
    name: c.name,
    match: c.filter_chain_match,
    tls: c.transport_socket !== undefined,
  }));

describe('virtualInbound passthrough chains (resources)', () => {
  it("builds istiod's PERMISSIVE chains, before the service chains, with no prefix_ranges", async () => {
    const t = await configFor('sidecar');
    expectEncodable(t);
    const http = ['istio-http/1.0', 'istio-http/1.1', 'istio-h2'];
    expect(shape(t)).toEqual([
      { name: 'virtualInbound-blackhole', match: { destination_port: { value: 15006 } }, tls: false },
      {
        name: 'virtualInbound-catchall-http',
        match: { transport_protocol: 'tls', application_protocols: http },
        tls: true,
      },
      {
        name: 'virtualInbound-catchall-http',
        match: { transport_protocol: 'raw_buffer', application_protocols: ['http/1.1', 'h2c'] },
        tls: false,
      },
      {
        name: 'virtualInbound',
        match: { transport_protocol: 'tls', application_protocols: TCP_ALPN },
        tls: true,
      },
      { name: 'virtualInbound', match: { transport_protocol: 'raw_buffer' }, tls: false },
      { name: 'virtualInbound', match: { transport_protocol: 'tls' }, tls: false },
      {
        name: '0.0.0.0_9080',
        match: {
          destination_port: { value: 9080 },
          transport_protocol: 'tls',
          application_protocols: ['istio', 'istio-peer-exchange', ...http],
        },
        tls: true,
      },
      {
        name: '0.0.0.0_9080',
        match: { destination_port: { value: 9080 }, transport_protocol: 'raw_buffer' },
        tls: false,
      },
    ]);
  });

  it('writes the catch-all HTTP chain as istiod does: stat prefix and inline route to InboundPassthroughCluster', async () => {
    const t = await configFor('sidecar');
    const chain = virtualInbound(t)?.filter_chains?.[2];
    const hcm = chain?.filters?.[0]?.typed_config as unknown as Record<string, unknown>;
    expect(hcm.stat_prefix).toBe('InboundPassthroughCluster;');
    expect(hcm.route_config).toEqual({
      name: PASS,
      virtual_hosts: [
        {
          name: 'inbound|http|0',
          domains: ['*'],
          routes: [
            {
              name: 'default',
              match: { prefix: '/' },
              route: {
                cluster: PASS,
                timeout: { seconds: '0' },
                max_stream_duration: {
                  max_stream_duration: { seconds: '0' },
                  grpc_timeout_header_max: { seconds: '0' },
                },
                retry_policy: { retry_on: 'reset-before-request', num_retries: { value: 2 } },
              },
              decorator: { operation: ':0/*' },
            },
          ],
        },
      ],
      validate_clusters: { value: false },
    });
  });

  it('STRICT and DISABLE give two passthrough chains each; portLevelMtls adds per-port ones', async () => {
    const strict = await configFor('sidecar', STRICT);
    const disable = await configFor('sidecar', DISABLE);
    const perPort = await configFor('sidecar', PER_PORT);
    for (const t of [strict, disable, perPort]) expectEncodable(t);
    const passthrough = (t: Translation) =>
      shape(t).filter((c) => c.name === 'virtualInbound' || c.name === 'virtualInbound-catchall-http');
    expect(passthrough(strict)).toEqual([
      {
        name: 'virtualInbound-catchall-http',
        match: {
          transport_protocol: 'tls',
          application_protocols: ['istio-http/1.0', 'istio-http/1.1', 'istio-h2'],
        },
        tls: true,
      },
      { name: 'virtualInbound', match: { transport_protocol: 'tls' }, tls: true },
    ]);
    expect(passthrough(disable)).toEqual([
      {
        name: 'virtualInbound-catchall-http',
        match: { transport_protocol: 'raw_buffer', application_protocols: ['http/1.1', 'h2c'] },
        tls: false,
      },
      { name: 'virtualInbound', match: { transport_protocol: 'raw_buffer' }, tls: false },
    ]);
    // PERMISSIVE port 0 (5 chains), then STRICT chains for 8000 only: 9080 has its Service chains.
    const ports = passthrough(perPort).map((c) => c.match?.destination_port?.value ?? 0);
    expect(ports).toEqual([0, 0, 0, 0, 0, 8000, 8000]);
    // Without TLS chains anywhere (DISABLE), no TLS inspector.
    expect((virtualInbound(disable)?.listener_filters ?? []).map((f) => f.name)).toEqual([
      'envoy.filters.listener.original_dst',
      'envoy.filters.listener.http_inspector',
    ]);
  });
});
