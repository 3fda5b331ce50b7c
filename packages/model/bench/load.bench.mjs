#!/usr/bin/env node
// Benchmark: load and validate 10,000 Istio resources and 5,000 Services from YAML files, against a baseline
// measured in the same run: the `yaml` package parsing the same files to plain objects (no validation, no
// positions kept). Each measurement runs in its own child process so peak memory (maxRSS) is its own; modes
// alternate across repeats and medians are reported. BENCH_QUICK=1 runs a tenth of the size once (CI).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const quick = process.env.BENCH_QUICK === '1';
const scale = quick ? 0.1 : 1;
const ISTIO = Math.round(10_000 * scale);
const SERVICES = Math.round(5_000 * scale);
const REPEATS = quick ? 1 : 5;
const FILES = 50;

function istioResource(i) {
  const ns = `ns-${i % 20}`;
  const svc = `svc-${i % SERVICES}`;
  switch (i % 4) {
    case 0:
      return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: vs-${i}
  namespace: ${ns}
spec:
  hosts:
  - ${svc}
  http:
  - name: jason
    match:
    - headers:
        end-user:
          exact: jason
      uri:
        prefix: /api/v1
    route:
    - destination:
        host: ${svc}
        subset: v2
    timeout: 1.5s
    retries:
      attempts: 3
      perTryTimeout: 500ms
      retryOn: 5xx,connect-failure
  - route:
    - destination:
        host: ${svc}
        subset: v1
      weight: 80
    - destination:
        host: ${svc}
        subset: v3
      weight: 20
    fault:
      delay:
        percentage:
          value: 10
        fixedDelay: 2s
`;
    case 1:
      return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: dr-${i}
  namespace: ${ns}
spec:
  host: ${svc}
  trafficPolicy:
    loadBalancer:
      simple: LEAST_REQUEST
    connectionPool:
      tcp:
        maxConnections: 100
      http:
        http1MaxPendingRequests: 10
    outlierDetection:
      consecutive5xxErrors: 5
      interval: 10s
      baseEjectionTime: 30s
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
  - name: v3
    labels:
      version: v3
`;
    case 2:
      return `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: se-${i}
  namespace: ${ns}
spec:
  hosts:
  - ext-${i}.example.com
  ports:
  - number: 443
    name: https
    protocol: HTTPS
  location: MESH_EXTERNAL
  resolution: DNS
`;
    default:
      return `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: gw-${i}
  namespace: ${ns}
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 8080
      name: http
      protocol: HTTP
    hosts:
    - "app-${i}.example.com"
`;
  }
}

function service(i) {
  return `apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
  namespace: ns-${i % 20}
  labels:
    app: svc-${i}
spec:
  ports:
  - port: 9080
    name: http
  - port: 9090
    name: grpc-api
  selector:
    app: svc-${i}
`;
}

function makeCorpus(into, withErrors = false) {
  const dir = into ?? mkdtempSync(join(tmpdir(), 'mm-bench-load-'));
  mkdirSync(dir, { recursive: true });
  const docs = [
    ...Array.from({ length: ISTIO }, (_, i) => istioResource(i)),
    ...Array.from({ length: SERVICES }, (_, i) => service(i)),
  ];
  const per = Math.ceil(docs.length / FILES);
  for (let f = 0; f < FILES; f++) {
    const chunk = docs.slice(f * per, (f + 1) * per);
    // With errors: one invalid document at the end of each file, so each file takes the fallback path once.
    const bad = withErrors
      ? [`apiVersion: v1\nkind: Service\nmetadata:\n  name: broken-${f}\nspec:\n  ports:\n  - port: nine\n`]
      : [];
    if (chunk.length)
      writeFileSync(join(dir, `part-${String(f).padStart(3, '0')}.yaml`), [...chunk, ...bad].join('---\n'));
  }
  return { dir, count: docs.length };
}

