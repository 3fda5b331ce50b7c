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
// The setSnapshot call is timed too: with debouncing off (as here) it includes the pushes it triggers
// synchronously. Medians over a few repeats. The baseline, measured in the same run, is a bare @grpc/grpc-js bidi stream
// fan-out: the same number of clients on their own connections, sent pre-built messages of the same sizes
// as the xDS responses (per type), each answered with a small ACK.
//
// BENCH_QUICK=1: 20 clients, 100 services, fewer repeats (CI). BENCH_CLIENTS=100,500 picks the client counts,
// BENCH_MODES=sotw (or delta) one protocol, BENCH_SERVICES the snapshot size.
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { anyOf, TypeUrl } from '@minimesh/model';
import { SnapshotCache, XdsServer } from '../dist/index.js';

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

// --- the snapshot: generation `gen` changes every resource; `port0` changes only service 0's endpoint ---
function resources(gen, port0) {
  return {
    clusters: range(SERVICES).map((i) => ({
      name: `c${i}`,
      type: 'EDS',
      connect_timeout: { seconds: String(1 + gen) },
      eds_cluster_config: { eds_config: { ads: {}, resource_api_version: 'V3' } },
    })),
    endpoints: range(SERVICES).map((i) => ({
      cluster_name: `c${i}`,
      endpoints: [
        {
          locality: { region: 'r', zone: 'z' },
          lb_endpoints: [0, 1].map((j) => ({
            endpoint: {
              address: {
                socket_address: {
                  address: `10.${gen % 250}.${i >> 8}.${(i & 255) + j}`,
                  port_value: i === 0 && j === 0 ? port0 : 8080,
                },
              },
            },
          })),
        },
      ],
    })),
    listeners: range(SERVICES).map((i) => ({
      name: `svc${i}.bench:80`,
      api_listener: {
        api_listener: anyOf(TypeUrl.HTTP_CONNECTION_MANAGER, {
          stat_prefix: `svc${i}-${gen}`,
          rds: { route_config_name: ROUTE_NAME, config_source: { ads: {}, resource_api_version: 'V3' } },
          http_filters: [{ name: 'router', typed_config: anyOf(TypeUrl.ROUTER, {}) }],
        }),
      },
    })),
    routes: [
      {
        name: ROUTE_NAME,
        virtual_hosts: range(SERVICES).map((i) => ({
          name: `svc${i}`,
          domains: [`svc${i}.bench`, `svc${i}.bench:80`],
          routes: [
            { match: { prefix: '/' }, route: { cluster: `c${i}`, timeout: { seconds: String(1 + gen) } } },
          ],
        })),
      },
    ],
  };
}

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
  const setSnapshotMs = [];
  for (let r = 0; r < FULL_REPEATS; r++) {
    gen++;
    const done = track(TYPES, n);
    t0 = performance.now();
    cache.setSnapshot(KEY, resources(gen, port0));
    setSnapshotMs.push(performance.now() - t0);
    full.push((await done) - t0);
    await sleep(200);
  }
  const fullSizes = await sizes();
  const endpoint = [];
  for (let r = 0; r < ENDPOINT_REPEATS; r++) {
    port0++;
    const done = track([TypeUrl.CLUSTER_LOAD_ASSIGNMENT], n);
    t0 = performance.now();
    cache.setSnapshot(KEY, resources(gen, port0));
    endpoint.push((await done) - t0);
    await sleep(100);
  }
  const endpointSize = (await sizes())[TypeUrl.CLUSTER_LOAD_ASSIGNMENT];
  await disconnect();
  while (server.proxyStatus().length > 0) await sleep(20);
  return {
    initialSyncMs,
    mem,
    full,
    setSnapshotMs,
    endpoint,
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
    const t0 = performance.now();
    for (const call of streams) for (const p of payloads) call.write(p);
    const ms = (await done) - t0;
    await sleep(100);
    return ms;
  };
  const results = [];
  for (const run of runs) {
    const full = [];
    for (let r = 0; r < FULL_REPEATS; r++) full.push(await fanout(run.fullSizes));
    const endpoint = [];
    for (let r = 0; r < ENDPOINT_REPEATS; r++) endpoint.push(await fanout([run.endpointSize]));
    results.push({ full, endpoint });
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
      setSnapshotMs: Math.round(median(run.setSnapshotMs)),
      endpointChangeMs: Number(median(run.endpoint).toFixed(1)),
      endpointChangeBaselineMs: Number(median(b.endpoint).toFixed(1)),
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

const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(1)}x` : '-');
console.log(
  `xds-server push fan-out: ${SERVICES} services (${SERVICES} clusters, endpoints and listeners, 1 route ` +
    `configuration), clients in ${CHILDREN} child processes, medians of ${FULL_REPEATS} full updates and ` +
    `${ENDPOINT_REPEATS} endpoint changes; baseline: bare grpc-js bidi fan-out of the same message sizes`,
);
console.table(
  rows.map((r) => ({
    clients: r.clients,
    protocol: r.mode,
    'initial sync ms': r.initialSyncMs,
    'full update ms': r.fullUpdateMs,
    'baseline ms': r.fullUpdateBaselineMs,
    'full ratio': ratio(r.fullUpdateMs, r.fullUpdateBaselineMs),
    'setSnapshot call ms': r.setSnapshotMs,
    'KB/client': Math.round(r.fullUpdateBytesPerClient / 1024),
    '1-endpoint ms': r.endpointChangeMs,
    'baseline ms ': r.endpointChangeBaselineMs,
    'endpoint ratio': ratio(r.endpointChangeMs, r.endpointChangeBaselineMs),
    'EDS bytes': r.endpointChangeBytesPerClient,
    'server RSS KB/client': r.rssKbPerClient,
    'heap KB/client': r.heapKbPerClient,
    'baseline RSS KB/client': r.baselineRssKbPerClient,
  })),
);
const largest = Math.max(...COUNTS);
for (const r of rows.filter((x) => x.clients === largest)) {
  console.log(
    `goals at ${largest} clients (${r.mode}): full update ${r.fullUpdateMs} ms (goal 2000 ms at 1,000 clients), ` +
      `one endpoint ${r.endpointChangeMs} ms (goal 200 ms), ${r.rssKbPerClient} KB RSS per client (goal < 200 KB)`,
  );
}
const result = { quick, services: SERVICES, childProcesses: CHILDREN, rows };
mkdirSync(new URL('../../../bench-results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../../../bench-results/xds-server-push.json', import.meta.url),
  `${JSON.stringify(result, null, 2)}\n`,
);
