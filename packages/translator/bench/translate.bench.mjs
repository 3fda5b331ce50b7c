#!/usr/bin/env node
// Benchmark: translate a mesh of 1,000 services x 3 subsets with 1,000 VirtualServices and 1,000 DestinationRules
// (3,000 workloads) for one sidecar, for 100 sidecars in one push (10 namespaces, and all in one namespace), and
// re-translate after one VirtualService changes (registry.apply + TranslationCache.advance + translation on the
// new version, incremental) for one sidecar and for 100. Baseline in the same run: strict-encoding one sidecar's
// output with the model's codec, which the xDS server has to do anyway; every figure is also given as a ratio to
// it. Medians over repeats. The incremental result is checked byte for byte against a fresh full translation.
// BENCH_QUICK=1: a tenth of the mesh, fewer runs (what CI runs). Everything is measured warm, as a running
// control plane is: one full translation and WARMUP changes run untimed first.
import { mkdirSync, writeFileSync } from 'node:fs';
import { encode } from '@minimesh/model';
import { PushContext, TranslationCache, translate } from '../dist/index.js';
import { benchRegistry, editedVirtualService, sidecar } from './mesh.mjs';

const quick = process.env.BENCH_QUICK === '1';
const SERVICES = quick ? 100 : 1000;
const REPEATS = quick ? 3 : 7;
const SIDECARS = quick ? 10 : 100;
/** Untimed changes before the timed ones (the incremental path's first runs compile it). */
const WARMUP = 3;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const t = performance.now();
  const out = fn();
  return [performance.now() - t, out];
};
const resourcesOf = (t) => t.listeners.length + t.routes.length + t.clusters.length + t.endpoints.length;
const json = (t) => JSON.stringify(t);

function encodeAll(t) {
  for (const x of t.listeners) encode('envoy.config.listener.v3.Listener', x);
  for (const x of t.routes) encode('envoy.config.route.v3.RouteConfiguration', x);
  for (const x of t.clusters) encode('envoy.config.cluster.v3.Cluster', x);
  for (const x of t.endpoints) encode('envoy.config.endpoint.v3.ClusterLoadAssignment', x);
}

const { registry, workloads } = benchRegistry(SERVICES);
const proxies = Array.from({ length: SIDECARS }, (_, i) => sidecar(i));
const oneNamespace = Array.from({ length: SIDECARS }, (_, i) => sidecar(i, 'ns-0'));
// Warm the registry's lazy indexes and the source locators once, as a running control plane has them.
translate(proxies[0], new PushContext(registry));

const runs = { encode: [], one: [], many: [], manyOneNs: [], apply: [], changeOne: [], changeMany: [] };
let resources = 0;
for (let r = 0; r < REPEATS; r++) {
  const [ms, t] = time(() => translate(proxies[0], new PushContext(registry)));
  runs.one.push(ms);
  resources = resourcesOf(t);
  runs.encode.push(time(() => encodeAll(t))[0]);
  const push = new PushContext(registry);
  runs.many.push(time(() => proxies.map((p) => translate(p, push)))[0]);
  const pushOneNs = new PushContext(registry);
  runs.manyOneNs.push(time(() => oneNamespace.map((p) => translate(p, pushOneNs)))[0]);
}

// One VirtualService changes, WARMUP + REPEATS times in a chain (each a different service), as a control plane
// sees it; the last REPEATS are timed.
function changes(clients) {
  const cache = new TranslationCache();
  let current = registry;
  let push = new PushContext(current, {}, { cache });
  let out = clients.map((p) => translate(p, push));
  const times = [];
  for (let r = 0; r < WARMUP + REPEATS; r++) {
    const upsert = editedVirtualService((r * 37) % SERVICES);
    const warm = r >= WARMUP;
    if (warm) runs.apply.push(time(() => current.apply({ upsert }))[0]);
    const [ms] = time(() => {
      const result = current.apply({ upsert });
      cache.advance(current, result);
      current = result.registry;
      push = new PushContext(current, {}, { cache });
      out = clients.map((p) => translate(p, push));
    });
    if (warm) times.push(ms);
  }
  return { times, out, current, cache };
}
const single = changes([proxies[0]]);
runs.changeOne = single.times;
const hundred = changes(proxies);
runs.changeMany = hundred.times;
// The incremental output must be what a fresh full translation of the final version gives, byte for byte.
for (const [i, t] of hundred.out.entries()) {
  if (json(t) !== json(translate(proxies[i], new PushContext(hundred.current))))
    throw new Error(`incremental translation of sidecar ${i} differs from a fresh one`);
}
if (json(single.out[0]) !== json(hundred.out[0])) throw new Error('one-sidecar chain differs');

const figures = {
  quick,
  services: SERVICES,
  workloads,
  resourcesPerSidecar: resources,
  encodeOneSidecarMs: median(runs.encode),
  oneSidecarMs: median(runs.one),
  sidecars: SIDECARS,
  sidecarsMs: median(runs.many),
  sidecarsOneNamespaceMs: median(runs.manyOneNs),
  registryApplyMs: median(runs.apply),
  oneVirtualServiceChangeMs: median(runs.changeOne),
  oneVirtualServiceChangeSidecarsMs: median(runs.changeMany),
  cacheHitsAndMisses: [hundred.cache.hits, hundred.cache.misses],
};
const base = figures.encodeOneSidecarMs;
const ratio = (ms) => `${(ms / base).toFixed(2)}x baseline`;
const line = (label, ms) => console.log(`  ${label}: ${ms.toFixed(1)} ms (${ratio(ms)})`);
console.log(
  `translator bench${quick ? ' (quick)' : ''}: ${SERVICES} services x 3 subsets, ${SERVICES} VirtualServices, ${SERVICES} DestinationRules, ${workloads} workloads; ${REPEATS} repeats, medians`,
);
console.log(
  `  baseline: strict-encoding one sidecar's output (${resources} resources): ${base.toFixed(1)} ms`,
);
line('one sidecar, full translation', figures.oneSidecarMs);
line(`${SIDECARS} sidecars in 10 namespaces, one push`, figures.sidecarsMs);
line(`${SIDECARS} sidecars in one namespace, one push`, figures.sidecarsOneNamespaceMs);
line('registry.apply of one VirtualService (the model, included below)', figures.registryApplyMs);
line(
  'one VirtualService changed: apply + incremental translation of one sidecar',
  figures.oneVirtualServiceChangeMs,
);
line(
  `one VirtualService changed: apply + incremental translation of ${SIDECARS} sidecars`,
  figures.oneVirtualServiceChangeSidecarsMs,
);
console.log('  incremental output verified equal to a fresh full translation (JSON, every sidecar)');
console.log(
  `  goals: one sidecar under 300 ms: ${figures.oneSidecarMs < 300 ? 'met' : 'NOT met'}; a change under 20 ms: ${figures.oneVirtualServiceChangeMs < 20 ? 'met' : 'NOT met'}`,
);
mkdirSync(new URL('../../../bench-results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../../../bench-results/translator.json', import.meta.url),
  `${JSON.stringify(figures, null, 2)}\n`,
);
