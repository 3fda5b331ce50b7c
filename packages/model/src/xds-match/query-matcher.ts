// envoy.config.route.v3.QueryParameterMatcher, as Envoy's ConfigUtility::QueryParameterMatcher applies it:
// parameters come from the raw query string (no percent-decoding); only the first value of a repeated name counts;
// present_match compares presence (true: must be there, false: must be absent, the current Envoy behaviour);
// string_match needs the parameter present and its first value to match; no specifier means "present".
import type { QueryParameterMatcher } from '../generated/types/envoy/config/route/v3/QueryParameterMatcher.js';
import { quote } from './ascii.js';
import { XdsMatchError } from './match-result.js';
import { oneofCase } from './proto.js';
import { parseQueryFirstValues } from './request.js';
import { type CompiledStringMatcher, compileStringMatcher, mismatchText } from './string-matcher.js';

export interface CompiledQueryMatcher {
  readonly name: string;
  test(query: ReadonlyMap<string, string>): boolean;
  /** Why test() returned false; call it only then. */
  explain(query: ReadonlyMap<string, string>): string;
}

const SPECIFIERS = ['string_match', 'present_match'] as const;

/** Compiles one QueryParameterMatcher. Throws XdsMatchError for configuration Envoy rejects. */
export function compileQueryMatcher(
  m: QueryParameterMatcher,
  path = 'query_parameter',
): CompiledQueryMatcher {
  const name = m.name ?? '';
  if (name === '') throw new XdsMatchError(`${path}.name`, 'query parameter name must not be empty');
  const label = `query ${name}: `;
  const which = oneofCase(m, 'query_parameter_match_specifier', SPECIFIERS);
  let sm: CompiledStringMatcher | undefined;
  if (which === 'string_match') sm = compileStringMatcher(m.string_match ?? {}, `${path}.string_match`);
  // Without string_match the matcher tests presence: present_match: false wants the parameter absent.
  const wantPresent = which !== 'present_match' || m.present_match === true;
  const description = sm?.description ?? (wantPresent ? 'present_match' : 'present_match false');

  const test = (query: ReadonlyMap<string, string>): boolean => {
    const value = query.get(name);
    if (sm === undefined) return (value !== undefined) === wantPresent;
    return value !== undefined && sm.match(value);
  };

  const explain = (query: ReadonlyMap<string, string>): string => {
    const value = query.get(name);
    if (value === undefined) return `${label}absent (${description})`;
    if (sm === undefined) return `${label}present ${quote(value)} (${description})`;
    return label + mismatchText(description, sm.exact, value);
  };

  return { name, test, explain };
}

/** Plain form: true when every matcher accepts the query string of `path` (everything after its first "?"). */
export function matchQueryParameters(matchers: readonly QueryParameterMatcher[], path: string): boolean {
  const hash = path.indexOf('#');
  const query = parseQueryFirstValues(hash < 0 ? path : path.slice(0, hash));
  return matchers.every((m, i) => compileQueryMatcher(m, `query_parameters[${i}]`).test(query));
}
