// Every networking.istio.io object in Istio's own samples (bookinfo, httpbin, tcp-echo and the injection test
// corpus) validates with no issue.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ISTIO_KINDS } from '../../../src/schema/istio/index.js';
import { splitApiVersion } from '../../../src/schema/kind-definition.js';
import { issuesOf } from './helpers.js';

const SAMPLES = fileURLToPath(new URL('../../../../../../shared/istio-samples/', import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml(\.[\w.]+)?$/.test(name) ? [path] : [];
  });
}

interface Doc {
  file: string;
  index: number;
  value: { apiVersion?: unknown; kind?: unknown };
}

function networkingDocs(dir: string): Doc[] {
  return yamlFiles(join(SAMPLES, dir)).flatMap((file) =>
    parseAllDocuments(readFileSync(file, 'utf8')).flatMap((doc, index) => {
      const value: unknown = doc.toJS();
      if (typeof value !== 'object' || value === null) return [];
      const v = value as Doc['value'];
      const apiVersion = typeof v.apiVersion === 'string' ? v.apiVersion : '';
      return splitApiVersion(apiVersion).group === 'networking.istio.io' ? [{ file, index, value: v }] : [];
    }),
  );
}

function kindOf(doc: Doc) {
  const { version } = splitApiVersion(String(doc.value.apiVersion));
  return ISTIO_KINDS.find(
    (k) => k.group === 'networking.istio.io' && k.kind === doc.value.kind && k.versions.includes(version),
  );
}

describe('Istio samples', () => {
  const bookinfo = networkingDocs('samples/bookinfo/networking');
  const others = [...networkingDocs('samples/httpbin'), ...networkingDocs('samples/tcp-echo')];
  const inject = networkingDocs('pkg/kube/inject/testdata');

  it('finds all 21 bookinfo networking files and the objects in them', () => {
    expect(new Set(bookinfo.map((d) => d.file)).size).toBe(21);
    const kinds = bookinfo.map((d) => String(d.value.kind));
    expect(kinds.filter((k) => k === 'VirtualService')).toHaveLength(24);
    expect(kinds.filter((k) => k === 'DestinationRule')).toHaveLength(11);
    expect(kinds.filter((k) => k === 'Gateway')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'ServiceEntry')).toHaveLength(1);
    expect(others.map((d) => String(d.value.kind)).sort()).toEqual([
      'DestinationRule',
      'Gateway',
      'Gateway',
      'VirtualService',
      'VirtualService',
      'VirtualService',
    ]);
  });

  it.each(
    [...bookinfo, ...others, ...inject].map(
      (d) => [`${d.file.slice(SAMPLES.length)}#${d.index}`, d] as const,
    ),
  )('%s validates with no issue', (_name, doc) => {
    const kind = kindOf(doc);
    expect(kind, `a kind for ${String(doc.value.kind)}`).toBeDefined();
    if (kind !== undefined) expect(issuesOf(kind.schema, doc.value)).toEqual([]);
  });

  it('reads the whole injection corpus (228 files; none holds a networking.istio.io object today)', () => {
    // Any networking object added to the corpus is validated by the test above; this pins what was read.
    expect(yamlFiles(join(SAMPLES, 'pkg/kube/inject/testdata'))).toHaveLength(228);
    expect(inject.map((d) => String(d.value.kind))).toEqual([]);
  });
});
