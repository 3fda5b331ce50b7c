#!/usr/bin/env node
// Micro benchmark: the dashboard's telemetry (the BUILT dist/dashboard/telemetry) ingesting access log batches.
//
// Workload: Istio's bookinfo planned as `mesh dev` plans it (7 sidecars + the ingress gateway), 8 proxies each
// sending batches of 50 HTTP entries (the gateway to productpage, productpage to details and reviews v1-v3,
// reviews to ratings, and every sidecar's inbound side), start times advancing at 1,600 entries/s of virtual time
// (8 proxies at 200 requests/s), 2% of them 503. The batches are encoded and decoded by the model codec before
// timing, as the ALS server hands them over. The measured run ingests every batch, calls takeNew() every 250 ms
// and tick() every second of virtual time (what `mesh dev`'s feed does).
// Baseline, in the same run and interleaved: a loop that only walks the same decoded batches and reads the fields
// ingest reads (the floor of touching the data at all). Each measurement is CPU time (process.cpuUsage, user +
// system) of one pass; repeats alternate the two and the medians are reported: entries/s, CPU ms per 1,000 entries,
// the ratio to the baseline, and the share of one core at 1,600 entries/s.
// Writes bench-results/telemetry.json. BENCH_QUICK=1: 16,000 entries, 3 repeats (a few seconds).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { decode, encode, loadManifests } from '@minimesh/model';
import { buildMeshDirectory } from '../dist/dashboard/telemetry/mesh-directory.js';
import { Telemetry } from '../dist/dashboard/telemetry/telemetry.js';
import { planAddresses } from '../dist/dev/address-plan.js';
import { planInstances } from '../dist/dev/control-plane-workloads.js';
import { planWorkloads } from '../dist/dev/workloads.js';

const quick = process.env.BENCH_QUICK === '1';
const ENTRIES = quick ? 16_000 : 160_000;
const REPEATS = quick ? 3 : 7;
const BATCH = 50;
const RATE = 1600; // entries per second of virtual time
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const SAMPLES = here('../../../../shared/istio-samples/samples/bookinfo/platform/kube/bookinfo.yaml');
const MESSAGE = 'envoy.service.accesslog.v3.StreamAccessLogsMessage';
const T0 = 1_767_225_600_000;

function directoryOfBookinfo() {
  const loaded = loadManifests(readFileSync(SAMPLES, 'utf8'), { file: SAMPLES });
  if (!loaded.ok) throw new Error(`cannot load ${SAMPLES}`);
  const plan = planWorkloads(loaded.resources);
  let port = 30000;
  const addresses = planAddresses(planInstances(plan), () => port++);
  return { plan, addresses, directory: buildMeshDirectory(plan, addresses) };
}

/** The hops of bookinfo: [reporting workload, cluster, upstream workload, inbound?]. */
const HOPS = [
  ['istio-ingressgateway', 'outbound|9080||productpage.default.svc.cluster.local', 'productpage-v1'],
  ['productpage-v1', 'outbound|9080||details.default.svc.cluster.local', 'details-v1'],
  ['productpage-v1', 'outbound|9080|v1|reviews.default.svc.cluster.local', 'reviews-v1'],
  ['productpage-v1', 'outbound|9080|v2|reviews.default.svc.cluster.local', 'reviews-v2'],
  ['productpage-v1', 'outbound|9080|v3|reviews.default.svc.cluster.local', 'reviews-v3'],
  ['reviews-v2', 'outbound|9080||ratings.default.svc.cluster.local', 'ratings-v1'],
  ['reviews-v3', 'outbound|9080||ratings.default.svc.cluster.local', 'ratings-v1'],
  ['productpage-v1', 'inbound|9080||', 'productpage-v1', true],
  ['details-v1', 'inbound|9080||', 'details-v1', true],
  ['reviews-v1', 'inbound|9080||', 'reviews-v1', true],
  ['ratings-v1', 'inbound|9080||', 'ratings-v1', true],
];

