// Pushes to many streams of one shared snapshot, as the fleet benchmark does it, but checked message by message:
// snapshots built on the previous one keep unchanged encodings (and whole unchanged maps), delta streams that
// have a whole map get the diff of two maps, and a one-endpoint change sends one resource to every stream.
import { type DeltaDiscoveryResponse, type DiscoveryResponse, TypeUrl } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { Snapshot, SnapshotCache, type SnapshotResources } from '../src/index.js';
import { diffOf, KnownVersions } from '../src/known-versions.js';
import { PushQueue, SLICE_MS } from '../src/push-queue.js';
import { openDelta, openSotw, startServer } from './helpers/harness.js';
import { edsCluster, endpoints, rdsListener, route } from './helpers/resources.js';

const SERVICES = 30;
const STREAMS = 12;
const names = Array.from({ length: SERVICES }, (_, i) => `svc-${i}`);

function fleet(port0: number, timeout = 1): SnapshotResources {
  return {
    clusters: names.map((n) => ({ ...edsCluster(n), connect_timeout: { seconds: String(timeout) } })),
    endpoints: names.map((n, i) => endpoints(n, [i === 0 ? port0 : 9000 + i])),
    listeners: [rdsListener('l1', 'r1')],
    routes: [route('r1', 'svc-0.test', 'svc-0')],
  };
}

describe('snapshots built on the previous one', () => {
  it('keep the encoding of equal resources and the very map of an unchanged type', () => {
    const first = Snapshot.create(fleet(8000));
    const second = Snapshot.create(fleet(8001), first);
    expect(second.resources(TypeUrl.CLUSTER)).toBe(first.resources(TypeUrl.CLUSTER));
    const before = first.resources(TypeUrl.CLUSTER_LOAD_ASSIGNMENT);
    const after = second.resources(TypeUrl.CLUSTER_LOAD_ASSIGNMENT);
    expect(after).not.toBe(before);
    expect(after.get('svc-1')).toBe(before.get('svc-1'));
    expect(after.get('svc-0')?.version).not.toBe(before.get('svc-0')?.version);
    expect(diffOf(before, after).changed.map((r) => r.name)).toEqual(['svc-0']);
    // Versions are those of a snapshot built from nothing.
    const fresh = Snapshot.create(fleet(8001));
    for (const t of [TypeUrl.CLUSTER, TypeUrl.CLUSTER_LOAD_ASSIGNMENT, TypeUrl.LISTENER]) {
      expect(second.version(t)).toBe(fresh.version(t));
    }
  });

  it('encode again a resource object the caller changed in place', () => {
    const resources = fleet(8000);
    const first = Snapshot.create(resources);
    const cluster = resources.clusters?.[3] as { connect_timeout: { seconds: string } };
    cluster.connect_timeout = { seconds: '9' };
    const second = Snapshot.create(resources, first);
    expect(second.resources(TypeUrl.CLUSTER).get('svc-3')?.version).not.toBe(
      first.resources(TypeUrl.CLUSTER).get('svc-3')?.version,
    );
    expect(second.resources(TypeUrl.CLUSTER).get('svc-4')).toBe(
      first.resources(TypeUrl.CLUSTER).get('svc-4'),
    );
  });
});

describe('what a delta client has', () => {
  it('is kept as a reference to a cache map until it differs from it', () => {
    const first = Snapshot.create(fleet(8000)).resources(TypeUrl.CLUSTER_LOAD_ASSIGNMENT);
    const known = new KnownVersions();
    for (const [name, r] of first) known.set(name, r.version);
    expect(known.compactTo(first)).toBe(true);
    expect(known.exact).toBe(first);
    expect(known.get('svc-2')).toBe(first.get('svc-2')?.version);
    known.delete('svc-2');
    expect(known.exact).toBeUndefined();
    expect(known.size).toBe(SERVICES - 1);
    expect(known.has('svc-2')).toBe(false);
    expect(known.get('svc-3')).toBe(first.get('svc-3')?.version);
  });
});

describe('push queue', () => {
  it('runs each queued push once, in slices with turns of the event loop between them', async () => {
    const queue = new PushQueue();
    const ran: string[] = [];
    const slow = (): void => {
      ran.push('slow');
      const end = performance.now() + SLICE_MS + 2;
      while (performance.now() < end) {
        // busy: longer than a slice
      }
    };
    const quick = (): void => {
      ran.push('quick');
    };
    queue.schedule(slow);
    queue.schedule(quick);
    queue.schedule(slow); // already queued: once
    expect(ran).toEqual([]); // never inside the change notification
    await new Promise((r) => setImmediate(r));
    expect(ran).toEqual(['slow']);
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toEqual(['slow', 'quick']);
    expect(queue.size).toBe(0);
  });
});

