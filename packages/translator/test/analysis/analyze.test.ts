// analyze() itself: the analyzer family, sorted output, options, and that no input makes it throw.
import { buildRegistry, loadManifests } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { ANALYZERS, analyze } from '../../src/analysis/analyze.js';
import type { Analyzer } from '../../src/analysis/analyzer.js';
import { formatMessage } from '../../src/messages.js';
import { analyzeYaml, BASE_WORKLOADS } from './helpers.js';

describe('analyzers', () => {
  it("have unique names, Istio's codes (or minimesh's MM_ family where Istio has none) and descriptions", () => {
    const names = ANALYZERS.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    for (const a of ANALYZERS) {
      expect(a.code).toMatch(/^(IST\d{4}|MM_[A-Z]+)$/);
      expect(a.description).not.toBe('');
    }
  });
});

describe('analyze', () => {
  it('gives nothing for an empty registry and for clean base services', () => {
    expect(analyze(buildRegistry([]))).toEqual([]);
    expect(analyzeYaml('')).toEqual([]);
  });

  it('sorts messages by file, then line, then code', () => {
    const a = loadManifests(
      `apiVersion: v1
kind: Service
metadata: { name: web, namespace: default }
spec:
  ports:
  - { name: web, port: 80 }
`,
      { file: 'b.yaml' },
    ).resources;
    const b = loadManifests(
      `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: v, namespace: default }
spec:
  hosts: [nowhere]
  http:
  - route:
    - destination: { host: nothing, subset: v9 }
`,
      { file: 'a.yaml' },
    ).resources;
    const out = analyze(buildRegistry([...a, ...b])).map(formatMessage);
    expect(out).toEqual([
      'Error [IST0101] (VirtualService default/v a.yaml:5) Referenced host not found: "nowhere"',
      'Error [IST0101] (VirtualService default/v a.yaml:8) Referenced host not found: "nothing"',
      'Error [IST0101] (VirtualService default/v a.yaml:8) Referenced host+subset in destinationrule not found: "nothing+v9"',
      "Info [IST0118] (Service default/web b.yaml:6) Port name web (port: 80, targetPort: 80) doesn't follow the naming convention of Istio port.",
    ]);
  });

  it('leaves out excluded codes and analyzer names', () => {
    const text =
      'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec:\n  ports:\n  - { name: web, port: 80 }\n';
    expect(analyzeYaml(text)).toHaveLength(1);
    const registry = buildRegistry(loadManifests(text, { file: 'x.yaml' }).resources);
    expect(analyze(registry, { exclude: ['IST0118'] })).toEqual([]);
    expect(analyze(registry, { exclude: ['service.PortName'] })).toEqual([]);
  });

  it('runs only the analyzers given', () => {
    const seen: string[] = [];
    const probe: Analyzer = {
      code: 'IST0001',
      name: 'test.Probe',
      description: 'records that it ran',
      run: (ctx) => {
        seen.push(ctx.registry.domainSuffix);
      },
    };
    expect(analyze(buildRegistry([]), { analyzers: [probe] })).toEqual([]);
    expect(seen).toEqual(['cluster.local']);
  });

  it('never throws: a failing analyzer becomes IST0001 and the others still run', () => {
    const broken: Analyzer = {
      code: 'IST0001',
      name: 'test.Broken',
      description: 'always fails',
      run: () => {
        throw new Error('boom');
      },
    };
    const registry = buildRegistry(
      loadManifests(
        'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec:\n  ports:\n  - { port: 80 }\n',
        {
          file: 'x.yaml',
        },
      ).resources,
    );
    const out = analyze(registry, { analyzers: [broken, ...ANALYZERS] }).map(formatMessage);
    expect(out).toEqual([
      "Info [IST0118] (Service default/web x.yaml:6) Port name  (port: 80, targetPort: 80) doesn't follow the naming convention of Istio port.",
      'Error [IST0001] Internal error: analyzer test.Broken failed: boom',
    ]);
  });

  it('takes odd but valid input in its stride: delegates, unknown kinds, Gateway API gateways, empty specs', () => {
    const text = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: delegate, namespace: default }
spec:
  http:
  - route:
    - destination: { host: reviews }
---
apiVersion: example.com/v1
kind: Widget
metadata: { name: w }
spec: { anything: [1, 2, 3] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: k8s-gw, namespace: default }
spec:
  gatewayClassName: istio
  listeners:
  - { name: http, port: 80, protocol: HTTP }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: via-k8s-gw, namespace: default }
spec:
  hosts: [bookinfo.example.com]
  gateways: [k8s-gw]
  http:
  - route:
    - destination: { host: reviews }
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: { name: default, namespace: default }
spec: { outboundTrafficPolicy: { mode: REGISTRY_ONLY } }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: wild, namespace: default }
spec:
  host: '*.example.com'
  subsets: [{ name: any }]
`;
    expect(() => analyzeYaml(text, undefined, [])).not.toThrow();
    expect(analyzeYaml(text, undefined, BASE_WORKLOADS)).toEqual([
      'Warning [IST0174] (DestinationRule default/wild x.yaml:41) The host *.example.com defined in the DestinationRule does not match any services in the mesh.',
    ]);
  });

  it('needs no analyzer for a route whose weights are all zero: the loader refuses it', () => {
    const r = loadManifests(
      `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: default }
spec:
  hosts: [reviews]
  http:
  - route:
    - { destination: { host: reviews, subset: v1 }, weight: 0 }
    - { destination: { host: reviews, subset: v2 }, weight: 0 }
`,
      { file: 'x.yaml' },
    );
    expect(r.resources).toEqual([]);
    expect(r.errors.map((e) => `${e.code} ${e.file}:${e.line}`)).toEqual(['MM_INVALID_VALUE x.yaml:8']);
  });
});
