// `mesh explain` without -f: the request is explained against the running dev mesh's live config, read from a real
// control plane's API (GET /config), changed with `mesh apply` (applyCommand, the API's POST /apply) using Istio's
// own sample YAML; through explainCommand() and through the built binary. With no mesh there, one clear line.
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCommand, explainCommand } from '../src/index.js';
import { copyBookinfo, ISTIO_NETWORKING, startTestPlane, type TestPlane } from './control-plane-helpers.js';
import { mesh } from './offline-fixtures.js';

const C = (subset: string) => `outbound|9080|${subset}|reviews.default.svc.cluster.local`;
const TEST_V2 = join(ISTIO_NETWORKING, 'virtual-service-reviews-test-v2.yaml');
const REVIEWS = 'http://reviews:9080/reviews/0';

let dir: string;
let t: TestPlane;
let api: string;

/** A 127.0.0.1 port nobody listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function apply(...names: string[]): Promise<void> {
  const out = await applyCommand({
    files: names.map((n) => join(ISTIO_NETWORKING, n)),
    controlPlane: api,
  });
  expect(out.stderr).toEqual([]);
  expect(out.exitCode).toBe(0);
}

beforeAll(async () => {
  dir = copyBookinfo();
  t = await startTestPlane(dir);
  api = t.cp.apiAddress;
  await apply('destination-rule-all.yaml', 'virtual-service-reviews-test-v2.yaml');
}, 30_000);

afterAll(async () => {
  await t?.cp.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('mesh explain on the running mesh', () => {
  it("sends jason to v2, naming the applied VirtualService's file:line (explainCommand, no -f)", async () => {
    const out = await explainCommand({
      files: [],
      controlPlane: api,
      proxy: 'productpage',
      url: REVIEWS,
      headers: ['end-user:jason'],
    });
    expect(out.stderr).toEqual([]);
    expect(out.exitCode).toBe(0);
    expect(out.explanation?.result).toMatchObject({
      outcome: 'routed',
      cluster: C('v2'),
      config: { kind: 'VirtualService', namespace: 'default', name: 'reviews', file: TEST_V2, line: 9 },
    });
    expect(out.explanation?.instance.podName).toMatch(/^productpage-v1-/);
    expect(out.stdout.split('\n')[0]).toBe(
      "GET http://reviews:9080/reviews/0 (port 9080) -H 'end-user: jason'",
    );
    expect(out.stdout).toContain(`from VirtualService default/reviews http[0] (${TEST_V2}:9)`);
    expect(out.stdout).toContain(`to ${C('v2')} -> `);
  });

  it('prints what the offline explain prints for the same files', async () => {
    const request = { proxy: 'productpage', url: REVIEWS, headers: ['end-user:jason'] };
    const live = await explainCommand({ ...request, files: [], controlPlane: api });
    const offline = await explainCommand({
      ...request,
      files: [
        join(dir, 'manifests'),
        join(ISTIO_NETWORKING, 'destination-rule-all.yaml'),
        join(ISTIO_NETWORKING, 'virtual-service-reviews-test-v2.yaml'),
      ],
    });
    expect(offline.exitCode).toBe(0);
    expect(live.stdout).toBe(offline.stdout);
  });

  it('sends another user to v1 and says why the jason route did not match', async () => {
    const out = await explainCommand({
      files: [],
      controlPlane: api,
      proxy: 'productpage',
      url: REVIEWS,
      headers: ['end-user: alice'],
    });
    expect(out.explanation?.result.cluster).toBe(C('v1'));
    expect(out.stdout).toMatch(/not matched:\n\s+route 0: header end-user: exact "jason" != "alice"/);
  });

  it('names the v2 cluster and the VirtualService through the built binary', async () => {
    const r = await mesh(['explain', 'productpage', REVIEWS, '-H', 'end-user:jason', '--control-plane', api]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`from VirtualService default/reviews http[0] (${TEST_V2}:9)`);
    expect(r.stdout).toContain(`to ${C('v2')} -> `);
    const json = await mesh(['explain', 'productpage', REVIEWS, '--control-plane', api, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ result: { cluster: C('v1') } });
  });

  it('follows a live change: after applying virtual-service-reviews-v3.yaml every user goes to v3', async () => {
    await apply('virtual-service-reviews-v3.yaml');
    const out = await explainCommand({
      files: [],
      controlPlane: api,
      proxy: 'productpage',
      url: REVIEWS,
      headers: ['end-user: jason'],
    });
    expect(out.explanation?.result).toMatchObject({
      cluster: C('v3'),
      config: {
        kind: 'VirtualService',
        name: 'reviews',
        file: join(ISTIO_NETWORKING, 'virtual-service-reviews-v3.yaml'),
      },
    });
  });

  it('names an unknown proxy among the running workloads', async () => {
    const out = await explainCommand({ files: [], controlPlane: api, proxy: 'nosuch', url: REVIEWS });
    expect(out.exitCode).toBe(1);
    expect(out.stderr.at(-1)).toMatch(/^mesh explain: .*nosuch/);
    expect(out.stderr.at(-1)).toContain('productpage');
  });
});

describe('mesh explain with no mesh running', () => {
  it('says no dev mesh runs there and how to start one or explain offline', async () => {
    const address = `127.0.0.1:${await closedPort()}`;
    const out = await explainCommand({
      files: [],
      controlPlane: address,
      proxy: 'productpage',
      url: REVIEWS,
    });
    expect(out).toMatchObject({ exitCode: 1, stdout: '' });
    expect(out.stderr).toEqual([
      `mesh explain: no dev mesh at ${address}: start one with \`mesh dev DIR\`, or explain offline with -f FILE|DIR`,
    ]);
    const r = await mesh(['explain', 'productpage', REVIEWS, '--control-plane', address]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(out.stderr[0]);
  });
});
