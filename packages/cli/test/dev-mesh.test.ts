// `mesh dev` end to end, with nothing faked: the BUILT binary runs a copy of examples/bookinfo on ephemeral ports (the
// control plane, the ingress gateway, 9 apps and their 9 sidecars, each its own process), and real HTTP goes through
// the gateway. One mesh for the whole file; the tests run in order and each leaves it serving.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alive,
  BIN,
  childPids,
  childWith,
  copyBookinfoApp,
  get,
  ISTIO_NETWORKING,
  type ReadyMesh,
  removeMeshDirs,
  servedBy,
  startMesh,
  waitFor,
} from './dev-mesh-helpers.js';

const run = promisify(execFile);

let dir: string;
let mesh: ReadyMesh;

beforeAll(async () => {
  dir = copyBookinfoApp();
  mesh = await startMesh(dir);
}, 120_000);

afterAll(async () => {
  if (mesh !== undefined && mesh.child.exitCode === null) {
    mesh.child.kill('SIGTERM');
    await mesh.exited;
  }
  removeMeshDirs(dir);
}, 30_000);

const page = () => get(`${mesh.gatewayUrl}/productpage`);

describe('mesh dev ./examples/bookinfo', () => {
  it('prints the progress, then one ready line with the gateway, control plane and logs URLs', () => {
    expect(mesh.gatewayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mesh.logsDir).toBe(`${dir}-logs`);
    expect(mesh.stdout().trim().split('\n')).toHaveLength(1);
    expect(mesh.stdout()).toContain('/productpage');
    expect(mesh.stderr()).toMatch(/mesh dev: control plane \(\d+ ms\)/);
    expect(mesh.stderr()).toMatch(/mesh dev: 10 proxies/);
    expect(mesh.stderr()).toMatch(/mesh dev: 9 apps/);
    expect(mesh.stderr()).not.toContain(`${String.fromCharCode(27)}[`); // NO_COLOR, not a TTY
  });

  it('serves /productpage through the gateway, with reviews from v1, v2 and v3 in turn', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 60 && seen.size < 3; i++) {
      const r = await page();
      expect(r.status).toBe(200);
      expect(r.body).toContain('The Comedy of Errors');
      const pod = servedBy(r.body);
      expect(pod).toBeDefined();
      seen.add(pod?.replace(/-[a-z0-9]+-[a-z0-9]+$/, '') ?? '');
    }
    expect([...seen].sort()).toEqual(['reviews-v1', 'reviews-v2', 'reviews-v3']);
  }, 60_000);

  it('follows `mesh apply` of Istio’s all-v1 routing: every following page is v1 (no stars)', async () => {
    const applied = await run(process.execPath, [
      BIN,
      'apply',
      '-f',
      join(ISTIO_NETWORKING, 'destination-rule-all.yaml'),
      '-f',
      join(ISTIO_NETWORKING, 'virtual-service-all-v1.yaml'),
      '--control-plane',
      mesh.api,
    ]);
    expect(applied.stdout).toMatch(/virtualservice.*reviews.*(created|configured)/i);
    await waitFor(
      () =>
        mesh
          .stderr()
          .match(/mesh dev: applied .*virtual-service-all-v1\.yaml.*resources? changed, v\d+\) in \d+ ms/),
      'the applied line',
    );
    // The first v1 page after the push; then every page must be v1.
    await waitFor(async () => servedBy((await page()).body)?.startsWith('reviews-v1'), 'a v1 page');
    for (let i = 0; i < 12; i++) {
      const r = await page();
      expect(servedBy(r.body)).toMatch(/^reviews-v1-/);
      expect(r.body).not.toContain('glyphicon-star');
    }
  }, 60_000);

  it('reports an invalid edit of a watched file with file:line and keeps serving', async () => {
    const file = join(dir, 'manifests', 'bookinfo-gateway.yaml');
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('number: 8080'));
    expect(at).toBeGreaterThan(0);
    writeFileSync(file, text.replace('number: 8080', 'number: eighty'));
    const line = await waitFor(
      () =>
        mesh
          .stderr()
          .split('\n')
          .find((l) => l.includes(`bookinfo-gateway.yaml:${at + 1}:`)),
      'the diagnostic of the bad edit',
    );
    expect(line).toMatch(/number/);
    await waitFor(() => mesh.stderr().includes('the running config is kept'), 'the rejected line');
    const r = await page();
    expect(r.status).toBe(200);
    expect(servedBy(r.body)).toMatch(/^reviews-v1-/);
    writeFileSync(file, text);
  }, 30_000);

  it('restarts a killed app with backoff, and it serves again', async () => {
    const meshPid = mesh.child.pid ?? 0;
    const ratings = childWith(meshPid, 'dist/ratings/main.js');
    expect(ratings).toBeDefined();
    process.kill(ratings ?? 0, 'SIGKILL');
    await waitFor(
      () => /mesh dev: ratings-v1-\S+ was killed by SIGKILL; restarting in 1s/.test(mesh.stderr()),
      'the crash report',
    );
    await waitFor(() => /mesh dev: ratings-v1-\S+ restarted \(pid \d+\)/.test(mesh.stderr()), 'the restart');
    const again = childWith(meshPid, 'dist/ratings/main.js');
    expect(again).toBeDefined();
    expect(again).not.toBe(ratings);
    // productpage's /api/v1/products/0/ratings goes gateway -> productpage -> its sidecar -> ratings' sidecar.
    const answer = await waitFor(async () => {
      const r = await get(`${mesh.gatewayUrl}/api/v1/products/0/ratings`);
      return r.status === 200 && r.body.includes('ratings-v1-') ? r : undefined;
    }, 'ratings answering again');
    expect(answer.body).toContain('"podname"');
  }, 40_000);

  it('stops on SIGTERM with exit status 0, leaving no child process behind', async () => {
    const pids = childPids(mesh.child.pid ?? 0);
    expect(pids.length).toBe(19);
    mesh.child.kill('SIGTERM');
    expect(await mesh.exited).toBe(0);
    expect(mesh.stderr()).toMatch(/mesh dev: SIGTERM received; stopping 19 processes/);
    expect(pids.filter(alive)).toEqual([]);
  }, 30_000);
});
