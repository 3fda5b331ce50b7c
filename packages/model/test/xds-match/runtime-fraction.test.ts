import { describe, expect, it } from 'vitest';
import type { RuntimeFractionalPercent } from '../../src/generated/types/envoy/config/core/v3/RuntimeFractionalPercent.js';
import {
  evaluateRuntimeFraction,
  matchRoute,
  type RandomValue,
  XdsMatchError,
} from '../../src/xds-match/index.js';
import { makeRequest, makeRoute } from './fixtures.js';

const pct = (
  numerator: number,
  denominator?: 'HUNDRED' | 'TEN_THOUSAND' | 'MILLION' | 1,
): RuntimeFractionalPercent => ({
  default_value: { numerator, ...(denominator === undefined ? {} : { denominator }) },
});

describe('runtime_fraction', () => {
  const cases: Array<[string, RuntimeFractionalPercent, RandomValue, boolean]> = [
    ['0 < 25', pct(25, 'HUNDRED'), 0, true],
    ['24 < 25', pct(25, 'HUNDRED'), 24, true],
    ['25 is not < 25', pct(25, 'HUNDRED'), 25, false],
    ['99', pct(25, 'HUNDRED'), 99, false],
    ['100 % 100 = 0', pct(25, 'HUNDRED'), 100, true],
    ['124 % 100 = 24', pct(25, 'HUNDRED'), 124, true],
    ['125 % 100 = 25', pct(25, 'HUNDRED'), 125, false],
    ['denominator defaults to HUNDRED', pct(1), 100, true],
    ['denominator HUNDRED is 100, not more', pct(1), 101, false],
    ['TEN_THOUSAND 0', pct(1, 'TEN_THOUSAND'), 0, true],
    ['TEN_THOUSAND 1', pct(1, 'TEN_THOUSAND'), 1, false],
    ['TEN_THOUSAND wraps', pct(1, 'TEN_THOUSAND'), 10_000, true],
    ['numeric enum 1 is TEN_THOUSAND', pct(1, 1), 100, false],
    ['MILLION just below', pct(500_000, 'MILLION'), 499_999, true],
    ['MILLION at', pct(500_000, 'MILLION'), 500_000, false],
    ['numerator 0 never matches', pct(0), 0, false],
    ['numerator = denominator always matches', pct(100), 99, true],
    ['numerator > denominator always matches', pct(150), 99, true],
    ['bigint random 2^64-1 (% 100 = 15), 16', pct(16), 2n ** 64n - 1n, true],
    ['bigint random 2^64-1 (% 100 = 15), 15', pct(15), 2n ** 64n - 1n, false],
  ];
  it.each(cases)('%s', (_name, fraction, random, expected) => {
    expect(evaluateRuntimeFraction(fraction, random)).toBe(expected);
  });

  it('uses a runtime override for runtime_key', () => {
    const f = { ...pct(100), runtime_key: 'routing.canary' };
    expect(evaluateRuntimeFraction(f, 0)).toBe(true);
    expect(evaluateRuntimeFraction(f, 0, { 'routing.canary': { numerator: 0 } })).toBe(false);
    expect(evaluateRuntimeFraction(f, 0, { other: { numerator: 0 } })).toBe(true);
  });

  it('rejects invalid random values and denominators', () => {
    expect(() => evaluateRuntimeFraction(pct(1), -1)).toThrow(RangeError);
    expect(() => evaluateRuntimeFraction(pct(1), 1.5)).toThrow(RangeError);
    expect(() => evaluateRuntimeFraction(pct(1), 2 ** 53)).toThrow(RangeError);
    expect(() => evaluateRuntimeFraction(pct(1), 2n ** 64n)).toThrow(RangeError);
    const bad = {
      default_value: { numerator: 1, denominator: 'BILLION' },
    } as unknown as RuntimeFractionalPercent;
    expect(() => evaluateRuntimeFraction(bad, 0)).toThrow(XdsMatchError);
  });

  it('gates a route with the caller-given random value and explains a miss', () => {
    const routes = [
      makeRoute({ prefix: '/', runtime_fraction: pct(25) }, { name: 'canary' }),
      makeRoute({ prefix: '/' }),
    ];
    expect(matchRoute(routes, makeRequest(), { random: 24 }).index).toBe(0);
    const miss = matchRoute(routes, makeRequest(), { random: 130, explain: true });
    expect(miss.index).toBe(1);
    expect(miss.trace).toEqual([
      {
        routeIndex: 0,
        routeName: 'canary',
        field: 'runtime',
        detail: 'runtime: random 130 % 100 = 30 >= 25',
      },
    ]);
    const override = matchRoute(
      [makeRoute({ prefix: '/', runtime_fraction: { ...pct(100), runtime_key: 'k' } })],
      makeRequest(),
      {
        explain: true,
        runtime: { k: { numerator: 5, denominator: 'TEN_THOUSAND' } },
        random: 7,
      },
    );
    expect(override.trace?.[0]?.detail).toBe('runtime: random 7 % 10000 = 7 >= 5 (runtime key "k")');
  });
});
