#!/usr/bin/env node
// Soak benchmark (issue 6): steady load through two sidecars in series while the config changes every 200 ms
// (weights shift, endpoints come and go, a subset cluster is added and removed, routes are replaced, listeners are
// re-sent). It runs the soak test (test/soak/config-churn.test.ts) for SOAK_SECONDS, 60 by default and 5 with
// BENCH_QUICK=1, then prints its report: requests, failed requests (the figure that matters: it must be 0),
// requests per second, config generations pushed and versions each proxy ACKed. Loopback only.
// Results in bench-results/soak.json, one entry per duration.
//   npx tsc -b && node bench/soak.bench.mjs
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const QUICK = process.env.BENCH_QUICK === '1';
const seconds = process.env.SOAK_SECONDS ?? (QUICK ? '5' : '60');
const root = fileURLToPath(new URL('..', import.meta.url));
// vitest's own entry, beside its package.json (the workspace root holds vitest).
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

const run = spawnSync(process.execPath, [vitest, 'run', 'test/soak/config-churn.test.ts'], {
  cwd: root,
  env: { ...process.env, SOAK_SECONDS: seconds },
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
});
const report = /config churn soak: (\{.*\})/.exec(run.stdout ?? '');
if (run.status !== 0 || report === null) {
  process.stdout.write(run.stdout ?? '');
  console.error(`soak bench: the soak test failed (exit ${run.status})`);
  process.exit(1);
}
const r = JSON.parse(report[1]);
console.log(
  `soak: ${r.seconds} s, ${r.clients} keep-alive clients through two sidecars, config changed every 200 ms`,
);
console.log(`  requests ${r.requests}, failed ${r.failures}, ${r.requestsPerSecond} requests/s`);
console.log(
  `  config generations ${r.generations}; versions ACKed: client sidecar ${r.configVersionsApplied.client}, server sidecar ${r.configVersionsApplied.server}; NACKs ${r.nacks.client + r.nacks.server}`,
);
const saved = JSON.parse(readFileSync(new URL('../bench-results/soak.json', import.meta.url), 'utf8'));
console.log(`  saved in bench-results/soak.json (${Object.keys(saved).join(', ')})`);
