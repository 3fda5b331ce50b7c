import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DiagnosticCode,
  formatDiagnostic,
  loadDirectory,
  loadFile,
  loadManifests,
  type Service,
} from '../../src/index.js';

const svc = (name: string, extra = '') =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n${extra}spec:\n  ports:\n  - port: 9080\n    name: http\n  selector:\n    app: ${name}\n`;

describe('loadManifests', () => {
  it('loads multi-document YAML into typed objects with their source positions', () => {
    const r = loadManifests(`${svc('a')}---\n${svc('b', '  namespace: shop\n')}`, { file: 'x.yaml' });
    expect(r.ok).toBe(true);
    expect(
      r.resources.map((x) => [x.kind, x.namespace, x.name, x.source.line, x.source.documentIndex]),
    ).toEqual([
      ['Service', 'default', 'a', 1, 0],
      ['Service', 'shop', 'b', 12, 1],
    ]);
    const a = r.resources[0]?.object as Service;
    expect(a.spec?.ports?.[0]?.port).toBe(9080);
  });

  it('loads JSON, and kind: List items with positions inside the list', () => {
    const json = JSON.stringify(
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'j' }, spec: {} },
      null,
      2,
    );
    expect(loadManifests(json, { file: 'j.json' }).resources[0]?.name).toBe('j');
    const list = `apiVersion: v1\nkind: List\nitems:\n- ${svc('one').replace(/\n(?=.)/g, '\n  ')}- ${svc('two').replace(/\n(?=.)/g, '\n  ')}`;
    const r = loadManifests(list, { file: 'l.yaml' });
    expect(r.errors).toEqual([]);
    expect(r.resources.map((x) => [x.name, x.source.listIndex, x.source.line])).toEqual([
      ['one', 0, 4],
      ['two', 1, 14],
    ]);
  });

  it('uses the default namespace given, and leaves cluster-scoped kinds without one', () => {
    const r = loadManifests(`${svc('a')}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n`, {
      defaultNamespace: 'shop',
    });
    expect(r.resources.map((x) => x.namespace)).toEqual(['shop', undefined]);
  });

  it('keeps unknown kinds as opaque objects, with a warning naming the kind', () => {
    const r = loadManifests(
      'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  anything: [1, 2]\n',
      { file: 'w.yaml' },
    );
    expect(r.ok).toBe(true);
    expect(r.resources[0]).toMatchObject({
      known: false,
      kind: 'Widget',
      object: { spec: { anything: [1, 2] } },
    });
    expect(r.warnings.map(formatDiagnostic)).toEqual([
      'w.yaml:2:7 kind: unknown kind Widget (apiVersion example.com/v1): kept as an opaque object, not validated',
    ]);
  });

  it('collects every error, and keeps the valid documents of a file with an invalid one', () => {
    const bad =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: bad\n  lables: {}\nspec:\n  ports:\n  - port: x\n';
    const r = loadManifests(`${svc('good')}---\n${bad}`, { file: 'm.yaml' });
    expect(r.resources.map((x) => x.name)).toEqual(['good']);
    expect(r.errors.map(formatDiagnostic)).toEqual([
      'm.yaml:16:3 metadata.lables: unknown field "lables"; did you mean "labels"?',
      'm.yaml:19:11 spec.ports[0].port: expected a number, got "x"',
    ]);
    expect(r.errors[0]?.resource).toBe('Service default/bad');
  });

  it('never throws on hostile input', () => {
    const inputs: (string | Uint8Array)[] = [
      '{'.repeat(200_000),
      '['.repeat(20_000) + ']'.repeat(20_000),
      Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'),
      'a: &a [*a]',
      Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256),
      '\u0000\u0001',
      '',
      '---\n---\n',
      `a: ${'x'.repeat(1_000_000)}`,
    ];
    for (const input of inputs) {
      const r = loadManifests(input, { file: 'h.yaml' });
      for (const d of r.diagnostics) expect(formatDiagnostic(d)).toMatch(/^h\.yaml:\d+:\d+ /);
    }
  });
});

describe('files and directories', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mm-load-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a 50 MB file without reading it into memory, with a clear error', async () => {
    const big = join(dir, 'big.yaml');
    const fd = openSync(big, 'w');
    const chunk = Buffer.from(`# ${'x'.repeat(1022)}\n`);
    for (let i = 0; i < 50 * 1024; i++) writeSync(fd, chunk);
    closeSync(fd);
    const r = await loadFile(big);
    expect(r.errors.map((d) => [d.code, d.message])).toEqual([
      [
        DiagnosticCode.FileTooLarge,
        'file is 50.0 MB; expected at most 16.0 MB (split it into smaller files)',
      ],
    ]);
  });

  it('names a missing file or directory', async () => {
    const missing = join(dir, 'nope');
    expect((await loadFile(missing)).errors[0]?.message).toBe(
      `${missing} does not exist; expected a readable manifest file or directory`,
    );
    expect((await loadDirectory(missing)).errors[0]?.code).toBe(DiagnosticCode.FileUnreadable);
  });

  it('loads a directory recursively in path order, skipping hidden entries, and reports duplicates across files', async () => {
    mkdirSync(join(dir, 'sub'));
    mkdirSync(join(dir, '.hidden'));
    writeFileSync(join(dir, 'b.yaml'), svc('b'));
    writeFileSync(join(dir, 'a.yml'), svc('a'));
    writeFileSync(
      join(dir, 'sub', 'c.json'),
      JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } }),
    );
    writeFileSync(join(dir, '.hidden', 'd.yaml'), svc('d'));
    writeFileSync(join(dir, 'notes.txt'), 'not a manifest');
    writeFileSync(join(dir, 'package.json'), '{"name": "app", "version": "1.0.0"}');
    writeFileSync(join(dir, 'tsconfig.build.json'), '{"compilerOptions": {}}');
    writeFileSync(join(dir, 'pnpm-lock.yaml'), 'lockfileVersion: 9.0\n');
    writeFileSync(join(dir, 'data.json'), '{"ratings": [1, 2, 3]}');
    const r = await loadDirectory(dir);
    expect(r.resources.map((x) => x.name)).toEqual(['a', 'b']);
    expect(r.errors.map(formatDiagnostic)).toEqual([
      `${join(dir, 'sub', 'c.json')}:1:1 metadata.name: expected a unique name: Service default/a is also defined at ${join(dir, 'a.yml')}:1`,
    ]);
  });

  it('leaves out the excluded paths relative to the directory, with everything under them', async () => {
    mkdirSync(join(dir, 'networking', 'step'), { recursive: true });
    writeFileSync(join(dir, 'a.yaml'), svc('a'));
    writeFileSync(join(dir, 'networking', 'a.yaml'), svc('a'));
    writeFileSync(join(dir, 'networking', 'step', 'b.yaml'), svc('b'));
    writeFileSync(join(dir, 'old.yaml'), svc('old'));
    const r = await loadDirectory(dir, { exclude: ['networking', 'old.yaml'] });
    expect(r.ok).toBe(true);
    expect(r.resources.map((x) => x.name)).toEqual(['a']);
    // Without the exclusion the same directory has a duplicate.
    expect((await loadDirectory(dir)).errors).toHaveLength(1);
  });

  it('follows symlinked files and directories (as Kubernetes mounts ConfigMaps), without looping on cycles', async () => {
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n');
    mkdirSync(join(dir, 'mounted'));
    writeFileSync(join(dir, 'target.yaml'), svc('linked'));
    symlinkSync(join(dir, 'target.yaml'), join(dir, 'mounted', 'svc.yaml'));
    symlinkSync(join(dir, 'real'), join(dir, 'mounted', 'dir'));
    symlinkSync(dir, join(dir, 'real', 'loop'));
    symlinkSync(join(dir, 'missing.yaml'), join(dir, 'dangling.yaml'));
    const r = await loadDirectory(join(dir, 'mounted'));
    expect(r.errors).toEqual([]);
    expect(r.resources.map((x) => `${x.kind}/${x.name}`).sort()).toEqual([
      'Namespace/shop',
      'Service/linked',
    ]);
  });

  it('reads upper-case extensions, reports JSON manifests with misspelled keys, and never reads oversized JSON', async () => {
    writeFileSync(join(dir, 'A.YAML'), svc('upper'));
    writeFileSync(
      join(dir, 'typo.json'),
      JSON.stringify({ apiVersoin: 'v1', kind: 'Service', metadata: { name: 't' } }),
    );
    const big = join(dir, 'huge.json');
    const fd = openSync(big, 'w');
    const chunk = Buffer.from(`${' '.repeat(1023)}\n`);
    for (let i = 0; i < 17 * 1024; i++) writeSync(fd, chunk);
    closeSync(fd);
    const r = await loadDirectory(dir);
    expect(r.resources.map((x) => x.name)).toEqual(['upper']);
    expect(r.errors.map((d) => [d.file.slice(dir.length + 1), d.code])).toEqual([
      ['huge.json', DiagnosticCode.FileTooLarge],
      ['typo.json', DiagnosticCode.NotAResource],
    ]);
  });
});
