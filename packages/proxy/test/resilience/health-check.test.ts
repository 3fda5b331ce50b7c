// Active health checks (Cluster.health_checks) through a real proxy: an HTTP check (path, host,
// request_headers_to_add, expected status 200) that a host starts failing (503: unhealthy at once, Envoy's
// "active" failure) takes it out of load balancing (/failed_active_hc) until healthy_threshold checks pass again;
// TCP checks: connect only (a host that stops listening fails unhealthy_threshold checks, then comes back) and
// send / receive payloads (hex). Configs the proxy cannot honour (gRPC checks, no timeout) are NACKed.

import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import type { Cluster } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XdsType } from '../../src/xds/ads-method.js';
import { type Harness, type Resources, send, startHarness } from '../helpers/harness.js';
import { hcm, httpListener, routeConfig, routeTo, staticCluster, vhost } from '../helpers/resources.js';
import { type ControlledUpstream, startControlled } from './outlier-upstreams.js';

let h: Harness;
let a: ControlledUpstream;
let b: ControlledUpstream;
let pingServer: Server;
let pingReply = 'pong';
const port = () => h.proxy.listenerPort('l') ?? 0;

const timing = {
  timeout: { nanos: 500_000_000 },
  interval: { nanos: 100_000_000 },
  no_traffic_interval: { nanos: 100_000_000 },
};

type HealthCheck = NonNullable<Cluster['health_checks']>[number];

function withCheck(name: string, ports: number[], check: HealthCheck): Cluster {
  return staticCluster(name, ports, { health_checks: [check] });
}

/** health_flags of host `p` in cluster `c`, from the text /clusters. */
async function flags(c: string, p: number): Promise<string> {
  const text = (await send(h.proxy.adminPort, '/clusters')).body;
  return (
    text
      .split('\n')
      .find((l) => l.startsWith(`${c}::127.0.0.1:${p}::health_flags::`))
      ?.split('::')[3] ?? ''
  );
}

async function flagsBecome(c: string, p: number, want: string): Promise<void> {
  let last = '';
  const until = Date.now() + 5_000;
  while (last !== want && Date.now() < until) {
    last = await flags(c, p);
    if (last !== want) await new Promise((r) => setTimeout(r, 20));
  }
  expect(last).toBe(want);
}

async function upstreamsOf(path: string, n: number): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const r = await send(port(), path);
    expect(r.status).toBe(200);
    seen.add(String(r.headers['x-upstream']));
  }
  return seen;
}

function config(): Resources {
  const clusters: Cluster[] = [
    withCheck('http', [a.port, b.port], {
      ...timing,
      unhealthy_threshold: { value: 3 },
      healthy_threshold: { value: 2 },
      http_health_check: {
        path: '/healthz',
        host: 'health.local',
        request_headers_to_add: [{ header: { key: 'x-check', value: 'yes' } }],
      },
    }),
    withCheck('tcp', [a.port, b.port], {
      ...timing,
      unhealthy_threshold: { value: 2 },
      healthy_threshold: { value: 1 },
      tcp_health_check: {},
    }),
    // Never routed to: after its first check it waits no_traffic_interval (default 60 s), not interval.
    withCheck('quiet', [a.port], {
      timeout: { nanos: 500_000_000 },
      interval: { nanos: 100_000_000 },
      unhealthy_threshold: { value: 2 },
      healthy_threshold: { value: 1 },
      tcp_health_check: {},
    }),
    withCheck('ping', [(pingServer.address() as AddressInfo).port], {
      ...timing,
      unhealthy_threshold: { value: 2 },
      healthy_threshold: { value: 1 },
      // "ping" -> "pong", hex as Envoy's Payload.text
      tcp_health_check: { send: { text: '70696e67' }, receive: [{ text: '706f6e67' }] },
    }),
  ];
  return {
    clusters,
    listeners: [httpListener('l', 9080, hcm({ rds: 'r' }))],
    routes: [routeConfig('r', [vhost('all', ['*'], [routeTo('http', '/http'), routeTo('tcp', '/tcp')])])],
  };
}

