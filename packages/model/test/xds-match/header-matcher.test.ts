import { describe, expect, it } from 'vitest';
import type { HeaderMatcher } from '../../src/generated/types/envoy/config/route/v3/HeaderMatcher.js';
import {
  compileHeaderMatcher,
  type HttpHeaders,
  matchHeaders,
  toRequestHeaders,
  XdsMatchError,
} from '../../src/xds-match/index.js';

const explain = (m: HeaderMatcher, headers: HttpHeaders): string =>
  compileHeaderMatcher(m).explain(toRequestHeaders(headers));

describe('HeaderMatcher', () => {
  const jason: HeaderMatcher = { name: 'end-user', exact_match: 'jason' };
  const range: HeaderMatcher = { name: 'x-version', range_match: { start: 10, end: 20 } };
  const cases: Array<[string, HeaderMatcher, HttpHeaders, boolean]> = [
    ['exact match', jason, { 'end-user': 'jason' }, true],
    ['exact mismatch', jason, { 'end-user': 'alice' }, false],
    ['names are case-insensitive', { name: 'End-User', exact_match: 'jason' }, { 'END-USER': 'jason' }, true],
    ['values are case-sensitive', jason, { 'end-user': 'Jason' }, false],
    ['exact_match "" matches any present value', { name: 'x', exact_match: '' }, { x: 'anything' }, true],
    ['exact_match "" still needs the header', { name: 'x', exact_match: '' }, {}, false],
    ['a missing header fails exact', jason, {}, false],
    ['invert_match does not rescue a missing header', { ...jason, invert_match: true }, {}, false],
    [
      'invert_match flips a present mismatch',
      { ...jason, invert_match: true },
      { 'end-user': 'alice' },
      true,
    ],
    ['invert_match flips a present match', { ...jason, invert_match: true }, { 'end-user': 'jason' }, false],
    ['present_match true, present', { name: 'x-debug', present_match: true }, { 'x-debug': '' }, true],
    ['present_match true, absent', { name: 'x-debug', present_match: true }, {}, false],
    ['present_match false, absent', { name: 'x-debug', present_match: false }, {}, true],
    ['present_match false, present', { name: 'x-debug', present_match: false }, { 'x-debug': '1' }, false],
    [
      'present_match true + invert, absent',
      { name: 'x-debug', present_match: true, invert_match: true },
      {},
      true,
    ],
    [
      'present_match true + invert, present',
      { name: 'x-debug', present_match: true, invert_match: true },
      { 'x-debug': '1' },
      false,
    ],
    ['no specifier means present', { name: 'x' }, { x: '1' }, true],
    ['no specifier, absent', { name: 'x' }, {}, false],
    ['an empty value list is absent', { name: 'x', present_match: true }, { x: [] }, false],
    ['range lower bound is inclusive', range, { 'x-version': '10' }, true],
    ['range inside', range, { 'x-version': '19' }, true],
    ['range upper bound is exclusive', range, { 'x-version': '20' }, false],
    ['range below', range, { 'x-version': '9' }, false],
    ['range accepts a + sign', range, { 'x-version': '+15' }, true],
    ['range rejects a float', range, { 'x-version': '15.5' }, false],
    ['range rejects trailing text', range, { 'x-version': '15abc' }, false],
    ['range rejects empty', range, { 'x-version': '' }, false],
    ['range negative', { name: 'x', range_match: { start: -10, end: 0 } }, { x: '-1' }, true],
    ['range negative, 0 excluded', { name: 'x', range_match: { start: -10, end: 0 } }, { x: '0' }, false],
    [
      'range int64 bounds as strings',
      { name: 'x', range_match: { start: '9223372036854775806', end: '9223372036854775807' } },
      { x: '9223372036854775806' },
      true,
    ],
    [
      'range value beyond int64 does not match',
      { name: 'x', range_match: { start: '0', end: '9223372036854775807' } },
      { x: '9223372036854775808' },
      false,
    ],
    ['prefix_match', { name: 'ua', prefix_match: 'Mozilla' }, { ua: 'Mozilla/5.0' }, true],
    ['suffix_match', { name: 'ua', suffix_match: 'Safari' }, { ua: 'Mozilla Safari' }, true],
    ['contains_match', { name: 'ua', contains_match: 'Gecko' }, { ua: 'x Gecko y' }, true],
    ['regex is a full match', { name: 'x', safe_regex_match: { regex: '[0-9]{3}' } }, { x: '1234' }, false],
    [
      'inverted regex (the docs example)',
      { name: 'x', safe_regex_match: { regex: '[0-9]{3}' }, invert_match: true },
      { x: '1234' },
      true,
    ],
    [
      'string_match ignore_case',
      { name: 'x', string_match: { exact: 'ABC', ignore_case: true } },
      { x: 'abc' },
      true,
    ],
    ['multiple values are joined with ","', { name: 'x', exact_match: 'a,b' }, { x: ['a', 'b'] }, true],
    ['a joined value is not its first part', { name: 'x', exact_match: 'a' }, { x: ['a', 'b'] }, false],
    [
      'names differing in case are one header',
      { name: 'x-a', exact_match: 'a,b' },
      { 'X-A': 'a', 'x-a': 'b' },
      true,
    ],
    [
      'treat_missing_header_as_empty reads absent as ""',
      { name: 'h', safe_regex_match: { regex: '^$' }, treat_missing_header_as_empty: true },
      {},
      true,
    ],
    ['without it, absent fails', { name: 'h', safe_regex_match: { regex: '^$' } }, {}, false],
    [
      'treat_missing + inverted range (the docs example)',
      {
        name: 'h',
        range_match: { start: 0, end: 10 },
        invert_match: true,
        treat_missing_header_as_empty: true,
      },
      {},
      true,
    ],
  ];
  it.each(cases)('%s', (_name, matcher, headers, expected) => {
    expect(matchHeaders([matcher], headers)).toBe(expected);
  });

  it('ANDs a list and accepts an empty one', () => {
    const both = [jason, { name: 'x-debug', present_match: true }];
    expect(matchHeaders(both, { 'end-user': 'jason', 'x-debug': '1' })).toBe(true);
    expect(matchHeaders(both, { 'end-user': 'jason' })).toBe(false);
    expect(matchHeaders([], {})).toBe(true);
  });

  const traces: Array<[string, HeaderMatcher, HttpHeaders, string]> = [
    ['exact', jason, { 'end-user': 'alice' }, 'header end-user: exact "jason" != "alice"'],
    ['absent', jason, {}, 'header end-user: absent (exact "jason")'],
    [
      'absent, inverted',
      { ...jason, invert_match: true },
      {},
      'header end-user: absent (exact "jason", invert_match)',
    ],
    [
      'inverted match',
      { ...jason, invert_match: true },
      { 'end-user': 'jason' },
      'header end-user: exact "jason" matches "jason" (invert_match)',
    ],
    ['present_match', { name: 'x-debug', present_match: true }, {}, 'header x-debug: absent (present_match)'],
    [
      'present_match false',
      { name: 'x-debug', present_match: false },
      { 'x-debug': '1' },
      'header x-debug: present "1" (present_match false)',
    ],
    [
      'present_match inverted',
      { name: 'x-debug', present_match: true, invert_match: true },
      { 'x-debug': '1' },
      'header x-debug: present "1" (present_match, invert_match)',
    ],
    [
      'range',
      { name: 'x-v', range_match: { start: 1, end: 10 } },
      { 'x-v': '10' },
      'header x-v: range [1, 10) does not match "10"',
    ],
    [
      'regex',
      { name: 'x', safe_regex_match: { regex: 'v[0-9]+' } },
      { x: 'v1x' },
      'header x: regex "v[0-9]+" does not match "v1x"',
    ],
    ['joined values', { name: 'x', exact_match: 'a' }, { x: ['a', 'b'] }, 'header x: exact "a" != "a,b"'],
    [
      'string_match',
      { name: 'X-Tag', string_match: { prefix: 'ab', ignore_case: true } },
      { 'x-tag': 'xab' },
      'header x-tag: prefix "ab" (ignore_case) does not match "xab"',
    ],
  ];
  it.each(traces)('explains %s', (_name, matcher, headers, detail) => {
    expect(compileHeaderMatcher(matcher).test(toRequestHeaders(headers))).toBe(false);
    expect(explain(matcher, headers)).toBe(detail);
  });

  const invalid: Array<[string, HeaderMatcher]> = [
    ['empty name', { exact_match: 'a' }],
    ['empty prefix_match', { name: 'x', prefix_match: '' }],
    ['empty contains_match', { name: 'x', contains_match: '' }],
    ['non-RE2 regex', { name: 'x', safe_regex_match: { regex: '(?!a)' } }],
    ['non-integer range bound', { name: 'x', range_match: { start: 'ten', end: 20 } }],
  ];
  it.each(invalid)('rejects %s', (_name, matcher) => {
    expect(() => compileHeaderMatcher(matcher)).toThrow(XdsMatchError);
  });
});
