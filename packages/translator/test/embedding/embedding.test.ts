// Embedding as a user does it: pack @minimesh/model and @minimesh/translator (pnpm pack), install the tarballs
// into an empty project outside the workspace with npm, and run the README's script there against Istio's
// bookinfo manifests. Needs the npm registry for the packages' own dependencies.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const packages = fileURLToPath(new URL('../../../', import.meta.url));
const bookinfo = fileURLToPath(
  new URL('../../../../../shared/istio-samples/samples/bookinfo/platform/kube', import.meta.url),
);

/** pnpm as the current run invoked it (CI runs `npx pnpm@10`), else from PATH. */
function pnpm(args: string[], cwd: string) {
  const execpath = process.env.npm_execpath;
  return execpath && /pnpm/.test(execpath)
    ? run(process.execPath, [execpath, ...args], { cwd })
    : run('pnpm', args, { cwd });
}

describe('embedding in a project outside the workspace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-embed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('installs the packed tarballs with npm and prints a sidecar clusters', {
    timeout: 180_000,
  }, async () => {
    const tgz = join(dir, 'tgz');
    for (const name of ['model', 'translator'])
      await pnpm(['pack', '--pack-destination', tgz], join(packages, name));
    const tarballs = readdirSync(tgz).map((f) => join(tgz, f));
    expect(tarballs.length).toBe(2);
    const app = join(dir, 'app');
    await run('mkdir', ['-p', app]);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'embed-check', private: true, type: 'module' }),
    );
    await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...tarballs], { cwd: app });
    copyFileSync(join(here, 'clusters.mjs'), join(app, 'clusters.mjs'));
    const { stdout } = await run(process.execPath, ['clusters.mjs', bookinfo], { cwd: app });
    const lines = stdout.trim().split('\n');
    expect(lines).toContain('outbound|9080||reviews.default.svc.cluster.local EDS');
    expect(lines).toContain('PassthroughCluster ORIGINAL_DST');
    expect(lines.length).toBeGreaterThanOrEqual(10);
  });
});