beforeAll(async () => {
  [a, b] = await Promise.all([startControlled('a'), startControlled('b')]);
  pingServer = createServer((s) => {
    s.on('data', (d) => {
      if (d.toString().includes('ping')) s.write(`x-${pingReply}-x`);
    });
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => pingServer.listen(0, '127.0.0.1', () => r()));
  h = await startHarness(config());
}, 15_000);

afterAll(async () => {
  await h?.close();
  await a?.close();
  await b?.close();
  await new Promise((r) => pingServer?.close(r));
});

describe('active health checks', () => {
  it('HTTP: a host failing its check gets no requests, and returns after healthy_threshold passes', async () => {
    await flagsBecome('http', a.port, 'healthy');
    await flagsBecome('http', b.port, 'healthy');
    const check = a.checks[0];
    expect(check?.host).toBe('health.local');
    expect(check?.['user-agent']).toBe('Envoy/HC');
    expect(check?.['x-check']).toBe('yes');
    expect(await upstreamsOf('/http', 6)).toEqual(new Set(['a', 'b']));
    a.healthStatus = 503;
    await flagsBecome('http', a.port, '/failed_active_hc');
    const served = a.served;
    expect(await upstreamsOf('/http', 10)).toEqual(new Set(['b']));
    expect(a.served).toBe(served);
    expect(h.proxy.stats.value('cluster.http.health_check.healthy')).toBe(1);
    expect(h.proxy.stats.value('cluster.http.health_check.failure')).toBeGreaterThan(0);
    const json = JSON.parse((await send(h.proxy.adminPort, '/clusters?format=json')).body) as {
      cluster_statuses: { name: string; host_statuses: { health_status: Record<string, unknown> }[] }[];
    };
    const statuses = json.cluster_statuses.find((c) => c.name === 'http')?.host_statuses;
    expect(statuses?.[0]?.health_status.failed_active_health_check).toBe(true);
    a.healthStatus = 200;
    await flagsBecome('http', a.port, 'healthy');
    expect(await upstreamsOf('/http', 6)).toEqual(new Set(['a', 'b']));
  });

  it('TCP connect-only: a host that stops listening turns unhealthy, then healthy when it listens again', async () => {
    await flagsBecome('tcp', b.port, 'healthy');
    await b.close();
    await flagsBecome('tcp', b.port, '/failed_active_hc');
    expect(h.proxy.stats.value('cluster.tcp.health_check.network_failure')).toBeGreaterThan(0);
    expect(await upstreamsOf('/tcp', 6)).toEqual(new Set(['a']));
    await b.reopen();
    await flagsBecome('tcp', b.port, 'healthy');
    expect(await upstreamsOf('/tcp', 6)).toEqual(new Set(['a', 'b']));
  });

  it('TCP send / receive: the expected payload must come back', async () => {
    const p = (pingServer.address() as AddressInfo).port;
    await flagsBecome('ping', p, 'healthy');
    pingReply = 'nope';
    await flagsBecome('ping', p, '/failed_active_hc');
    pingReply = 'pong';
    await flagsBecome('ping', p, 'healthy');
  });

  it('a cluster without traffic is checked every no_traffic_interval (60 s by default), not every interval', async () => {
    await flagsBecome('quiet', a.port, 'healthy');
    expect(h.proxy.stats.value('cluster.quiet.health_check.attempt')).toBe(1);
    // Five intervals of 100 ms: a cluster with traffic would have been checked about five more times.
    await new Promise((r) => setTimeout(r, 500));
    expect(h.proxy.stats.value('cluster.quiet.health_check.attempt')).toBe(1);
    expect(h.proxy.stats.value('cluster.quiet.health_check.success')).toBe(1);
  });

  it('NACKs health checks it cannot run, keeping the last good config', async () => {
    const bad = config();
    bad.clusters = [
      ...(bad.clusters ?? []),
      withCheck('grpc', [a.port], {
        ...timing,
        unhealthy_threshold: { value: 1 },
        healthy_threshold: { value: 1 },
        grpc_health_check: {},
      }),
    ];
    const nacks = h.proxy.xds.typeState(XdsType.cluster).nacks;
    await h.push(bad);
    const state = h.proxy.xds.typeState(XdsType.cluster);
    expect(state.nacks).toBe(nacks + 1);
    const status = h.server.proxyStatus()[0]?.types.find((t) => t.typeUrl.endsWith('Cluster'));
    expect(status?.nackMessage).toMatch(
      /Cluster "grpc": health_checks\[0\]: only http_health_check and tcp_health_check/,
    );
    expect(await upstreamsOf('/http', 2)).toEqual(new Set(['a', 'b']));
  });
});