// Child mode: measure one load in a fresh process and print {ms, maxRssMb, resources, errors}.
async function child(mode, dir) {
  const started = performance.now();
  let resources = 0;
  let errors = 0;
  let importMs = 0;
  if (mode === 'floor') {
    const jsyaml = (await import('js-yaml')).default;
    for (const name of readdirSync(dir).sort()) {
      for (const doc of jsyaml.loadAll(readFileSync(join(dir, name), 'utf8'), undefined, {
        schema: jsyaml.CORE_SCHEMA,
      })) {
        if (doc) resources++;
      }
    }
  } else if (mode === 'baseline') {
    const { parseAllDocuments } = await import('yaml');
    for (const name of readdirSync(dir).sort()) {
      for (const doc of parseAllDocuments(readFileSync(join(dir, name), 'utf8'))) {
        if (doc.toJS()) resources++;
      }
    }
  } else {
    // mode 'load' or 'load-errors': the same loader on the valid or the with-errors corpus
    // Importing the model (building its schemas) is a once-per-process cost, timed apart from loading.
    const { loadDirectory } = await import('../dist/index.js');
    importMs = performance.now() - started;
    const r = await loadDirectory(dir);
    resources = r.resources.length;
    errors = r.errors.length;
    globalThis.keep = r; // hold the result so peak memory includes it, as a user holding it would
  }
  const ms = performance.now() - started - importMs;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, importMs, maxRssMb, resources, errors }));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const { dir, count } = makeCorpus();
  const { dir: errDir } = makeCorpus(undefined, true);
  const self = fileURLToPath(import.meta.url);
  const results = { baseline: [], floor: [], load: [], 'load-errors': [] };
  try {
    for (let r = 0; r < REPEATS; r++) {
      const modes = ['baseline', 'floor', 'load', 'load-errors'];
      for (const mode of r % 2 === 0 ? modes : [...modes].reverse()) {
        const out = execFileSync(
          process.execPath,
          [self, '--child', mode, mode === 'load-errors' ? errDir : dir],
          { encoding: 'utf8' },
        );
        results[mode].push(JSON.parse(out));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(errDir, { recursive: true, force: true });
  }
  const load = results.load;
  const base = results.baseline;
  const loadMs = median(load.map((x) => x.ms));
  const baseMs = median(base.map((x) => x.ms));
  const floorMs = median(results.floor.map((x) => x.ms));
  const floorRss = median(results.floor.map((x) => x.maxRssMb));
  const loadRss = median(load.map((x) => x.maxRssMb));
  const importMs = median(load.map((x) => x.importMs));
  const baseRss = median(base.map((x) => x.maxRssMb));
  const errors = load[0].errors;
  const withErrors = results['load-errors'];
  const errMs = median(withErrors.map((x) => x.ms));
  const errRss = median(withErrors.map((x) => x.maxRssMb));
  console.log(
    `model load bench${quick ? ' (quick)' : ''}: ${ISTIO} Istio resources + ${SERVICES} Services in ${FILES} files (${count} documents), ${REPEATS} repeats, medians`,
  );
  console.log(`  yaml parse only (baseline): ${baseMs.toFixed(0)} ms, peak RSS ${baseRss.toFixed(0)} MB`);
  console.log(`  js-yaml parse only (floor): ${floorMs.toFixed(0)} ms, peak RSS ${floorRss.toFixed(0)} MB`);
  console.log(
    `  loadDirectory (validate + positions): ${loadMs.toFixed(0)} ms, peak RSS ${loadRss.toFixed(0)} MB, ${load[0].resources} resources, ${errors} errors`,
  );
  console.log(`  import @minimesh/model (once per process, not included above): ${importMs.toFixed(0)} ms`);
  console.log(
    `  loadDirectory, one invalid document per file (fallback path): ${errMs.toFixed(0)} ms, peak RSS ${errRss.toFixed(0)} MB, ${withErrors[0].errors} errors`,
  );
  console.log(
    `  ratio load/floor: time ${(loadMs / floorMs).toFixed(2)}x, memory ${(loadRss / floorRss).toFixed(2)}x`,
  );
  console.log(
    `  ratio load/baseline: time ${(loadMs / baseMs).toFixed(2)}x, memory ${(loadRss / baseRss).toFixed(2)}x`,
  );
  console.log(
    `  goals: under 1000 ms and 300 MB: ${loadMs < 1000 ? 'met' : 'NOT met'} / ${loadRss < 300 ? 'met' : 'NOT met'}`,
  );
  if (withErrors[0].errors !== FILES) {
    console.error(`the with-errors corpus should report ${FILES} errors, got ${withErrors[0].errors}`);
    process.exit(1);
  }
  if (errors > 0 || load[0].resources !== count) {
    console.error(
      `bench corpus should load cleanly: ${errors} errors, ${load[0].resources}/${count} resources`,
    );
    process.exit(1);
  }
  mkdirSync(new URL('../../../bench-results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL('../../../bench-results/model-load.json', import.meta.url),
    `${JSON.stringify({ quick, istio: ISTIO, services: SERVICES, loadMs, importMs, baseMs, floorMs, errMs, loadRss, baseRss, floorRss, errRss }, null, 2)}\n`,
  );
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else if (process.argv[2] === '--corpus') console.log(makeCorpus(process.argv[3]).dir);
else await main();
