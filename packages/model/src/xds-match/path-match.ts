// RouteMatch's path specifier, as Envoy's route entries apply it. Every form matches :path without its ?query and
// #fragment (and, with RouteConfiguration.ignore_path_parameters_in_path_matching, without ";params").
// - prefix / path: exact string comparison; case_sensitive: false folds ASCII case.
// - safe_regex: RE2 full match; case_sensitive does not apply.
// - path_separated_prefix: the prefix, then end of path or "/" ("/api" matches "/api", "/api/x", "/api?q", not
//   "/apix"); honours case_sensitive.
// - connect_matcher: CONNECT requests (and CONNECT-UDP upgrades) only; they need no :path.
// - path_match_policy (URI templates): not supported; such a route never matches and says so in traces.
// A request without :path (a CONNECT) is matched by connect_matcher routes only.
import type { RouteMatch } from '../generated/types/envoy/config/route/v3/RouteMatch.js';
import { asciiEqualsFolded, asciiLower, asciiStartsWithFolded, quote } from './ascii.js';
import { XdsMatchError } from './match-result.js';
import { boolValue, oneofCase } from './proto.js';
import type { NormalizedRequest } from './request.js';
import { compileRegexMatcher } from './string-matcher.js';

export type PathSpecifier =
  | 'prefix'
  | 'path'
  | 'safe_regex'
  | 'path_separated_prefix'
  | 'connect_matcher'
  | 'path_match_policy';

const SPECIFIERS: readonly PathSpecifier[] = [
  'prefix',
  'path',
  'safe_regex',
  'path_separated_prefix',
  'connect_matcher',
  'path_match_policy',
];

export interface CompiledPathMatcher {
  readonly specifier: PathSpecifier;
  /** Trace field: `method` for connect_matcher, `unsupported` for path_match_policy, else `path`. */
  readonly field: 'path' | 'method' | 'unsupported';
  test(req: NormalizedRequest): boolean;
  /** Why test() returned false; call it only then. */
  explain(req: NormalizedRequest): string;
}

export interface PathMatchOptions {
  /** RouteConfiguration.ignore_path_parameters_in_path_matching: ignore ";params" and everything after. */
  readonly ignorePathParameters?: boolean;
}

/** A CONNECT, or an HTTP/1 upgrade to connect-udp (Envoy's isConnect / isConnectUdpRequest). */
export function isConnectRequest(req: NormalizedRequest): boolean {
  if (req.method === 'CONNECT') return true;
  const upgrade = req.headers.get('upgrade');
  return upgrade !== undefined && asciiLower(upgrade) === 'connect-udp';
}

/** Compiles the path part of `match`. Throws XdsMatchError when no specifier is set or the specifier is invalid. */
export function compilePathMatcher(
  match: RouteMatch,
  path = 'match',
  options: PathMatchOptions = {},
): CompiledPathMatcher {
  const caseSensitive = boolValue(match.case_sensitive, true);
  const stripParams = options.ignorePathParameters === true;
  const target = (req: NormalizedRequest): string => {
    if (!stripParams) return req.pathOnly;
    const semi = req.pathOnly.indexOf(';');
    return semi < 0 ? req.pathOnly : req.pathOnly.slice(0, semi);
  };
  const ci = caseSensitive ? '' : ' (case-insensitive)';
  const specifier = oneofCase(match, 'path_specifier', SPECIFIERS);
  const pathless = (req: NormalizedRequest): boolean => req.path === '';

  switch (specifier) {
    case 'prefix':
    case 'path_separated_prefix': {
      const prefix = (specifier === 'prefix' ? match.prefix : match.path_separated_prefix) ?? '';
      if (specifier === 'path_separated_prefix' && !/^[^?#]+[^?#/]$/.test(prefix)) {
        throw new XdsMatchError(
          `${path}.path_separated_prefix`,
          `${quote(prefix)} must be a non-empty path without "?" or "#" that does not end with "/"`,
        );
      }
      const lower = asciiLower(prefix);
      const starts = caseSensitive
        ? (p: string) => p.startsWith(prefix)
        : (p: string) => asciiStartsWithFolded(p, lower);
      const separated = specifier === 'path_separated_prefix';
      return {
        specifier,
        field: 'path',
        test: (req) => {
          if (pathless(req)) return false;
          const p = target(req);
          return starts(p) && (!separated || p.length === prefix.length || p[prefix.length] === '/');
        },
        explain: (req) =>
          pathless(req)
            ? 'path: request has no :path'
            : `path: ${specifier} ${quote(prefix)}${ci} does not match ${quote(target(req))}`,
      };
    }
    case 'path': {
      const exact = match.path ?? '';
      const lower = asciiLower(exact);
      const equals = caseSensitive ? (p: string) => p === exact : (p: string) => asciiEqualsFolded(p, lower);
      return {
        specifier,
        field: 'path',
        test: (req) => !pathless(req) && equals(target(req)),
        explain: (req) =>
          pathless(req)
            ? 'path: request has no :path'
            : `path: exact ${quote(exact)}${ci} != ${quote(target(req))}`,
      };
    }
    case 'safe_regex': {
      const re = compileRegexMatcher(match.safe_regex, `${path}.safe_regex`);
      const pattern = match.safe_regex?.regex ?? '';
      return {
        specifier,
        field: 'path',
        test: (req) => !pathless(req) && re.matches(target(req)),
        explain: (req) =>
          pathless(req)
            ? 'path: request has no :path'
            : `path: regex ${quote(pattern)} does not match ${quote(target(req))}`,
      };
    }
    case 'connect_matcher':
      return {
        specifier,
        field: 'method',
        test: isConnectRequest,
        explain: (req) => `method: connect_matcher needs CONNECT, got ${quote(req.method)}`,
      };
    case 'path_match_policy':
      return {
        specifier,
        field: 'unsupported',
        test: () => false,
        explain: () => 'path: path_match_policy (URI template matching) is not supported',
      };
    default:
      throw new XdsMatchError(
        path,
        'one of prefix, path, safe_regex, path_separated_prefix, connect_matcher or path_match_policy must be set',
      );
  }
}
