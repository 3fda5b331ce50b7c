#!/usr/bin/env node
// Benchmark: `mesh dev` (the BUILT dist/bin/mesh.js) over a temp copy of examples/bookinfo on ephemeral ports.
//
// 1. Ready time, cold: a new `mesh dev` process each repeat, timed from spawn to its ready line on stdout (every
//    proxy SYNCED, every app listening, the gateway answering). Scenario "issue": issue 7's figure, 7 workloads and
//    8 proxies (bookinfo's productpage, details, reviews v1-v3, ratings, plus httpbin-v1; 7 sidecars + the ingress
//    gateway). Scenario "full" (not in quick mode): all of examples/bookinfo/manifests, what `mesh dev
//    ./examples/bookinfo` starts (9 workloads, 10 proxies). The counts are read back from the control API's /status.
//    Baseline, measured in the same run, interleaved with the mesh starts: the same number of bare Node processes
//    (workloads + proxies + 1 for `mesh` itself) spawned at once, each listening on a port and answering one HTTP
//    request: the floor of process start cost that any one-process-per-workload design pays on this machine.
//    Also `node dist/bin/mesh.js --version` (the CLI's own start cost).
// 2. Config change to the first request served by the new route: on a running mesh (scenario "issue"), reviews is
//    switched between v3 and v1, (a) through `mesh apply`'s function (applyCommand: POST /apply on the control API)
//    with Istio's virtual-service-reviews-v3.yaml / virtual-service-all-v1.yaml, and (b) by writing a watched file in
//    DIR (a VirtualService `reviews` to subset v3 / v1). From the apply call (or the write), one client polls
//    GET /productpage through the gateway back to back (bounded: 10 s per change) until `Reviews served by:` names
//    the new version; the latency is taken when that response has been read (an upper bound; the time its request
//    was sent is kept as `sentMs`). Percentiles are nearest-rank (p99 of 50 samples is the largest).
// Writes bench-results/dev.json and prints a table. BENCH_QUICK=1: one start, 5 changes per path (< 60 s).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BIN,
  BOOKINFO,
  bareProcesses,
  counts,
  now,
  scenarioDir,
  sleep,
  startMesh,
  versionTime,
} from './dev-processes.mjs';

const quick = process.env.BENCH_QUICK === '1';
const STARTS = quick ? 1 : 5;
const CHANGES = quick ? 5 : 50;
const CHANGE_BOUND_MS = 10_000;

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const ISTIO_NETWORKING = here('../../../../shared/istio-samples/samples/bookinfo/networking');
const RESULTS = here('../bench-results');

/** Nearest-rank percentile of `xs` (ms). */
function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}
const stats = (xs) => ({
  n: xs.length,
  p50: pct(xs, 50),
  p99: pct(xs, 99),
  max: Math.max(...xs),
  min: Math.min(...xs),
});

function checkPrerequisites() {
  const missing = [
    [BIN, 'run `npx tsc -b` in packages/cli'],
    [join(BOOKINFO, 'dist', 'productpage', 'main.js'), 'run `npx tsc -b` in examples/bookinfo'],
    [
      join(ISTIO_NETWORKING, 'virtual-service-all-v1.yaml'),
      "Istio's samples are expected in ../shared/istio-samples",
    ],
  ].filter(([p]) => !existsSync(p));
  for (const [p, how] of missing) console.error(`dev.bench: ${p} does not exist: ${how}`);
  if (missing.length > 0) process.exit(1);
}

/** The reviews version (`v1`) named by the page's `Reviews served by:` marker, if any. */
async function servedVersion(gateway) {
  try {
    const res = await fetch(`${gateway}/productpage`, { signal: AbortSignal.timeout(5_000) });
    const body = await res.text();
    return /reviews-(v\d)-/.exec(body.slice(body.indexOf('Reviews served by')))?.[1];
  } catch {
    return undefined;
  }
}

