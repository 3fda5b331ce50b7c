// Conformance against a real third-party xDS client: @grpc/grpc-js-xds as a proxyless gRPC client in a child
// process, bootstrapped against our server, calling Echo servers on loopback through hand-written resources.
import {
  anyOf,
  type Cluster,
  type ClusterLoadAssignment,
  type Listener,
  type RouteConfiguration,
  TypeUrl,
} from '@minimesh/model';
import { afterEach, describe, expect, it } from 'vitest';
import { SnapshotCache, type SnapshotResources } from '../src/index.js';
import { startEchoServer } from './helpers/echo-service.js';
import { startServer, until } from './helpers/harness.js';
import { XdsClientProcess } from './helpers/xds-client-process.js';

const TARGET = 'echo.test:50051';
const NODE_ID = 'grpc-conformance';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function cluster(name: string): Cluster {
  return {
    name,
    type: 'EDS',
    lb_policy: 'ROUND_ROBIN',
    eds_cluster_config: { eds_config: { ads: {}, resource_api_version: 'V3' } },
  };
}

function assignment(name: string, port: number): ClusterLoadAssignment {
  return {
    cluster_name: name,
    endpoints: [
      {
        locality: { region: 'r', zone: 'z0' },
        load_balancing_weight: { value: 1 },
        lb_endpoints: [
          { endpoint: { address: { socket_address: { address: '127.0.0.1', port_value: port } } } },
        ],
      },
    ],
  };
}

function listener(inline?: RouteConfiguration): Listener {
  const routeSpecifier =
    inline === undefined
      ? {
          rds: {
            route_config_name: 'echo-route',
            config_source: { ads: {}, resource_api_version: 'V3' as const },
          },
        }
      : { route_config: inline };
  return {
    name: TARGET,
    api_listener: {
      api_listener: anyOf(TypeUrl.HTTP_CONNECTION_MANAGER, {
        ...routeSpecifier,
        http_filters: [{ name: 'router', typed_config: anyOf(TypeUrl.ROUTER, {}) }],
      }),
    },
  };
}

function echoRoute(split: Record<string, number>): RouteConfiguration {
  const clusters = Object.entries(split)
    .filter(([, weight]) => weight > 0)
    .map(([name, weight]) => ({ name: `echo-${name}`, weight: { value: weight } }));
  return {
    name: 'echo-route',
    virtual_hosts: [
      {
        name: 'echo',
        domains: [TARGET],
        routes: [
          {
            match: { prefix: '', headers: [{ name: 'x-route', string_match: { exact: 'b' } }] },
            route: { cluster: 'echo-b' },
          },
          { match: { prefix: '' }, route: { weighted_clusters: { clusters } } },
        ],
      },
    ],
  };
}

async function setup(split: Record<string, number>) {
  const a = await startEchoServer('A');
  cleanups.push(() => a.close());
  const b = await startEchoServer('B');
  cleanups.push(() => b.close());
  const resources = (s: Record<string, number>): SnapshotResources => ({
    clusters: [cluster('echo-a'), cluster('echo-b')],
    endpoints: [assignment('echo-a', a.port), assignment('echo-b', b.port)],
    listeners: [listener()],
    routes: [echoRoute(s)],
  });
  const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
  cache.setSnapshot(NODE_ID, resources(split));
  const server = await startServer({ cache });
  const client = await XdsClientProcess.start(server.address, TARGET, NODE_ID);
  cleanups.push(() => client.close());
  return { cache, server, client, resources };
}

describe('@grpc/grpc-js-xds against the server', () => {
  it('replaces a cluster without a failed call (make before break)', { timeout: 30_000 }, async () => {
    const { cache, client, resources } = await setup({ a: 100, b: 0 });
    expect((await client.calls(20)).counts).toEqual({ A: 20 });
    const next = resources({ a: 0, b: 0, c: 100 });
    const b = next.endpoints?.find((e) => e.cluster_name === 'echo-b');
    const running = client.calls(2_000, {}, { waitForReady: false });
    await new Promise((r) => setTimeout(r, 100));
    cache.setSnapshot(NODE_ID, {
      clusters: [cluster('echo-b'), cluster('echo-c')],
      endpoints: [...(b === undefined ? [] : [b]), { ...b, cluster_name: 'echo-c' }],
      listeners: next.listeners ?? [],
      routes: next.routes ?? [],
    });
    const r = await running;
    expect(r.firstError).toBeUndefined();
    expect(r.counts.A).toBeGreaterThan(0);
    expect(r.counts.B).toBeGreaterThan(0);
    expect((await client.calls(20, {}, { waitForReady: false })).counts).toEqual({ B: 20 });
  });

  it('serves a listener with an inline route configuration', { timeout: 30_000 }, async () => {
    const { cache, client, resources } = await setup({ a: 100, b: 0 });
    const r = resources({ a: 0, b: 100 });
    cache.setSnapshot(NODE_ID, { ...r, listeners: [listener(echoRoute({ a: 0, b: 100 }))], routes: [] });
    const deadline = Date.now() + 10_000;
    let last: Record<string, number> = {};
    while (Date.now() < deadline && last.B !== 20) last = (await client.calls(20)).counts;
    expect(last).toEqual({ B: 20 });
  });

  it('makes real calls and splits 70/30 within 3 points', { timeout: 60_000 }, async () => {
    const { client, server } = await setup({ a: 70, b: 30 });
    expect(client.version).toMatch(/^1\.14\./);
    const r = await client.calls(2_500, {}, { timeoutMs: 50_000 });
    expect(r.firstError).toBeUndefined();
    expect(r.errors).toBe(0);
    const share = ((r.counts.A ?? 0) / 2_500) * 100;
    expect(share).toBeGreaterThan(67);
    expect(share).toBeLessThan(73);
    await until(() => {
      const types = server.proxyStatus().find((p) => p.nodeId === NODE_ID)?.types ?? [];
      return types.length === 4 && types.every((t) => t.status === 'SYNCED');
    });
  });

  it('follows a header-matched route', { timeout: 30_000 }, async () => {
    const { client } = await setup({ a: 100, b: 0 });
    expect((await client.calls(50)).counts).toEqual({ A: 50 });
    expect((await client.calls(200, { 'x-route': 'b' })).counts).toEqual({ B: 200 });
  });

  it('applies a config push', { timeout: 30_000 }, async () => {
    const { cache, client, resources } = await setup({ a: 100, b: 0 });
    expect((await client.calls(20)).counts).toEqual({ A: 20 });
    cache.setSnapshot(NODE_ID, resources({ a: 0, b: 100 }));
    const deadline = Date.now() + 10_000;
    let last: Record<string, number> = {};
    while (Date.now() < deadline) {
      last = (await client.calls(20)).counts;
      if (last.B === 20) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(last).toEqual({ B: 20 });
  });
});
