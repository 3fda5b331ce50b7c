// `startDev` / `runDev` called as functions (the binary end to end is in dev-mesh*.test.ts): what they print and
// return for bad input, the `networking/` exclusion, and a run stopped by a signal. The one mesh started here is
// tiny (a Service only: the ingress gateway's proxy is its only process).
import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProgram, runDev, type SignalSource, startDev } from '../src/index.js';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../dist/bin/mesh.js', import.meta.url));
const ports = { gatewayPort: 0, xdsPort: 0, apiPort: 0, dashboardPort: 0 };
/** Log dirs beside the test's DIR (removed with it). */
const logsOf = (dir: string) => ({ logsDir: `${dir}-logs` });

const service =
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\nspec:\n  ports:\n  - port: 9080\n';
const vs = (host: string) =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [${host}]\n  http:\n  - route:\n    - destination: { host: ${host} }\n`;

function collect() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('mesh dev', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mesh-dev-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-logs`, { recursive: true, force: true });
  });

  it('reports invalid manifests with file:line and starts nothing', async () => {
    writeFileSync(join(dir, 'svc.yaml'), service.replace('9080', 'nine'));
    const c = collect();
    const outcome = await startDev({ dir, ...ports, ...logsOf(dir), io: c.io });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.mesh).toBeUndefined();
    expect(outcome.error?.code).toBe('MESH_LOAD_FAILED');
    expect(c.err).toEqual([
      `error: ${join(dir, 'svc.yaml')}:7:11 spec.ports[0].port: expected a number, got "nine"`,
      `mesh dev: 1 error(s) in ${dir}; nothing was started`,
    ]);
    expect(c.out).toEqual([]);
  });

  it('leaves the networking/ task configs out of the start (they are applied one at a time)', async () => {
    writeFileSync(join(dir, 'svc.yaml'), service);
    mkdirSync(join(dir, 'networking'));
    writeFileSync(join(dir, 'networking', 'one.yaml'), vs('reviews'));
    writeFileSync(join(dir, 'networking', 'two.yaml'), vs('reviews'));
    const all = collect();
    const failed = await startDev({ dir, exclude: [], ...ports, ...logsOf(dir), io: all.io });
    expect(failed.exitCode).toBe(1);
    expect(all.err.join('\n')).toMatch(
      /two.yaml:1:1 VirtualService default\/reviews is also defined in .*one.yaml/,
    );
    const c = collect();
    const outcome = await startDev({ dir, ...ports, ...logsOf(dir), io: c.io });
    try {
      expect(outcome.exitCode).toBe(0);
      expect(outcome.mesh?.controlPlane.resources().map((r) => r.kind)).toEqual(['Service']);
      expect(c.out).toHaveLength(1);
      expect(c.out[0]).toMatch(
        /^mesh dev: ready in [\d.]+ s: gateway http:\/\/127\.0\.0\.1:\d+\/, dashboard http:\/\/127\.0\.0\.1:\d+\/, /,
      );
    } finally {
      await outcome.mesh?.stop();
    }
  }, 60_000);

  it('runs until SIGTERM, then stops every process and resolves to 0', async () => {
    writeFileSync(join(dir, 'svc.yaml'), service);
    const signals = new EventEmitter();
    const c = collect();
    const io = {
      out: (l: string) => {
        c.io.out(l);
        if (l.includes('ready in')) setImmediate(() => signals.emit('SIGTERM'));
      },
      err: c.io.err,
    };
    const code = await runDev({ dir, ...ports, ...logsOf(dir), io }, signals as unknown as SignalSource);
    expect(code).toBe(0);
    expect(c.err).toContain('mesh dev: SIGTERM received; stopping 1 processes');
    expect(c.err.at(-1)).toBe('mesh dev: stopped');
    expect(signals.listenerCount('SIGTERM')).toBe(0);
  }, 60_000);

  it('names a missing directory', async () => {
    const lines: string[] = [];
    const code = await createProgram({ out: (l) => lines.push(l), err: (l) => lines.push(l) }).run([
      'dev',
      join(dir, 'nope'),
    ]);
    expect(code).toBe(1);
    expect(lines).toEqual([
      `mesh dev: ${join(dir, 'nope')} does not exist; expected a directory of manifests, e.g. mesh dev ./examples/bookinfo`,
    ]);
  });

  it('runs as the `mesh` binary: --version, --help', async () => {
    const version = await run(process.execPath, [bin, '--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await run(process.execPath, [bin, '--help']);
    expect(help.stdout).toContain('dev [options] <dir>');
  });
});