/** Polls the page back to back from t0 until it shows `version`: { ms, sentMs, polls }; throws after the bound. */
async function firstServed(gateway, version, t0) {
  for (let polls = 1; ; polls++) {
    const sent = now();
    const v = await servedVersion(gateway);
    const got = now();
    if (v === version) return { ms: got - t0, sentMs: sent - t0, polls };
    if (got - t0 > CHANGE_BOUND_MS)
      throw new Error(`the page did not show reviews ${version} within ${CHANGE_BOUND_MS} ms`);
  }
}

/** Istio's VirtualService for reviews, to one subset, as a watched file's text. */
const reviewsRoute = (subset) =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts:\n    - reviews\n  http:\n    - route:\n        - destination:\n            host: reviews\n            subset: ${subset}\n`;

async function configChanges(mesh, dir) {
  const { applyCommand } = await import('../dist/index.js');
  const sample = (f) => join(ISTIO_NETWORKING, f);
  const apply = async (file) => {
    const out = await applyCommand({ files: [sample(file)], controlPlane: mesh.api });
    if (out.exitCode !== 0) throw new Error(`mesh apply -f ${file}: ${out.stderr.join('\n')}`);
  };
  await apply('destination-rule-all.yaml');
  await apply('virtual-service-all-v1.yaml');
  await firstServed(mesh.gateway, 'v1', now());
  const api = [];
  for (let i = 0; i < CHANGES; i++) {
    const target = i % 2 === 0 ? 'v3' : 'v1';
    const t0 = now();
    const applying = apply(
      target === 'v3' ? 'virtual-service-reviews-v3.yaml' : 'virtual-service-all-v1.yaml',
    );
    const served = await firstServed(mesh.gateway, target, t0);
    await applying;
    api.push(served);
  }
  process.stderr.write(`dev.bench: ${CHANGES} changes through mesh apply\n`);
  // The watched file takes over reviews once written (a DIR edit replaces what the API applied).
  const file = join(dir, 'manifests', 'bench-reviews-route.yaml');
  const edits = [];
  writeFileSync(file, reviewsRoute(CHANGES % 2 === 0 ? 'v1' : 'v3'));
  await firstServed(mesh.gateway, CHANGES % 2 === 0 ? 'v1' : 'v3', now());
  for (let i = 0; i < CHANGES; i++) {
    const target = (i + CHANGES) % 2 === 0 ? 'v3' : 'v1';
    const t0 = now();
    writeFileSync(file, reviewsRoute(target));
    edits.push(await firstServed(mesh.gateway, target, t0));
  }
  const summary = (xs) => ({
    ...stats(xs.map((x) => x.ms)),
    sentP50: pct(
      xs.map((x) => x.sentMs),
      50,
    ),
    pollsP50: pct(
      xs.map((x) => x.polls),
      50,
    ),
    samples: xs.map((x) => Math.round(x.ms * 10) / 10),
  });
  return { api: summary(api), file: summary(edits) };
}

async function readyRuns(scenario, keepLast) {
  const dir = scenarioDir(scenario);
  const runs = [];
  const baseline = [];
  const version = [];
  let kept;
  for (let i = 0; i < STARTS; i++) {
    const mesh = await startMesh(dir);
    const c = await counts(mesh.api);
    runs.push({ ms: mesh.ms, selfMs: mesh.selfMs, ...c });
    if (keepLast && i === STARTS - 1) kept = mesh;
    else runs.at(-1).stopMs = await mesh.stop();
    await sleep(300);
    baseline.push(await bareProcesses(c.proxies + c.workloads + 1));
    version.push(await versionTime());
    process.stderr.write(
      `dev.bench: ${scenario} start ${i + 1}/${STARTS}: ready in ${mesh.ms.toFixed(0)} ms (${c.workloads} workloads, ${c.proxies} proxies); baseline ${baseline.at(-1).toFixed(0)} ms\n`,
    );
  }
  const ms = runs.map((r) => r.ms);
  const result = {
    scenario,
    workloads: runs[0].workloads,
    proxies: runs[0].proxies,
    readyMs: { median: pct(ms, 50), max: Math.max(...ms), runs: ms.map(Math.round) },
    selfReportedMedianMs: pct(
      runs.map((r) => r.selfMs),
      50,
    ),
    stopMedianMs: runs.some((r) => r.stopMs !== undefined)
      ? pct(
          runs.flatMap((r) => (r.stopMs === undefined ? [] : [r.stopMs])),
          50,
        )
      : undefined,
    baseline: {
      what: `${runs[0].workloads + runs[0].proxies + 1} bare node processes listening + answering once`,
      median: pct(baseline, 50),
      max: Math.max(...baseline),
    },
    meshVersionMedianMs: pct(version, 50),
  };
  result.ratioToBaseline = result.readyMs.median / result.baseline.median;
  return { result, kept, dir };
}

const f = (ms) =>
  ms === undefined ? '-' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
const row = (cells, widths) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');

async function main() {
  checkPrerequisites();
  const started = new Date();
  const load = [loadavg()[0]];
  const ready = [];
  const issue = await readyRuns('issue', true);
  ready.push(issue.result);
  let change;
  try {
    change = await configChanges(issue.kept, issue.dir);
  } finally {
    const stopMs = await issue.kept.stop();
    process.stderr.write(
      `dev.bench: the mesh kept for the config changes stopped in ${stopMs.toFixed(0)} ms\n`,
    );
    rmSync(issue.dir, { recursive: true, force: true });
  }
  if (!quick) {
    const full = await readyRuns('full', false);
    ready.push(full.result);
    rmSync(full.dir, { recursive: true, force: true });
  }
  load.push(loadavg()[0]);
  const report = {
    date: started.toISOString(),
    quick,
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadavg1m: load },
    goals: { readyMs: 3000, changeP99Ms: 150 },
    ready,
    change: { changes: CHANGES, boundMs: CHANGE_BOUND_MS, ...change },
  };
  mkdirSync(RESULTS, { recursive: true });
  // Milliseconds to 0.1 ms in the file.
  const rounded = (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 10) / 10 : v);
  writeFileSync(join(RESULTS, 'dev.json'), `${JSON.stringify(report, rounded, 2)}\n`);

  const w1 = [34, 10, 10, 10, 12, 8];
  console.log(
    `mesh dev benchmark, ${report.date}, ${report.machine.cpus} x ${report.machine.model}, load ${load.map((l) => l.toFixed(1)).join(' -> ')}${quick ? ' (QUICK)' : ''}`,
  );
  console.log(row(['ready (spawn to ready line)', 'median', 'max', 'baseline', 'ratio', 'goal'], w1));
  for (const r of ready)
    console.log(
      row(
        [
          `${r.scenario}: ${r.workloads} workloads, ${r.proxies} proxies`,
          f(r.readyMs.median),
          f(r.readyMs.max),
          f(r.baseline.median),
          `${r.ratioToBaseline.toFixed(1)}x`,
          r.readyMs.median < 3000 ? 'met' : 'missed',
        ],
        w1,
      ),
    );
  for (const r of ready)
    console.log(`  ${r.scenario} baseline: ${r.baseline.what}; mesh --version ${f(r.meshVersionMedianMs)}`);
  const w2 = [34, 10, 10, 10, 12, 8];
  console.log(row([`config change (${CHANGES} per path)`, 'p50', 'p99', 'max', 'sent p50', 'goal'], w2));
  for (const [name, s] of [
    ['mesh apply (control API)', change.api],
    ['watched file write', change.file],
  ])
    console.log(row([name, f(s.p50), f(s.p99), f(s.max), f(s.sentP50), s.p99 < 150 ? 'met' : 'missed'], w2));
  console.log('results: bench-results/dev.json');
}

main().catch((err) => {
  console.error(`dev.bench: ${err.stack ?? err}`);
  process.exit(1);
});
