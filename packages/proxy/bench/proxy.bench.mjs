#!/usr/bin/env node
// Benchmark of issue 5: throughput (wrk, 64 keep-alive connections) and added latency at a fixed 1,000 requests/s
// (bench/pacer.mjs, p50/p90/p99 from the time each request was due), CPU seconds per 1,000 requests and RSS per
// proxy (idle and under load), for: direct to a node:http upstream; nginx (upstream keep-alive); the naive
// node:http + undici proxy (bench/naive-proxy.mjs, the floor); one minimesh proxy (the built CLI, configured over
// real ADS from an XdsServer in this process); two minimesh proxies in series against two nginx in series. Each
// repeat runs every target once, in an order rotated per repeat; medians over repeats. Loopback only.
// BENCH_QUICK=1: one repeat of 1 s runs (< 30 s; CI). Missing nginx or wrk is reported and skipped, never fatal.
//   npx tsc -b && node bench/proxy.bench.mjs      (after ../../scripts/install-debian-deps.sh)
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SnapshotCache, XdsServer } from '@minimesh/xds-server';
import { measureIdleRss } from './idle-rss.mjs';
import { LISTEN_PORT, proxyResources } from './minimesh-config.mjs';
import { NGINX, startNginx } from './nginx.mjs';
import { cpuSeconds, freePort, rssMb, sleep, startProcess, waitHttp } from './proc.mjs';

const run = promisify(execFile);
const QUICK = process.env.BENCH_QUICK === '1';
const REPEATS = QUICK ? 1 : Number(process.env.BENCH_REPEATS ?? 5);
const WRK_SECONDS = QUICK ? 1 : 5;
const PACE_SECONDS = QUICK ? 1 : 5;
/** Seconds paced before the recorded ones (new connections through every hop warm up; not recorded). */
const PACE_WARMUP = QUICK ? 0.5 : 1;
const RATE = 1000;
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const CLI = here('../dist/bin/mesh-proxy.js');
const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((p) => existsSync(p));

if (!existsSync(CLI)) {
  console.error(`proxy bench: ${CLI} is missing; build first (npx tsc -b in packages/proxy)`);
  process.exit(1);
}
if (!WRK) console.log('proxy bench: wrk not installed (scripts/install-debian-deps.sh): throughput skipped');
if (!NGINX)
  console.log('proxy bench: nginx not installed (scripts/install-debian-deps.sh): nginx targets skipped');

/** A node script of this folder as a process printing its port first; resolves when the port is printed. */
async function nodeServer(script, args) {
  const p = startProcess(process.execPath, [here(script), ...args]);
  const until = Date.now() + 10_000;
  while (!/^\d+\s*$/m.test(p.output())) {
    if (Date.now() > until || p.child.exitCode !== null)
      throw new Error(`${script} did not start: ${p.output()}`);
    await sleep(20);
  }
  return { ...p, port: Number(/^(\d+)/m.exec(p.output())?.[1]) };
}

/** One mesh-proxy process configured by `cache` under `nodeId`, its LDS port 9080 on `port`. */
async function meshProxy(server, cache, nodeId, port, upstreamPort) {
  cache.setSnapshot(nodeId, proxyResources(upstreamPort));
  const admin = await freePort();
  const p = startProcess(process.execPath, [
    ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []),
    CLI,
    ...['--xds', server.address, '--node-id', nodeId, '--admin-port', String(admin)],
    ...['--port', `${LISTEN_PORT}=${port}`, '--log-level', 'warn'],
  ]);
  await waitHttp(`http://127.0.0.1:${admin}/ready`, 15_000, `mesh-proxy ${nodeId}`);
  return { ...p, port };
}

async function wrk(port, seconds) {
  const { stdout } = await run(WRK, ['-t1', '-c64', `-d${seconds}s`, `http://127.0.0.1:${port}/`], {
    timeout: (seconds + 20) * 1000,
  });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1]);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
  const errors = /Socket errors: (.*)/.exec(stdout)?.[1];
  return { rps, requests, non2xx, errors };
}

async function pace(port, seconds) {
  const { stdout } = await run(
    process.execPath,
    [here('pacer.mjs'), `http://127.0.0.1:${port}/`, String(RATE), String(seconds), String(PACE_WARMUP)],
    {
      timeout: (seconds + 30) * 1000,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1));
}

