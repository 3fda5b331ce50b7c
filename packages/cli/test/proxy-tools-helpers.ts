// Shared by the proxy-status and proxy-config tests: a real control plane over a copy of bookinfo's manifests and
// real proxies for productpage-v1's and reviews-v1's sidecars and the ingress gateway, plus the running `mesh`
// binary (dist/bin/mesh.js) for the cases that go through argv, stdout, stderr and the exit status.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningProxy } from '@minimesh/proxy';
import type { ControlPlaneStatus } from '../src/index.js';
import {
  copyBookinfo,
  ISTIO_NETWORKING,
  startPlannedProxy,
  startTestPlane,
  type TestPlane,
  waitFor,
} from './control-plane-helpers.js';

export const MESH_BIN = fileURLToPath(new URL('../dist/bin/mesh.js', import.meta.url));

export interface ProxyMesh {
  readonly dir: string;
  readonly plane: TestPlane;
  /** By workload name: productpage-v1, reviews-v1, istio-ingressgateway. */
  readonly proxies: ReadonlyMap<string, RunningProxy>;
  /** The control API's HOST:PORT. */
  readonly api: string;
  podOf(workloadName: string): string;
  close(): Promise<void>;
}

export const WORKLOADS = ['productpage-v1', 'reviews-v1', 'istio-ingressgateway'] as const;

/** Starts the plane and the three proxies; waits until /status has them all SYNCED on CDS, LDS, EDS and RDS. */
export async function startProxyMesh(): Promise<ProxyMesh> {
  const dir = copyBookinfo();
  const plane = await startTestPlane(dir, { watch: false });
  const proxies = new Map<string, RunningProxy>();
  for (const name of WORKLOADS) proxies.set(name, await startPlannedProxy(plane.cp, name));
  await waitFor(() => {
    const s = plane.cp.status();
    return (
      s.proxies.length === WORKLOADS.length &&
      s.proxies.every((p) => ['CDS', 'LDS', 'EDS', 'RDS'].every((t) => p.xds[t]?.status === 'SYNCED'))
    );
  }, 'every proxy SYNCED');
  return {
    dir,
    plane,
    proxies,
    api: plane.cp.apiAddress,
    podOf(workloadName) {
      const w = plane.cp.workloadPlan.instances.find((i) => i.workloadName === workloadName);
      if (w === undefined) throw new Error(`no workload ${workloadName}`);
      return w.podName;
    },
    async close() {
      for (const p of proxies.values()) await p.close();
      await plane.cp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Applies one of Istio's bookinfo networking samples and waits until every proxy reports SYNCED. The push may still
 * be in flight then (the status can read SYNCED before the new version is sent): callers wait for what they check.
 */
export async function applySample(mesh: ProxyMesh, file: string): Promise<void> {
  const path = join(ISTIO_NETWORKING, file);
  const outcome = await mesh.plane.cp.apply([{ path, content: readFileSync(path, 'utf8') }]);
  if (!outcome.ok) throw new Error(`apply ${file} failed: ${JSON.stringify(outcome.diagnostics)}`);
  await waitFor(() => allSynced(mesh.plane.cp.status()), `every proxy SYNCED after ${file}`);
}

function allSynced(s: ControlPlaneStatus): boolean {
  return s.proxies.every((p) => Object.values(p.xds).every((t) => t.status === 'SYNCED'));
}

export interface BinRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `mesh` binary with `args` (NO_COLOR set, 30 s bound). */
export function runMesh(args: readonly string[]): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MESH_BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
