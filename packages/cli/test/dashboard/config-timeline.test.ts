// The config timeline over examples/bookinfo: the initial load, an accepted change (the 50/50 shift) with its YAML
// diff and productpage's xDS diff from real translations, ACKs and NACKs attached to it, a rejected change with its
// diagnostics, the before / after metric windows, the caps on entries and detail snapshots, and two changes in
// quick succession each credited with the ACKs and NACKs of the xDS versions its push set (a real SnapshotCache's).
import { type LoadedResource, loadManifests } from '@minimesh/model';
import { SnapshotCache } from '@minimesh/xds-server';
import { describe, expect, it } from 'vitest';
import { ConfigHistory } from '../../src/dashboard/config/config-history.js';
import { translateNode } from '../../src/dashboard/config/node-translation.js';
import { Timeline, TimelineDetailError } from '../../src/dashboard/config/timeline.js';
import type { ProxyResources } from '../../src/dashboard/config/timeline-diffs.js';
import type { MetricWindow } from '../../src/dashboard/protocol.js';
import { ALL_V1, DR_ALL, load, MANIFESTS, nodeIdOf, SHIFT_50 } from './config-fixtures.js';

const RDS = 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration';
const LDS = 'type.googleapis.com/envoy.config.listener.v3.Listener';
const CDS = 'type.googleapis.com/envoy.config.cluster.v3.Cluster';
const EDS = 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment';

/** A mesh whose window(from, to) reports `to - from` requests, so a test can tell which window was asked. */
function fixture(history: ConfigHistory) {
  const snapshots = new Map<string, ProxyResources>();
  const windows: [number, number][] = [];
  const timeline = new Timeline({
    history,
    snapshotOf: (node) => snapshots.get(node),
    nodes: () => [...snapshots.keys()],
    window: (from, to): MetricWindow => {
      windows.push([from, to]);
      return { requests: to - from, rps: 1, successRate: 1, p50Ms: 1, p95Ms: 2, p99Ms: 3 };
    },
  });
  return { snapshots, windows, timeline };
}

const translated = (resources: readonly LoadedResource[], node: string) =>
  translateNode(resources, node).translation;

