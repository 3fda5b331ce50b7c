// The dashboard page's built files (apps/dashboard: `vite build` into dist/web), as `mesh dev` serves them. Where
// they are: beside the published cli (`dashboard/`, copied there by the cli's prepack script), else the
// workspace's apps/dashboard/dist/web (a repository checkout), each looked up relative to this module so the single
// executable (whose embedded files sit under the same repository paths) finds them too. Files are read with
// readFileSync (the SEA wraps only existsSync and readFileSync) and kept in memory once read.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Relative to this module (dist/dashboard/static-assets.js), the folders that may hold the page, in order. */
const CANDIDATES = ['../../dashboard/', '../../../../apps/dashboard/dist/web/'];

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  map: 'application/json',
  txt: 'text/plain; charset=utf-8',
};

export interface StaticFile {
  readonly body: Buffer;
  readonly type: string;
  /** Hashed assets (vite's `assets/NAME-HASH.ext`) never change: they may be cached for long. */
  readonly immutable: boolean;
}

export class StaticAssets {
  readonly #cache = new Map<string, StaticFile | null>();

  /** `root`: a folder path ending in `/` (tests); default: the first candidate that has an index.html. */
  constructor(readonly root: string | undefined = findAssetRoot()) {}

  get available(): boolean {
    return this.root !== undefined;
  }

  /**
   * The file for a URL path (`/`, `/assets/index-3f2a.js`), or undefined. Only plain relative names below the root
   * are served: no `..`, no backslashes, no NUL, no hidden files.
   */
  get(urlPath: string): StaticFile | undefined {
    if (this.root === undefined) return undefined;
    let path: string;
    try {
      path = decodeURIComponent(urlPath.split('?')[0] ?? '/');
    } catch {
      return undefined;
    }
    if (path === '/' || path === '') path = '/index.html';
    const segments = path.slice(1).split('/');
    if (
      !path.startsWith('/') ||
      path.includes('\\') ||
      path.includes('\0') ||
      segments.some((s) => s === '' || s.startsWith('.'))
    )
      return undefined;
    const cached = this.#cache.get(path);
    if (cached !== undefined) return cached ?? undefined;
    const file = this.#read(segments.join('/'));
    // Only present files are remembered: a missing one may appear when the page is rebuilt.
    if (file !== undefined) this.#cache.set(path, file);
    return file;
  }

  #read(relative: string): StaticFile | undefined {
    const full = `${this.root}${relative}`;
    try {
      if (!existsSync(full)) return undefined;
      const body = readFileSync(full);
      const ext = relative.slice(relative.lastIndexOf('.') + 1).toLowerCase();
      return {
        body,
        type: TYPES[ext] ?? 'application/octet-stream',
        immutable: relative.startsWith('assets/'),
      };
    } catch {
      // A directory or an unreadable file is not served.
      return undefined;
    }
  }
}

/** The first candidate folder with an index.html, as a path ending in `/`, or undefined. */
export function findAssetRoot(): string | undefined {
  for (const c of CANDIDATES) {
    const dir = fileURLToPath(new URL(c, import.meta.url));
    const root = dir.endsWith('/') ? dir : `${dir}/`;
    if (existsSync(`${root}index.html`)) return root;
  }
  return undefined;
}
