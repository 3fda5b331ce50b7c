#!/usr/bin/env node
// Benchmark: translate a mesh of 1,000 services x 3 subsets with 1,000 VirtualServices and 1,000
// DestinationRules (3,000 workloads) for one sidecar and for 100 sidecars, and re-translate one sidecar after one
// VirtualService changes (registry.apply + translate: translation is not incremental yet, so this is a full
// translation on the new registry version). Baseline in the same run: encoding the same output with the model's
// strict codec, which the xDS server has to do anyway. Medians over repeats. BENCH_QUICK=1: a tenth, fewer runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildRegistry, encode, loadManifests } from '@minimesh/model';
import { formatProxyId, PushContext, parseProxy, translate } from '../dist/index.js';

const quick = process.env.BENCH_QUICK === '1';
const SERVICES = quick ? 100 : 1000;
const REPEATS = quick ? 3 : 7;
const SIDECARS = quick ? 10 : 100;
const NAMESPACES = 10;

function manifests() {
  const docs = [];
  for (let i = 0; i < SERVICES; i++) {
    const ns = `ns-${i % NAMESPACES}`;
    const name = `svc-${i}`;
    docs.push(`apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: ${ns} }
spec: { ports: [{ port: 9080, name: http }], selector: { app: ${name} } }`);
    docs.push(vs(i, 'v2'));
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

function vs(i, headerSubset) {
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

const workloads = [];
for (let i = 0; i < SERVICES; i++) {
  for (const v of ['v1', 'v2', 'v3']) {
    workloads.push({
      name: `svc-${i}-${v}`,
      namespace: `ns-${i % NAMESPACES}`,
      address: `10.${(i >> 8) & 255}.${i & 255}.${v.at(1)}`,
      labels: { app: `svc-${i}`, version: v },
    });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const t = performance.now();
  const out = fn();
  return [performance.now() - t, out];
};

const loaded = loadManifests(manifests(), { file: 'mesh.yaml' });
if (loaded.errors.length > 0) throw new Error(`bench mesh has errors: ${loaded.errors[0].message}`);
const registry = buildRegistry(loaded.resources, { workloads });
const sidecar = (i) =>
  parseProxy({
    id: formatProxyId('sidecar', `10.9.${(i >> 8) & 255}.${i & 255}`, `client-${i}`, `ns-${i % NAMESPACES}`),
    labels: { app: `client-${i}` },
  });

const one = [];
const encodeOne = [];
const hundred = [];
const change = [];
let resources = 0;
for (let r = 0; r < REPEATS; r++) {
  const push = new PushContext(registry);
  const [ms, t] = time(() => translate(sidecar(0), push));
  one.push(ms);
  resources = t.listeners.length + t.routes.length + t.clusters.length + t.endpoints.length;
  const [encMs] = time(() => {
    for (const x of t.listeners) encode('envoy.config.listener.v3.Listener', x);
    for (const x of t.routes) encode('envoy.config.route.v3.RouteConfiguration', x);
    for (const x of t.clusters) encode('envoy.config.cluster.v3.Cluster', x);
    for (const x of t.endpoints) encode('envoy.config.endpoint.v3.ClusterLoadAssignment', x);
  });
  encodeOne.push(encMs);
  const push100 = new PushContext(registry);
  hundred.push(
    time(() => {
      for (let i = 0; i < SIDECARS; i++) translate(sidecar(i), push100);
    })[0],
  );
  const edited = loadManifests(vs(r % SERVICES, 'v3'), { file: 'mesh.yaml' }).resources;
  change.push(
    time(() => {
      const { registry: next } = registry.apply({ upsert: edited });
      return translate(sidecar(0), new PushContext(next));
    })[0],
  );
}

const figures = {
  quick,
  services: SERVICES,
  resourcesPerSidecar: resources,
  oneSidecarMs: median(one),
  encodeOneSidecarMs: median(encodeOne),
  sidecarsMs: median(hundred),
  sidecars: SIDECARS,
  oneVirtualServiceChangeMs: median(change),
};
console.log(
  `translator bench${quick ? ' (quick)' : ''}: ${SERVICES} services x 3 subsets, ${SERVICES} VirtualServices, ${SERVICES} DestinationRules, ${workloads.length} workloads; ${REPEATS} repeats, medians`,
);
console.log(
  `  one sidecar, full translation: ${figures.oneSidecarMs.toFixed(1)} ms (${resources} resources)`,
);
console.log(
  `  baseline: strict-encoding that output: ${figures.encodeOneSidecarMs.toFixed(1)} ms; ratio translate/encode ${(figures.oneSidecarMs / figures.encodeOneSidecarMs).toFixed(2)}x`,
);
console.log(
  `  ${SIDECARS} sidecars (one push): ${figures.sidecarsMs.toFixed(0)} ms (${(figures.sidecarsMs / SIDECARS).toFixed(1)} ms each)`,
);
console.log(
  `  one VirtualService changed: apply + full re-translation of one sidecar: ${figures.oneVirtualServiceChangeMs.toFixed(1)} ms`,
);
console.log(
  `  goals: one sidecar under 300 ms: ${figures.oneSidecarMs < 300 ? 'met' : 'NOT met'}; a change under 20 ms: ${figures.oneVirtualServiceChangeMs < 20 ? 'met' : 'NOT met (translation is not incremental yet)'}`,
);
mkdirSync(new URL('../../../bench-results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../../../bench-results/translator.json', import.meta.url),
  `${JSON.stringify(figures, null, 2)}\n`,
);
