// Conformance against a real third-party xDS client: @grpc/grpc-js-xds as a proxyless gRPC client in a child
// process, bootstrapped against our server, calling Echo servers on loopback through hand-written resources.
import { afterEach, describe, expect, it } from 'vitest';
import { SnapshotCache, type SnapshotResources, XdsServer } from '../src/index.js';
import { assignment, cluster, echoRoute, listener, TARGET } from './helpers/conformance.js';
import { startEchoServer } from './helpers/echo-service.js';
import { startServer, until } from './helpers/harness.js';
import { XdsClientProcess } from './helpers/xds-client-process.js';

const NODE_ID = 'grpc-conformance';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

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

function synced(server: XdsServer): boolean {
  const types = server.proxyStatus().find((p) => p.nodeId === NODE_ID)?.types ?? [];
  return types.length === 4 && types.every((t) => t.status === 'SYNCED');
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

  it('makes real calls and splits 70/30 over 5,000 calls within 3.5 points', {
    timeout: 60_000,
  }, async () => {
    const { client, server } = await setup({ a: 70, b: 30 });
    expect(client.version).toMatch(/^1\.14\./);
    const r = await client.calls(5_000, {}, { timeoutMs: 50_000 });
    expect(r.firstError).toBeUndefined();
    expect(r.errors).toBe(0);
    const share = ((r.counts.A ?? 0) / 5_000) * 100;
    console.log(
      `70/30 split over 5,000 calls: ${share.toFixed(2)}% to echo-a (${r.elapsedMs.toFixed(0)} ms)`,
    );
    // grpc-js-xds draws each call at random: the share's standard deviation over 5,000 calls is 0.65 points, so
    // 2 points (3 sigma) failed about once in 300 runs (72.18 % seen in CI); 3.5 points is over 5 sigma.
    expect(share).toBeGreaterThan(66.5);
    expect(share).toBeLessThan(73.5);
    await until(() => synced(server));
  });

  it('follows a header-matched route', { timeout: 30_000 }, async () => {
    const { client } = await setup({ a: 100, b: 0 });
    expect((await client.calls(50)).counts).toEqual({ A: 50 });
    expect((await client.calls(200, { 'x-route': 'b' })).counts).toEqual({ B: 200 });
  });

  it('applies a fault abort: the client sees the configured gRPC status', { timeout: 30_000 }, async () => {
    const { client } = await setup({ a: 100, b: 0 });
    expect((await client.calls(20)).counts).toEqual({ A: 20 });
    const r = await client.calls(50, { 'x-fault': 'abort' });
    expect(r.counts).toEqual({});
    expect(r.errors).toBe(50);
    // 7 is PERMISSION_DENIED, the abort's grpc_status; the call never reached a backend.
    expect(r.firstError).toMatch(/^7 /);
    expect((await client.calls(20)).counts).toEqual({ A: 20 });
  });

  it('applies a config push, and measures the time until calls follow it', { timeout: 30_000 }, async () => {
    const { cache, client, resources } = await setup({ a: 100, b: 0 });
    expect((await client.calls(20)).counts).toEqual({ A: 20 });
    const latencies: number[] = [];
    for (const [to, split] of [
      ['B', { a: 0, b: 100 }],
      ['A', { a: 100, b: 0 }],
      ['B', { a: 0, b: 100 }],
    ] as const) {
      // The child calls back to back until a reply comes from the new backend; the clock starts at setSnapshot.
      const calling = client.calls(100_000, {}, { until: to, timeoutMs: 10_000 });
      await new Promise((r) => setTimeout(r, 50));
      const t0 = performance.now();
      cache.setSnapshot(NODE_ID, resources(split));
      const r = await calling;
      latencies.push(performance.now() - t0);
      expect(r.errors).toBe(0);
      expect(r.counts[to]).toBe(1);
    }
    console.log(`config push to changed behaviour: ${latencies.map((l) => `${l.toFixed(1)} ms`).join(', ')}`);
    // The goal is 200 ms; the bound here is loose so a loaded CI machine does not fail the test.
    for (const l of latencies) expect(l).toBeLessThan(2_000);
    expect((await client.calls(20)).counts).toEqual({ B: 20 });
  });

  it('survives a server restart on the same port and resyncs', { timeout: 30_000 }, async () => {
    const { cache, client, server, resources } = await setup({ a: 100, b: 0 });
    expect((await client.calls(20)).counts).toEqual({ A: 20 });
    await until(() => synced(server));
    const port = server.port;
    await server.close(1_000);
    // Down: the client keeps its last configuration.
    const down = await client.calls(50, {}, { waitForReady: false });
    expect(down).toMatchObject({ counts: { A: 50 }, errors: 0 });
    const restarted = await XdsServer.start({ cache, port });
    cleanups.push(() => restarted.close(1_000));
    await until(() => synced(restarted), 10_000);
    const after = await client.calls(200, {}, { waitForReady: false });
    expect(after).toMatchObject({ counts: { A: 200 }, errors: 0 });
    // And it follows pushes from the new server.
    cache.setSnapshot(NODE_ID, resources({ a: 0, b: 100 }));
    const moved = await client.calls(1_000, {}, { until: 'B', timeoutMs: 10_000 });
    expect(moved.errors).toBe(0);
    expect(moved.counts.B).toBe(1);
  });
});
