// Dev-mode inbound capture (`inboundPorts` / `--inbound-port DST=LOCAL`): a local port stands for container port DST
// and is served by the virtualInbound listener (use_original_dst, INBOUND) with destination (node IP, DST), so
// filter chains match on DST and on the instance IP as behind iptables' REDIRECT.

import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server } from 'node:net';
import type { Listener } from '@minimesh/model';
import { anyOf, TypeUrl } from '@minimesh/model';
import { SnapshotCache, XdsServer } from '@minimesh/xds-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidOptionError, parseCli, type RunningProxy, startProxy } from '../../src/index.js';
import { send, waitFor } from '../helpers/harness.js';
import { hcm, NODE_ID, routeConfig, routeTo, staticCluster, vhost } from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';
import { RawClient } from '../http1/raw.js';

let cache: SnapshotCache;
let server: XdsServer;
let proxy: RunningProxy;
let app: Upstream;
let echo: Server;

const tcpFilter = (cluster: string) => ({
  name: 'envoy.filters.network.tcp_proxy',
  typed_config: anyOf(TypeUrl.TCP_PROXY, { stat_prefix: cluster, cluster }),
});

function virtualInbound(): Listener {
  const httpChain = hcm({
    inline: routeConfig('inbound|9080||', [vhost('inbound|http|9080', ['*'], [routeTo('inbound|9080||')])]),
  });
  return {
    name: 'virtualInbound',
    address: { socket_address: { address: '0.0.0.0', port_value: 15006 } },
    use_original_dst: { value: true },
    traffic_direction: 'INBOUND',
    filter_chains: [
      {
        name: '0.0.0.0_9080',
        filter_chain_match: { destination_port: { value: 9080 } },
        filters: [
          {
            name: 'envoy.filters.network.http_connection_manager',
            typed_config: anyOf(TypeUrl.HTTP_CONNECTION_MANAGER, httpChain),
          },
        ],
      },
      {
        name: '0.0.0.0_9090',
        filter_chain_match: { destination_port: { value: 9090 } },
        filters: [tcpFilter('inbound|9090||')],
      },
      // Only for another instance's IP: never matched here, so a connection for 7070 finds no chain.
      {
        name: 'other-ip',
        filter_chain_match: {
          destination_port: { value: 7070 },
          prefix_ranges: [{ address_prefix: '10.9.9.9', prefix_len: { value: 32 } }],
        },
        filters: [tcpFilter('inbound|9090||')],
      },
      // Only for this instance's IP (the node id's 10.0.0.1): matched for 6060.
      {
        name: 'own-ip',
        filter_chain_match: {
          destination_port: { value: 6060 },
          prefix_ranges: [{ address_prefix: '10.0.0.1', prefix_len: { value: 32 } }],
        },
        filters: [tcpFilter('inbound|9090||')],
      },
    ],
  };
}

/** Istio's outbound HTTP listener: virtual, http_inspector, an HCM chain for http/1.1 and h2c, TCP passthrough else. */
function outbound9080(): Listener {
  const manager = hcm({
    inline: routeConfig('9080', [
      vhost(
        'reviews',
        ['reviews:9080'],
        [routeTo('inbound|9080||', '/', {}, { prefix_rewrite: '/outbound/' })],
      ),
    ]),
  });
  return {
    name: '0.0.0.0_9080',
    address: { socket_address: { address: '0.0.0.0', port_value: 9080 } },
    bind_to_port: { value: false },
    listener_filters: [
      { name: 'envoy.filters.listener.http_inspector', typed_config: anyOf(TypeUrl.HTTP_INSPECTOR, {}) },
    ],
    filter_chains: [
      {
        filter_chain_match: { transport_protocol: 'raw_buffer', application_protocols: ['http/1.1', 'h2c'] },
        filters: [
          {
            name: 'envoy.filters.network.http_connection_manager',
            typed_config: anyOf(TypeUrl.HTTP_CONNECTION_MANAGER, manager),
          },
        ],
      },
    ],
    default_filter_chain: { name: 'PassthroughFilterChain', filters: [tcpFilter('inbound|9090||')] },
  };
}

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

beforeAll(async () => {
  app = await startUpstream('app');
  echo = createServer((s) => s.on('data', (d) => s.write(`echo:${d}`)).on('end', () => s.end()));
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
  const echoPort = (echo.address() as AddressInfo).port;
  cache = new SnapshotCache({ debounce: { delayMs: 0 } });
  cache.setSnapshot(NODE_ID, {
    clusters: [staticCluster('inbound|9080||', [app.port]), staticCluster('inbound|9090||', [echoPort])],
    listeners: [virtualInbound(), outbound9080()],
  });
  server = await XdsServer.start({ cache, endpointWaitMs: 200 });
  proxy = await startProxy({
    xds: server.address,
    nodeId: NODE_ID,
    adminPort: 0,
    portMap: { 15006: 0 },
    inboundPorts: { 9080: 0, 9090: 0, 7070: 0, 6060: 0 },
    forwardProxyPort: 0,
    backoff: { baseMs: 50, maxMs: 200 },
    logLevel: 'silent',
  });
  await proxy.ready(5_000);
}, 15_000);

afterAll(async () => {
  await proxy?.close();
  await server?.close();
  await app?.close();
  await new Promise<void>((r) => (echo === undefined ? r() : echo.close(() => r())));
});

