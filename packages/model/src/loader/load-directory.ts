// Loads every manifest file (.yaml, .yml, .json) under a directory, in sorted path order, skipping hidden
// entries and node_modules. One unreadable or invalid file never stops the others from loading.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Diagnostic, DiagnosticCode } from '../errors/diagnostic.js';
import { closest } from '../schema/suggest.js';
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
    MANIFEST_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)) &&
    !name.startsWith('.') &&
    !TOOL_FILES.test(name)
  );
}

/**
 * A JSON file in a directory is a manifest only when its top level says so (`apiVersion` or `kind`): JSON
 * beside manifests is usually data or tool configuration. Unparseable JSON is kept, so its error is reported.
 */
function isJsonManifest(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return true;
    // A near miss (`apiVersoin`, `knd`) is a manifest with a typo, to be reported, not data to skip.
    return Object.keys(value).some((k) => closest(k, ['apiVersion', 'kind']) !== undefined);
  } catch {
    return true;
  }
}

/** Options of a directory walk. */
export interface DirectoryOptions {
  /**
   * Paths relative to the directory (`networking`, `tasks/old.yaml`; `/` separators) that are not read: a
   * directory listed here is skipped with everything under it.
   */
  readonly exclude?: readonly string[];
}

/**
 * The manifest files under `dir`, recursively, sorted; directories named `.x` and node_modules are skipped, and
 * so are the `exclude` paths.
 */
export async function listManifestFiles(dir: string, options: DirectoryOptions = {}): Promise<string[]> {
  const excluded = new Set((options.exclude ?? []).map((p) => join(dir, p)));
  const out: string[] = [];
  const seen = new Set<string>(); // real paths of directories walked: symlink cycles end here
  const seenFiles = new Set<string>();
  const walk = async (d: string): Promise<void> => {
    const real = await realpath(d);
    if (seen.has(real)) return;
    seen.add(real);
    const entries = await readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(d, e.name);
      if (excluded.has(p)) continue;
      // Symlinks are followed (Kubernetes mounts ConfigMap files as links); a dangling link is skipped.
      const info = e.isSymbolicLink() ? await stat(p).catch(() => undefined) : e;
      if (info === undefined) continue;
      if (info.isDirectory()) await walk(p);
      else if (info.isFile() && isManifestFile(e.name)) {
        // A file reached by two paths (a link and its target both under `dir`) is one file, read once.
        const realFile = await realpath(p);
        if (!seenFiles.has(realFile)) {
          seenFiles.add(realFile);
          out.push(p);
        }
      }
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
  options: Omit<LoadOptions, 'file'> & DirectoryOptions = {},
): Promise<LoadResult> {
  let files: string[];
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) return unreadable(dir, 'is not a directory');
    files = await listManifestFiles(dir, options);
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
    if (
      file.toLowerCase().endsWith('.json') &&
      !(await jsonFileIsManifest(file, options.limits?.maxBytes ?? DEFAULT_LIMITS.maxBytes))
    ) {
      continue;
    }
    const r = await loadFile(file, options);
    resources.push(...r.resources);
    diagnostics.push(...r.diagnostics);
  }
  const { kept, diagnostics: dups } = dedupe(resources);
  return makeResult(kept, [...diagnostics, ...dups]);
}

/** True unless the file is JSON data (see isJsonManifest); too large or unreadable files count as manifests, so
 * loadFile reports them. The size is checked before the file is read. */
async function jsonFileIsManifest(file: string, maxBytes: number): Promise<boolean> {
  try {
    if ((await stat(file)).size > maxBytes) return true;
    return isJsonManifest(await readFile(file, 'utf8'));
  } catch {
    return true;
  }
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
