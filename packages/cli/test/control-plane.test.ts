// The dev control plane over a temp copy of bookinfo's manifests, with real proxies (startProxy) on its ADS server:
// the rewritten resources they get, edits of DIR's files reaching them, invalid edits refused with file:line, and
// the proxy events and status.
import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { type RunningProxy, startProxy } from '@minimesh/proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metadataLabels } from '../src/dev/control-plane-proxies.js';
import { ControlPlaneError } from '../src/index.js';
import {
  addressesOf,
  configDump,
  copyBookinfo,
  ISTIO_NETWORKING,
  startPlannedProxy,
  startTestPlane,
  type TestPlane,
  waitFor,
} from './control-plane-helpers.js';

let dir: string;
let t: TestPlane;
let reviews: RunningProxy;
let productpage: RunningProxy;

const vsFile = () => join(dir, 'manifests', 'reviews-vs.yaml');
const REVIEWS_V2 = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
    - reviews
  http:
    - route:
        - destination:
            host: reviews
            subset: v2
`;

const routeClusters = async (proxy: RunningProxy): Promise<string> => {
  const d = await configDump(proxy);
  return JSON.stringify(d.routes.find((r) => r.name === '9080'));
};

beforeAll(async () => {
  dir = copyBookinfo();
  t = await startTestPlane(dir);
  reviews = await startPlannedProxy(t.cp, 'reviews-v1');
  productpage = await startPlannedProxy(t.cp, 'productpage-v1');
}, 30_000);

afterAll(async () => {
  await reviews?.close();
  await productpage?.close();
  await t?.cp.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('control plane: load and serve', () => {
  it('loads DIR once and says so', () => {
    const loaded = t.events.filter((e) => e.type === 'loaded');
    expect(loaded).toHaveLength(1);
    expect(loaded[0]).toMatchObject({ type: 'loaded', version: 1, files: 3 });
    expect(t.cp.status().resources).toMatchObject({
      Service: 6,
      Deployment: 9,
      Gateway: 1,
      VirtualService: 1,
    });
  });

  it("sends a sidecar its inbound cluster as STATIC to its app's local port", async () => {
    const d = await configDump(reviews);
    const w = t.cp.workloadPlan.instances.find((i) => i.workloadName === 'reviews-v1');
    const app = t.cp.addressPlan.appPort(w?.podName ?? '', 'default', 9080);
    const inbound = d.clusters.find((c) => c.name === 'inbound|9080||');
    expect(inbound?.type).toBe('STATIC');
    expect(addressesOf(inbound?.load_assignment as Record<string, unknown>)).toEqual([`127.0.0.1:${app}`]);
  });

  it("sends endpoints as the other pods' inbound ports on 127.0.0.1", async () => {
    const d = await configDump(productpage);
    const eps = d.endpoints.find(
      (e) => e.cluster_name === 'outbound|9080||reviews.default.svc.cluster.local',
    );
    const expected = t.cp.workloadPlan.instances
      .filter((i) => i.labels.app === 'reviews')
      .map((i) => `127.0.0.1:${t.cp.addressPlan.inboundPort(i.address, 9080)}`)
      .sort();
    expect(addressesOf(eps).sort()).toEqual(expected);
    expect(expected).toHaveLength(3);
  });

  it('reports connected proxies with their pod, admin address and SYNCED types', async () => {
    await waitFor(
      () =>
        t.cp.status().proxies.length === 2 &&
        t.cp.status().proxies.every((p) => p.xds.LDS?.status === 'SYNCED'),
      'both proxies SYNCED',
    );
    const p = t.cp.status().proxies.find((x) => x.pod.startsWith('reviews-v1-'));
    expect(p).toMatchObject({
      type: 'sidecar',
      namespace: 'default',
      adminAddress: `127.0.0.1:${reviews.adminPort}`,
    });
    expect(Object.keys(p?.xds ?? {}).sort()).toEqual(['CDS', 'EDS', 'LDS', 'RDS']);
    expect(t.events.filter((e) => e.type === 'proxy' && e.event === 'connected')).toHaveLength(2);
    expect(t.events.some((e) => e.type === 'proxy' && e.event === 'ack')).toBe(true);
  });
});

describe('control plane: watching DIR', () => {
  it('applies an added file: the proxy gets the new route', async () => {
    writeFileSync(
      join(dir, 'manifests', 'dr.yaml'),
      readFileSync(join(ISTIO_NETWORKING, 'destination-rule-all.yaml'), 'utf8'),
    );
    await waitFor(
      async () => (await configDump(productpage)).text.includes('outbound|9080|v2|reviews'),
      'subset clusters',
    );
    writeFileSync(vsFile(), REVIEWS_V2);
    await waitFor(
      async () => (await routeClusters(productpage)).includes('outbound|9080|v2|reviews'),
      'the v2 route',
    );
    const applied = t.events.filter((e) => e.type === 'applied');
    expect(applied.at(-1)).toMatchObject({ type: 'applied', source: 'watch', files: [vsFile()] });
    const last = applied.at(-1);
    expect(last?.type === 'applied' && last.changes.map((c) => `${c.kind}/${c.name} ${c.action}`)).toEqual([
      'VirtualService/reviews created',
    ]);
  });

  it('applies an edited file and changes only what depends on it', async () => {
    const before = (await configDump(productpage)).clusters.map((c) => JSON.stringify(c)).sort();
    const xdsOf = () => t.cp.status().proxies.find((p) => p.pod.startsWith('productpage-'))?.xds;
    const versions = xdsOf();
    writeFileSync(vsFile(), REVIEWS_V2.replace('subset: v2', 'subset: v3'));
    await waitFor(
      async () => (await routeClusters(productpage)).includes('outbound|9080|v3|reviews'),
      'the v3 route',
    );
    expect((await configDump(productpage)).clusters.map((c) => JSON.stringify(c)).sort()).toEqual(before);
    // Versions are content hashes: only the route configuration changed.
    const after = await waitFor(
      () => (xdsOf()?.RDS?.status === 'SYNCED' ? xdsOf() : undefined),
      'RDS SYNCED',
    );
    expect(after.CDS?.sentVersion).toBe(versions?.CDS?.sentVersion);
    expect(after.EDS?.sentVersion).toBe(versions?.EDS?.sentVersion);
    expect(after.LDS?.sentVersion).toBe(versions?.LDS?.sentVersion);
    expect(after.RDS?.sentVersion).not.toBe(versions?.RDS?.sentVersion);
  });

  it('changes no version when an edit changes no resource (a comment)', async () => {
    const version = t.cp.version;
    const applied = t.events.filter((e) => e.type === 'applied').length;
    const gw = join(dir, 'manifests', 'bookinfo-gateway.yaml');
    writeFileSync(gw, `# a comment\n${readFileSync(gw, 'utf8')}`);
    await waitFor(() => t.events.filter((e) => e.type === 'applied').length > applied, 'the rescan');
    expect(t.events.filter((e) => e.type === 'applied').at(-1)).toMatchObject({
      version,
      changes: [],
      files: [gw],
    });
    expect(t.cp.version).toBe(version);
  });

  it('refuses an invalid edit with its file:line and keeps the running config', async () => {
    const version = t.cp.version;
    const rejectedBefore = t.events.filter((e) => e.type === 'rejected').length;
    // Line 12: `subsett: v1` is not a field of a destination.
    writeFileSync(vsFile(), REVIEWS_V2.replace('subset: v2', 'subsett: v1'));
    await waitFor(
      () => t.events.filter((e) => e.type === 'rejected').length > rejectedBefore,
      'the rejection',
    );
    const rejected = t.events.filter((e) => e.type === 'rejected').at(-1);
    const d = rejected?.type === 'rejected' ? rejected.diagnostics[0] : undefined;
    expect(d).toMatchObject({ file: vsFile(), line: 12, code: 'MM_UNKNOWN_FIELD', severity: 'error' });
    expect(t.log.some((l) => l.startsWith(`mesh: ${vsFile()}:12:`))).toBe(true);
    expect(t.cp.version).toBe(version);
    expect(await routeClusters(productpage)).toContain('outbound|9080|v3|reviews');
    expect(t.cp.status().proxies.every((p) => p.xds.RDS?.status === 'SYNCED')).toBe(true);
  });

  it('applies the fixed file after a rejected one', async () => {
    writeFileSync(vsFile(), REVIEWS_V2.replace('subset: v2', 'subset: v1'));
    await waitFor(
      async () => (await routeClusters(productpage)).includes('outbound|9080|v1|reviews'),
      'the v1 route',
    );
  });

  it('removes the resources of a deleted file', async () => {
    unlinkSync(vsFile());
    await waitFor(
      async () => !(await routeClusters(productpage)).includes('outbound|9080|v1|reviews'),
      'the route gone',
    );
    expect(t.cp.resources().some((r) => r.kind === 'VirtualService' && r.name === 'reviews')).toBe(false);
    const last = t.events.filter((e) => e.type === 'applied').at(-1);
    expect(last?.type === 'applied' && last.changes.map((c) => c.action)).toEqual(['deleted']);
  });

  it('refuses a resource defined in two files, naming both', async () => {
    const twin = join(dir, 'manifests', 'twin.yaml');
    const rejectedBefore = t.events.filter((e) => e.type === 'rejected').length;
    writeFileSync(twin, readFileSync(join(dir, 'manifests', 'bookinfo-gateway.yaml'), 'utf8'));
    await waitFor(
      () => t.events.filter((e) => e.type === 'rejected').length > rejectedBefore,
      'the rejection',
    );
    const rejected = t.events.filter((e) => e.type === 'rejected').at(-1);
    expect(rejected?.type === 'rejected' && rejected.diagnostics[0]?.code).toBe('MM_DUPLICATE');
    expect(rejected?.type === 'rejected' && rejected.diagnostics[0]?.message).toContain(
      'bookinfo-gateway.yaml',
    );
    unlinkSync(twin);
  });

  it('reports a proxy that disconnects', async () => {
    await reviews.close();
    await waitFor(
      () =>
        t.events.some(
          (e) => e.type === 'proxy' && e.event === 'disconnected' && e.nodeId.includes('reviews-v1-'),
        ),
      'the disconnect',
    );
    expect(t.cp.status().proxies.map((p) => p.pod.split('-')[0])).toEqual(['productpage']);
  });
});

