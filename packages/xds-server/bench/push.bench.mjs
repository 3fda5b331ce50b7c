#!/usr/bin/env node
// Benchmark: push fan-out of the xDS server to simulated ADS clients over loopback (real gRPC streams, one
// HTTP/2 connection per client), with the server alone in this process and the clients in child processes
// (bench/clients.mjs), so the clients' work is not counted against the server and the RSS measured here is the
// server's. Every client is a simulated Envoy that subscribes to a snapshot of SERVICES services (one cluster,
// one ClusterLoadAssignment and one API listener each, and one route configuration with a virtual host each),
// all clients sharing one snapshot (a node hash that maps every node to one key), and ACKs every response.
//
// For each client count and for state of the world and delta, measured on the server side (callbacks): the
// time from one snapshot update changing every resource (the call to setSnapshot, encoding included) to the
// last ACK of the last client; the time from a one-endpoint change to its ACK by every client; and the
// server's memory per connected client (RSS and heap+external after GC, before and after the clients connect).
// The setSnapshot call is timed too (encoding and checking; with debouncing off, as here, the pushes are queued
// by it and run right after, in slices). Also the CPU time (user + system) the server process and the client
// processes spent per update, which on a shared machine says more than wall time about whose work it is.
// Medians over a few repeats. The baseline, measured in the same run, is a bare @grpc/grpc-js bidi stream
// fan-out: the same number of clients on their own connections, sent pre-built messages of the same sizes
// as the xDS responses (per type), each answered with a small ACK.
//
// BENCH_QUICK=1: 20 clients, 100 services, fewer repeats (CI). BENCH_CLIENTS=100,500 picks the client counts,
// BENCH_MODES=sotw (or delta) one protocol, BENCH_SERVICES the snapshot size.
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { TypeUrl } from '@minimesh/model';
import { fleet } from './fleet.mjs';
import { printReport, writeResult } from './report.mjs';

// BENCH_DIST=path/to/index.js benchmarks another build of the server (e.g. an older one) with the same harness;
// its results are printed, not written.
const dist = process.env.BENCH_DIST;
const { SnapshotCache, XdsServer } = await import(
  dist === undefined ? '../dist/index.js' : pathToFileURL(resolve(dist)).href
);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const quick = process.env.BENCH_QUICK === '1';
const SERVICES = Number(process.env.BENCH_SERVICES ?? (quick ? 100 : 1_000));
const COUNTS = process.env.BENCH_CLIENTS?.split(',').map(Number) ?? (quick ? [20] : [100, 500, 1_000]);
const MODES = process.env.BENCH_MODES?.split(',') ?? ['sotw', 'delta'];
const FULL_REPEATS = quick ? 2 : 3;
const ENDPOINT_REPEATS = 3;
const CHILDREN = 4;
const KEY = 'fleet';
const ROUTE_NAME = 'outbound';
const TYPES = [
  TypeUrl.CLUSTER,
  TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
  TypeUrl.LISTENER,
  TypeUrl.ROUTE_CONFIGURATION,
];

const range = (n) => Array.from({ length: n }, (_, i) => i);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// --- the snapshot (bench/fleet.mjs): generation `gen` changes every resource; `port0` only service 0's endpoint ---
const resources = (gen, port0) => fleet(SERVICES, ROUTE_NAME, gen, port0);

// --- server-side ACK tracking: done when every stream ACKed a response of every expected type sent after t0 ---
const tracker = { expected: undefined, streams: new Map(), done: 0, target: 0, resolve: undefined };
function track(types, clients) {
  tracker.expected = new Set(types);
  tracker.streams = new Map();
  tracker.done = 0;
  tracker.target = clients;
  return new Promise((resolve) => {
    tracker.resolve = resolve;
  });
}
const callbacks = {
  onStreamResponse(info, response) {
    if (tracker.expected === undefined || !tracker.expected.has(response.type_url)) return;
    let s = tracker.streams.get(info.streamId);
    if (s === undefined) {
      s = { pending: new Map(), acked: new Set(), done: false };
      tracker.streams.set(info.streamId, s);
    }
    s.pending.set(response.type_url, response.nonce);
  },
  onStreamRequest(info, request) {
    const s = tracker.streams.get(info.streamId);
    if (s === undefined || s.done || request.error_detail !== undefined) return;
    const type = request.type_url;
    if (request.response_nonce === undefined || s.pending.get(type) !== request.response_nonce) return;
    s.pending.delete(type);
    s.acked.add(type);
    if (s.pending.size === 0 && s.acked.size === tracker.expected.size) {
      s.done = true;
      if (++tracker.done === tracker.target) {
        tracker.expected = undefined;
        tracker.resolve(performance.now());
      }
    }
  },
};

// --- memory of this process after GC ---
async function memory() {
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(50);
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed + m.external };
}
const perClientKb = (before, after, n) => ({
  rss: Math.max(0, (after.rss - before.rss) / n / 1024),
  heap: Math.max(0, (after.heap - before.heap) / n / 1024),
});

