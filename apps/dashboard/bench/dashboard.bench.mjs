#!/usr/bin/env node
// The dashboard's cost, measured on a real `mesh dev ./examples/bookinfo` (the built binary) under steady traffic:
//  1. the page: Debian's chromium (playwright-core) shows the dashboard while RATE requests/s flow; every long task
//     (PerformanceObserver 'longtask', > 50 ms) is recorded; the figure is the longest (the goal: none over 100 ms);
//  2. the control plane: CPU of the `mesh dev` process (control plane, ALS ingest, telemetry, websocket pushes; its
//     proxies and apps are other processes) with the dashboard on, against the same mesh run with --no-dashboard
//     (no access log stream, no telemetry) under the same load in the same run; the difference is what telemetry
//     costs, as a share of one core (the goal: under 10%). The proxies' CPU is reported too (the ALS client's cost).
// Traffic: an open loop through the ingress gateway of GET /productpage, each of which the mesh serves as about
// PER_PAGE proxied requests (gateway -> productpage -> details, reviews, and ratings from reviews v2 / v3); RATE is
// the proxied requests per second (default 200, the issue's figure), so RATE / PER_PAGE pages per second.
// BENCH_QUICK=1 runs a few seconds only, to check the bench works. Results in bench-results/dashboard.json.
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const QUICK = process.env.BENCH_QUICK === '1';
const SECONDS = Number(process.env.DASHBOARD_BENCH_SECONDS ?? (QUICK ? 4 : 30));
/** Mesh requests per second (each /productpage is PER_PAGE proxied requests). */
const RATE = Number(process.env.DASHBOARD_BENCH_RATE ?? 200);
const PER_PAGE = 4; // gateway->productpage, productpage->details, productpage->reviews, reviews->ratings (2/3 of them)
const PAGES_PER_S = RATE / PER_PAGE;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(root, 'packages/cli/dist/bin/mesh.js');
const BOOKINFO = join(root, 'examples/bookinfo');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const log = (line) => process.stderr.write(`dashboard.bench: ${line}\n`);

/** utime + stime of a pid, in ms (Linux /proc). */
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // clock ticks of 10 ms (USER_HZ 100)
  } catch {
    return 0;
  }
}