describe('inbound ports (dev-mode inbound capture)', () => {
  it('binds a local port per container port', () => {
    for (const dst of [9080, 9090, 7070, 6060]) expect(proxy.inboundPort(dst)).toBeGreaterThan(0);
    expect(new Set([9080, 9090, 7070, 6060].map((d) => proxy.inboundPort(d))).size).toBe(4);
    expect(proxy.inboundPort(1234)).toBeUndefined();
  });

  it('serves HTTP on the virtualInbound chain of destination port DST', async () => {
    const r = await send(proxy.inboundPort(9080) ?? 0, '/reviews/0', { headers: { host: 'reviews:9080' } });
    expect(r.status).toBe(200);
    expect(r.json().upstream).toBe('app');
    expect(r.json().url).toBe('/reviews/0');
  });

  it('pipes a tcp_proxy chain of destination port DST', async () => {
    expect(await roundTrip(proxy.inboundPort(9090) ?? 0, 'hi')).toBe('echo:hi');
  });

  it('matches chains on the node id IP as the destination address', async () => {
    expect(await roundTrip(proxy.inboundPort(6060) ?? 0, 'mine')).toBe('echo:mine');
    expect(await roundTrip(proxy.inboundPort(7070) ?? 0, 'theirs')).toBe('');
  });

  it('follows LDS updates: a removed chain closes new connections', async () => {
    const l = virtualInbound();
    cache.setSnapshot(NODE_ID, {
      clusters: [staticCluster('inbound|9080||', [app.port]), staticCluster('inbound|9090||', [1])],
      listeners: [
        { ...l, filter_chains: (l.filter_chains ?? []).filter((c) => c.name !== '0.0.0.0_9090') },
        outbound9080(),
      ],
    });
    await waitFor(
      () => (proxy.config.listeners.get('virtualInbound')?.listener.filter_chains ?? []).length === 3,
      5_000,
      'the LDS update',
    );
    expect(await roundTrip(proxy.inboundPort(9090) ?? 0, 'gone')).toBe('');
    const r = await send(proxy.inboundPort(9080) ?? 0, '/still');
    expect(r.json().url).toBe('/still');
  });
});

describe('http_inspector', () => {
  it("gives forward-proxied HTTP the http/1.1 application protocol, so istiod's outbound HTTP chain matches", async () => {
    const r = await send(proxy.forwardProxyPort ?? 0, 'http://reviews:9080/reviews/1', {
      headers: { host: 'reviews:9080' },
    });
    expect(r.status).toBe(200);
    expect(r.json().upstream).toBe('app');
    // Served by the outbound listener's HTTP chain (its route rewrites the prefix), not by a fallback.
    expect(r.json().url).toBe('/outbound/reviews/1');
  });
});

describe('--inbound-port', () => {
  it('parses repeatable DST=LOCAL entries', () => {
    const o = parseCli([
      '--xds',
      '127.0.0.1:15010',
      '--node-id',
      NODE_ID,
      '--inbound-port',
      '9080=0',
      '--inbound-port',
      '9090=19090',
    ]);
    expect(o.inboundPorts).toEqual({ 9080: 0, 9090: 19090 });
    expect(parseCli(['--xds', '127.0.0.1:15010', '--node-id', NODE_ID]).inboundPorts).toBeUndefined();
  });

  it('refuses a malformed entry', () => {
    expect(() => parseCli(['--xds', '127.0.0.1:1', '--node-id', NODE_ID, '--inbound-port', '9080'])).toThrow(
      InvalidOptionError,
    );
  });

  it('refuses a port in use with PROXY_BIND_FAILED', async () => {
    const taken = proxy.inboundPort(9080) ?? 0;
    await expect(
      startProxy({
        xds: server.address,
        nodeId: NODE_ID,
        adminPort: 0,
        inboundPorts: { 9080: taken },
        logLevel: 'silent',
      }),
    ).rejects.toMatchObject({ code: 'PROXY_BIND_FAILED' });
  });
});

// Last in the file: it drains the shared proxy.
describe('inbound ports on proxy.drain()', () => {
  it('drain as listeners do: the idle keep-alive connection is answered once more with connection: close, new ones refused', async () => {
    const port = proxy.inboundPort(9080) ?? 0;
    const c = await RawClient.connect(port);
    try {
      c.write('GET /before HTTP/1.1\r\nhost: reviews:9080\r\n\r\n');
      const before = await c.response();
      expect([before.status, before.headers.connection]).toEqual([200, undefined]);
      const draining = proxy.drain(3_000);
      expect(await refusedSoon(port)).toBe(true);
      c.write('GET /after HTTP/1.1\r\nhost: reviews:9080\r\n\r\n');
      const after = await c.response();
      expect([after.status, after.headers.connection]).toEqual([200, 'close']);
      await c.closed();
      await draining;
    } finally {
      c.destroy();
    }
  });
});

/** True once a connect to 127.0.0.1:port is refused (bounded: 5 s). */
async function refusedSoon(port: number): Promise<boolean> {
  const until = Date.now() + 5_000;
  while (Date.now() < until) {
    const refused = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(false);
      });
      s.once('error', () => resolve(true));
    });
    if (refused) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}
