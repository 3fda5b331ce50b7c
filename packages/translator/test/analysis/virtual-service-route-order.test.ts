// VirtualService rule order: IST0130 (rule never reached), IST0131 (match duplicating an earlier one).
import { describe, expect, it } from 'vitest';
import { analyzeYaml } from './helpers.js';

const vs = (http: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: default }
spec:
  hosts: [reviews]
  http:
${http}`;

const CATCH_ALL = `  - route:
    - destination: { host: reviews }
`;
const MATCH_X = `  - match:
    - uri: { prefix: /x }
    route:
    - destination: { host: reviews }
`;

describe('IST0130 unreachable rule', () => {
  it('reports a rule after a rule without matches, at the rule', () => {
    expect(analyzeYaml(vs(CATCH_ALL + MATCH_X), 'IST0130')).toEqual([
      'Warning [IST0130] (VirtualService default/reviews x.yaml:9) VirtualService rule #1 not used (route without matches defined before).',
    ]);
  });

  it('reports a second rule without matches', () => {
    expect(analyzeYaml(vs(CATCH_ALL + CATCH_ALL), 'IST0130')).toEqual([
      'Warning [IST0130] (VirtualService default/reviews x.yaml:9) VirtualService rule #1 not used (only the last rule can have no matches).',
    ]);
  });

  it('reports a rule all of whose matches an earlier rule has, by its name', () => {
    const named = MATCH_X.replace('  - match:', '  - name: again\n    match:');
    expect(analyzeYaml(vs(MATCH_X + named), 'IST0130')).toEqual([
      'Warning [IST0130] (VirtualService default/reviews x.yaml:11) VirtualService rule "again" not used (all matches used by prior rules).',
    ]);
  });

  it('accepts the catch-all last', () => {
    expect(analyzeYaml(vs(MATCH_X + CATCH_ALL), 'IST0130')).toEqual([]);
  });
});

describe('IST0131 ineffective match', () => {
  const second = (uris: string): string => `  - name: second
    match:
${uris}    route:
    - destination: { host: reviews }
`;

  it('reports a match that an earlier rule already has (names aside), at the match', () => {
    const dup = second(`    - uri: { prefix: /y }\n    - name: again\n      uri: { prefix: /x }\n`);
    expect(analyzeYaml(vs(MATCH_X + dup), 'IST0131')).toEqual([
      'Info [IST0131] (VirtualService default/reviews x.yaml:14) VirtualService rule "second" match "again" is not used (duplicate/overlapping match in rule #0).',
    ]);
  });

  it('compares matches by content, whatever the key order', () => {
    const a = MATCH_X.replace('- uri: { prefix: /x }', '- { uri: { prefix: /x }, method: { exact: GET } }');
    const b = second('    - { method: { exact: GET }, uri: { prefix: /x } }\n');
    expect(analyzeYaml(vs(a + b), 'IST0131')).toEqual([
      'Info [IST0131] (VirtualService default/reviews x.yaml:13) VirtualService rule "second" match #0 is not used (duplicate/overlapping match in rule #0).',
    ]);
  });

  it('reports a match whose URI an earlier prefix covers, when the earlier one has no other condition', () => {
    const longer = second('    - uri: { prefix: /x/y }\n      headers: { end-user: { exact: jason } }\n');
    expect(analyzeYaml(vs(MATCH_X + longer), 'IST0131')).toEqual([
      'Info [IST0131] (VirtualService default/reviews x.yaml:13) VirtualService rule "second" match #0 of prefix /x/y is not used (duplicate/overlapping match in rule #0 of prefix /x on #0).',
    ]);
    const exact = second('    - uri: { exact: /x/index.html }\n');
    expect(analyzeYaml(vs(MATCH_X + exact), 'IST0131')).toEqual([
      'Info [IST0131] (VirtualService default/reviews x.yaml:13) VirtualService rule "second" match #0 of exact /x/index.html is not used (duplicate/overlapping match in rule #0 of prefix /x on #0).',
    ]);
  });

  it('accepts a longer prefix when the earlier match has a condition the later one lacks, or is case-sensitive', () => {
    const withHeader = MATCH_X.replace(
      '- uri: { prefix: /x }',
      '- { uri: { prefix: /x }, headers: { end-user: { exact: jason } } }',
    );
    expect(analyzeYaml(vs(withHeader + second('    - uri: { prefix: /x/y }\n')), 'IST0131')).toEqual([]);
    const anyCase = second('    - { uri: { prefix: /x/y }, ignoreUriCase: true }\n');
    expect(analyzeYaml(vs(MATCH_X + anyCase), 'IST0131')).toEqual([]);
  });

  it('accepts distinct matches', () => {
    expect(analyzeYaml(vs(MATCH_X + second('    - uri: { prefix: /z }\n')), 'IST0131')).toEqual([]);
  });
});
