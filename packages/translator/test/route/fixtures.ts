import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
// Shared inputs for the route and listener tests: Istio's bookinfo sample and networking files, loaded with the
// model's loader, plus an inline istio-ingressgateway Service (80 -> 8080, 443 -> 8443) as Istio installs it.
import {
  allocatedClusterIP,
  buildRegistry,
  type LoadedResource,
  loadFile,
  loadManifests,
  type Registry,
  type WorkloadInput,
} from '@minimesh/model';
import { MessageSink } from '../../src/messages.js';
import { formatProxyId, type MeshProxy, parseProxy } from '../../src/proxy.js';
import { PushContext } from '../../src/push-context.js';

// shared/ sits beside the repository root; the path is made relative to the package directory (vitest's cwd)
// so that file names recorded in resources (route metadata, messages) are the same on every machine.
export const SAMPLES = relative(
  process.cwd(),
  fileURLToPath(new URL('../../../../../shared/istio-samples/samples/bookinfo', import.meta.url)),
);
export const BOOKINFO = `${SAMPLES}/platform/kube/bookinfo.yaml`;
export const net = (file: string): string => `${SAMPLES}/networking/${file}`;

export const INGRESS_SERVICE = `apiVersion: v1
kind: Service
metadata: { name: istio-ingressgateway, namespace: istio-system, labels: { istio: ingressgateway } }
spec:
  selector: { istio: ingressgateway }
  ports:
  - { name: http2, port: 80, targetPort: 8080 }
  - { name: https, port: 443, targetPort: 8443 }
`;
/** The cluster IP the registry allocates to INGRESS_SERVICE (written without one), as the API server would. */
export const INGRESS_VIP = allocatedClusterIP('istio-system', 'istio-ingressgateway');

export const WORKLOADS: WorkloadInput[] = [
  { name: 'productpage-v1-abc', address: '10.0.0.1', labels: { app: 'productpage', version: 'v1' } },
  { name: 'details-v1-abc', address: '10.0.0.2', labels: { app: 'details', version: 'v1' } },
  { name: 'reviews-v1-abc', address: '10.0.0.3', labels: { app: 'reviews', version: 'v1' } },
  { name: 'reviews-v2-abc', address: '10.0.0.4', labels: { app: 'reviews', version: 'v2' } },
  { name: 'reviews-v3-abc', address: '10.0.0.5', labels: { app: 'reviews', version: 'v3' } },
  { name: 'ratings-v1-abc', address: '10.0.0.6', labels: { app: 'ratings', version: 'v1' } },
  {
    name: 'istio-ingressgateway-abc',
    namespace: 'istio-system',
    address: '10.0.0.9',
    labels: { istio: 'ingressgateway' },
  },
];

/** Loads files (Istio's, by path) and inline YAML documents; fails the test on any load error. */
export async function load(
  files: readonly string[],
  inline: readonly string[] = [],
): Promise<LoadedResource[]> {
  const out: LoadedResource[] = [];
  for (const f of files) {
    const r = await loadFile(f);
    if (r.errors.length > 0) throw new Error(`${f}: ${JSON.stringify(r.errors)}`);
    out.push(...r.resources);
  }
  inline.forEach((text, i) => {
    const r = loadManifests(text, { file: `inline-${i}.yaml` });
    if (r.errors.length > 0) throw new Error(`inline ${i}: ${JSON.stringify(r.errors)}`);
    out.push(...r.resources);
  });
  return out;
}

export interface World {
  readonly registry: Registry;
  readonly push: PushContext;
  readonly sink: MessageSink;
}

/** bookinfo.yaml + the ingress Service + `files` (networking file names or paths) + inline documents. */
export async function world(files: readonly string[] = [], inline: readonly string[] = []): Promise<World> {
  const paths = [BOOKINFO, ...files.map((f) => (f.startsWith('/') ? f : net(f)))];
  const resources = await load(paths, [INGRESS_SERVICE, ...inline]);
  const registry = buildRegistry(resources, { workloads: WORKLOADS });
  return { registry, push: new PushContext(registry), sink: new MessageSink() };
}

export const productpage: MeshProxy = parseProxy({
  id: formatProxyId('sidecar', '10.0.0.1', 'productpage-v1-abc', 'default'),
  labels: { app: 'productpage', version: 'v1' },
});

export const reviewsV2: MeshProxy = parseProxy({
  id: formatProxyId('sidecar', '10.0.0.4', 'reviews-v2-abc', 'default'),
  labels: { app: 'reviews', version: 'v2' },
});

export const ingress: MeshProxy = parseProxy({
  id: formatProxyId('router', '10.0.0.9', 'istio-ingressgateway-abc', 'istio-system'),
  labels: { istio: 'ingressgateway' },
});