/** Runs `fn` while sampling the RSS of `pids` every 100 ms; returns fn's result and the max RSS sum seen. */
async function sampled(pids, fn) {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(
      peak,
      pids.reduce((s, pid) => s + rssMb(pid), 0),
    );
  }, 100);
  try {
    return { result: await fn(), peakRss: peak };
  } finally {
    clearInterval(timer);
  }
}

const cpuOf = (pids) => pids.reduce((s, pid) => s + cpuSeconds(pid), 0);
const median = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

const processes = [];
const cache = new SnapshotCache({ debounce: { delayMs: 0 } });
const server = await XdsServer.start({ cache, endpointWaitMs: 200 });
const deadline = setTimeout(
  () => {
    console.error('proxy bench: over its time bound, stopping');
    cleanup().then(() => process.exit(1));
  },
  (QUICK ? 60 : 900) * 1000,
);
async function cleanup() {
  clearTimeout(deadline);
  await Promise.all(processes.map((p) => p.kill()));
  await server.close();
}

try {
  const upstream = await nodeServer('upstream.mjs', []);
  processes.push(upstream);
  const targets = [{ name: 'direct', port: upstream.port, proxies: [] }];
  const naive = await nodeServer('naive-proxy.mjs', ['0', String(upstream.port)]);
  processes.push(naive);
  targets.push({ name: 'naive proxy', port: naive.port, proxies: [naive] });
  if (NGINX) {
    const n1 = await startNginx(await freePort(), upstream.port);
    processes.push(n1);
    targets.push({ name: 'nginx', port: n1.port, proxies: [n1] });
  }
  const m1Port = await freePort();
  const m1 = await meshProxy(
    server,
    cache,
    'sidecar~10.0.0.1~one-v1-a.default~default.svc.cluster.local',
    m1Port,
    upstream.port,
  );
  processes.push(m1);
  targets.push({ name: 'minimesh', port: m1.port, proxies: [m1] });
  const m2bPort = await freePort();
  const m2b = await meshProxy(
    server,
    cache,
    'sidecar~10.0.0.3~server-v1-a.default~default.svc.cluster.local',
    m2bPort,
    upstream.port,
  );
  const m2aPort = await freePort();
  const m2a = await meshProxy(
    server,
    cache,
    'sidecar~10.0.0.2~client-v1-a.default~default.svc.cluster.local',
    m2aPort,
    m2b.port,
  );
  processes.push(m2a, m2b);
  targets.push({ name: '2x minimesh', port: m2a.port, proxies: [m2a, m2b] });
  if (NGINX) {
    const n2b = await startNginx(await freePort(), upstream.port);
    processes.push(n2b);
    const n2a = await startNginx(await freePort(), n2b.port);
    processes.push(n2a);
    targets.push({ name: '2x nginx', port: n2a.port, proxies: [n2a, n2b] });
  }

  // Idle RSS of every proxy process, before any load (mesh-proxy with this one-route config; the bookinfo
  // productpage config is measured separately below).
  await sleep(QUICK ? 200 : 1_000);
  for (const t of targets) t.idleRss = t.proxies.map((p) => rssMb(p.pid));
  // Warm-up (JIT, connection pools): 1 s of wrk or of pacing per target, not measured.
  for (const t of targets) {
    if (WRK) await wrk(t.port, 1);
    else await pace(t.port, 1);
  }

  const runs = new Map(targets.map((t) => [t.name, []]));
  for (let r = 0; r < REPEATS; r++) {
    const order = targets.map((_, i) => targets[(i + r) % targets.length]);
    for (const t of order) {
      const pids = t.proxies.map((p) => p.pid);
      const m = {};
      if (WRK) {
        const cpu0 = cpuOf(pids);
        const { result, peakRss } = await sampled(pids, () => wrk(t.port, WRK_SECONDS));
        Object.assign(m, {
          rps: result.rps,
          loadRss: peakRss,
          cpuPer1kAtMax: ((cpuOf(pids) - cpu0) / result.requests) * 1000,
        });
        if (result.non2xx || result.errors)
          console.log(`  ${t.name}: wrk non-2xx ${result.non2xx} errors ${result.errors ?? 0}`);
      }
      const cpu0 = cpuOf(pids);
      const lat = await pace(t.port, PACE_SECONDS);
      Object.assign(m, {
        p50: lat.p50,
        dueP99: lat.dueP99,
        p90: lat.p90,
        p99: lat.p99,
        cpuPer1k: ((cpuOf(pids) - cpu0) / lat.sent) * 1000,
      });
      if (lat.errors) console.log(`  ${t.name}: ${lat.errors} paced requests failed`);
      runs.get(t.name).push(m);
      console.log(
        `  repeat ${r + 1} ${t.name}: ${JSON.stringify(m, (_k, v) => (typeof v === 'number' ? Number(v.toFixed(3)) : v))}`,
      );
    }
  }

  const direct = runs.get('direct');
  const d = {
    p50: median(direct.map((m) => m.p50)),
    p90: median(direct.map((m) => m.p90)),
    p99: median(direct.map((m) => m.p99)),
  };
  const rows = targets.map((t) => {
    const ms = runs.get(t.name);
    const med = (k) => median(ms.map((m) => m[k]));
    return {
      target: t.name,
      rps: med('rps'),
      addedP50: med('p50') - d.p50,
      addedP90: med('p90') - d.p90,
      addedP99: med('p99') - d.p99,
      cpuPer1k: t.proxies.length ? med('cpuPer1k') : Number.NaN,
      cpuPer1kAtMax: t.proxies.length ? med('cpuPer1kAtMax') : Number.NaN,
      idleRss: t.idleRss.reduce((s, x) => s + x, 0),
      loadRss: t.proxies.length ? med('loadRss') : Number.NaN,
    };
  });
  const rpsOf = (name) => rows.find((r) => r.target === name)?.rps ?? Number.NaN;
  const f = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
  console.log(
    `\nproxy bench: ${REPEATS} repeat(s), wrk -t1 -c64 ${WRK_SECONDS}s, ${RATE} req/s for ${PACE_SECONDS}s; medians`,
  );
  console.log(`direct latency at ${RATE} req/s: p50 ${f(d.p50, 3)} p90 ${f(d.p90, 3)} p99 ${f(d.p99, 3)} ms`);
  console.log(
    'target        req/s  x nginx  x naive  +p50 ms  +p90 ms  +p99 ms  CPU s/1k@1k  CPU s/1k@max  RSS idle MB  RSS load MB',
  );
  for (const r of rows) {
    console.log(
      [
        r.target.padEnd(12),
        f(r.rps, 0).padStart(6),
        f(r.rps / rpsOf('nginx')).padStart(8),
        f(r.rps / rpsOf('naive proxy')).padStart(8),
        f(r.addedP50, 3).padStart(8),
        f(r.addedP90, 3).padStart(8),
        f(r.addedP99, 3).padStart(8),
        f(r.cpuPer1k, 3).padStart(12),
        f(r.cpuPer1kAtMax, 3).padStart(13),
        f(r.idleRss, 1).padStart(12),
        f(r.loadRss, 1).padStart(12),
      ].join(' '),
    );
  }
  // Read 2 s after /ready and, outside quick mode, 12 s after (settled: V8's memory reducer has run).
  const bookinfo = await measureIdleRss(
    'bookinfo-gateway.productpage.json',
    QUICK ? 300 : 2_000,
    QUICK ? 0 : 12_000,
  );
  const settled = bookinfo.laterRssMb === undefined ? '' : `, settled ${f(bookinfo.laterRssMb, 1)} MB`;
  console.log(
    `mesh-proxy idle RSS with bookinfo's productpage config (${bookinfo.clusters} clusters): ${f(bookinfo.rssMb, 1)} MB 2 s after ready${settled}`,
  );
  const out = here('../bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    `${out}/proxy.json`,
    `${JSON.stringify({ quick: QUICK, repeats: REPEATS, direct: d, rows, bookinfoIdleRss: bookinfo.rssMb, bookinfoSettledRss: bookinfo.laterRssMb, runs: Object.fromEntries(runs) }, null, 2)}\n`,
  );
} finally {
  await cleanup();
}
