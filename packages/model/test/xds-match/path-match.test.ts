import { describe, expect, it } from 'vitest';
import type { RouteMatch } from '../../src/generated/types/envoy/config/route/v3/RouteMatch.js';
import {
  compileRoutes,
  type HttpRequest,
  matchRoute,
  normalizeRequest,
  XdsMatchError,
} from '../../src/xds-match/index.js';
import { makeRequest, makeRoute } from './fixtures.js';

const matches = (match: RouteMatch, request: Partial<HttpRequest>): boolean =>
  matchRoute([makeRoute(match)], makeRequest(request)).index === 0;

const insensitive = { value: false };

describe('path specifiers', () => {
  const cases: Array<[string, RouteMatch, string, boolean]> = [
    ['prefix equal', { prefix: '/api' }, '/api', true],
    ['prefix below', { prefix: '/api' }, '/api/v1', true],
    ['prefix is not segment-aware', { prefix: '/api' }, '/apix', true],
    ['prefix shorter path', { prefix: '/api' }, '/ap', false],
    ['prefix is case-sensitive', { prefix: '/api' }, '/API', false],
    ['prefix case_sensitive false', { prefix: '/api', case_sensitive: insensitive }, '/API/v1', true],
    ['empty prefix matches everything', { prefix: '' }, '/anything', true],
    ['the query is not part of the path', { prefix: '/a/b' }, '/a?/b', false],
    ['path ignores the query', { path: '/a' }, '/a?x=1', true],
    ['path ignores the fragment', { path: '/a' }, '/a#top', true],
    ['path exact', { path: '/a' }, '/a', true],
    ['path trailing slash differs', { path: '/a' }, '/a/', false],
    ['path is case-sensitive', { path: '/a' }, '/A', false],
    ['path case_sensitive false', { path: '/a', case_sensitive: insensitive }, '/A', true],
    ['regex full match', { safe_regex: { regex: '/v[0-9]+' } }, '/v12', true],
    ['regex does not match a longer path', { safe_regex: { regex: '/v[0-9]+' } }, '/v12/x', false],
    ['regex does not match a suffix', { safe_regex: { regex: '/v[0-9]+' } }, '/x/v12', false],
    ['regex ignores the query', { safe_regex: { regex: '/v[0-9]+' } }, '/v12?x=1', true],
    [
      'regex ignores case_sensitive',
      { safe_regex: { regex: '/abc' }, case_sensitive: insensitive },
      '/ABC',
      false,
    ],
    ['path_separated_prefix equal', { path_separated_prefix: '/api' }, '/api', true],
    ['path_separated_prefix then /', { path_separated_prefix: '/api' }, '/api/', true],
    ['path_separated_prefix below', { path_separated_prefix: '/api' }, '/api/v1', true],
    ['path_separated_prefix then ?', { path_separated_prefix: '/api' }, '/api?x=1', true],
    ['path_separated_prefix then #', { path_separated_prefix: '/api' }, '/api#f', true],
    ['path_separated_prefix not a longer segment', { path_separated_prefix: '/api' }, '/apix', false],
    ['path_separated_prefix shorter path', { path_separated_prefix: '/api' }, '/ap', false],
    ['path_separated_prefix is case-sensitive', { path_separated_prefix: '/api' }, '/API/x', false],
    [
      'path_separated_prefix case_sensitive false',
      { path_separated_prefix: '/api', case_sensitive: insensitive },
      '/API/x',
      true,
    ],
    [
      'the path_specifier discriminator wins',
      { prefix: '/x', path: '/a', path_specifier: 'path' },
      '/a',
      true,
    ],
  ];
  it.each(cases)('%s', (_name, match, path, expected) => {
    expect(matches(match, { path })).toBe(expected);
  });

  it('connect_matcher matches CONNECT (and CONNECT-UDP upgrades) only', () => {
    expect(matches({ connect_matcher: {} }, { method: 'CONNECT', path: '' })).toBe(true);
    expect(matches({ connect_matcher: {} }, { method: 'GET', path: '/' })).toBe(false);
    expect(matches({ connect_matcher: {} }, { method: 'GET', headers: { Upgrade: 'CONNECT-UDP' } })).toBe(
      true,
    );
  });

  it('routes other than connect_matcher need a :path', () => {
    expect(matches({ prefix: '' }, { method: 'CONNECT', path: '' })).toBe(false);
  });

  it('ignore_path_parameters_in_path_matching drops ";params"', () => {
    const routes = [makeRoute({ path: '/a' })];
    const req = normalizeRequest(makeRequest({ path: '/a;jsessionid=1?x=1' }));
    const env = { random: 0, runtime: undefined };
    expect(compileRoutes(routes).match(req, env, false).index).toBe(-1);
    expect(compileRoutes(routes, { ignorePathParameters: true }).match(req, env, false).index).toBe(0);
  });

  const invalid: Array<[string, RouteMatch]> = [
    ['no path specifier', { headers: [] }],
    ['path_separated_prefix ending with /', { path_separated_prefix: '/api/' }],
    ['path_separated_prefix "/"', { path_separated_prefix: '/' }],
    ['path_separated_prefix with ?', { path_separated_prefix: '/a?b' }],
    ['path_separated_prefix empty', { path_separated_prefix: '' }],
    ['non-RE2 safe_regex', { safe_regex: { regex: '/(?<=a)b' } }],
  ];
  it.each(invalid)('rejects %s', (_name, match) => {
    expect(() => matchRoute([makeRoute(match)], makeRequest())).toThrow(XdsMatchError);
  });

  const traces: Array<[RouteMatch, Partial<HttpRequest>, string, string]> = [
    [{ prefix: '/api' }, { path: '/v1/x?y=1' }, 'path', 'path: prefix "/api" does not match "/v1/x"'],
    [
      { prefix: '/api', case_sensitive: insensitive },
      { path: '/v1' },
      'path',
      'path: prefix "/api" (case-insensitive) does not match "/v1"',
    ],
    [{ path: '/a' }, { path: '/b?a' }, 'path', 'path: exact "/a" != "/b"'],
    [
      { safe_regex: { regex: '/v[0-9]+' } },
      { path: '/v1/x' },
      'path',
      'path: regex "/v[0-9]+" does not match "/v1/x"',
    ],
    [
      { path_separated_prefix: '/api' },
      { path: '/apix' },
      'path',
      'path: path_separated_prefix "/api" does not match "/apix"',
    ],
    [
      { connect_matcher: {} },
      { method: 'GET' },
      'method',
      'method: connect_matcher needs CONNECT, got "GET"',
    ],
    [
      { path_match_policy: { name: 'envoy.path.match.uri_template.uri_template_matcher' } },
      {},
      'unsupported',
      'path: path_match_policy (URI template matching) is not supported',
    ],
    [{ prefix: '/' }, { method: 'CONNECT', path: '' }, 'path', 'path: request has no :path'],
  ];
  it.each(traces)('explains %j for %j', (match, request, field, detail) => {
    const r = matchRoute([makeRoute(match, { name: 'r' })], makeRequest(request), { explain: true });
    expect(r.matched).toBeUndefined();
    expect(r.trace).toEqual([{ routeIndex: 0, routeName: 'r', field, detail }]);
  });
});
