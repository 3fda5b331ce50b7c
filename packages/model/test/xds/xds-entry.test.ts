// The light entry point @minimesh/model/xds: everything a data-plane process needs (codec, type URLs, config_dump
// builders, xds-match) and nothing of the loader, zod schemas, YAML or the registry. Checked twice: statically over
// the source import graph of src/xds-entry.ts, and at run time by importing the built subpath in a child Node
// process with a resolve hook that records every module loaded (the positive control, the full entry point,
// shows the check can fail).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as full from '../../src/index.js';
import * as light from '../../src/xds-entry.js';

const SRC = new URL('../../src/', import.meta.url);
const PKG = fileURLToPath(new URL('../../', import.meta.url));
const HEAVY_PACKAGES = ['zod', 'yaml', 'js-yaml'];

/** Every module reachable from `entry` by static value imports (type-only imports are erased by tsc). */
function sourceGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(new URL(file, SRC), 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)) {
      const spec = m[2] ?? '';
      if (m[1] !== undefined) continue;
      if (!spec.startsWith('.')) {
        packages.add(
          spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? ''),
        );
        continue;
      }
      const url = new URL(spec.replace(/\.js$/, '.ts'), new URL(file, SRC));
      queue.push(url.pathname.slice(SRC.pathname.length));
    }
  }
  return { files, packages };
}

/** Module URLs a child Node process loads for `import(specifier)`, self-referenced from the model package. */
function loadedModules(specifier: string): string[] {
  const hook = `import { writeSync } from 'node:fs'; export async function resolve(s, c, next) { const r = await next(s, c); writeSync(2, 'LOADED ' + r.url + '\\n'); return r; }`;
  const script = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)})); await import(${JSON.stringify(specifier)});`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: PKG,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`import(${specifier}) failed: ${r.stderr}`);
  return [...r.stderr.matchAll(/^LOADED (\S+)$/gm)].map((m) => m[1] ?? '');
}

/** The npm packages among module URLs (the name after the last node_modules/). */
function packagesOf(urls: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const url of urls) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/[^/]*$|node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(
      url.slice(url.lastIndexOf('node_modules/')),
    );
    const name = m?.[1] ?? m?.[2];
    if (name !== undefined) names.add(name);
  }
  return names;
}

describe('@minimesh/model/xds', () => {
  it('reaches no loader, schema (but the RE2 compiler) or registry module, and no YAML or zod', () => {
    const { files, packages } = sourceGraph('xds-entry.ts');
    expect(files.has('xds/codec.ts')).toBe(true);
    expect(files.has('xds-match/route-request.ts')).toBe(true);
    const heavy = [...files].filter(
      (f) => /^(loader|registry)\//.test(f) || (f.startsWith('schema/') && f !== 'schema/regex.ts'),
    );
    expect(heavy).toEqual([]);
    expect([...packages].sort()).toEqual(['node:fs', 'protobufjs', 're2js']);
    // The positive control: the full entry point reaches them.
    const all = sourceGraph('index.ts');
    expect([...all.packages]).toEqual(expect.arrayContaining(['zod', 'yaml']));
  });

  it('exports the codec, type URLs, config_dump builders and matchers of the full entry point', () => {
    expect(light.encode).toBe(full.encode);
    expect(light.decode).toBe(full.decode);
    expect(light.TypeUrl).toBe(full.TypeUrl);
    expect(light.buildConfigDump).toBe(full.buildConfigDump);
    expect(light.compileRouteConfig).toBe(full.compileRouteConfig);
    expect(light.CodecError).toBe(full.CodecError);
    expect(Object.keys(light).length).toBeLessThan(Object.keys(full).length);
    const bytes = light.encode('envoy.config.cluster.v3.Cluster', { name: 'c', type: 'STATIC' });
    expect(light.decode('envoy.config.cluster.v3.Cluster', bytes)).toMatchObject({ name: 'c' });
  });

  it('loads no zod or YAML module at run time (the built subpath in a child process)', () => {
    const light = loadedModules('@minimesh/model/xds');
    expect(light.some((u) => u.endsWith('/dist/xds-entry.js'))).toBe(true);
    const lightPackages = packagesOf(light);
    expect(lightPackages.has('protobufjs')).toBe(true);
    expect(HEAVY_PACKAGES.filter((p) => lightPackages.has(p))).toEqual([]);
    expect(light.filter((u) => /\/dist\/(loader|registry)\//.test(u))).toEqual([]);
    // The positive control: the full entry point loads zod and YAML.
    const fullPackages = packagesOf(loadedModules('@minimesh/model'));
    expect(fullPackages.has('zod')).toBe(true);
  }, 30_000);
});
