// EnvoyFilter patches that cannot apply, as analysis messages at configPatches[i] (whatever proxy they select).
import { describe, expect, it } from 'vitest';
import { analyzeYaml } from './helpers.js';

const filter = (value: string, selector = 'app: reviews') => `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: { name: tune, namespace: default }
spec:
  workloadSelector:
    labels: { ${selector} }
  configPatches:
  - applyTo: CLUSTER
    match: { context: SIDECAR_OUTBOUND }
    patch:
      operation: MERGE
      value:
${value}
`;

describe('envoyfilter.Patches', () => {
  it('reports a patch value with a field Envoy does not have, at the field, even when no workload is selected', () => {
    const messages = analyzeYaml(filter('        connect_timeout_typo: 1s', 'app: nobody'), 'TR0701');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /^Error \[TR0701\] \(EnvoyFilter default\/tune x\.yaml:13\) configPatches\[0\]: .*connect_timeout_typo/,
    );
  });

  it('says nothing about a patch that decodes', () => {
    expect(
      analyzeYaml(filter('        connect_timeout: 1s')).filter((m) => m.includes('EnvoyFilter')),
    ).toEqual([]);
  });
});
