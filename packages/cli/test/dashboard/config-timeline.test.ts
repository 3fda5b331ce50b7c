// The config timeline over examples/bookinfo: the initial load, an accepted change (the 50/50 shift) with its YAML
// diff and productpage's xDS diff from real translations, ACKs and NACKs attached to it, a rejected change with its
// diagnostics, the before / after metric windows, and the caps on entries and detail snapshots.
import { type LoadedResource, loadManifests } from '@minimesh/model';
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
