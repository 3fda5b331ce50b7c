import { describe, expect, it } from 'vitest';
import type { QueryParameterMatcher } from '../../src/generated/types/envoy/config/route/v3/QueryParameterMatcher.js';
import {
  compileQueryMatcher,
  matchQueryParameters,
  parseQueryFirstValues,
  XdsMatchError,
} from '../../src/xds-match/index.js';

describe('QueryParameterMatcher', () => {
  const debug1: QueryParameterMatcher = { name: 'debug', string_match: { exact: '1' } };
  const cases: Array<[string, QueryParameterMatcher[], string, boolean]> = [
    ['exact', [debug1], '/p?debug=1', true],
    ['exact mismatch', [debug1], '/p?debug=2', false],
    ['absent', [debug1], '/p', false],
    ['the first value of a repeated name counts', [debug1], '/p?debug=1&debug=2', true],
    ['later values do not', [{ name: 'debug', string_match: { exact: '2' } }], '/p?debug=1&debug=2', false],
    ['values are not percent-decoded', [{ name: 'q', string_match: { exact: 'a b' } }], '/p?q=a%20b', false],
    ['the raw value matches', [{ name: 'q', string_match: { exact: 'a%20b' } }], '/p?q=a%20b', true],
    ['a name without "=" has value ""', [{ name: 'flag', string_match: { exact: '' } }], '/p?flag', true],
    ['present_match true', [{ name: 'flag', present_match: true }], '/p?flag', true],
    ['present_match true, absent', [{ name: 'flag', present_match: true }], '/p', false],
    ['present_match false, absent', [{ name: 'flag', present_match: false }], '/p?other=1', true],
    ['present_match false, present', [{ name: 'flag', present_match: false }], '/p?flag=1', false],
    ['no specifier tests presence', [{ name: 'x' }], '/p?x=', true],
    ['names are case-sensitive', [{ name: 'Debug', string_match: { exact: '1' } }], '/p?debug=1', false],
    ['matchers are ANDed', [debug1, { name: 'v', present_match: true }], '/p?debug=1', false],
    ['an empty list accepts', [], '/p', true],
    ['the fragment is not part of the query', [debug1], '/p?debug=1#top', true],
    ['empty pieces are skipped', [{ name: 'b', string_match: { exact: '2' } }], '/p?a=1&&b=2', true],
    ['a value may hold "="', [{ name: 'a', string_match: { exact: 'b=c' } }], '/p?a=b=c', true],
    ['string_match prefix', [{ name: 'tag', string_match: { prefix: 'v' } }], '/p?tag=v2', true],
  ];
  it.each(cases)('%s', (_name, matchers, path, expected) => {
    expect(matchQueryParameters(matchers, path)).toBe(expected);
  });

  const traces: Array<[QueryParameterMatcher, string, string]> = [
    [debug1, '/p?debug=2', 'query debug: exact "1" != "2"'],
    [debug1, '/p', 'query debug: absent (exact "1")'],
    [{ name: 'flag', present_match: false }, '/p?flag', 'query flag: present "" (present_match false)'],
    [{ name: 'flag', present_match: true }, '/p', 'query flag: absent (present_match)'],
    [{ name: 't', string_match: { suffix: 'z' } }, '/p?t=abc', 'query t: suffix "z" does not match "abc"'],
  ];
  it.each(traces)('explains %j on %s', (matcher, path, detail) => {
    const query = parseQueryFirstValues(path);
    const m = compileQueryMatcher(matcher);
    expect(m.test(query)).toBe(false);
    expect(m.explain(query)).toBe(detail);
  });

  it('rejects an empty name', () => {
    expect(() => compileQueryMatcher({ string_match: { exact: '1' } })).toThrow(XdsMatchError);
  });
});
