// Paths and a binary runner shared by the offline command tests (translate, analyze, explain, workloads).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BOOKINFO = fileURLToPath(new URL('../../../examples/bookinfo', import.meta.url));
export const MANIFESTS = `${BOOKINFO}/manifests`;
export const OUR_NETWORKING = `${BOOKINFO}/networking`;
/** Istio's samples, read where they are (never copied into the repo). */
export const SAMPLES = fileURLToPath(new URL('../../../../shared/istio-samples/samples', import.meta.url));
export const ISTIO_BOOKINFO = `${SAMPLES}/bookinfo/platform/kube/bookinfo.yaml`;
export const ISTIO_NETWORKING = `${SAMPLES}/bookinfo/networking`;

const BIN = fileURLToPath(new URL('../dist/bin/mesh.js', import.meta.url));

export interface BinResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `mesh` binary with `args` (bounded: killed after 60 s), NO_COLOR set. */
export function mesh(args: readonly string[], env: Record<string, string> = {}): Promise<BinResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { timeout: 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', ...env } },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
