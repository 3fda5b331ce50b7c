// What `mesh dev` checks before it starts anything, each failure one clear line saying what to do: DIR exists, the
// fixed ports it listens on are free, the proxy is built, and every `minimesh.dev/run` script exists in DIR.
import { existsSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, isAbsolute, join } from 'node:path';
import { runningAsSea } from '../sea/sea-mode.js';
import type { LocalWorkload } from './workloads.js';

export type DevErrorCode =
  | 'MESH_DIR_MISSING'
  | 'MESH_LOAD_FAILED'
  | 'MESH_PORT_IN_USE'
  | 'MESH_PROXY_MISSING'
  | 'MESH_APP_MISSING'
  | 'MESH_NOT_READY';

/** Why `mesh dev` could not start (nothing is left running when it is thrown). */
export class DevStartError extends Error {
  constructor(
    readonly code: DevErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DevStartError';
  }
}

export async function checkDirectory(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined)
    throw new DevStartError(
      'MESH_DIR_MISSING',
      `${dir} does not exist; expected a directory of manifests, e.g. mesh dev ./examples/bookinfo`,
    );
  if (!info.isDirectory())
    throw new DevStartError(
      'MESH_DIR_MISSING',
      `${dir} is not a directory; expected a directory of manifests, e.g. mesh dev ./examples/bookinfo`,
    );
}

/** One fixed port `mesh dev` listens on: what it is for and the option that changes it. */
export interface FixedPort {
  readonly port: number;
  readonly what: string;
  readonly option: string;
}

/** True when 127.0.0.1:port can be bound now. */
export function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen({ port, host, exclusive: true }, () => s.close(() => resolve(true)));
  });
}

/** Throws MESH_PORT_IN_USE for the first fixed port (non-zero) that is taken. */
export async function checkPorts(ports: readonly FixedPort[], host = '127.0.0.1'): Promise<void> {
  for (const p of ports) {
    if (p.port === 0) continue;
    if (!(await portFree(p.port, host)))
      throw new DevStartError(
        'MESH_PORT_IN_USE',
        `${host}:${p.port} (the ${p.what}) is in use; stop what listens there (another \`mesh dev\`?) or choose another port with ${p.option} <port> (0 = any free port)`,
      );
  }
}

/** The built `mesh-proxy` script of @minimesh/proxy (in the single executable: the binary, see ../sea/sea-mode.ts). */
export function proxyScript(): string {
  if (runningAsSea()) return process.execPath;
  const require = createRequire(import.meta.url);
  let pkgFile: string;
  try {
    pkgFile = require.resolve('@minimesh/proxy/package.json');
  } catch {
    throw new DevStartError(
      'MESH_PROXY_MISSING',
      '@minimesh/proxy is not installed next to @minimesh/cli; expected it as a dependency (reinstall @minimesh/cli)',
    );
  }
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { bin?: Record<string, string> };
  const script = join(dirname(pkgFile), pkg.bin?.['mesh-proxy'] ?? 'dist/bin/mesh-proxy.js');
  if (!existsSync(script))
    throw new DevStartError(
      'MESH_PROXY_MISSING',
      `${script} does not exist; build the proxy first (pnpm -r build)`,
    );
  return script;
}

/**
 * Every `node SCRIPT ...` run spec's SCRIPT exists in DIR (the apps are built); throws MESH_APP_MISSING naming the
 * annotation's file:line and the missing script otherwise.
 */
export function checkRunScripts(dir: string, instances: readonly LocalWorkload[]): void {
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const w of instances) {
    const run = w.run;
    const script = run?.argv[0] === 'node' ? run.argv[1] : undefined;
    if (run === undefined || script === undefined || script.startsWith('-') || seen.has(script)) continue;
    seen.add(script);
    if (!existsSync(isAbsolute(script) ? script : join(dir, script)))
      missing.push(`${run.file}:${run.line} minimesh.dev/run: ${script} does not exist in ${dir}`);
  }
  if (missing.length > 0)
    throw new DevStartError(
      'MESH_APP_MISSING',
      `${missing.join('\n')}\nbuild the apps first (for examples/bookinfo: pnpm --filter @minimesh/example-bookinfo build); nothing was started`,
    );
}