describe('control plane: a proxy of no planned pod', () => {
  it('is served a translation (not rewritten: no planned ports) and listed without an admin address', async () => {
    const p = await startProxy({
      xds: t.cp.xdsAddress,
      nodeId: 'sidecar~10.9.9.9~handmade-1.default~default.svc.cluster.local',
      labels: { app: 'ratings', version: 'v1' },
      adminPort: 0,
      portMap: { 15001: 0, 15006: 0 },
      logLevel: 'silent',
    });
    try {
      await p.ready(10_000);
      const d = await configDump(p);
      expect(d.clusters.some((c) => c.name === 'outbound|9080||reviews.default.svc.cluster.local')).toBe(
        true,
      );
      expect(d.listeners.find((l) => l.name === 'virtualInbound')).toBeDefined();
      expect(t.cp.status().proxies.find((x) => x.pod === 'handmade-1')?.adminAddress).toBeUndefined();
    } finally {
      await p.close();
    }
  });
});

describe('node metadata labels', () => {
  it('reads LABELS from node metadata as istio-agent writes it', () => {
    const metadata = {
      fields: {
        NAME: { stringValue: 'x' },
        LABELS: {
          structValue: { fields: { app: { stringValue: 'ratings' }, version: { stringValue: 'v1' } } },
        },
      },
    };
    expect(metadataLabels(metadata)).toEqual({ app: 'ratings', version: 'v1' });
    expect(metadataLabels({ fields: { NAME: { stringValue: 'x' } } })).toBeUndefined();
    expect(metadataLabels(undefined)).toBeUndefined();
  });
});

describe('control plane: start failures', () => {
  it('refuses a missing directory', async () => {
    await expect(startTestPlane(join(dir, 'nope'))).rejects.toMatchObject({
      code: 'MESH_DIR_MISSING',
      message: expect.stringContaining('nope is not a directory'),
    });
  });

  it('refuses invalid manifests with their diagnostics, starting nothing', async () => {
    const bad = copyBookinfo();
    writeFileSync(join(bad, 'manifests', 'vs.yaml'), REVIEWS_V2.replace('subset: v2', 'subsett: v1'));
    const err = await startTestPlane(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ControlPlaneError);
    expect((err as ControlPlaneError).code).toBe('MESH_LOAD_FAILED');
    expect((err as ControlPlaneError).diagnostics[0]).toMatchObject({
      file: join(bad, 'manifests', 'vs.yaml'),
      line: 12,
    });
    rmSync(bad, { recursive: true, force: true });
  });

  it('says which port is in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startTestPlane(dir, { xdsPort: port, watch: false })).rejects.toMatchObject({
        code: 'MESH_PORT_IN_USE',
        message: expect.stringContaining(`127.0.0.1:${port} for the xDS server`),
      });
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });
});