describe('Timeline', () => {
  it('records the initial load, a change with YAML and xDS diffs, its ACKs and NACKs, and a rejected change', async () => {
    const v1 = await load(MANIFESTS, DR_ALL, ALL_V1);
    const v2 = await load(MANIFESTS, DR_ALL, SHIFT_50);
    const pp = nodeIdOf(v1, 'productpage-v1');
    const history = new ConfigHistory();
    const { snapshots, windows, timeline } = fixture(history);

    history.record(1, 100_000, v1);
    const initial = timeline.initial(1, 100_000);
    expect(initial).toMatchObject({
      id: 1,
      version: 1,
      accepted: true,
      source: 'initial',
      yamlDiff: '',
      proxies: [],
    });
    expect(initial.resources.length).toBe(v1.length);
    expect(initial.resources.every((r) => r.action === 'created')).toBe(true);
    expect(initial.files).toContain(ALL_V1);
    expect(initial.before?.requests).toBe(30_000);
    expect(windows).toEqual([[70_000, 100_000]]);

    // productpage connects with version 1's resources and ACKs them.
    snapshots.set(pp, translated(v1, pp));
    expect(timeline.onEvent({ type: 'proxy', event: 'connected', nodeId: pp }, 100_100)).toBeUndefined();
    const acked = timeline.onEvent({ type: 'proxy', event: 'ack', nodeId: pp, typeUrl: CDS }, 100_200);
    expect(acked?.proxies).toEqual([
      { proxy: pp, xds: [], acks: [{ type: 'CDS', time: 100_200, ok: true }] },
    ]);

    // The 50/50 shift: the history has version 2 before the event comes.
    history.record(2, 200_000, v2);
    snapshots.set(pp, translated(v2, pp));
    const shift = timeline.onEvent(
      {
        type: 'applied',
        version: 2,
        source: 'watch',
        files: [SHIFT_50],
        changes: [
          {
            action: 'configured',
            group: 'networking.istio.io',
            kind: 'VirtualService',
            namespace: 'default',
            name: 'reviews',
            file: SHIFT_50,
            line: 3,
          },
        ],
        durationMs: 4,
      },
      200_000,
    );
    expect(shift).toMatchObject({ id: 2, version: 2, accepted: true, source: 'watch', files: [SHIFT_50] });
    expect(shift?.resources).toEqual([
      {
        action: 'configured',
        ref: { kind: 'VirtualService', namespace: 'default', name: 'reviews', file: SHIFT_50, line: 3 },
      },
    ]);
    expect(shift?.yamlDiff).toContain(`--- a/${SHIFT_50}`);
    expect(shift?.yamlDiff).toMatch(/^\+\s+weight: 50$/m);
    expect(shift?.yamlDiff).toMatch(/^\+\s+subset: v3$/m);
    const change = shift?.proxies.find((p) => p.proxy === pp);
    expect(change?.xds).toEqual([{ type: 'RDS', added: [], removed: [], changed: ['9080'] }]);
    expect(change?.acks).toEqual([]);

    const detail = timeline.detail(2, pp, 'RDS');
    expect(detail).toContain(`--- a/${pp}/RDS`);
    expect(detail).toMatch(/^\+.*"weighted_clusters"/m);
    expect(timeline.detail(2, pp, CDS)).toBe('');
    expect(() => timeline.detail(2, pp, 'XDS')).toThrow(TimelineDetailError);
    expect(() =>
      timeline.detail(2, 'sidecar~1.2.3.4~nobody.default~default.svc.cluster.local', 'RDS'),
    ).toThrow(/no xDS change/);

    // ACK of the push attaches to the newest entry once per type; a NACK always, with the proxy's message.
    const rdsAck = timeline.onEvent({ type: 'proxy', event: 'ack', nodeId: pp, typeUrl: RDS }, 200_050);
    expect(rdsAck?.proxies.find((p) => p.proxy === pp)?.acks).toEqual([
      { type: 'RDS', time: 200_050, ok: true },
    ]);
    expect(
      timeline.onEvent({ type: 'proxy', event: 'ack', nodeId: pp, typeUrl: RDS }, 200_060),
    ).toBeUndefined();
    const nack = timeline.onEvent(
      { type: 'proxy', event: 'nack', nodeId: pp, typeUrl: LDS, message: 'bad listener' },
      200_070,
    );
    expect(nack?.proxies.find((p) => p.proxy === pp)?.acks).toContainEqual({
      type: 'LDS',
      time: 200_070,
      ok: false,
      message: 'bad listener',
    });

    // A rejected edit: an entry of its own, version left as it was, with the diagnostics.
    const bad = loadManifests(
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: x}\nspec: {hosts: 7}\n',
      {
        file: 'bad.yaml',
      },
    );
    const rejected = timeline.onEvent(
      { type: 'rejected', source: 'api', files: ['bad.yaml'], diagnostics: bad.diagnostics },
      250_000,
    );
    expect(rejected).toMatchObject({
      id: 3,
      version: 2,
      accepted: false,
      source: 'api',
      resources: [],
      proxies: [],
    });
    expect(rejected?.diagnostics?.[0]).toMatch(/^bad\.yaml:4:\d+: spec\.hosts: /);
    // A rejected change pushes nothing: a later ACK answers the last accepted push (here: LDS fixed after the NACK).
    const fixed = timeline.onEvent({ type: 'proxy', event: 'ack', nodeId: pp, typeUrl: LDS }, 250_100);
    expect(fixed?.id).toBe(2);
    expect(fixed?.proxies.find((p) => p.proxy === pp)?.acks.filter((a) => a.type === 'LDS')).toEqual([
      { type: 'LDS', time: 200_070, ok: false, message: 'bad listener' },
      { type: 'LDS', time: 250_100, ok: true },
    ]);

    // `after` fills in once the window has passed, once.
    expect(timeline.tick(229_999).map((e) => e.id)).toEqual([1]);
    expect(timeline.tick(230_000).map((e) => e.id)).toEqual([2]);
    expect(timeline.tick(230_001)).toEqual([]);
    expect(timeline.entries().find((e) => e.id === 2)?.after).toEqual({
      requests: 30_000,
      rps: 1,
      successRate: 1,
      p50Ms: 1,
      p95Ms: 2,
      p99Ms: 3,
    });
    expect(windows).toContainEqual([200_000, 230_000]);
    expect(timeline.entries().map((e) => e.id)).toEqual([1, 2, 3]);
    // Applied with no resource change (a comment edit) makes no entry.
    expect(
      timeline.onEvent(
        { type: 'applied', version: 2, source: 'watch', files: [SHIFT_50], changes: [], durationMs: 1 },
        260_000,
      ),
    ).toBeUndefined();
  });

  it('keeps at most `keep` entries and the detail snapshots of the newest `detailKeep`', async () => {
    const v1 = await load(MANIFESTS, DR_ALL, ALL_V1);
    const v2 = await load(MANIFESTS, DR_ALL, SHIFT_50);
    const pp = nodeIdOf(v1, 'productpage-v1');
    const history = new ConfigHistory();
    const snapshots = new Map<string, ProxyResources>([[pp, translated(v1, pp)]]);
    const timeline = new Timeline({
      history,
      snapshotOf: (n) => snapshots.get(n),
      nodes: () => [pp],
      window: () => ({ requests: 0, rps: 0, successRate: 1, p50Ms: 0, p95Ms: 0, p99Ms: 0 }),
      keep: 3,
      detailKeep: 1,
    });
    history.record(1, 0, v1);
    timeline.initial(1, 0);
    const apply = (version: number, resources: readonly LoadedResource[]) => {
      history.record(version, version * 1000, resources);
      snapshots.set(pp, translated(resources, pp));
      const ref = {
        group: 'networking.istio.io',
        kind: 'VirtualService',
        namespace: 'default',
        name: 'reviews',
      };
      return timeline.onEvent(
        {
          type: 'applied',
          version,
          source: 'api',
          files: [],
          changes: [{ action: 'configured', ...ref, file: 'x.yaml', line: 1 }],
          durationMs: 1,
        },
        version * 1000,
      );
    };
    expect(apply(2, v2)?.id).toBe(2);
    expect(apply(3, v1)?.id).toBe(3);
    expect(apply(4, v2)?.id).toBe(4);
    expect(timeline.entries().map((e) => e.id)).toEqual([2, 3, 4]);
    expect(timeline.detail(4, pp, 'RDS')).toMatch(/^\+.*"weighted_clusters"/m);
    expect(() => timeline.detail(3, pp, 'RDS')).toThrow(/not kept/);
  });
});

