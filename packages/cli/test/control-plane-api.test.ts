// The control API over HTTP: apply and delete with Istio's own sample YAML (kubectl semantics: created, configured,
// unchanged, deleted, not found), 400 with file:line diagnostics and nothing changed, /status and /config, and a
// real proxy following what the API changed.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningProxy } from '@minimesh/proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
let proxy: RunningProxy;

const sample = (name: string) => ({
  path: name,
  content: readFileSync(join(ISTIO_NETWORKING, name), 'utf8'),
});

// biome-ignore lint/suspicious/noExplicitAny: the API's JSON answers, of several shapes, read field by field
type Json = any;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(`http://${t.cp.apiAddress}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : {
          headers: { 'content-type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
  });
  return { status: res.status, json: await res.json() };
}

const actions = (json: { results: { kind: string; name: string; action: string }[] }) =>
  json.results.map((r) => `${r.kind}/${r.name} ${r.action}`);

beforeAll(async () => {
  dir = copyBookinfo();
  t = await startTestPlane(dir);
  proxy = await startPlannedProxy(t.cp, 'productpage-v1');
}, 30_000);

afterAll(async () => {
  await proxy?.close();
  await t?.cp.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('control API', () => {
  it('applies destination-rule-all then virtual-service-all-v1: created, and the proxy routes to v1', async () => {
    const dr = await call('POST', '/apply', { files: [sample('destination-rule-all.yaml')] });
    expect(dr.status).toBe(200);
    expect(actions(dr.json)).toEqual([
      'DestinationRule/productpage created',
      'DestinationRule/reviews created',
      'DestinationRule/ratings created',
      'DestinationRule/details created',
    ]);
    const vs = await call('POST', '/apply', { files: [sample('virtual-service-all-v1.yaml')] });
    expect(actions(vs.json)).toEqual([
      'VirtualService/productpage created',
      'VirtualService/reviews created',
      'VirtualService/ratings created',
      'VirtualService/details created',
    ]);
    expect(vs.json.version).toBe(dr.json.version + 1);
    await waitFor(async () => {
      const d = await configDump(proxy);
      return JSON.stringify(d.routes.find((r) => r.name === '9080')).includes('outbound|9080|v1|reviews');
    }, 'the v1 route at the proxy');
  });

  it('answers unchanged for the same files again, without a new version', async () => {
    const version = t.cp.version;
    const again = await call('POST', '/apply', { files: [sample('virtual-service-all-v1.yaml')] });
    expect(actions(again.json).every((a) => a.endsWith(' unchanged'))).toBe(true);
    expect(again.json.version).toBe(version);
  });

  it('answers configured for a changed resource', async () => {
    const r = await call('POST', '/apply', { files: [sample('virtual-service-reviews-v3.yaml')] });
    expect(actions(r.json)).toEqual(['VirtualService/reviews configured']);
    await waitFor(async () => {
      const d = await configDump(proxy);
      return JSON.stringify(d.routes.find((x) => x.name === '9080')).includes('outbound|9080|v3|reviews');
    }, 'the v3 route at the proxy');
  });

  it('refuses invalid input with 400 and file:line diagnostics, changing nothing', async () => {
    const version = t.cp.version;
    const content = sample('virtual-service-reviews-v3.yaml').content.replace(
      'subset: v3',
      'subset: 3\n        wieght: 5',
    );
    const r = await call('POST', '/apply', { files: [{ path: 'bad-vs.yaml', content }] });
    expect(r.status).toBe(400);
    expect(r.json.error).toContain('nothing was changed');
    const d = r.json.diagnostics.find((x: { code: string }) => x.code === 'MM_UNKNOWN_FIELD');
    expect(d).toMatchObject({ file: 'bad-vs.yaml', severity: 'error' });
    expect(d.field).toContain('wieght');
    expect(d.line).toBe(content.split('\n').findIndex((l) => l.includes('wieght')) + 1);
    expect(t.cp.version).toBe(version);
    expect((await call('GET', '/status')).json.version).toBe(version);
  });

  it('lists the loaded resources on /config with their files', async () => {
    const c = await call('GET', '/config');
    const vs = c.json.resources.find(
      (r: { kind: string; name: string }) => r.kind === 'VirtualService' && r.name === 'reviews',
    );
    expect(vs).toMatchObject({
      namespace: 'default',
      file: 'virtual-service-reviews-v3.yaml',
      apiVersion: 'networking.istio.io/v1',
    });
    expect(vs.object.spec.http[0].route[0].destination.subset).toBe('v3');
    const gw = c.json.resources.find((r: { kind: string }) => r.kind === 'Gateway');
    expect(gw.file).toBe(join(dir, 'manifests', 'bookinfo-gateway.yaml'));
  });

  it('reports status: version, resources by kind, proxies', async () => {
    const s = await call('GET', '/status');
    expect(s.json.version).toBe(t.cp.version);
    expect(s.json.resources).toMatchObject({ DestinationRule: 4, VirtualService: 5 });
    expect(s.json.proxies).toHaveLength(1);
    expect(s.json.proxies[0]).toMatchObject({
      type: 'sidecar',
      adminAddress: `127.0.0.1:${proxy.adminPort}`,
    });
  });

  it('keeps applied resources over DIR: a later edit of a DIR file still applies', async () => {
    writeFileSync(
      join(dir, 'manifests', 'bookinfo-gateway.yaml'),
      readFileSync(join(dir, 'manifests', 'bookinfo-gateway.yaml'), 'utf8').replace(
        'exact: /productpage',
        'exact: /books',
      ),
    );
    await waitFor(
      () =>
        t.cp
          .resources()
          .some(
            (r) =>
              r.kind === 'VirtualService' &&
              r.name === 'bookinfo' &&
              JSON.stringify(r.object).includes('/books'),
          ),
      'the DIR edit',
    );
    const reviews = t.cp.resources().find((r) => r.kind === 'VirtualService' && r.name === 'reviews');
    expect(JSON.stringify(reviews?.object)).toContain('"v3"');
  });

  it('deletes what the files name, and says not found for what is gone', async () => {
    const del = await call('POST', '/delete', { files: [sample('virtual-service-all-v1.yaml')] });
    expect(del.status).toBe(200);
    expect(actions(del.json)).toEqual([
      'VirtualService/productpage deleted',
      'VirtualService/reviews deleted',
      'VirtualService/ratings deleted',
      'VirtualService/details deleted',
    ]);
    const again = await call('POST', '/delete', { files: [sample('virtual-service-all-v1.yaml')] });
    expect(actions(again.json).every((a) => a.endsWith(' not found'))).toBe(true);
    await waitFor(async () => {
      const d = await configDump(proxy);
      return !JSON.stringify(d.routes.find((x) => x.name === '9080')).includes('outbound|9080|v3|reviews');
    }, 'the route gone at the proxy');
  });

  it('refuses malformed requests with a JSON error', async () => {
    expect((await call('POST', '/apply', '{not json')).status).toBe(400);
    const empty = await call('POST', '/apply', { files: [] });
    expect(empty.status).toBe(400);
    expect(empty.json.error).toContain('at least one file');
    expect((await call('POST', '/apply', { files: [{ path: 1 }] })).json.error).toContain('files[0]');
    expect((await call('GET', '/apply')).status).toBe(405);
    const missing = await call('GET', '/nope');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toContain('POST /apply');
  });

  it('emits applied and rejected events for API changes', () => {
    expect(
      t.events.some(
        (e) => e.type === 'applied' && e.source === 'api' && e.files.includes('virtual-service-all-v1.yaml'),
      ),
    ).toBe(true);
    expect(
      t.events.some(
        (e) => e.type === 'rejected' && e.source === 'api' && e.diagnostics[0]?.file === 'bad-vs.yaml',
      ),
    ).toBe(true);
  });
  it('reports a NACK: event and status, and SYNCED again once the change is deleted', async () => {
    // An HTTP filter the proxy does not implement (RBAC: AuthorizationPolicy is not built yet), not optional.
    const ef = {
      path: 'rbac-filter.yaml',
      content: readFileSync(new URL('./fixtures/rbac-envoy-filter.yaml', import.meta.url), 'utf8'),
    };
    expect((await call('POST', '/apply', { files: [ef] })).status).toBe(200);
    const nack = await waitFor(
      () => t.events.find((e) => e.type === 'proxy' && e.event === 'nack'),
      'the NACK event',
    );
    expect(nack).toMatchObject({ typeUrl: 'type.googleapis.com/envoy.config.listener.v3.Listener' });
    expect(nack.type === 'proxy' && nack.message).toContain('envoy.filters.http.rbac');
    const lds = (await call('GET', '/status')).json.proxies[0].xds.LDS;
    expect(lds.status).toBe('NACK');
    expect(lds.nackMessage).toContain('not marked is_optional');
    expect((await call('POST', '/delete', { files: [ef] })).status).toBe(200);
    await waitFor(
      async () => (await call('GET', '/status')).json.proxies[0].xds.LDS.status === 'SYNCED',
      'LDS SYNCED',
    );
  });
  it('plans a Deployment applied later: new pod, new local ports, its endpoints at the proxies', async () => {
    const deployment = {
      path: 'ratings-v2.yaml',
      content: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ratings-v2
spec:
  replicas: 2
  selector:
    matchLabels: { app: ratings, version: v2 }
  template:
    metadata:
      labels: { app: ratings, version: v2 }
      annotations:
        minimesh.dev/run: node dist/ratings/main.js
    spec:
      containers:
        - name: ratings
          image: ratings
          ports:
            - containerPort: 9080
`,
    };
    const before = t.cp.addressPlan;
    const r = await call('POST', '/apply', { files: [deployment] });
    expect(actions(r.json)).toEqual(['Deployment/ratings-v2 created']);
    const pods = t.cp.workloadPlan.instances.filter((i) => i.workloadName === 'ratings-v2');
    expect(pods).toHaveLength(2);
    const ports = pods.map((p) => t.cp.addressPlan.inboundPort(p.address, 9080));
    expect(ports.every((p) => p !== undefined && p > 0)).toBe(true);
    // Instances it had keep their ports.
    const v1 = t.cp.workloadPlan.instances.find((i) => i.workloadName === 'ratings-v1');
    expect(t.cp.addressPlan.pod(v1?.podName ?? '')).toBe(before.pod(v1?.podName ?? ''));
    await waitFor(async () => {
      const d = await configDump(proxy);
      const cla = d.endpoints.find(
        (e) => e.cluster_name === 'outbound|9080||ratings.default.svc.cluster.local',
      );
      return JSON.stringify(cla).includes(`"port_value":${ports[1]}`);
    }, 'the new endpoints at the proxy');
  });
});
