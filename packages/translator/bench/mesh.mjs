// The benchmark mesh: SERVICES services in 10 namespaces, each with 3 subsets (v1..v3, one workload each), a
// VirtualService (header match to v2, 80/20 split v1/v3) and a DestinationRule (LEAST_REQUEST, outlier detection).
import { buildRegistry, loadManifests } from '@minimesh/model';
import { formatProxyId, parseProxy } from '../dist/index.js';

export const NAMESPACES = 10;

/** The VirtualService of service `i`, its header match routed to `headerSubset`. */
export function virtualServiceYaml(i, headerSubset) {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: svc-${i}, namespace: ns-${i % NAMESPACES} }
spec:
  hosts: [svc-${i}]
  http:
  - match: [{ headers: { end-user: { exact: jason } } }]
    route: [{ destination: { host: svc-${i}, subset: ${headerSubset} } }]
    timeout: 2s
  - route:
    - { destination: { host: svc-${i}, subset: v1 }, weight: 80 }
    - { destination: { host: svc-${i}, subset: v3 }, weight: 20 }
    retries: { attempts: 3, perTryTimeout: 500ms }`;
}

function manifests(services) {
  const docs = [];
  for (let i = 0; i < services; i++) {
    const ns = `ns-${i % NAMESPACES}`;
    const name = `svc-${i}`;
    docs.push(`apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: ${ns} }
spec: { ports: [{ port: 9080, name: http }], selector: { app: ${name} } }`);
    docs.push(virtualServiceYaml(i, 'v2'));
    docs.push(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: ${name}, namespace: ${ns} }
spec:
  host: ${name}
  trafficPolicy: { loadBalancer: { simple: LEAST_REQUEST }, outlierDetection: { consecutive5xxErrors: 5, interval: 10s } }
  subsets:
  - { name: v1, labels: { version: v1 } }
  - { name: v2, labels: { version: v2 } }
  - { name: v3, labels: { version: v3 } }`);
  }
  return docs.join('\n---\n');
}

function workloads(services) {
  const out = [];
  for (let i = 0; i < services; i++) {
    for (const v of ['v1', 'v2', 'v3']) {
      out.push({
        name: `svc-${i}-${v}`,
        namespace: `ns-${i % NAMESPACES}`,
        address: `10.${(i >> 8) & 255}.${i & 255}.${v.at(1)}`,
        labels: { app: `svc-${i}`, version: v },
      });
    }
  }
  return out;
}

/** The registry (version 1) of the benchmark mesh and its workload count. */
export function benchRegistry(services) {
  const loaded = loadManifests(manifests(services), { file: 'mesh.yaml' });
  if (loaded.errors.length > 0) throw new Error(`bench mesh has errors: ${loaded.errors[0].message}`);
  const w = workloads(services);
  return { registry: buildRegistry(loaded.resources, { workloads: w }), workloads: w.length };
}

/** The edited VirtualService of service `i` (header match to v3 instead of v2), as an upsert. */
export function editedVirtualService(i) {
  return loadManifests(virtualServiceYaml(i, 'v3'), { file: 'mesh.yaml' }).resources;
}

/** Client sidecar `i`, in namespace ns-(i mod 10), or in `namespace` when given. */
export function sidecar(i, namespace = `ns-${i % NAMESPACES}`) {
  return parseProxy({
    id: formatProxyId('sidecar', `10.9.${(i >> 8) & 255}.${i & 255}`, `client-${i}`, namespace),
    labels: { app: `client-${i}` },
  });
}