describe('Timeline: ACKs and NACKs by xDS version', () => {
  const change = (version: number, file: string) =>
    ({
      type: 'applied',
      version,
      source: 'api',
      files: [file],
      changes: [
        {
          action: 'created',
          group: 'networking.istio.io',
          kind: file === DR_ALL ? 'DestinationRule' : 'VirtualService',
          namespace: 'default',
          name: 'reviews',
          file,
          line: 1,
        },
      ],
      durationMs: 1,
    }) as const;

  it('credits each of two changes landing together with the answers of the versions it set', async () => {
    const v1 = await load(MANIFESTS);
    const v2 = await load(MANIFESTS, DR_ALL);
    const v3 = await load(MANIFESTS, DR_ALL, SHIFT_50);
    const pp = nodeIdOf(v1, 'productpage-v1');
    const history = new ConfigHistory();
    const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
    const snapshots = new Map<string, ProxyResources>();
    const timeline = new Timeline({
      history,
      snapshotOf: (n) => snapshots.get(n),
      nodes: () => [...snapshots.keys()],
      xdsVersionOf: (n, typeUrl) => cache.version(n, typeUrl),
      window: () => ({ requests: 0, rps: 0, successRate: 1, p50Ms: 0, p95Ms: 0, p99Ms: 0 }),
    });
    const set = (resources: readonly LoadedResource[]) => {
      const r = translated(resources, pp);
      snapshots.set(pp, r);
      cache.setSnapshot(pp, r);
      return { cds: cache.version(pp, CDS), eds: cache.version(pp, EDS), rds: cache.version(pp, RDS) };
    };
    const answer = (event: 'ack' | 'nack', typeUrl: string, version: string | undefined, time: number) =>
      timeline.onEvent(
        {
          type: 'proxy',
          event,
          nodeId: pp,
          typeUrl,
          ...(version === undefined ? {} : { version }),
          ...(event === 'nack' ? { message: `refused ${version}` } : {}),
        },
        time,
      );
    const acksOf = (entryId: number) =>
      timeline
        .entries()
        .find((e) => e.id === entryId)
        ?.proxies.find((p) => p.proxy === pp)?.acks ?? [];

    history.record(1, 1000, v1);
    expect(timeline.initial(1, 1000).id).toBe(1);
    // productpage connects after the initial load: its first versions belong to the newest entry.
    const first = set(v1);
    expect(timeline.onEvent({ type: 'proxy', event: 'connected', nodeId: pp }, 1100)).toBeUndefined();
    expect(answer('ack', CDS, first.cds, 1200)?.id).toBe(1);

    // Two changes land before productpage answers either: the DestinationRule (new subset clusters and their
    // endpoints, routes unchanged), then the 50/50 shift (routes only).
    history.record(2, 2000, v2);
    const second = set(v2);
    expect(timeline.onEvent(change(2, DR_ALL), 2000)?.id).toBe(2);
    history.record(3, 2001, v3);
    const third = set(v3);
    expect(timeline.onEvent(change(3, SHIFT_50), 2001)?.id).toBe(3);
    expect(second.cds).not.toBe(first.cds);
    expect(second.eds).not.toBe(first.eds);
    expect(second.rds).toBe(first.rds);
    expect([third.cds, third.eds]).toEqual([second.cds, second.eds]);
    expect(third.rds).not.toBe(second.rds);
    expect(
      timeline
        .entries()
        .find((e) => e.id === 2)
        ?.proxies[0]?.xds.map((d) => d.type),
    ).toEqual(['CDS', 'EDS']);
    expect(
      timeline
        .entries()
        .find((e) => e.id === 3)
        ?.proxies[0]?.xds.map((d) => d.type),
    ).toEqual(['RDS']);

    // The answers arrive after both entries exist, routes first: each goes to the entry whose push set its version.
    expect(answer('ack', RDS, third.rds, 2100)?.id).toBe(3);
    expect(answer('ack', CDS, second.cds, 2110)?.id).toBe(2);
    expect(answer('nack', EDS, second.eds, 2120)?.id).toBe(2);
    expect(answer('ack', EDS, second.eds, 2130)?.id).toBe(2);
    // A repeated ACK of the same version changes nothing.
    expect(answer('ack', CDS, second.cds, 2140)).toBeUndefined();
    expect(acksOf(2)).toEqual([
      { type: 'CDS', time: 2110, ok: true },
      { type: 'EDS', time: 2120, ok: false, message: `refused ${second.eds}` },
      { type: 'EDS', time: 2130, ok: true },
    ]);
    // Types the shift did not change keep their version and get no ACK in its entry.
    expect(acksOf(3)).toEqual([{ type: 'RDS', time: 2100, ok: true }]);
    expect(acksOf(1)).toEqual([{ type: 'CDS', time: 1200, ok: true }]);

    // A version no entry set (part of a type's resources) goes to the newest entry that changed the type (LDS: the
    // connection's); an answer without a version to the newest accepted entry.
    expect(answer('nack', CDS, '0123456789abcdef', 2200)?.id).toBe(2);
    expect(answer('nack', LDS, '0123456789abcdef', 2210)?.id).toBe(1);
    expect(answer('nack', LDS, undefined, 2220)?.id).toBe(3);
    // A rejected change pushes nothing: it never gets an answer.
    const bad = loadManifests('kind: VirtualService\n', { file: 'bad.yaml' });
    expect(
      timeline.onEvent(
        { type: 'rejected', source: 'api', files: ['bad.yaml'], diagnostics: bad.diagnostics },
        2300,
      )?.id,
    ).toBe(4);
    expect(answer('ack', RDS, third.rds, 2310)).toBeUndefined();
    expect(answer('nack', RDS, undefined, 2320)?.id).toBe(3);

    // Reconnected, productpage gets the current versions again: those answers belong to the newest entry.
    expect(timeline.onEvent({ type: 'proxy', event: 'disconnected', nodeId: pp }, 2400)).toBeUndefined();
    expect(timeline.onEvent({ type: 'proxy', event: 'connected', nodeId: pp }, 2500)).toBeUndefined();
    expect(answer('ack', CDS, third.cds, 2600)?.id).toBe(3);
    expect(acksOf(3).filter((a) => a.type === 'CDS')).toEqual([{ type: 'CDS', time: 2600, ok: true }]);
    cache.close();
  });
});
