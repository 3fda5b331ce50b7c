import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
// Shared inputs of the cluster and endpoint tests: the real Bookinfo manifests and DestinationRules of Istio's
// samples, with the six Bookinfo pods given addresses as `mesh dev` workloads.
import {
  buildRegistry,
  type LoadedResource,
  loadFile,
  loadManifests,
  type WorkloadInput,
} from '@minimesh/model';
import type { MeshConfig } from '../../src/mesh-config.js';
import { MessageSink } from '../../src/messages.js';
import { formatProxyId, type MeshProxy, parseProxy } from '../../src/proxy.js';
import { PushContext } from '../../src/push-context.js';

// shared/ sits beside the repository root; the path is made relative to the package directory (vitest's cwd)
// so that file names recorded in resources (route metadata, messages) are the same on every machine.
export const SAMPLES = relative(
  process.cwd(),
  fileURLToPath(new URL('../../../../../shared/istio-samples/samples/bookinfo', import.meta.url)),
);

export async function loadSample(relative: string): Promise<LoadedResource[]> {
  const result = await loadFile(`${SAMPLES}/${relative}`);
  if (!result.ok) throw new Error(`${relative}: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return [...result.resources];
}

export function manifests(yaml: string): LoadedResource[] {
  const result = loadManifests(yaml, { file: 'inline.yaml' });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  return [...result.resources];
}

/** The Bookinfo pods: name, labels, service account and address. */
export const BOOKINFO_WORKLOADS: WorkloadInput[] = [
  { name: 'details-v1-0', app: 'details', version: 'v1', address: '10.0.0.11' },
  { name: 'productpage-v1-0', app: 'productpage', version: 'v1', address: '10.0.0.21' },
  { name: 'ratings-v1-0', app: 'ratings', version: 'v1', address: '10.0.0.31' },
  { name: 'reviews-v1-0', app: 'reviews', version: 'v1', address: '10.0.0.41' },
  { name: 'reviews-v2-0', app: 'reviews', version: 'v2', address: '10.0.0.42' },
  { name: 'reviews-v3-0', app: 'reviews', version: 'v3', address: '10.0.0.43' },
].map(({ name, app, version, address }) => ({
  name,
  namespace: 'default',
  labels: { app, version },
  serviceAccount: `bookinfo-${app}`,
  address,
}));

export interface World {
  readonly push: PushContext;
  readonly sink: MessageSink;
}

export function world(
  resources: readonly LoadedResource[],
  workloads: readonly WorkloadInput[] = BOOKINFO_WORKLOADS,
  mesh: Partial<MeshConfig> = {},
): World {
  return { push: new PushContext(buildRegistry(resources, { workloads }), mesh), sink: new MessageSink() };
}

/** The sidecar of a Bookinfo workload (by name), with its labels. */
export function sidecarOf(name: string, labels?: Record<string, string>): MeshProxy {
  const w = BOOKINFO_WORKLOADS.find((x) => x.name === name);
  const address = w?.address ?? '10.0.9.9';
  return parseProxy({
    id: formatProxyId('sidecar', address, name, w?.namespace ?? 'default'),
    labels: labels ?? { ...(w?.labels ?? {}) },
    ...(w?.serviceAccount === undefined ? {} : { serviceAccount: w.serviceAccount }),
  });
}

export function gatewayProxy(): MeshProxy {
  return parseProxy({
    id: formatProxyId('router', '10.0.1.1', 'istio-ingressgateway-0', 'istio-system'),
    labels: { istio: 'ingressgateway' },
  });
}