function buildBatches({ plan, addresses }) {
  const inst = (w) => plan.instances.find((i) => i.workloadName === w);
  const local = (w) => addresses.pod(inst(w).podName, inst(w).namespace);
  const batches = [];
  let n = 0;
  while (n < ENTRIES) {
    const [from, cluster, to, inbound] = HOPS[batches.length % HOPS.length];
    const port = inbound ? local(to).appPorts[9080] : local(to).inboundPorts[9080];
    const log_entry = [];
    for (let i = 0; i < BATCH && n < ENTRIES; i++, n++) {
      const start = T0 + Math.floor((n * 1000) / RATE);
      const ms = 2 + (n % 37);
      log_entry.push({
        common_properties: {
          start_time: { seconds: String(Math.floor(start / 1000)), nanos: (start % 1000) * 1e6 },
          time_to_last_downstream_tx_byte: { seconds: '0', nanos: ms * 1e6 },
          upstream_cluster: cluster,
          upstream_remote_address: { socket_address: { address: '127.0.0.1', port_value: port } },
          downstream_remote_address: {
            socket_address: { address: '127.0.0.1', port_value: 40000 + (n % 20000) },
          },
          route_name: 'default',
          ...(n % 50 === 7 ? { response_flags: { upstream_connection_failure: true } } : {}),
        },
        protocol_version: 'HTTP11',
        request: {
          request_method: 'GET',
          authority: 'reviews:9080',
          path: '/reviews/0',
          request_id: `id-${n}`,
          request_headers: { 'end-user': 'jason' },
        },
        response: {
          response_code: { value: n % 50 === 7 ? 503 : 200 },
          response_code_details: 'via_upstream',
        },
      });
    }
    const message = { http_logs: { log_entry } };
    batches.push({
      stream: { node: { id: inst(from).proxyId }, logName: 'http_envoy_accesslog' },
      message: decode(MESSAGE, encode(MESSAGE, message)),
      end: T0 + Math.floor((n * 1000) / RATE),
    });
  }
  return batches;
}

function cpuMs(fn) {
  const before = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(before);
  return { ms: (used.user + used.system) / 1000, result };
}

/** The floor: walk every entry and read what ingest reads. */
function baseline(batches) {
  let sink = 0;
  for (const { stream, message } of batches) {
    sink += stream.node.id.length;
    for (const e of message.http_logs.log_entry) {
      const c = e.common_properties;
      sink += Number(c.start_time.seconds) + c.start_time.nanos + c.time_to_last_downstream_tx_byte.nanos;
      sink += c.upstream_cluster.length + c.upstream_remote_address.socket_address.port_value;
      sink += e.response.response_code.value + e.request.path.length + e.request.authority.length;
      sink += e.request.request_id.length + (c.response_flags === undefined ? 0 : 1);
    }
  }
  return sink;
}

function measured(directory, batches) {
  let now = T0;
  const t = new Telemetry(
    () => directory,
    () => 1,
    { now: () => now },
  );
  let nextTake = T0 + 250;
  let nextTick = T0 + 1000;
  let taken = 0;
  let ticks = 0;
  for (const { stream, message, end } of batches) {
    now = end;
    t.ingest(stream, message);
    while (now >= nextTake) {
      taken += t.takeNew().records.length;
      nextTake += 250;
    }
    while (now >= nextTick) {
      t.tick(nextTick);
      ticks++;
      nextTick += 1000;
    }
  }
  return { taken, ticks, edges: t.graph(now).edges.length, keys: t.metrics(now).length };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const mesh = directoryOfBookinfo();
const batches = buildBatches(mesh);
// Warm both paths (JIT) before measuring.
baseline(batches);
measured(mesh.directory, batches.slice(0, Math.min(batches.length, 200)));
const base = [];
const tele = [];
let shape;
for (let r = 0; r < REPEATS; r++) {
  base.push(cpuMs(() => baseline(batches)).ms);
  const m = cpuMs(() => measured(mesh.directory, batches));
  tele.push(m.ms);
  shape = m.result;
}
const baseMs = median(base);
const teleMs = median(tele);
const perThousand = (teleMs / ENTRIES) * 1000;
const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg() },
  node: process.version,
  quick,
  entries: ENTRIES,
  batchSize: BATCH,
  repeats: REPEATS,
  telemetry: {
    cpuMs: teleMs,
    entriesPerS: Math.round(ENTRIES / (teleMs / 1000)),
    cpuMsPer1000: perThousand,
    ...shape,
  },
  baseline: { cpuMs: baseMs, cpuMsPer1000: (baseMs / ENTRIES) * 1000 },
  ratio: teleMs / Math.max(baseMs, 1e-3),
  /** Share of one core at 1,600 entries/s (8 proxies at 200 requests/s). */
  coreShareAt1600: (perThousand * 1.6) / 1000,
};
mkdirSync(here('../bench-results'), { recursive: true });
writeFileSync(here('../bench-results/telemetry.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`telemetry ingest (${ENTRIES} entries in batches of ${BATCH}, medians of ${REPEATS}):`);
console.log(
  `  telemetry: ${teleMs.toFixed(1)} ms CPU, ${results.telemetry.entriesPerS} entries/s, ${perThousand.toFixed(3)} ms per 1,000 entries`,
);
console.log(
  `  baseline walk: ${baseMs.toFixed(1)} ms CPU, ${results.baseline.cpuMsPer1000.toFixed(3)} ms per 1,000 entries`,
);
console.log(`  ratio to baseline: ${results.ratio.toFixed(1)}x`);
console.log(`  at 1,600 entries/s: ${(results.coreShareAt1600 * 100).toFixed(2)}% of one core`);
console.log(
  `  (${shape.ticks} ticks, ${shape.taken} records taken, ${shape.edges} edges, ${shape.keys} golden keys)`,
);
console.log('results: bench-results/telemetry.json');