// --- client child processes ---
const children = range(CHILDREN).map(() =>
  fork(new URL('./clients.mjs', import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
);
const ask = (child, msg, reply) =>
  new Promise((resolve) => {
    const on = (m) => {
      if (m.cmd === reply) {
        child.off('message', on);
        resolve(m);
      }
    };
    child.on('message', on);
    child.send(msg);
  });
async function connect(mode, address, n) {
  const edsNames = range(SERVICES).map((i) => `c${i}`);
  const share = Math.ceil(n / CHILDREN);
  await Promise.all(
    children.map((child, k) => {
      const count = Math.max(0, Math.min(share, n - k * share));
      if (count === 0) return Promise.resolve();
      return ask(
        child,
        { cmd: 'start', mode, address, first: k * share, count, edsNames, routeName: ROUTE_NAME },
        'ready',
      );
    }),
  );
}
const disconnect = () => Promise.all(children.map((c) => ask(c, { cmd: 'stop' }, 'stopped')));
// CPU time (user + system, ms) of this process and of all client processes, to tell whose work a time is.
const cpuMs = (u) => (u.user + u.system) / 1000;
const clientsCpuMs = async () =>
  (await Promise.all(children.map((c) => ask(c, { cmd: 'cpu' }, 'cpu')))).reduce(
    (a, m) => a + cpuMs(m.usage),
    0,
  );
/** Runs `update` (which starts the work and returns when it is done) and returns the CPU each side spent. */
async function cpuOf(label, update) {
  const clients0 = await clientsCpuMs();
  const server0 = process.cpuUsage();
  await profiler?.post('Profiler.start');
  await update();
  const server = cpuMs(process.cpuUsage(server0));
  await profiler?.post('Profiler.stop').then(({ profile }) => profiles.push({ label, profile }));
  return { server, clients: (await clientsCpuMs()) - clients0 };
}
// BENCH_PROFILE=dir: CPU profiles of the server process over each timed update only, one file per update
// (<protocol>-<clients>-full-<repeat>.cpuprofile, ...; open them in Chrome DevTools).
const profiler = process.env.BENCH_PROFILE ? new Session() : undefined;
const profiles = [];
profiler?.connect();
await profiler?.post('Profiler.enable');
const sizes = async () => (await ask(children[0], { cmd: 'sizes' }, 'sizes')).sizes;

// --- the xDS runs ---
const cache = new SnapshotCache({ debounce: { delayMs: 0 }, nodeHash: () => KEY });
let gen = 0;
let port0 = 10_000;
cache.setSnapshot(KEY, resources(gen, port0));
const server = await XdsServer.start({
  cache,
  callbacks,
  grpcOptions: { 'grpc.max_concurrent_streams': 1_000 },
});

async function xdsRun(mode, n) {
  const before = await memory();
  let t0 = performance.now();
  await connect(mode, server.address, n);
  const initialSyncMs = performance.now() - t0;
  await sleep(300);
  const mem = perClientKb(before, await memory(), n);
  const full = [];
  const fullCpu = [];
  const setSnapshotMs = [];
  for (let r = 0; r < FULL_REPEATS; r++) {
    gen++;
    const next = resources(gen, port0);
    const cpu = await cpuOf(`${mode}-${n}-full-${r}`, async () => {
      const done = track(TYPES, n);
      t0 = performance.now();
      cache.setSnapshot(KEY, next);
      setSnapshotMs.push(performance.now() - t0);
      full.push((await done) - t0);
    });
    fullCpu.push(cpu);
    await sleep(200);
  }
  const fullSizes = await sizes();
  const endpoint = [];
  const endpointCpu = [];
  for (let r = 0; r < ENDPOINT_REPEATS; r++) {
    port0++;
    const next = resources(gen, port0);
    const cpu = await cpuOf(`${mode}-${n}-endpoint-${r}`, async () => {
      const done = track([TypeUrl.CLUSTER_LOAD_ASSIGNMENT], n);
      t0 = performance.now();
      cache.setSnapshot(KEY, next);
      endpoint.push((await done) - t0);
    });
    endpointCpu.push(cpu);
    await sleep(100);
  }
  const endpointSize = (await sizes())[TypeUrl.CLUSTER_LOAD_ASSIGNMENT];
  await disconnect();
  while (server.proxyStatus().length > 0) await sleep(20);
  return {
    initialSyncMs,
    mem,
    full,
    fullCpu,
    setSnapshotMs,
    endpoint,
    endpointCpu,
    fullSizes: TYPES.map((t) => fullSizes[t]),
    endpointSize,
  };
}

// --- the baseline: a bare grpc-js bidi fan-out of pre-built messages ---
async function baselineRun(n, runs) {
  const streams = [];
  let acks = 0;
  let want = 0;
  let onAll;
  const echo = new Server({ 'grpc.max_concurrent_streams': 1_000 });
  const identity = (b) => b;
  echo.addService(
    {
      Stream: {
        path: '/minimesh.bench.Fanout/Stream',
        requestStream: true,
        responseStream: true,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    },
    {
      Stream: (call) => {
        streams.push(call);
        call.on('data', () => {
          if (++acks === want) onAll?.(performance.now());
        });
        call.on('error', () => {});
        call.write(Buffer.alloc(1));
      },
    },
  );
  const port = await new Promise((resolve, reject) =>
    echo.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  const before = await memory();
  await connect('echo', `127.0.0.1:${port}`, n);
  await sleep(300);
  const mem = perClientKb(before, await memory(), n);
  const fanout = async (messageSizes) => {
    const payloads = messageSizes.map((s) => Buffer.alloc(s, 7));
    acks = 0;
    want = streams.length * payloads.length;
    const done = new Promise((resolve) => {
      onAll = resolve;
    });
    let ms = 0;
    const cpu = await cpuOf(`baseline-${n}-${messageSizes.length}`, async () => {
      const t0 = performance.now();
      for (const call of streams) for (const p of payloads) call.write(p);
      ms = (await done) - t0;
    });
    await sleep(100);
    return { ms, cpu };
  };
  const results = [];
  for (const run of runs) {
    const full = [];
    for (let r = 0; r < FULL_REPEATS; r++) full.push(await fanout(run.fullSizes));
    const endpoint = [];
    for (let r = 0; r < ENDPOINT_REPEATS; r++) endpoint.push(await fanout([run.endpointSize]));
    results.push({
      full: full.map((f) => f.ms),
      fullCpu: full.map((f) => f.cpu),
      endpoint: endpoint.map((e) => e.ms),
    });
  }
  await disconnect();
  for (const call of streams) call.end();
  await new Promise((resolve) => echo.tryShutdown(() => resolve()));
  return { mem, results };
}

// Warm-up (JIT, allocator, first connections), not reported.
await xdsRun('sotw', Math.min(20, COUNTS[0]));
await baselineRun(Math.min(20, COUNTS[0]), []);

const rows = [];
for (const n of COUNTS) {
  const runs = [];
  for (const mode of MODES) {
    const t = performance.now();
    runs.push({ mode, ...(await xdsRun(mode, n)) });
    console.error(`  ${n} clients, ${mode}: measured in ${Math.round((performance.now() - t) / 1000)} s`);
  }
  const base = await baselineRun(n, runs);
  runs.forEach((run, i) => {
    const b = base.results[i];
    rows.push({
      clients: n,
      mode: run.mode,
      initialSyncMs: Math.round(run.initialSyncMs),
      fullUpdateMs: Math.round(median(run.full)),
      fullUpdateBaselineMs: Math.round(median(b.full)),
      fullUpdateServerCpuMs: Math.round(median(run.fullCpu.map((c) => c.server))),
      fullUpdateClientsCpuMs: Math.round(median(run.fullCpu.map((c) => c.clients))),
      fullUpdateBaselineServerCpuMs: Math.round(median(b.fullCpu.map((c) => c.server))),
      fullUpdateBaselineClientsCpuMs: Math.round(median(b.fullCpu.map((c) => c.clients))),
      setSnapshotMs: Math.round(median(run.setSnapshotMs)),
      endpointChangeMs: Number(median(run.endpoint).toFixed(1)),
      endpointChangeBaselineMs: Number(median(b.endpoint).toFixed(1)),
      endpointChangeServerCpuMs: Number(median(run.endpointCpu.map((c) => c.server)).toFixed(1)),
      fullUpdateBytesPerClient: run.fullSizes.reduce((a, s) => a + s, 0),
      endpointChangeBytesPerClient: run.endpointSize,
      rssKbPerClient: Math.round(run.mem.rss),
      heapKbPerClient: Math.round(run.mem.heap),
      baselineRssKbPerClient: Math.round(base.mem.rss),
      baselineHeapKbPerClient: Math.round(base.mem.heap),
    });
  });
}
await server.close(1_000);
for (const c of children) c.disconnect();

const header =
  `xds-server push fan-out: ${SERVICES} services (${SERVICES} clusters, endpoints and listeners, 1 route ` +
  `configuration), clients in ${CHILDREN} child processes, medians of ${FULL_REPEATS} full updates and ` +
  `${ENDPOINT_REPEATS} endpoint changes; baseline: bare grpc-js bidi fan-out of the same message sizes`;
printReport(header, rows, Math.max(...COUNTS));
if (profiler !== undefined) {
  mkdirSync(process.env.BENCH_PROFILE, { recursive: true });
  for (const { label, profile } of profiles) {
    writeFileSync(`${process.env.BENCH_PROFILE}/${label}.cpuprofile`, JSON.stringify(profile)); // last repeat wins
  }
  console.error(`${profiles.length} profiles written to ${process.env.BENCH_PROFILE}`);
}
if (dist === undefined) writeResult({ quick, services: SERVICES, childProcesses: CHILDREN, rows });
