#!/usr/bin/env node
// gRPC benchmark (issue 6): unary calls with a @grpc/grpc-js client (one channel, so one HTTP/2 connection, a
// fixed number of calls in flight) against a @grpc/grpc-js server (bench/grpc-upstream.mjs, 64-byte messages),
// direct and through one minimesh sidecar (the built CLI over real ADS, istiod's outbound shape: RDS, Istio's
// filters and default retry policy, max_grpc_timeout 0, an HTTP/2 cluster). Per target: calls per second over a
// bounded number of calls, p50 / p99 latency per call, and the sidecar's CPU seconds per 1,000 calls; ratios
// against direct measured in the same run. Each repeat runs both targets, the order rotated; medians over repeats.
// BENCH_QUICK=1: one repeat of 20,000 calls (about 10 s). Loopback only. Results in bench-results/grpc.json.
//   npx tsc -b && node bench/grpc.bench.mjs
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Client, credentials, Metadata } from '@grpc/grpc-js';
import { anyOf, TypeUrl } from '@minimesh/model/xds';
import { SnapshotCache, XdsServer } from '@minimesh/xds-server';
import { LISTEN_PORT, proxyResources } from './minimesh-config.mjs';
import { cpuSeconds, freePort, sleep, startProcess, waitHttp } from './proc.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const REPEATS = QUICK ? 1 : Number(process.env.BENCH_REPEATS ?? 3);
const CALLS = QUICK ? 20_000 : 50_000;
const WARMUP = QUICK ? 2_000 : 5_000;
const CONCURRENCY = 32;
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const CLI = here('../dist/bin/mesh-proxy.js');
const identity = (b) => b;
const MESSAGE = Buffer.alloc(64, 120);

if (!existsSync(CLI)) {
  console.error(`grpc bench: ${CLI} is missing; build first (npx tsc -b in packages/proxy)`);
  process.exit(1);
}

/** The proxy bench's outbound config with its cluster speaking HTTP/2 (gRPC). */
function grpcResources(upstreamPort) {
  const r = proxyResources(upstreamPort);
  r.clusters[0].typed_extension_protocol_options = {
    'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': anyOf(TypeUrl.UPSTREAM_HTTP_PROTOCOL_OPTIONS, {
      explicit_http_config: { http2_protocol_options: {} },
    }),
  };
  return r;
}

function call(client) {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest('/bench.Echo/Say', identity, identity, MESSAGE, new Metadata(), {}, (err) =>
      err ? reject(err) : resolve(),
    );
  });
}

/** `total` calls with CONCURRENCY in flight; per-call latencies in ms (only when `record`). */
async function load(client, total, record) {
  const latencies = record ? new Float64Array(total) : undefined;
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      await call(client);
      if (latencies) latencies[i] = performance.now() - t0;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { seconds: (performance.now() - start) / 1000, latencies };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const median = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '-');

const processes = [];
const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
const server = await XdsServer.start({ cache, endpointWaitMs: 200 });
const deadline = setTimeout(
  () => {
    console.error('grpc bench: over its time bound, stopping');
    cleanup().then(() => process.exit(1));
  },
  (QUICK ? 20 : 300) * 1000,
);
async function cleanup() {
  clearTimeout(deadline);
  await Promise.all(processes.map((p) => p.kill()));
  await server.close();
}

try {
  const upstream = startProcess(process.execPath, [here('grpc-upstream.mjs')]);
  processes.push(upstream);
  const until = Date.now() + 10_000;
  while (!/^\d+\s*$/m.test(upstream.output())) {
    if (Date.now() > until) throw new Error(`grpc-upstream did not start: ${upstream.output()}`);
    await sleep(20);
  }
  const upstreamPort = Number(/^(\d+)/m.exec(upstream.output())?.[1]);
  const nodeId = 'sidecar~10.0.0.1~grpc-client-v1-a.default~default.svc.cluster.local';
  cache.setSnapshot(nodeId, grpcResources(upstreamPort));
  const admin = await freePort();
  const port = await freePort();
  const proxy = startProcess(process.execPath, [
    ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []),
    CLI,
    ...['--xds', server.address, '--node-id', nodeId, '--admin-port', String(admin)],
    ...['--port', `${LISTEN_PORT}=${port}`, '--log-level', 'warn'],
  ]);
  processes.push(proxy);
  await waitHttp(`http://127.0.0.1:${admin}/ready`, 15_000, 'mesh-proxy');

  const targets = [
    { name: 'direct', port: upstreamPort, proxy: undefined },
    { name: 'minimesh', port, proxy },
  ];
  const runs = new Map(targets.map((t) => [t.name, []]));
  for (let r = 0; r < REPEATS; r++) {
    const order = targets.map((_, i) => targets[(i + r) % targets.length]);
    for (const t of order) {
      const client = new Client(`127.0.0.1:${t.port}`, credentials.createInsecure());
      try {
        await load(client, WARMUP, false);
        const cpu0 = t.proxy ? cpuSeconds(t.proxy.pid) : Number.NaN;
        const { seconds, latencies } = await load(client, CALLS, true);
        const cpu = t.proxy ? cpuSeconds(t.proxy.pid) - cpu0 : Number.NaN;
        const sorted = Array.from(latencies).sort((a, b) => a - b);
        runs.get(t.name).push({
          rps: CALLS / seconds,
          p50: pct(sorted, 50),
          p99: pct(sorted, 99),
          cpuPer1k: (cpu / CALLS) * 1000,
        });
      } finally {
        client.close();
      }
    }
  }
  const rows = targets.map((t) => {
    const list = runs.get(t.name);
    return {
      name: t.name,
      rps: median(list.map((x) => x.rps)),
      p50: median(list.map((x) => x.p50)),
      p99: median(list.map((x) => x.p99)),
      cpuPer1k: median(list.map((x) => x.cpuPer1k)),
    };
  });
  const [direct, mesh] = rows;
  console.log(
    `gRPC unary, ${CALLS} calls, ${CONCURRENCY} in flight on one channel, ${REPEATS} repeat(s)${QUICK ? ' (quick)' : ''}`,
  );
  console.log('| target   | calls/s | x direct | p50 ms | p99 ms | p99 x direct | CPU s per 1k calls |');
  console.log('| -------- | ------: | -------: | -----: | -----: | -----------: | -----------------: |');
  for (const row of rows) {
    console.log(
      `| ${row.name.padEnd(8)} | ${f(row.rps, 0)} | ${f(row.rps / direct.rps)} | ${f(row.p50, 3)} | ${f(row.p99, 3)} | ${f(row.p99 / direct.p99)} | ${f(row.cpuPer1k, 3)} |`,
    );
  }
  const out = here('../bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    `${out}/grpc.json`,
    `${JSON.stringify({ quick: QUICK, repeats: REPEATS, calls: CALLS, concurrency: CONCURRENCY, rows, ratio: { rps: mesh.rps / direct.rps, p99: mesh.p99 / direct.p99 }, runs: Object.fromEntries(runs) }, null, 2)}\n`,
  );
} finally {
  await cleanup();
}
