// The fast path (js-yaml) and the `yaml` path must give the same resources and diagnostics for any input: these
// are the inputs where the two parsers are known to differ when left to their defaults.
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../../src/index.js';

const ns = (body: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n${body}`;
const filter = (value: string) =>
  `apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata:\n  name: f\nspec:\n  configPatches:\n  - applyTo: CLUSTER\n    patch:\n      operation: MERGE\n      value:\n        v: ${value}\n`;

const cases: [string, string][] = [
  ['YAML 1.1 binary', filter('0b101')],
  ['signed hex', filter('-0x10')],
  ['positive hex', filter('+0x1F')],
  ['octal 1.2', filter('0o17')],
  ['octal 1.1', filter('0777')],
  ['underscored int', filter('1_000')],
  ['huge float', filter('1e400')],
  ['float forms', filter('[.5, -1., 1e3, .inf, -.Inf, .NaN]')],
  ['booleans 1.1', filter('[yes, no, on, off, y, n]')],
  ['booleans 1.2', filter('[true, True, TRUE, false]')],
  ['nulls', filter('[~, null, Null, NULL, ""]')],
  ['timestamp', filter('2001-12-14t21:59:43.10-05:00')],
  ['null key', ns('    ~: a\n')],
  ['null word key', ns('    null: a\n')],
  [
    'complex key',
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n    ? [a, b]\n    : c\n',
  ],
  ['multi-line quote not indented', ns('    a: "multi\n    line"\n')],
  [
    'multi-line quote under-indented',
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n    a: "multi\n  line"\n',
  ],
  ['single-quoted apostrophes', ns("    a: 'it''s'\n")],
  ['lone CR line endings', 'apiVersion: v1\rkind: Namespace\rmetadata:\r  name: a\r'],
  ['comment then lone CR', '# header\rapiVersion: v1\rkind: Namespace\rmetadata:\r  name: a\r'],
  ['CRLF', 'apiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: a\r\n  lables: {}\r\n'],
  ['BOM', '\uFEFFapiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  lables: {}\n'],
  ['keys with dots', ns('    app.kubernetes.io/name: x\n')],
  ['block scalars', filter('|\n          line one\n          --- not a marker\n')],
  ['multi-line flow', filter('[1,\n          2,\n          3]')],
  ['tab after colon', ns('    a:\tb\n')],
  ['empty key', ns('    : a\n')],
];

describe('fast and yaml paths agree', () => {
  it.each(cases)('%s', (_name, text) => {
    const view = (fastPath: boolean) => {
      const r = loadManifests(text, { file: 'x.yaml', fastPath });
      return {
        resources: r.resources.map((x) => ({
          object: x.object,
          at: [x.source.line, x.source.column],
          spec: x.source.locate(['metadata']),
        })),
        diagnostics: r.diagnostics,
      };
    };
    expect(view(true)).toEqual(view(false));
  });

  it('loads a lone-CR file instead of reading it as one comment line', () => {
    const r = loadManifests('# header\rapiVersion: v1\rkind: Namespace\rmetadata:\r  name: a\r', {
      file: 'cr.yaml',
    });
    expect(r.resources.map((x) => [x.name, x.source.line])).toEqual([['a', 2]]);
  });

  it('places positions after a BOM as if it were not there', () => {
    const r = loadManifests('\uFEFFapiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n', {
      file: 'b.yaml',
    });
    expect(r.resources[0]?.source.column).toBe(1);
  });

  it('reports the one error in a 15 MB file and keeps every other document', () => {
    const doc = (i: number) =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\n  labels:\n    app: s${i}\n    team: t${i % 7}\nspec:\n  ports:\n  - port: 9080\n    name: http\n  selector:\n    app: s${i}\n`;
    const docs: string[] = [];
    let size = 0;
    for (let i = 0; size < 15 * 1024 * 1024; i++) {
      const d = doc(i);
      docs.push(d);
      size += d.length + 4;
    }
    docs.push('apiVersion: v1\nkind: Service\nmetadata:\n  name: broken\nspec:\n  ports:\n  - port: nine\n');
    // How fast this is (only the failing document is re-read by the slow path) is measured by bench/load.bench.mjs.
    const r = loadManifests(docs.join('---\n'), { file: 'big.yaml' });
    expect(r.errors.map((d) => d.message)).toEqual(['expected a number, got "nine"']);
    expect(r.resources.length).toBe(docs.length - 1);
  });

  it('refuses a single document over the per-document limit', () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: "${'x'.repeat(4 * 1024 * 1024)}"\n`;
    const r = loadManifests(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n---\n${big}`, {
      file: 'big.yaml',
    });
    expect(r.resources.map((x) => x.name)).toEqual(['ok']);
    expect(r.errors.map((d) => [d.line, d.message])).toEqual([
      [
        6,
        'document is 4.0 MB; expected at most 3.0 MB per document (Kubernetes stores objects of at most 1.5 MB)',
      ],
    ]);
  });
});
