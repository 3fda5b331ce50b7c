// Istio's httpbin traffic tasks on a real `mesh dev`: retries, circuit breaking and mirroring. Istio gives their
// YAML inline on the task pages; ours (examples/bookinfo/networking) is that YAML. The client is the load client's
// server mode (Istio's fortio pod), whose requests leave through its own sidecar; what httpbin received is read
// from its access log in the mesh's logs dir, what the client's sidecar did from its admin API's /stats.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  adminOf,
  appLogLines,
  fetchFromMesh,
  loadFromMesh,
  meshApply,
  meshDelete,
  OUR_NETWORKING,
  startTaskMesh,
  statOf,
  type TaskMesh,
  waitFor,
} from './istio-tasks-helpers.js';

const task = (dir: string, file: string) => join(OUR_NETWORKING, dir, file);
/** The client sidecar's cluster for httpbin's Service port. */
const HTTPBIN_CLUSTER = 'cluster.outbound|8000||httpbin.default.svc.cluster.local';

let mesh: TaskMesh;
let fortioAdmin: string;
let cleanup: string[] = [];

beforeAll(async () => {
  mesh = await startTaskMesh();
  fortioAdmin = await adminOf(mesh.api, 'fortio-v1-');
}, 120_000);

afterEach(async () => {
  const files = cleanup;
  cleanup = [];
  if (files.length > 0) await meshDelete(mesh, ...files);
}, 30_000);

afterAll(async () => {
  await mesh?.close();
}, 30_000);

/** The access-log lines of httpbin v1 and v2 (one per request the app served) that contain `needle`. */
function httpbinLines(needle: string, version?: 'v1' | 'v2'): string[] {
  const versions = version === undefined ? ['v1', 'v2'] : [version];
  return versions.flatMap((v) =>
    appLogLines(mesh.logsDir, `httpbin-${v}-`).filter((l) => l.includes(needle)),
  );
}

describe('retries (Istio: the retries of Request Timeouts / VirtualService HTTPRetry)', () => {
  it('a 5xx is tried three times in all; each try is given 1 s', async () => {
    // Without the VirtualService, Istio's default retry policy does not retry a 500: httpbin sees it once.
    const before = `/status/500?before=${randomUUID()}`;
    expect((await fetchFromMesh(mesh, `httpbin:8000${before}`)).status).toBe(500);
    await waitFor(() => httpbinLines(before).length === 1, 'the one request');

    await meshApply(mesh, task('retries', 'virtual-service-httpbin-retries.yaml'));
    cleanup.push(task('retries', 'virtual-service-httpbin-retries.yaml'));
    const retriesBefore = await statOf(fortioAdmin, `${HTTPBIN_CLUSTER}.upstream_rq_retry`);
    const after = `/status/500?after=${randomUUID()}`;
    const r = await fetchFromMesh(mesh, `httpbin:8000${after}`);
    expect(r.status).toBe(500); // the last try's answer
    await waitFor(() => httpbinLines(after).length === 3, 'three tries at httpbin');
    expect(await statOf(fortioAdmin, `${HTTPBIN_CLUSTER}.upstream_rq_retry`)).toBe(retriesBefore + 2);

    // /delay/2 outlives every 1 s try: three tries, then the sidecar's 504.
    const slow = `/delay/2?slow=${randomUUID()}`;
    const timedOut = await fetchFromMesh(mesh, `httpbin:8000${slow}`);
    expect(timedOut.status).toBe(504);
    expect(timedOut.body).toContain('upstream request timeout');
    await waitFor(() => httpbinLines(slow).length === 3, 'three slow tries at httpbin', 10_000);
  }, 60_000);
});

describe('circuit breaking (Istio: Circuit Breaking)', () => {
  it('maxConnections 1 and http1MaxPendingRequests 1: with 3 connections some requests get 503 (UO)', async () => {
    const rule = task('circuit-breaking', 'destination-rule-httpbin.yaml');
    await meshApply(mesh, rule);
    cleanup.push(rule);
    // One at a time stays under the limits: every request passes.
    const single = await loadFromMesh(mesh, 'http://httpbin:8000/get', 1, 20);
    expect(single.codes).toEqual({ 200: 20 });

    const overflowBefore = await statOf(fortioAdmin, `${HTTPBIN_CLUSTER}.upstream_rq_pending_overflow`);
    const report = await loadFromMesh(mesh, 'http://httpbin:8000/get', 3, 30);
    expect(report.count).toBe(30);
    expect(Object.keys(report.codes).sort()).toEqual(['200', '503']);
    expect(report.codes['200']).toBeGreaterThan(0);
    expect(report.codes['503']).toBeGreaterThan(0);
    // Each 503 is the client sidecar's own overflow answer (flag UO), as `pilot-agent request GET stats` shows.
    const overflow = await statOf(fortioAdmin, `${HTTPBIN_CLUSTER}.upstream_rq_pending_overflow`);
    expect(overflow - overflowBefore).toBe(report.codes['503']);
  }, 60_000);
});

describe('mirroring (Istio: Mirroring)', () => {
  it('clients are answered by v1 only; with the mirror, v2 receives a copy of each request', async () => {
    const rule = task('mirroring', 'destination-rule-httpbin.yaml');
    const v1 = task('mirroring', 'virtual-service-httpbin-v1.yaml');
    await meshApply(mesh, rule);
    await meshApply(mesh, v1);
    cleanup.push(v1, rule);

    const plain = randomUUID();
    for (let i = 0; i < 5; i++) {
      const r = await fetchFromMesh(mesh, `httpbin:8000/headers?plain=${plain}`);
      expect(r.status).toBe(200);
      expect(r.body).toMatch(/"podname":\s*"httpbin-v1-/);
    }
    await waitFor(() => httpbinLines(plain, 'v1').length === 5, 'five requests at v1');
    expect(httpbinLines(plain, 'v2')).toEqual([]);

    await meshApply(mesh, task('mirroring', 'virtual-service-httpbin-mirror.yaml'));
    const mirrored = randomUUID();
    for (let i = 0; i < 5; i++) {
      const r = await fetchFromMesh(mesh, `httpbin:8000/headers?mirrored=${mirrored}`);
      expect(r.status).toBe(200);
      expect(r.body).toMatch(/"podname":\s*"httpbin-v1-/);
    }
    await waitFor(() => httpbinLines(mirrored, 'v1').length === 5, 'five requests at v1');
    // The copies are fire and forget: they reach v2 shortly after the answers.
    await waitFor(() => httpbinLines(mirrored, 'v2').length === 5, 'five copies at v2');
    const copy = httpbinLines(mirrored, 'v2')[0] ?? '';
    expect(copy).toMatch(/"GET \/headers\?mirrored=\S+ HTTP\/1\.1" 200/);
    // Istio 1.30 keeps the Host of copies as is (DISABLE_SHADOW_HOST_SUFFIX defaults to true): no "-shadow".
    expect(copy).toContain('host=httpbin:8000');
  }, 60_000);
});
