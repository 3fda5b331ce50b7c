// The JSON patch diff: shapes of the operations, and round trips through fast-json-patch on random documents.
import jsonpatch from 'fast-json-patch';
import { describe, expect, test } from 'vitest';
import { createPatch, escapePointer, InvalidAnnotationError, validateAnnotations } from '../src/index.js';

describe('createPatch', () => {
  test('appends use /-, inserts use the index, keys are escaped, removals and replacements are explicit', () => {
    const a = {
      spec: { containers: [{ name: 'app' }], initContainers: [{ name: 'setup' }] },
      metadata: { annotations: { 'a/b~c': '1', gone: 'x' } },
    };
    const b = {
      spec: {
        containers: [{ name: 'app' }, { name: 'istio-proxy' }],
        initContainers: [{ name: 'istio-init' }, { name: 'setup' }],
      },
      metadata: { annotations: { 'a/b~c': '2', 'new/key': 'v' } },
    };
    expect(createPatch(a, b)).toEqual([
      { op: 'add', path: '/spec/containers/-', value: { name: 'istio-proxy' } },
      { op: 'add', path: '/spec/initContainers/0', value: { name: 'istio-init' } },
      { op: 'remove', path: '/metadata/annotations/gone' },
      { op: 'replace', path: '/metadata/annotations/a~1b~0c', value: '2' },
      { op: 'add', path: '/metadata/annotations/new~1key', value: 'v' },
    ]);
    expect(escapePointer('~/')).toBe('~0~1');
    expect(createPatch(a, structuredClone(a))).toEqual([]);
  });

  test('patch values are copies: changing one does not change the document', () => {
    const b = { x: { y: [1] } };
    const patch = createPatch({}, b);
    (patch[0] as { value: { y: number[] } }).value.y.push(2);
    expect(b.x.y).toEqual([1]);
  });

  test('random documents round-trip through fast-json-patch', () => {
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const gen = (depth: number): unknown => {
      const r = rnd();
      if (depth > 3 || r < 0.3) return [1, 'a', true, null, 2.5][Math.floor(rnd() * 5)];
      if (r < 0.6) return Array.from({ length: Math.floor(rnd() * 4) }, () => gen(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(rnd() * 4) }, (_, i) => [
          ['name', 'k/1', 'x~', `k${i}`][Math.floor(rnd() * 4)] as string,
          gen(depth + 1),
        ]),
      );
    };
    for (let i = 0; i < 500; i++) {
      const a = { root: gen(0) };
      const b =
        rnd() < 0.5
          ? { root: gen(0) }
          : { root: [gen(1), ...(Array.isArray(a.root) ? a.root : [a.root]), gen(1)] };
      const patch = createPatch(a, b);
      const out = jsonpatch.applyPatch(
        structuredClone(a),
        jsonpatch.deepClone(patch),
        true,
        false,
      ).newDocument;
      expect(out).toEqual(b);
    }
  });
});

describe('annotation validation (Istio validate.go)', () => {
  test.each([
    ['traffic.sidecar.istio.io/includeOutboundIPRanges', '*', true],
    ['traffic.sidecar.istio.io/includeOutboundIPRanges', '10.0.0.0/8,fd00::/8', true],
    ['traffic.sidecar.istio.io/includeOutboundIPRanges', '10.0.0.0', false],
    ['traffic.sidecar.istio.io/excludeOutboundIPRanges', '*', false],
    ['traffic.sidecar.istio.io/excludeInboundPorts', ' 80 , 443', true],
    ['traffic.sidecar.istio.io/excludeInboundPorts', '70000', false],
    ['traffic.sidecar.istio.io/includeInboundPorts', '*', true],
    ['status.sidecar.istio.io/port', '0', true],
    ['status.sidecar.istio.io/port', 'x', false],
    ['sidecar.istio.io/interceptionMode', 'TPROXY', true],
    ['sidecar.istio.io/interceptionMode', 'tproxy', false],
    ['sidecar.istio.io/proxyCPU', '250m', true],
    ['sidecar.istio.io/proxyMemory', '1.5Gi', true],
    ['sidecar.istio.io/proxyMemory', 'lots', false],
    ['readiness.status.sidecar.istio.io/periodSeconds', '-1', false],
    ['prometheus.istio.io/merge-metrics', 'True', true],
    ['prometheus.istio.io/merge-metrics', 'yes', false],
  ])('%s=%s valid: %s', (name, value, ok) => {
    const run = () => validateAnnotations({ [name]: value });
    if (ok) expect(run).not.toThrow();
    else expect(run).toThrow(InvalidAnnotationError);
  });
});