describe('fan-out to many streams of one snapshot', () => {
  it('delta: a one-endpoint change reaches every stream as that one resource', async () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 }, nodeHash: () => 'fleet' });
    cache.setSnapshot('fleet', fleet(8000));
    const server = await startServer({ cache });
    const clients = Array.from({ length: STREAMS }, () => openDelta(server));
    const first: DeltaDiscoveryResponse[] = [];
    for (const [i, c] of clients.entries()) {
      c.send({
        node: { id: `n${i}` },
        type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
        resource_names_subscribe: names,
      });
      const r = await c.next();
      c.send({ type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT, response_nonce: r.nonce });
      first.push(r);
    }
    expect(first.every((r) => r.resources?.length === SERVICES)).toBe(true);
    cache.setSnapshot('fleet', fleet(8001));
    const versions = new Set<string>();
    for (const c of clients) {
      const r = await c.next();
      expect(r.resources?.map((x) => x.name)).toEqual(['svc-0']);
      expect(r.resources?.[0]?.resource).toMatchObject({ cluster_name: 'svc-0' });
      expect(r.removed_resources ?? []).toEqual([]);
      versions.add(r.system_version_info ?? '');
      c.send({ type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT, response_nonce: r.nonce });
      await c.expectNone(30);
    }
    // Every stream has the same resources: one system version, the new snapshot's endpoints version.
    expect([...versions]).toEqual([cache.version('fleet', TypeUrl.CLUSTER_LOAD_ASSIGNMENT)]);
    // One stream unsubscribes a name: it leaves the shared form; both get the next change and removal.
    const [one, two] = clients;
    one?.send({ type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT, resource_names_unsubscribe: ['svc-5'] });
    await one?.expectNone(30);
    const next = fleet(8002);
    cache.setSnapshot('fleet', {
      ...next,
      clusters: next.clusters?.slice(0, -1),
      endpoints: next.endpoints?.slice(0, -1),
    });
    const r1 = await one?.next();
    const r2 = await two?.next();
    expect(r1?.resources?.map((x) => x.name)).toEqual(['svc-0']);
    expect(r1?.removed_resources).toEqual([`svc-${SERVICES - 1}`]);
    expect(r2?.resources?.map((x) => x.name)).toEqual(['svc-0']);
    expect(r2?.removed_resources).toEqual([`svc-${SERVICES - 1}`]);
    expect(r2?.system_version_info).not.toBe(r1?.system_version_info);
  });

  it('delta over shared endpoints: an endpoint change touches one collection and sends one resource', async () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 }, nodeHash: () => 'fleet' });
    const own = fleet(8000);
    cache.setSharedEndpoints(own.endpoints ?? []);
    cache.setSnapshot('fleet', { ...own, endpoints: [] });
    const server = await startServer({ cache });
    const clients = Array.from({ length: STREAMS }, () => openDelta(server));
    for (const [i, c] of clients.entries()) {
      c.send({
        node: { id: `n${i}` },
        type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
        resource_names_subscribe: names,
      });
      const r = await c.next();
      expect(r.resources).toHaveLength(SERVICES);
      c.send({ type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT, response_nonce: r.nonce });
    }
    const before = cache.resources('fleet', TypeUrl.CLUSTER_LOAD_ASSIGNMENT);
    cache.setSharedEndpoints(fleet(8000).endpoints ?? []); // equal content: nothing changes, nothing is sent
    expect(cache.resources('fleet', TypeUrl.CLUSTER_LOAD_ASSIGNMENT)).toBe(before);
    cache.setSharedEndpoints(fleet(8005).endpoints ?? []);
    for (const c of clients) {
      const r = await c.next();
      expect(r.resources?.map((x) => x.name)).toEqual(['svc-0']);
      c.send({ type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT, response_nonce: r.nonce });
      await c.expectNone(30);
    }
    expect(cache.resources('fleet', TypeUrl.CLUSTER_LOAD_ASSIGNMENT)?.get('svc-1')).toBe(
      before?.get('svc-1'),
    );
  });

  it('state of the world: every stream gets the same response, and only the types that changed', async () => {
    const cache = new SnapshotCache({ debounce: { delayMs: 0 }, nodeHash: () => 'fleet' });
    cache.setSnapshot('fleet', fleet(8000));
    const seen: DiscoveryResponse[] = [];
    const server = await startServer({
      cache,
      callbacks: { onStreamResponse: (_info, r) => seen.push(r as DiscoveryResponse) },
    });
    const clients = Array.from({ length: STREAMS }, () => openSotw(server));
    for (const [i, c] of clients.entries()) {
      c.send({ node: { id: `n${i}` }, type_url: TypeUrl.CLUSTER });
      const r = await c.next();
      c.send({ type_url: TypeUrl.CLUSTER, response_nonce: r.nonce, version_info: r.version_info });
      c.send({ type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT, resource_names: names });
      const e = await c.next();
      expect(e.resources).toHaveLength(SERVICES);
      c.send({
        type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
        resource_names: names,
        response_nonce: e.nonce,
        version_info: e.version_info,
      });
    }
    cache.setSnapshot('fleet', fleet(8001));
    const got: DiscoveryResponse[] = [];
    for (const c of clients) {
      const r = await c.next();
      expect(r.type_url).toBe(TypeUrl.CLUSTER_LOAD_ASSIGNMENT); // clusters did not change
      got.push(r);
      await c.expectNone(30);
    }
    expect(new Set(got.map((r) => r.version_info)).size).toBe(1);
    expect(got[0]?.version_info).toBe(cache.version('fleet', TypeUrl.CLUSTER_LOAD_ASSIGNMENT));
    const port = (r: DiscoveryResponse): unknown =>
      (
        r.resources?.find((x) => (x as { cluster_name?: string }).cluster_name === 'svc-0') as
          | {
              endpoints?: {
                lb_endpoints?: { endpoint?: { address?: { socket_address?: { port_value?: number } } } }[];
              }[];
            }
          | undefined
      )?.endpoints?.[0]?.lb_endpoints?.[0]?.endpoint?.address?.socket_address?.port_value;
    expect(got.map(port)).toEqual(got.map(() => 8001));
    // The response a hook sees carries the resources sent (built when read), as packed Anys.
    const last = seen.at(-1);
    expect(last?.nonce).toBe(got.at(-1)?.nonce);
    expect(last?.resources).toHaveLength(SERVICES);
    expect(last?.resources?.[0]).toMatchObject({ type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT });
    expect(cache.resources('fleet', TypeUrl.CLUSTER_LOAD_ASSIGNMENT)?.get('svc-0')?.any).toBe(
      last?.resources?.[0],
    );
  });
});