/** Direct children of pid. */
function children(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

async function startMesh(dashboard) {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-dash-bench-'));
  cpSync(join(BOOKINFO, 'manifests'), join(dir, 'manifests'), { recursive: true });
  symlinkSync(join(BOOKINFO, 'dist'), join(dir, 'dist'));
  symlinkSync(join(BOOKINFO, 'node_modules'), join(dir, 'node_modules'));
  const args = [
    BIN,
    'dev',
    dir,
    '--gateway-port',
    '0',
    '--xds-port',
    '0',
    '--api-port',
    '0',
    '--logs',
    `${dir}-logs`,
  ];
  args.push(...(dashboard ? ['--dashboard-port', '0'] : ['--no-dashboard']));
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', () => undefined);
  const until = Date.now() + 120_000;
  for (;;) {
    const m = /gateway (http:\/\/127\.0\.0\.1:\d+)\S*, (?:dashboard (\S+), )?control plane/.exec(out);
    if (m) {
      const close = async () => {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
        rmSync(dir, { recursive: true, force: true });
        rmSync(`${dir}-logs`, { recursive: true, force: true });
      };
      return { child, gateway: m[1], dashboard: m[2], close };
    }
    if (child.exitCode !== null || Date.now() > until) throw new Error(`mesh dev did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Open loop: PAGES_PER_S /productpage per second for SECONDS; resolves to {sent, ok, failed}. */
async function load(gateway, seconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let sent = 0;
  let ok = 0;
  let failed = 0;
  const pending = new Set();
  const start = performance.now();
  const one = () =>
    new Promise((resolve) => {
      const req = request(`${gateway}/productpage`, { agent, timeout: 10_000 }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) ok++;
          else failed++;
          resolve();
        });
      });
      req.on('error', () => {
        failed++;
        resolve();
      });
      req.on('timeout', () => req.destroy());
      req.end();
    });
  while (performance.now() - start < seconds * 1000) {
    const due = Math.floor(((performance.now() - start) / 1000) * PAGES_PER_S);
    while (sent < due) {
      sent++;
      const p = one();
      pending.add(p);
      p.then(() => pending.delete(p));
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await Promise.all(pending);
  agent.destroy();
  return { sent, ok, failed };
}

async function run(dashboard) {
  const mesh = await startMesh(dashboard);
  let browser;
  try {
    await load(mesh.gateway, QUICK ? 1 : 3); // warm-up: connections, JIT, first telemetry
    let page;
    if (dashboard) {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.addInitScript(() => {
        window.__longTasks = [];
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) window.__longTasks.push(e.duration);
        }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(mesh.dashboard);
      await page.locator('[data-testid="connection"]', { hasText: 'live' }).waitFor({ timeout: 30_000 });
    }
    const proxies = () => children(mesh.child.pid).reduce((s, p) => s + cpuMs(p), 0);
    const cp0 = cpuMs(mesh.child.pid);
    const px0 = proxies();
    const t0 = performance.now();
    const views = ['graph', 'requests', 'metrics', 'graph'];
    const traffic = load(mesh.gateway, SECONDS);
    const longTasks = [];
    const byView = {};
    if (page) {
      // The user looks at each view in turn while the traffic flows; long tasks are counted per view.
      await page.evaluate(() => {
        window.__longTasks = [];
      });
      for (const v of views) {
        await page.locator(`[data-testid="nav-${v}"]`).click();
        await new Promise((r) => setTimeout(r, (SECONDS * 1000) / views.length));
        const got = await page.evaluate(() => window.__longTasks.splice(0));
        longTasks.push(...got);
        byView[v] = Math.max(byView[v] ?? 0, ...got, 0);
      }
    }
    const result = await traffic;
    const wallMs = performance.now() - t0;
    const cp = cpuMs(mesh.child.pid) - cp0;
    const px = proxies() - px0;
    return { ...result, wallMs, cpShare: cp / wallMs, pxShare: px / wallMs, longTasks, byView };
  } finally {
    await browser?.close();
    await mesh.close();
  }
}

if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build first`);
if (!existsSync(CHROMIUM))
  throw new Error(`${CHROMIUM} is missing: sh scripts/install-debian-deps.sh as root`);
log(
  `${SECONDS} s at ${PAGES_PER_S} /productpage per s (~${RATE} proxied requests/s)${QUICK ? ' (quick)' : ''}`,
);
const off = await run(false);
const on = await run(true);
const pct = (x) => `${(x * 100).toFixed(1)}%`;
/** `xN baseline`, when the baseline is large enough for a ratio to mean something. */
const times = (a, b) => (b >= 0.005 ? ` (x${(a / b).toFixed(2)} baseline)` : '');
const maxLong = on.longTasks.length === 0 ? 0 : Math.max(...on.longTasks);
const lines = [
  `requests: baseline ${off.ok}/${off.sent} ok, dashboard ${on.ok}/${on.sent} ok`,
  `control plane CPU (share of one core): baseline --no-dashboard ${pct(off.cpShare)}, dashboard ${pct(on.cpShare)}, telemetry ${pct(on.cpShare - off.cpShare)}${times(on.cpShare, off.cpShare)}`,
  `proxies' CPU (all, share of one core): baseline ${pct(off.pxShare)}, with the access log stream ${pct(on.pxShare)}${times(on.pxShare, off.pxShare)}`,
  `page long tasks: ${on.longTasks.length}, longest ${maxLong.toFixed(0)} ms (goal: none over 100 ms); longest by view: ${Object.entries(
    on.byView,
  )
    .map(([v, ms]) => `${v} ${ms.toFixed(0)} ms`)
    .join(', ')}`,
];
for (const l of lines) process.stdout.write(`dashboard.bench: ${l}\n`);
const results = {
  quick: QUICK,
  seconds: SECONDS,
  pagesPerSecond: PAGES_PER_S,
  proxiedRequestsPerSecond: RATE,
  baseline: { sent: off.sent, ok: off.ok, controlPlaneCore: off.cpShare, proxiesCore: off.pxShare },
  dashboard: {
    sent: on.sent,
    ok: on.ok,
    controlPlaneCore: on.cpShare,
    proxiesCore: on.pxShare,
    longTasks: on.longTasks.length,
    longestTaskMs: maxLong,
    longestTaskMsByView: on.byView,
  },
  telemetryCore: on.cpShare - off.cpShare,
};
mkdirSync(join(fileURLToPath(new URL('..', import.meta.url)), 'bench-results'), { recursive: true });
writeFileSync(
  fileURLToPath(new URL('../bench-results/dashboard.json', import.meta.url)),
  `${JSON.stringify(results, null, 2)}\n`,
);
if (on.sent === 0 || on.ok === 0) process.exit(1);
