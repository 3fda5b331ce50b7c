import { describe, expect, it } from 'vitest';
import type { StringMatcher } from '../../src/generated/types/envoy/type/matcher/v3/StringMatcher.js';
import { compileStringMatcher, matchString, XdsMatchError } from '../../src/xds-match/index.js';

describe('StringMatcher', () => {
  const cases: Array<[string, StringMatcher, string, boolean]> = [
    ['exact', { exact: 'foo' }, 'foo', true],
    ['exact is case-sensitive', { exact: 'foo' }, 'Foo', false],
    ['exact ignore_case', { exact: 'foo', ignore_case: true }, 'FoO', true],
    ['exact "" matches only ""', { exact: '' }, '', true],
    ['exact "" rejects a value', { exact: '' }, 'x', false],
    ['prefix', { prefix: '/api' }, '/api/v1', true],
    ['prefix miss', { prefix: '/api' }, '/ap', false],
    ['prefix ignore_case', { prefix: '/API', ignore_case: true }, '/api/v1', true],
    ['suffix', { suffix: '.css' }, 'a.css', true],
    ['suffix is case-sensitive', { suffix: '.css' }, 'a.CSS', false],
    ['suffix ignore_case', { suffix: '.css', ignore_case: true }, 'a.CSS', true],
    ['contains', { contains: 'bar' }, 'foobarbaz', true],
    ['contains ignore_case', { contains: 'BAR', ignore_case: true }, 'fooBarbaz', true],
    ['ignore_case folds ASCII only', { exact: 'é', ignore_case: true }, 'É', false],
    ['regex full match', { safe_regex: { regex: 'a+b' } }, 'aab', true],
    ['regex is not a partial match (trailing)', { safe_regex: { regex: 'a+b' } }, 'aabx', false],
    ['regex is not a partial match (leading)', { safe_regex: { regex: 'a+b' } }, 'xaab', false],
    [
      'the match_pattern discriminator wins',
      { exact: 'a', prefix: 'b', match_pattern: 'prefix' },
      'bcd',
      true,
    ],
  ];
  it.each(cases)('%s', (_name, matcher, value, expected) => {
    expect(matchString(matcher, value)).toBe(expected);
  });

  const invalid: Array<[string, StringMatcher, RegExp]> = [
    ['no pattern', {}, /one of exact, prefix/],
    ['empty prefix', { prefix: '' }, /prefix must not be empty/],
    ['lookahead is not RE2', { safe_regex: { regex: '(?=a)b' } }, /not a valid RE2 regex/],
    ['backreferences are not RE2', { safe_regex: { regex: '(a)\\1' } }, /not a valid RE2 regex/],
    [
      'ignore_case with safe_regex',
      { safe_regex: { regex: 'a' }, ignore_case: true },
      /ignore_case has no effect/,
    ],
    ['empty regex', { safe_regex: { regex: '' } }, /regex must not be empty/],
  ];
  it.each(invalid)('rejects %s', (_name, matcher, message) => {
    expect(() => compileStringMatcher(matcher, 'm')).toThrow(XdsMatchError);
    expect(() => compileStringMatcher(matcher, 'm')).toThrow(message);
  });

  it('names itself for traces', () => {
    expect(compileStringMatcher({ prefix: '/a', ignore_case: true }, 'm').description).toBe(
      'prefix "/a" (ignore_case)',
    );
    expect(compileStringMatcher({ safe_regex: { regex: 'v[0-9]+' } }, 'm').description).toBe(
      'regex "v[0-9]+"',
    );
  });

  it('reports the field path of an invalid regex', () => {
    try {
      compileStringMatcher({ safe_regex: { regex: '(?<!x)y' } }, 'headers[0].string_match');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(XdsMatchError);
      expect((err as XdsMatchError).path).toBe('headers[0].string_match.safe_regex.regex');
      expect((err as XdsMatchError).code).toBe('MM_XDS_MATCH_CONFIG');
    }
  });
});
