// Every YAML file under shared/istio-samples (Istio's own bookinfo, httpbin, tcp-echo, networking and Gateway
// API files, and its injection test corpus) loads with zero errors into typed objects.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, KINDS, kindKey, loadDirectory, loadFile } from '../../src/index.js';
import { ISTIO_SAMPLES } from '../helpers/paths.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return name.endsWith('.yaml') || name.endsWith('.yml') ? [p] : [];
  });
}

const files = yamlFiles(ISTIO_SAMPLES).sort();

describe('shared/istio-samples', () => {
  it('finds the sample files', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(files.map((f) => relative(ISTIO_SAMPLES, f)))('%s loads with zero errors', async (rel) => {
    const result = await loadFile(join(ISTIO_SAMPLES, rel));
    expect(result.errors.map(formatDiagnostic)).toEqual([]);
    expect(result.resources.length).toBeGreaterThan(0);
    for (const r of result.resources) {
      // A resource of a kind the model knows is typed; only unknown kinds (IstioOperator, OpenShift's
      // DeploymentConfig) stay opaque, each with a warning naming the kind.
      expect(r.known).toBe(KINDS.has(kindKey(r.group, r.kind)));
      if (!r.known) {
        expect(result.warnings.some((w) => w.message.includes(`unknown kind ${r.kind}`))).toBe(true);
      }
    }
  });

  it('types the bookinfo platform manifests', async () => {
    const result = await loadDirectory(join(ISTIO_SAMPLES, 'samples/bookinfo/platform/kube'));
    expect(result.diagnostics).toEqual([]);
    const kinds = result.resources.map((r) => `${r.kind}/${r.name}`);
    expect(kinds).toContain('Service/reviews');
    expect(kinds).toContain('Deployment/reviews-v3');
    expect(kinds).toContain('ServiceAccount/bookinfo-reviews');
    const reviews = result.resources.find((r) => r.kind === 'Service' && r.name === 'reviews');
    expect(reviews?.namespace).toBe('default');
    expect(reviews?.source.file).toMatch(/bookinfo\.yaml$/);
    expect(reviews?.source.locate(['spec', 'ports', 0, 'port']).line).toBeGreaterThan(
      reviews?.source.line ?? 0,
    );
  });
});

describe('fast path', () => {
  it.each(files.map((f) => relative(ISTIO_SAMPLES, f)))('%s: fast and yaml paths agree', async (rel) => {
    const fast = await loadFile(join(ISTIO_SAMPLES, rel));
    const slow = await loadFile(join(ISTIO_SAMPLES, rel), { fastPath: false });
    const view = (r: typeof fast) =>
      r.resources.map((x) => ({
        key: `${x.kind}/${x.namespace}/${x.name}`,
        object: x.object,
        at: [x.source.line, x.source.column, x.source.documentIndex],
        metadata: x.source.locate(['metadata', 'name']),
        spec: x.source.locate(['spec']),
      }));
    expect(view(fast)).toEqual(view(slow));
    expect(fast.diagnostics).toEqual(slow.diagnostics);
  });
});
