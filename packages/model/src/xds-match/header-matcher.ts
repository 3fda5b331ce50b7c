// envoy.config.route.v3.HeaderMatcher, as Envoy's HeaderUtility applies it to request headers:
// - the header's values are joined with "," and matched as one string;
// - a missing header fails every matcher, except present_match (false matches it; true + invert_match matches it),
//   unless treat_missing_header_as_empty, which reads it as present with value "";
// - exact_match "" matches any present value; range_match is [start, end) over a base-10 int64 value;
// - invert_match flips the outcome of a header that is present (or treated as empty);
// - no specifier means present_match: true.
import type { HeaderMatcher } from '../generated/types/envoy/config/route/v3/HeaderMatcher.js';
import { asciiLower, quote } from './ascii.js';
import { XdsMatchError } from './match-result.js';
import { int64Of, parseInt64 } from './numbers.js';
import { oneofCase } from './proto.js';
import type { HttpHeaders, RequestHeaders } from './request.js';
import { toRequestHeaders } from './request.js';
import { compileRegexMatcher, compileStringMatcher, mismatchText } from './string-matcher.js';

export interface CompiledHeaderMatcher {
  /** Lower-case header name. */
  readonly name: string;
  /** The trace field: `method` for :method, else `header`. */
  readonly field: 'method' | 'header';
  test(headers: RequestHeaders): boolean;
  /** Why test() returned false for these headers; call it only then. */
  explain(headers: RequestHeaders): string;
}

const SPECIFIERS = [
  'exact_match',
  'safe_regex_match',
  'range_match',
  'present_match',
  'prefix_match',
  'suffix_match',
  'contains_match',
  'string_match',
] as const;

/** A value test and how traces name it; undefined for present_match. */
interface ValueMatcher {
  readonly match: (value: string) => boolean;
  readonly description: string;
  readonly exact: boolean;
}

function required(value: string | undefined, path: string): string {
  if (value === undefined || value === '') {
    throw new XdsMatchError(path, 'must not be empty (use present_match to test presence)');
  }
  return value;
}

function valueMatcher(m: HeaderMatcher, path: string): ValueMatcher | undefined {
  switch (oneofCase(m, 'header_match_specifier', SPECIFIERS)) {
    case 'exact_match': {
      const e = m.exact_match ?? '';
      return { match: (v) => e === '' || v === e, description: `exact ${quote(e)}`, exact: true };
    }
    case 'safe_regex_match': {
      const re = compileRegexMatcher(m.safe_regex_match, `${path}.safe_regex_match`);
      const pattern = m.safe_regex_match?.regex ?? '';
      return { match: (v) => re.matches(v), description: `regex ${quote(pattern)}`, exact: false };
    }
    case 'range_match': {
      const start = int64Of(m.range_match?.start, `${path}.range_match.start`);
      const end = int64Of(m.range_match?.end, `${path}.range_match.end`);
      return {
        match: (v) => {
          const n = parseInt64(v);
          return n !== undefined && n >= start && n < end;
        },
        description: `range [${start}, ${end})`,
        exact: false,
      };
    }
    case 'prefix_match': {
      const p = required(m.prefix_match, `${path}.prefix_match`);
      return { match: (v) => v.startsWith(p), description: `prefix ${quote(p)}`, exact: false };
    }
    case 'suffix_match': {
      const s = required(m.suffix_match, `${path}.suffix_match`);
      return { match: (v) => v.endsWith(s), description: `suffix ${quote(s)}`, exact: false };
    }
    case 'contains_match': {
      const c = required(m.contains_match, `${path}.contains_match`);
      return { match: (v) => v.includes(c), description: `contains ${quote(c)}`, exact: false };
    }
    case 'string_match': {
      const sm = compileStringMatcher(m.string_match ?? {}, `${path}.string_match`);
      return { match: (v) => sm.match(v), description: sm.description, exact: sm.exact };
    }
    default:
      return undefined;
  }
}

/** Compiles one HeaderMatcher. Throws XdsMatchError for configuration Envoy rejects. */
export function compileHeaderMatcher(m: HeaderMatcher, path = 'header'): CompiledHeaderMatcher {
  const name = asciiLower(m.name ?? '');
  if (name === '') throw new XdsMatchError(`${path}.name`, 'header name must not be empty');
  const invert = m.invert_match === true;
  const treatMissingAsEmpty = m.treat_missing_header_as_empty === true;
  const vm = valueMatcher(m, path);
  // present_match: false only when explicitly set; no specifier at all means present_match: true.
  const present = vm !== undefined || m.present_match !== false;
  const inverted = invert ? ', invert_match' : '';
  // How traces name the matcher; `absent (...)` also says invert_match, which only then is not implied by the text.
  const description =
    vm === undefined ? `${present ? 'present_match' : 'present_match false'}${inverted}` : vm.description;
  const whenAbsent = vm === undefined ? description : `${description}${inverted}`;
  const label = `header ${name}: `;

  const test = (headers: RequestHeaders): boolean => {
    const found = headers.get(name);
    if (found === undefined && !treatMissingAsEmpty) {
      return vm === undefined && (invert ? present : !present);
    }
    const matched = vm === undefined ? present : vm.match(found ?? '');
    return matched !== invert;
  };

  const explain = (headers: RequestHeaders): string => {
    const found = headers.get(name);
    if (found === undefined && !treatMissingAsEmpty) {
      return `${label}absent (${whenAbsent})`;
    }
    const value = found ?? '';
    if (vm === undefined) return `${label}present ${quote(value)} (${description})`;
    if (invert) return `${label}${description} matches ${quote(value)} (invert_match)`;
    return label + mismatchText(description, vm.exact, value);
  };

  return { name, field: name === ':method' ? 'method' : 'header', test, explain };
}

/** Plain form: true when every matcher accepts `headers` (an empty list accepts anything). */
export function matchHeaders(matchers: readonly HeaderMatcher[], headers: HttpHeaders): boolean {
  const h = toRequestHeaders(headers);
  return matchers.every((m, i) => compileHeaderMatcher(m, `headers[${i}]`).test(h));
}
