// The files built into the single executable, read through node:fs as if they were on disk. scripts/build-sea.mjs
// rewrites every bundled module's `import.meta.url` to a URL under SEA_ROOT (its path in the repository) and embeds
// the files the code reads at run time as SEA assets keyed by their repository path (e.g.
// "packages/model/src/generated/envoy.json"). installEmbeddedFiles() makes fs.existsSync and fs.readFileSync answer
// for paths (strings, file: URLs) under SEA_ROOT from those assets; every other path goes to node:fs unchanged.
// Invariants: only these two functions are wrapped, only in the SEA (the bundle shares one node:fs object with every
// module, so the wrap is seen everywhere), and only before the CLI's modules are loaded (main.ts imports them after).
import { Buffer } from 'node:buffer';
import { fileURLToPath } from 'node:url';
import { SEA_ROOT } from './sea-mode.js';

/** node:sea's getAsset (only usable in the SEA). */
type GetAsset = (key: string) => ArrayBuffer;

/** The repository path of a path or file: URL under SEA_ROOT, else undefined. */
export function embeddedKey(path: unknown): string | undefined {
  let p: string | undefined;
  if (path instanceof URL) p = path.protocol === 'file:' ? fileURLToPath(path) : undefined;
  else if (typeof path === 'string') p = path.startsWith('file:') ? fileURLToPath(path) : path;
  return p?.startsWith(SEA_ROOT) ? p.slice(SEA_ROOT.length) : undefined;
}

/** An ENOENT error as node:fs throws it, for an embedded path that has no asset. */
function notFound(key: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(
    `ENOENT: no such file or directory, open '${SEA_ROOT}${key}' (not embedded in the mesh binary; rebuild it with pnpm --filter @minimesh/cli build:sea)`,
  );
  err.code = 'ENOENT';
  err.errno = -2;
  err.syscall = 'open';
  err.path = `${SEA_ROOT}${key}`;
  return err;
}

/** The bytes of an embedded file, or undefined when it is not embedded. */
export function readEmbedded(key: string): Buffer | undefined {
  const sea = process.getBuiltinModule('node:sea') as { getAsset: GetAsset } | undefined;
  try {
    const bytes = sea?.getAsset(key);
    return bytes === undefined ? undefined : Buffer.from(bytes);
  } catch {
    return undefined;
  }
}

/** Wraps fs.existsSync and fs.readFileSync to serve embedded files (call once, first thing, in the SEA). */
export function installEmbeddedFiles(): void {
  const fs = process.getBuiltinModule('node:fs');
  const existsSync = fs.existsSync;
  const readFileSync = fs.readFileSync as (path: unknown, options?: unknown) => string | Buffer;
  const wrapped = {
    existsSync(path: unknown): boolean {
      const key = embeddedKey(path);
      return key === undefined ? existsSync(path as string) : readEmbedded(key) !== undefined;
    },
    readFileSync(path: unknown, options?: unknown): string | Buffer {
      const key = embeddedKey(path);
      if (key === undefined) return readFileSync(path, options);
      const bytes = readEmbedded(key);
      if (bytes === undefined) throw notFound(key);
      const encoding =
        typeof options === 'string' ? options : (options as { encoding?: string } | undefined)?.encoding;
      return encoding === undefined || encoding === null ? bytes : bytes.toString(encoding as BufferEncoding);
    },
  };
  Object.assign(fs, wrapped);
}
