// RouteMatch.runtime_fraction, as Envoy's runtime snapshot evaluates it (featureEnabled): the route matches when
// `random % denominator < numerator`, with the FractionalPercent from the runtime layer when the caller supplies
// one for runtime_key, else default_value. `random` is the caller's per-request value (Envoy uses the stream id
// and the same value for weighted cluster selection). A numerator above the denominator always matches.
import type { RuntimeFractionalPercent } from '../generated/types/envoy/config/core/v3/RuntimeFractionalPercent.js';
import type { FractionalPercent } from '../generated/types/envoy/type/v3/FractionalPercent.js';
import { quote } from './ascii.js';
import { XdsMatchError } from './match-result.js';
import { checkRandom, type RandomValue, randomModulo } from './numbers.js';

/** Runtime layer overrides by runtime key (what Envoy's runtime would return for RuntimeFractionalPercent keys). */
export type RuntimeValues = Readonly<Record<string, FractionalPercent>>;

/** The denominator as a number: HUNDRED 100, TEN_THOUSAND 10 000, MILLION 1 000 000 (absent means HUNDRED). */
export function fractionDenominator(d: FractionalPercent['denominator'], path = 'denominator'): number {
  switch (d) {
    case undefined:
    case 'HUNDRED':
    case 0:
      return 100;
    case 'TEN_THOUSAND':
    case 1:
      return 10_000;
    case 'MILLION':
    case 2:
      return 1_000_000;
    default:
      throw new XdsMatchError(path, `unknown denominator ${JSON.stringify(d)}`);
  }
}

/** True when `random % denominator < numerator` for this FractionalPercent. */
export function evaluateFractionalPercent(percent: FractionalPercent, random: RandomValue): boolean {
  return randomModulo(random, fractionDenominator(percent.denominator)) < (percent.numerator ?? 0);
}

export interface CompiledRuntimeFraction {
  test(random: RandomValue, runtime: RuntimeValues | undefined): boolean;
  /** Why test() returned false; call it only then. */
  explain(random: RandomValue, runtime: RuntimeValues | undefined): string;
}

/** Compiles a RuntimeFractionalPercent. Throws XdsMatchError for an unknown denominator. */
export function compileRuntimeFraction(
  fraction: RuntimeFractionalPercent,
  path = 'runtime_fraction',
): CompiledRuntimeFraction {
  const fallback = fraction.default_value ?? {};
  fractionDenominator(fallback.denominator, `${path}.default_value.denominator`);
  const key = fraction.runtime_key ?? '';
  const effective = (runtime: RuntimeValues | undefined): FractionalPercent =>
    key !== '' && runtime !== undefined && Object.hasOwn(runtime, key)
      ? (runtime[key] ?? fallback)
      : fallback;
  return {
    test: (random, runtime) => evaluateFractionalPercent(effective(runtime), random),
    explain: (random, runtime) => {
      const percent = effective(runtime);
      const denominator = fractionDenominator(percent.denominator);
      const from = percent === fallback ? '' : ` (runtime key ${quote(key)})`;
      const got = randomModulo(random, denominator);
      return `runtime: random ${String(random)} % ${denominator} = ${got} >= ${percent.numerator ?? 0}${from}`;
    },
  };
}

/** Plain form: whether a route with this runtime_fraction matches for `random`. */
export function evaluateRuntimeFraction(
  fraction: RuntimeFractionalPercent,
  random: RandomValue,
  runtime?: RuntimeValues,
): boolean {
  checkRandom(random);
  return compileRuntimeFraction(fraction).test(random, runtime);
}
