// Loads every manifest file (.yaml, .yml, .json) under a directory, in sorted path order, skipping hidden
// entries and node_modules. One unreadable or invalid file never stops the others from loading.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Diagnostic, DiagnosticCode } from '../errors/diagnostic.js';
import { dedupe } from './duplicates.js';
import { DEFAULT_LIMITS } from './limits.js';
import { type LoadOptions, loadManifests } from './load-manifests.js';
import { type LoadedResource, type LoadResult, makeResult } from './loaded-resource.js';

export const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

/**
 * Files of JavaScript and other tooling that live beside manifests in a project directory and are never
 * Kubernetes objects (`package.json`, `tsconfig.json`, lock files, ...).
 */
const TOOL_FILES =
  /^(package(-lock)?\.json|npm-shrinkwrap\.json|tsconfig(\..*)?\.json|jsconfig\.json|biome\.jsonc?|turbo\.json|pnpm-lock\.yaml|pnpm-workspace\.yaml|\.?yarnrc\.yml|renovate\.json|lerna\.json|nx\.json|vercel\.json|composer\.json)$/;

export function isManifestFile(name: string): boolean {
  return (
    MANIFEST_EXTENSIONS.some((ext) => name.endsWith(ext)) && !name.startsWith('.') && !TOOL_FILES.test(name)
  );
}

/**
 * A JSON file in a directory is a manifest only when its top level says so (`apiVersion` or `kind`): JSON
 * beside manifests is usually data or tool configuration. Unparseable JSON is kept, so its error is reported.
 */
function isJsonManifest(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return (
      typeof value !== 'object' ||
      value === null ||
      Array.isArray(value) ||
      'apiVersion' in value ||
      'kind' in value
    );
  } catch {
    return true;
  }
}

/** The manifest files under `dir`, recursively, sorted; directories named `.x` and node_modules are skipped. */
export async function listManifestFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && isManifestFile(e.name)) out.push(p);
    }
  };
  await walk(dir);
  return out;
}

/** Loads one file; the file's path (as given) names it in diagnostics. */
export async function loadFile(path: string, options: Omit<LoadOptions, 'file'> = {}): Promise<LoadResult> {
  const maxBytes = options.limits?.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  try {
    const info = await stat(path);
    if (!info.isFile()) return unreadable(path, 'is not a regular file');
    // Refuse before reading: a huge file is never read into memory.
    if (info.size > maxBytes) {
      const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
      return makeResult(
        [],
        [
          diag(
            DiagnosticCode.FileTooLarge,
            path,
            `file is ${mb(info.size)}; expected at most ${mb(maxBytes)} (split it into smaller files)`,
          ),
        ],
      );
    }
    const bytes = await readFile(path);
    return loadManifests(bytes, { ...options, file: path });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return unreadable(
      path,
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES'
          ? 'is not readable (permission denied)'
          : `could not be read (${code ?? String(err)})`,
    );
  }
}

/**
 * Loads every manifest file under `dir` (see listManifestFiles); JSON files whose top level has neither
 * `apiVersion` nor `kind` are data, not manifests, and are skipped. Duplicates across files are errors too.
 */
export async function loadDirectory(
  dir: string,
  options: Omit<LoadOptions, 'file'> = {},
): Promise<LoadResult> {
  let files: string[];
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) return unreadable(dir, 'is not a directory');
    files = await listManifestFiles(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return unreadable(
      dir,
      code === 'ENOENT' ? 'does not exist' : `could not be read (${code ?? String(err)})`,
    );
  }
  const resources: LoadedResource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    if (file.endsWith('.json') && !isJsonManifest(await readFile(file, 'utf8').catch(() => '{"kind":""}')))
      continue;
    const r = await loadFile(file, options);
    resources.push(...r.resources);
    diagnostics.push(...r.diagnostics);
  }
  const { kept, diagnostics: dups } = dedupe(resources);
  return makeResult(kept, [...diagnostics, ...dups]);
}

function unreadable(path: string, why: string): LoadResult {
  return makeResult(
    [],
    [
      diag(
        DiagnosticCode.FileUnreadable,
        path,
        `${path} ${why}; expected a readable manifest file or directory`,
      ),
    ],
  );
}

function diag(code: DiagnosticCode, file: string, message: string): Diagnostic {
  return { code, severity: 'error', file, line: 1, column: 1, path: [], message };
}
