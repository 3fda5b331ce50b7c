// exportTo as Istio reads it, for each kind that has it: Services (annotation), ServiceEntries, VirtualServices
// and DestinationRules.
import { describe, expect, it } from 'vitest';
import {
  buildRegistry,
  exportToFromAnnotation,
  isExportedTo,
  normalizeExportTo,
} from '../../src/registry/index.js';
import { yaml } from './support.js';

describe('isExportedTo', () => {
  it.each([
    [['*'], 'a', 'b', true],
    [[], 'a', 'b', true],
    [['.'], 'a', 'a', true],
    [['.'], 'a', 'b', false],
    [['~'], 'a', 'a', false],
    [['b', 'c'], 'a', 'b', true],
    [['b', 'c'], 'a', 'a', false],
    [['a'], 'a', 'a', true],
    [['*', 'b'], 'a', 'z', true],
  ] as [string[], string, string, boolean][])(
    '%j owned by %s, seen from %s: %s',
    (exportTo, owner, client, want) => {
      expect(isExportedTo(exportTo, owner, client)).toBe(want);
    },
  );

  it('normalizes: default *, trimmed, deduplicated, frozen', () => {
    expect(normalizeExportTo(undefined)).toEqual(['*']);
    expect(normalizeExportTo([' . ', '.', 'b'])).toEqual(['.', 'b']);
    expect(exportToFromAnnotation('')).toEqual(['*']);
    expect(exportToFromAnnotation(' ~ ')).toEqual(['~']);
    expect(Object.isFrozen(normalizeExportTo(['b']))).toBe(true);
  });
});

describe('exportTo per kind', () => {
  const reg = () =>
    buildRegistry(
      yaml(`
apiVersion: v1
kind: Service
metadata: { name: api, namespace: a, annotations: { networking.istio.io/exportTo: "b,c" } }
spec: { selector: { app: api }, ports: [{ port: 80, name: http }] }
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: ext, namespace: a }
spec:
  hosts: [ext.example.com]
  exportTo: ["."]
  ports: [{ number: 443, name: https, protocol: HTTPS }]
  resolution: DNS
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: api, namespace: a }
spec:
  hosts: [api]
  exportTo: [b]
  http: [{ route: [{ destination: { host: api } }] }]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: api, namespace: a }
spec: { host: api, exportTo: [b, "."] }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: ext, namespace: a }
spec: { host: ext.example.com, exportTo: [c] }
`),
    );

  it('a Service exported to a list of namespaces', () => {
    const r = reg();
    expect(r.service('api.a.svc.cluster.local', 'b')?.name).toBe('api');
    expect(r.service('api.a.svc.cluster.local', 'a')).toBeUndefined();
    expect(r.visibleServices('c').map((s) => s.hostname)).toEqual(['api.a.svc.cluster.local']);
  });

  it('a ServiceEntry exported to its own namespace only', () => {
    const r = reg();
    expect(r.visibleServices('a').map((s) => s.hostname)).toEqual(['ext.example.com']);
    expect(r.service('ext.example.com', 'b')).toBeUndefined();
  });

  it('a VirtualService exported to another namespace is not seen in its own', () => {
    const r = reg();
    expect(r.virtualServicesFor('b').map((v) => v.name)).toEqual(['api']);
    expect(r.virtualServicesFor('a')).toEqual([]);
  });

  it('a DestinationRule exported to a list: listed namespaces and its own (".") see it, others do not', () => {
    const r = reg();
    expect(r.destinationRuleFor('b', 'api.a.svc.cluster.local')?.rules[0]?.name).toBe('api');
    expect(r.destinationRuleFor('a', 'api.a.svc.cluster.local')?.rules[0]?.name).toBe('api');
    expect(r.destinationRuleFor('c', 'api.a.svc.cluster.local')).toBeUndefined();
    expect(r.destinationRuleFor('c', 'ext.example.com')?.rules[0]?.name).toBe('ext');
    expect(r.destinationRuleFor('a', 'ext.example.com')).toBeUndefined();
  });
});
