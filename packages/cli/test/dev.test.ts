import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProgram, startDev } from '../src/index.js';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../dist/bin/mesh.js', import.meta.url));

describe('mesh dev', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mesh-dev-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports invalid manifests with file:line and starts nothing', async () => {
    writeFileSync(
      join(dir, 'svc.yaml'),
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\nspec:\n  ports:\n  - port: nine\n',
    );
    const outcome = await startDev({ dir });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.stderr).toEqual([
      `error: ${join(dir, 'svc.yaml')}:7:11 spec.ports[0].port: expected a number, got "nine"`,
      `mesh dev: 1 error(s) in ${dir}; nothing was started`,
    ]);
  });

  it('loads valid manifests and says the dev mesh is not built yet', async () => {
    writeFileSync(
      join(dir, 'svc.yaml'),
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\nspec:\n  ports:\n  - port: 9080\n',
    );
    const outcome = await startDev({ dir });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.stdout).toEqual([`mesh dev: loaded 1 resource(s) from ${dir} (1 Service)`]);
    expect(outcome.stderr.at(-1)).toMatch(/the dev mesh is not built yet/);
  });

  it('leaves the networking/ task configs out of the start (they are applied one at a time)', async () => {
    const service =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\nspec:\n  ports:\n  - port: 9080\n';
    const vs = (host: string) =>
      `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [${host}]\n  http:\n  - route:\n    - destination: { host: ${host} }\n`;
    writeFileSync(join(dir, 'svc.yaml'), service);
    mkdirSync(join(dir, 'networking'));
    writeFileSync(join(dir, 'networking', 'one.yaml'), vs('reviews'));
    writeFileSync(join(dir, 'networking', 'two.yaml'), vs('reviews'));
    const outcome = await startDev({ dir });
    expect(outcome.stdout).toEqual([`mesh dev: loaded 1 resource(s) from ${dir} (1 Service)`]);
    expect(outcome.stderr.join('\n')).not.toMatch(/VirtualService/);
    const all = await startDev({ dir, exclude: [] });
    expect(all.stderr.join('\n')).toMatch(/expected a unique name: VirtualService default\/reviews/);
  });

  it('names a missing directory', async () => {
    const lines: string[] = [];
    const code = await createProgram({ out: (l) => lines.push(l), err: (l) => lines.push(l) }).run([
      'dev',
      join(dir, 'nope'),
    ]);
    expect(code).toBe(1);
    expect(lines[0]).toBe(
      `error: ${join(dir, 'nope')}:1:1 ${join(dir, 'nope')} does not exist; expected a readable manifest file or directory`,
    );
  });

  it('runs as the `mesh` binary: --version, --help, and dev', async () => {
    const version = await run(process.execPath, [bin, '--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await run(process.execPath, [bin, '--help']);
    expect(help.stdout).toContain('dev <dir>');
    const dev = await run(process.execPath, [bin, 'dev', dir]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect('code' in dev && dev.code).toBe(1);
    expect('stderr' in dev && dev.stderr).toMatch(/not built yet/);
  });
});
