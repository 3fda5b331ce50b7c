// Watches DIR for manifest changes: fs.watch (recursive) events are coalesced for `debounceMs` (default 30 ms), then
// DIR is listed again and every manifest file read, and the files whose text differs from what the control plane
// last accepted (or that appeared or disappeared) are handed on. Comparing texts, not events, makes editors'
// save-by-rename, directories created or removed, and events for files that did not really change all come out
// right. Listing skips what loadDirectory skips (hidden entries, node_modules, the `exclude` paths, JSON that is
// data rather than a manifest).
import { type FSWatcher, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { listManifestFiles } from '@minimesh/model';

/** File -> its new text, or undefined when the file is gone. */
export type FileChanges = Map<string, string | undefined>;

/** True unless `text` is JSON data whose top level names neither apiVersion nor kind (as loadDirectory judges). */
function isManifestText(file: string, text: string): boolean {
  if (!file.toLowerCase().endsWith('.json')) return true;
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return true;
    return 'apiVersion' in v || 'kind' in v;
  } catch {
    return true;
  }
}

/** Every manifest file under `dir` with its text (unreadable files are left out: they are being written). */
export async function readManifestTexts(
  dir: string,
  exclude: readonly string[],
): Promise<Map<string, string>> {
  const files = await listManifestFiles(dir, { exclude });
  const out = new Map<string, string>();
  await Promise.all(
    files.map(async (f) => {
      const text = await readFile(f, 'utf8').catch(() => undefined);
      if (text !== undefined && isManifestText(f, text)) out.set(f, text);
    }),
  );
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The files whose text differs from `known(file)`, plus the `held` files that are gone. */
export function diffTexts(
  now: ReadonlyMap<string, string>,
  held: readonly string[],
  known: (file: string) => string | undefined,
): FileChanges {
  const changes: FileChanges = new Map();
  for (const [file, text] of now) if (known(file) !== text) changes.set(file, text);
  for (const file of held) if (!now.has(file)) changes.set(file, undefined);
  return changes;
}

export interface DirWatcher {
  close(): void;
}

/**
 * Calls `onChange` (debounced) after anything under `dir` changed. `onChange` runs one at a time: events during a
 * run schedule one more run after it. `onError` gets watcher errors (the watch then stops).
 */
export function watchDirectory(
  dir: string,
  onChange: () => Promise<void>,
  options: { debounceMs?: number; onError?: (err: Error) => void } = {},
): DirWatcher {
  const delay = options.debounceMs ?? 30;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let closed = false;
  const run = async (): Promise<void> => {
    timer = undefined;
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await onChange();
    } finally {
      running = false;
      if (again && !closed) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void run(), delay);
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { recursive: true, persistent: false }, () => schedule());
    watcher.on('error', (err) => options.onError?.(err));
  } catch (err) {
    options.onError?.(err as Error);
  }
  return {
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      watcher?.close();
    },
  };
}
