// The config timeline over a real dev control plane (ADS over gRPC on 127.0.0.1) and a real productpage proxy: the
// ACK / NACK events carry the xDS version they answer, two changes applied back to back (the DestinationRule, then
// the 50/50 shift) each get the ACKs of the versions their push set, and a change the proxy refuses (an HTTP filter
// it does not implement) gets the NACK of the listeners it set.
import { readFileSync, rmSync } from 'node:fs';
import type { RunningProxy } from '@minimesh/proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigHistory } from '../../src/dashboard/config/config-history.js';
import { Timeline } from '../../src/dashboard/config/timeline.js';
import type { AckRecord, TimelineEntry } from '../../src/dashboard/protocol.js';
import {
  copyBookinfo,
  startPlannedProxy,
  startTestPlane,
  type TestPlane,
  waitFor,
} from '../control-plane-helpers.js';
import { DR_ALL, SHIFT_50 } from './config-fixtures.js';

const LDS = 'type.googleapis.com/envoy.config.listener.v3.Listener';

// An HTTP filter the proxy does not implement, not marked optional: productpage refuses its listeners.
const RBAC_FILTER = readFileSync(new URL('../fixtures/rbac-envoy-filter.yaml', import.meta.url), 'utf8');

let dir: string;
let t: TestPlane;
let productpage: RunningProxy;

beforeAll(async () => {
  dir = copyBookinfo();
  t = await startTestPlane(dir, { watch: false });
  productpage = await startPlannedProxy(t.cp, 'productpage-v1');
}, 30_000);

afterAll(async () => {
  await productpage?.close();
  await t?.cp.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Timeline over a real control plane', () => {
  it('credits two changes applied back to back with their own ACKs, and a refused change with its NACK', async () => {
    const cp = t.cp;
    await waitFor(
      () =>
        cp.status().proxies.length === 1 &&
        ['CDS', 'EDS', 'LDS', 'RDS'].every((type) => cp.status().proxies[0]?.xds[type]?.status === 'SYNCED'),
      'productpage SYNCED',
    );
    const pp = cp.nodes()[0] ?? '';
    const history = new ConfigHistory();
    history.record(cp.version, Date.now(), cp.resources());
    // Wired as the dashboard feed wires it.
    const timeline = new Timeline({
      history,
      snapshotOf: (n) => cp.snapshotOf(n),
      nodes: () => cp.nodes(),
      xdsVersionOf: (n, typeUrl) => cp.xdsVersionOf(n, typeUrl),
      window: () => ({ requests: 0, rps: 0, successRate: 1, p50Ms: 0, p95Ms: 0, p99Ms: 0 }),
    });
    expect(timeline.initial(cp.version, Date.now()).version).toBe(1);
    const off = cp.on((e) => {
      if (e.type === 'applied') history.record(e.version, Date.now(), cp.resources());
      timeline.onEvent(e, Date.now());
    });
    const entryOf = (version: number): TimelineEntry | undefined =>
      timeline.entries().find((e) => e.accepted && e.version === version);
    const acksOf = (version: number): readonly AckRecord[] =>
      entryOf(version)?.proxies.find((p) => p.proxy === pp)?.acks ?? [];
    const typesOf = (version: number) => [...new Set(acksOf(version).map((a) => a.type))].sort();
    const file = (path: string, from: string) => ({ path, content: readFileSync(from, 'utf8') });

    try {
      const [dr, shift] = await Promise.all([
        cp.apply([file('dr.yaml', DR_ALL)]),
        cp.apply([file('shift.yaml', SHIFT_50)]),
      ]);
      expect([dr.ok, dr.version, shift.ok, shift.version]).toEqual([true, 2, true, 3]);
      expect(
        entryOf(2)
          ?.proxies.find((p) => p.proxy === pp)
          ?.xds.map((d) => d.type),
      ).toEqual(['CDS', 'EDS']);
      expect(
        entryOf(3)
          ?.proxies.find((p) => p.proxy === pp)
          ?.xds.map((d) => d.type),
      ).toEqual(['RDS']);
      await waitFor(
        () => typesOf(2).includes('CDS') && typesOf(2).includes('EDS') && typesOf(3).includes('RDS'),
        'the ACKs of both changes',
      );
      // Clusters and endpoints were set by the DestinationRule's push, routes by the shift's.
      expect(typesOf(2)).toEqual(['CDS', 'EDS']);
      expect(typesOf(3)).toEqual(['RDS']);
      expect([...acksOf(2), ...acksOf(3)].every((a) => a.ok)).toBe(true);
      const acks = t.events.filter((e) => e.type === 'proxy' && e.event === 'ack' && e.nodeId === pp);
      expect(acks.length).toBeGreaterThan(0);
      expect(acks.every((e) => e.type === 'proxy' && /^[0-9a-f]{16}$/.test(e.version ?? ''))).toBe(true);

      const refused = await cp.apply([{ path: 'rbac-filter.yaml', content: RBAC_FILTER }]);
      expect([refused.ok, refused.version]).toEqual([true, 4]);
      const nack = await waitFor(
        () => t.events.find((e) => e.type === 'proxy' && e.event === 'nack' && e.nodeId === pp),
        'the NACK event',
      );
      // The NACK names the listeners version the refused change set, which the proxy never ACKed.
      const refusedLds = cp.xdsVersionOf(pp, LDS);
      expect(nack).toMatchObject({ typeUrl: LDS, version: refusedLds });
      const ldsAcks = t.events.filter((e) => e.type === 'proxy' && e.event === 'ack' && e.typeUrl === LDS);
      expect(ldsAcks.some((e) => e.type === 'proxy' && e.version === refusedLds)).toBe(false);
      await waitFor(() => acksOf(4).some((a) => !a.ok), 'the NACK in the refused change');
      expect(acksOf(4).find((a) => !a.ok)).toMatchObject({ type: 'LDS', ok: false });
      expect(acksOf(4).find((a) => !a.ok)?.message).toContain('envoy.filters.http.rbac');
      expect(acksOf(3).every((a) => a.ok)).toBe(true);
    } finally {
      off();
    }
  }, 30_000);
});
