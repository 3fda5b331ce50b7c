// Sidecars: IST0101 (workloadSelector matches no workload), IST0110 (a workload selected by several Sidecars),
// IST0111 (several Sidecars without selector in one namespace).
import { describe, expect, it } from 'vitest';
import { analyzeYaml } from './helpers.js';

const sidecar = (name: string, selector?: string): string => `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: { name: ${name}, namespace: default }
spec:${selector === undefined ? '' : `\n  workloadSelector:\n    labels: { ${selector} }`}
  egress:
  - hosts: ['./*']
`;

describe('IST0101 sidecar selector', () => {
  it('reports a workloadSelector that matches no workload of the namespace, at the label', () => {
    expect(analyzeYaml(sidecar('a', 'app: nothing'), 'IST0101')).toEqual([
      'Error [IST0101] (Sidecar default/a x.yaml:6) Referenced selector not found: "app=nothing"',
    ]);
  });

  it('accepts a selector that matches a workload', () => {
    expect(analyzeYaml(sidecar('a', 'app: reviews'), 'IST0101')).toEqual([]);
  });
});

describe('IST0110 conflicting sidecar selectors', () => {
  it('reports each Sidecar selecting a workload another one selects, per workload', () => {
    const text = `${sidecar('a', 'app: reviews')}---\n${sidecar('b', 'version: v2')}`;
    const msg = (who: string, line: number) =>
      `Error [IST0110] (Sidecar default/${who} x.yaml:${line}) The Sidecars [default/a default/b] in namespace "default" select the same workload pod "reviews-v2-abc", which can lead to undefined behavior.`;
    expect(analyzeYaml(text, 'IST0110')).toEqual([msg('a', 6), msg('b', 15)]);
  });

  it('accepts selectors that select different workloads', () => {
    const text = `${sidecar('a', 'version: v1')}---\n${sidecar('b', 'version: v2')}`;
    expect(analyzeYaml(text, 'IST0110')).toEqual([]);
  });
});

describe('IST0111 several Sidecars without selector', () => {
  it('reports each of them, at its name', () => {
    const text = `${sidecar('a')}---\n${sidecar('b')}`;
    const msg = (who: string, line: number) =>
      `Error [IST0111] (Sidecar default/${who} x.yaml:${line}) The Sidecars [default/a default/b] in namespace "default" have no workload selector, which can lead to undefined behavior.`;
    expect(analyzeYaml(text, 'IST0111')).toEqual([msg('a', 3), msg('b', 10)]);
  });

  it('accepts one default Sidecar per namespace', () => {
    expect(analyzeYaml(`${sidecar('a')}---\n${sidecar('b', 'app: reviews')}`, 'IST0111')).toEqual([]);
  });
});
