// tcp_proxy filter chains: bytes piped both ways to a cluster host, chains chosen at accept time by destination
// port (an HTTP default_filter_chain beside a TCP chain that does not match), a dead upstream closes the
// connection, and counters under Envoy's names.

import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server } from 'node:net';
import { anyOf, TypeUrl } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, send, startHarness } from '../helpers/harness.js';
import { hcm, httpListener, routeConfig, routeTo, staticCluster, vhost } from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';

let h: Harness;
let echo: Server;
let echoPort: number;
let web: Upstream;

function tcpChain(cluster: string, port?: number) {
  return {
    ...(port === undefined ? {} : { filter_chain_match: { destination_port: { value: port } } }),
    filters: [
      {
        name: 'envoy.filters.network.tcp_proxy',
        typed_config: anyOf(TypeUrl.TCP_PROXY, { stat_prefix: cluster, cluster }),
      },
    ],
  };
}

/** Sends `text` over a new connection through `port` and resolves with what came back before the close. */
function roundTrip(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.end(text));
    let got = '';
    s.setEncoding('utf8');
    s.on('data', (c: string) => {
      got += c;
    });
    s.on('close', () => resolve(got));
    s.on('error', reject);
  });
}

/** GET `url` (absolute form) through the forward proxy, as an app with HTTP_PROXY sends it. */
function viaForwardProxy(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: h.proxy.forwardProxyPort,
        path: url,
        headers: { host: new URL(url).host },
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  echo = createServer((s) => s.on('data', (d) => s.write(`echo:${d}`)).on('end', () => s.end()));
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
  echoPort = (echo.address() as AddressInfo).port;
  web = await startUpstream('web');
  const dead = createServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', () => r()));
  const deadPort = (dead.address() as AddressInfo).port;
  await new Promise<void>((r) => dead.close(() => r()));
  const mixed = httpListener('mixed', 9091, hcm({ rds: 'r' }));
  h = await startHarness(
    {
      clusters: [
        {
          name: 'PassthroughCluster',
          type: 'ORIGINAL_DST',
          lb_policy: 'CLUSTER_PROVIDED',
          connect_timeout: { seconds: '1' },
        },
        staticCluster('tcp-echo', [echoPort]),
        staticCluster('web', [web.port]),
        staticCluster('dead', [deadPort]),
      ],
      listeners: [
        {
          name: 'tcp',
          address: { socket_address: { address: '0.0.0.0', port_value: 9090 } },
          filter_chains: [tcpChain('tcp-echo', 9090)],
        },
        // A TCP chain for another destination port, and HTTP as the default chain.
        {
          ...mixed,
          filter_chains: [tcpChain('tcp-echo', 7777)],
          default_filter_chain: mixed.filter_chains?.[0] ?? null,
        },
        // Istio's permissive inbound: a TLS chain (never chosen, no TLS termination) beside a plaintext HTTP chain.
        {
          name: 'permissive',
          address: { socket_address: { address: '0.0.0.0', port_value: 9093 } },
          filter_chains: [
            {
              filter_chain_match: { transport_protocol: 'tls' },
              transport_socket: {
                name: 'envoy.transport_sockets.tls',
                typed_config: anyOf(TypeUrl.DOWNSTREAM_TLS_CONTEXT, {}),
              },
              filters: mixed.filter_chains?.[0]?.filters ?? [],
            },
            {
              filter_chain_match: { transport_protocol: 'raw_buffer' },
              filters: mixed.filter_chains?.[0]?.filters ?? [],
            },
          ],
        },
        // Istio's virtualOutbound: reached only through the forward proxy, passthrough to the original destination.
        {
          name: 'virtualOutbound',
          address: { socket_address: { address: '0.0.0.0', port_value: 15001 } },
          bind_to_port: { value: false },
          use_original_dst: { value: true },
          filter_chains: [tcpChain('PassthroughCluster')],
        },
        {
          name: 'tcp-dead',
          address: { socket_address: { address: '0.0.0.0', port_value: 9092 } },
          filter_chains: [tcpChain('dead')],
        },
      ],
      routes: [routeConfig('r', [vhost('all', ['*'], [routeTo('web')])])],
    },
    [9090, 9091, 9092, 9093],
  );
}, 15_000);

afterAll(async () => {
  await h?.close();
  await web?.close();
  await new Promise<void>((r) => echo.close(() => r()));
});

describe('tcp_proxy', () => {
  it('pipes bytes to the cluster host and back', async () => {
    expect(await roundTrip(h.proxy.listenerPort('tcp') ?? 0, 'hello')).toBe('echo:hello');
  });
  it('serves HTTP on the default chain when the TCP chain does not match the port', async () => {
    const r = await send(h.proxy.listenerPort('mixed') ?? 0, '/');
    expect(r.json().upstream).toBe('web');
  });
  it('accepts a TLS chain for TLS connections and serves plaintext on the raw_buffer chain', async () => {
    const r = await send(h.proxy.listenerPort('permissive') ?? 0, '/');
    expect(r.json().upstream).toBe('web');
  });
  it('closes the connection when the upstream refuses it', async () => {
    expect(await roundTrip(h.proxy.listenerPort('tcp-dead') ?? 0, 'x')).toBe('');
    expect(h.proxy.stats.value('cluster.dead.upstream_cx_connect_fail')).toBe(1);
  });
  it('tunnels CONNECT through the forward proxy to the original destination (passthrough)', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port: h.proxy.forwardProxyPort,
        method: 'CONNECT',
        path: `127.0.0.1:${echoPort}`,
      });
      req.on('connect', (res, socket) => {
        expect(res.statusCode).toBe(200);
        let got = '';
        socket.setEncoding('utf8');
        socket.on('data', (c: string) => {
          got += c;
        });
        socket.on('close', () => resolve(got));
        socket.end('tunnel');
      });
      req.on('error', reject);
      req.end();
    });
    expect(reply).toBe('echo:tunnel');
  });
  it('relays a plain HTTP request through the forward proxy over a passthrough chain to the original destination', async () => {
    const r = await viaForwardProxy(`http://127.0.0.1:${web.port}/through?x=1`);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ upstream: 'web', url: '/through?x=1' });
  });
  it('resets a forward-proxied HTTP request whose tcp_proxy chain has no reachable host', async () => {
    await expect(viaForwardProxy('http://127.0.0.1:9092/x')).rejects.toThrow();
  });
  it('counts connections under Envoy names', () => {
    expect(h.proxy.stats.value('tcp.tcp-echo.downstream_cx_total')).toBeGreaterThanOrEqual(1);
    expect(h.proxy.stats.value('cluster.tcp-echo.upstream_cx_total')).toBeGreaterThanOrEqual(1);
  });
});
