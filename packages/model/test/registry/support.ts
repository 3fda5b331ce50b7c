// Shared helpers of the registry tests: load inline YAML or Istio's sample files, failing on any load error
// or on a kind the loader did not validate (the registry interprets only validated resources).
import { expect } from 'vitest';
import { formatDiagnostic } from '../../src/errors/diagnostic.js';
import { loadFile } from '../../src/loader/load-directory.js';
import { loadManifests } from '../../src/loader/load-manifests.js';
import type { LoadedResource } from '../../src/loader/loaded-resource.js';
import type { Registry } from '../../src/registry/index.js';
import { ISTIO_SAMPLES } from '../helpers/paths.js';

export const BOOKINFO = `${ISTIO_SAMPLES}samples/bookinfo/`;

function checked(result: { errors: Parameters<typeof formatDiagnostic>[0][]; resources: LoadedResource[] }) {
  expect(result.errors.map(formatDiagnostic)).toEqual([]);
  for (const r of result.resources) expect(r.known, `${r.kind} ${r.name} is validated`).toBe(true);
  return result.resources;
}

/** Resources of inline YAML (namespace `default` when a document names none). */
export function yaml(text: string, file = 'inline.yaml'): LoadedResource[] {
  return checked(loadManifests(text, { file }));
}

/** Resources of a file under shared/istio-samples/samples/bookinfo/. */
export async function bookinfo(path: string): Promise<LoadedResource[]> {
  return checked(await loadFile(`${BOOKINFO}${path}`));
}

/** A pod with an IP, labels and named container ports. */
export function pod(
  name: string,
  ip: string,
  labels: Record<string, string>,
  opts: { namespace?: string; ports?: Record<string, number>; sa?: string; ready?: boolean } = {},
): string {
  const ports = Object.entries(opts.ports ?? {})
    .map(([n, p]) => `\n        - { name: ${n}, containerPort: ${p} }`)
    .join('');
  const labelLines = Object.entries(labels)
    .map(([k, v]) => `\n    ${k}: "${v}"`)
    .join('');
  const conditions =
    opts.ready === undefined
      ? ''
      : `\n  conditions:\n  - { type: Ready, status: "${opts.ready ? 'True' : 'False'}" }`;
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${opts.namespace ?? 'default'}
  labels:${labelLines}
spec:
  serviceAccountName: ${opts.sa ?? 'default'}
  containers:
    - name: app
      image: app
      ports:${ports || ' []'}
status:
  phase: Running
  podIP: ${ip}${conditions}
---
`;
}

/** `name@address:port` of each endpoint of a service port. */
export function endpointsOf(reg: Registry, host: string, port: number | string): string[] {
  return reg.endpointsFor(host, port).map((e) => `${e.instance.name}@${e.address}:${e.port}`);
}
