import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotCache, type SnapshotResources, XdsServer } from '../src/index.js';
import { assignment, cluster, echoRoute, listener, TARGET } from './helpers/conformance.js';
import { startEchoServer } from './helpers/echo-service.js';
import { until } from './helpers/harness.js';
import { cases, NODE_ID } from './helpers/nack-cases.js';
import { XdsClientProcess } from './helpers/xds-client-process.js';

let server: XdsServer;
let client: XdsClientProcess;
let cache: SnapshotCache;
let good: SnapshotResources;
const closers: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  const a = await startEchoServer('A');
  closers.push(() => a.close());
  const b = await startEchoServer('B');
  closers.push(() => b.close());
  good = {
    clusters: [cluster('echo-a'), cluster('echo-b')],
    endpoints: [assignment('echo-a', a.port), assignment('echo-b', b.port)],
    listeners: [listener()],
    routes: [echoRoute({ a: 100, b: 0 })],
  };
  cache = new SnapshotCache({ debounce: { delayMs: 0 } });
  cache.setSnapshot(NODE_ID, good);
  // Not the harness's startServer: that one closes its servers after every test, this one serves them all.
  server = await XdsServer.start({ cache });
  client = await XdsClientProcess.start(server.address, TARGET, NODE_ID);
  closers.push(() => client.close());
  expect((await client.calls(20)).counts).toEqual({ A: 20 });
  await until(allSynced, 10_000);
}, 30_000);

afterAll(async () => {
  for (const c of closers.splice(0).reverse()) await c();
  await server.close(1_000);
});

function types() {
  return server.proxyStatus().find((p) => p.nodeId === NODE_ID)?.types ?? [];
}
function allSynced(): boolean {
  const t = types();
  return t.length === 4 && t.every((s) => s.status === 'SYNCED');
}

describe('@grpc/grpc-js-xds NACKs what it cannot use, and the previous config keeps serving', () => {
  it('has at least 20 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  for (const c of cases) {
    it(c.name, { timeout: 15_000 }, async () => {
      const ackedBefore = types().find((t) => t.typeUrl === c.typeUrl)?.ackedVersion;
      cache.setSnapshot(NODE_ID, c.resources(good));
      const nacked = () => types().find((t) => t.typeUrl === c.typeUrl && t.status === 'NACK');
      await until(() => nacked() !== undefined, 5_000);
      const status = nacked();
      expect(status?.nackMessage).toContain(c.error);
      expect(status?.nackedVersion).toBe(status?.sentVersion);
      expect(status?.ackedVersion).toBe(ackedBefore);
      // The other types are not affected.
      for (const t of types()) if (t.typeUrl !== c.typeUrl) expect(t.status).toBe('SYNCED');
      // The previous good config still serves.
      expect(await client.calls(20, {}, { waitForReady: false })).toMatchObject({
        counts: { A: 20 },
        errors: 0,
      });
      expect(await client.calls(5, { 'x-route': 'b' }, { waitForReady: false })).toMatchObject({
        counts: { B: 5 },
        errors: 0,
      });
      // The good snapshot back: SYNCED again.
      cache.setSnapshot(NODE_ID, good);
      await until(allSynced, 5_000);
      expect(await client.calls(5, {}, { waitForReady: false })).toMatchObject({
        counts: { A: 5 },
        errors: 0,
      });
    });
  }
});
