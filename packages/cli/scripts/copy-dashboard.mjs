#!/usr/bin/env node
// prepack: copies the dashboard page's build (apps/dashboard/dist/web, `vite build`) into packages/cli/dashboard so
// the published cli serves it (src/dashboard/static-assets.ts looks there first). Fails when the page is not built:
// a published cli without its dashboard would be a broken release.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(cli, '..', '..', 'apps', 'dashboard', 'dist', 'web');
const to = join(cli, 'dashboard');
if (!existsSync(join(from, 'index.html'))) {
  process.stderr.write(
    `copy-dashboard: ${from}/index.html is missing; build the page first: pnpm --filter @minimesh/dashboard build\n`,
  );
  process.exit(1);
}
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });
process.stderr.write(`copy-dashboard: ${from} -> ${to}\n`);
