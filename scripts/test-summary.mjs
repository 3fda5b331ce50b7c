#!/usr/bin/env node
// Sums the vitest JSON reports (.vitest-report.json) of every workspace package and prints one plain line,
// `N passed, N failed`. Exits 1 when a test failed or a package's run left no report although it has tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
let passed = 0;
let failed = 0;
let missing = 0;
for (const group of ['packages', 'apps', 'examples']) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir)) {
    const pkgDir = join(dir, name);
    const pkgJson = join(pkgDir, 'package.json');
    if (!existsSync(pkgJson)) continue;
    const pkg = JSON.parse(readFileSync(pkgJson, 'utf8'));
    if (!pkg.scripts?.test) continue;
    const report = join(pkgDir, '.vitest-report.json');
    if (!existsSync(report)) {
      console.error(`${pkg.name}: no test report (did its tests run?)`);
      missing++;
      continue;
    }
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed += r.numPassedTests ?? 0;
    // A file that fails to load counts as a failure even though none of its tests ran.
    const failedTests = r.numFailedTests ?? 0;
    failed += failedTests > 0 ? failedTests : (r.numFailedTestSuites ?? 0);
  }
}
console.log(`${passed} passed, ${failed + missing} failed`);
process.exit(failed + missing > 0 ? 1 : 0);
