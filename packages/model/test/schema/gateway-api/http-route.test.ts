import { describe, expect, it } from 'vitest';
import { httpRouteKind, httpRouteSchema } from '../../../src/schema/gateway-api/http-route.js';
import { doc, issue, issuesOf } from './helpers.js';
import { fullRoute } from './http-route-fixture.js';

const route = (spec: unknown) => doc('HTTPRoute', spec);
/** A route with one rule. */
const withRule = (rule: unknown) => route({ parentRefs: [{ name: 'gw' }], rules: [rule] });
const svc = { name: 'web', port: 8080 };
const R = ['spec', 'rules', 0];

describe('HTTPRoute (gateway.networking.k8s.io)', () => {
  it('accepts an HTTPRoute using every field, in versions v1, v1beta1 and v1alpha2', () => {
    expect(issuesOf(httpRouteSchema, fullRoute)).toEqual([]);
    expect(httpRouteKind.versions).toEqual(['v1', 'v1beta1', 'v1alpha2']);
  });

  it('reports unknown fields at depth and bad enums', () => {
    const r = withRule({
      matches: [{ path: { type: 'Prefix', prefix: '/' }, method: 'FETCH' }],
      backendRefs: [svc],
    });
    expect(issuesOf(httpRouteSchema, r)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...R, 'matches', 0, 'path', 'type'],
        'expected one of "Exact", "PathPrefix", "RegularExpression", got "Prefix"',
      ),
      issue('MM_UNKNOWN_FIELD', [...R, 'matches', 0, 'path', 'prefix'], 'unknown field "prefix"'),
      issue(
        'MM_INVALID_VALUE',
        [...R, 'matches', 0, 'method'],
        'expected one of "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", got "FETCH"',
      ),
    ]);
  });

  it('checks Exact and PathPrefix path values', () => {
    const paths = ['api', '/a//b', '/a/../b', '/a%2Fb', '/a/.', '/a b'];
    const r = withRule({
      matches: paths.map((value) => ({ path: { type: 'PathPrefix', value } })),
      backendRefs: [svc],
    });
    const at = (i: number) => [...R, 'matches', i, 'path', 'value'];
    expect(issuesOf(httpRouteSchema, r)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        at(0),
        'expected an absolute path starting with "/" for type PathPrefix, got "api"',
      ),
      issue('MM_INVALID_VALUE', at(1), 'expected a path without "//" for type PathPrefix, got "/a//b"'),
      issue('MM_INVALID_VALUE', at(2), 'expected a path without "/../" for type PathPrefix, got "/a/../b"'),
      issue('MM_INVALID_VALUE', at(3), 'expected a path without "%2F" for type PathPrefix, got "/a%2Fb"'),
      issue(
        'MM_INVALID_VALUE',
        at(4),
        'expected a path that does not end with "/." for type PathPrefix, got "/a/."',
      ),
      issue(
        'MM_INVALID_VALUE',
        at(5),
        `expected a path of URL path characters (letters, digits, -._~!$&'()*+,;=:@/ and %XX) for type PathPrefix, got "/a b"`,
      ),
    ]);
    // The default type is PathPrefix.
    expect(
      issuesOf(httpRouteSchema, withRule({ matches: [{ path: { value: 'x' } }], backendRefs: [svc] })),
    ).toEqual([
      issue(
        'MM_INVALID_VALUE',
        at(0),
        'expected an absolute path starting with "/" for type PathPrefix, got "x"',
      ),
    ]);
  });

  it('compiles RegularExpression path, header and query values as RE2', () => {
    const r = withRule({
      matches: [
        {
          path: { type: 'RegularExpression', value: '/(?!admin).*' },
          headers: [{ type: 'RegularExpression', name: 'x-a', value: '(a' }],
          queryParams: [{ type: 'RegularExpression', name: 'q', value: '\\1' }],
        },
      ],
      backendRefs: [svc],
    });
    const at = [...R, 'matches', 0];
    expect(issuesOf(httpRouteSchema, r)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...at, 'path', 'value'],
        'expected a regular expression in RE2 syntax: error parsing regexp: invalid or unsupported Perl syntax: `(?!`',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...at, 'headers', 0, 'value'],
        'expected a regular expression in RE2 syntax: error parsing regexp: missing closing ): `(a`',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...at, 'queryParams', 0, 'value'],
        'expected a regular expression in RE2 syntax: error parsing regexp: invalid escape sequence: `\\1`',
      ),
    ]);
  });

  it('checks header names, values and uniqueness', () => {
    const r = withRule({
      matches: [
        {
          headers: [
            { name: 'x a', value: 'v' },
            { name: 'x-b', value: 'two  spaces' },
            { name: 'x-b', value: 'v' },
          ],
        },
      ],
      backendRefs: [svc],
    });
    const at = [...R, 'matches', 0, 'headers'];
    expect(issuesOf(httpRouteSchema, r)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...at, 0, 'name'],
        'expected an HTTP header name (RFC 7230 token characters), got "x a"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...at, 1, 'value'],
        'expected a header value of printable ASCII, single spaces or tabs between words, got "two  spaces"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...at, 2, 'name'],
        'expected a unique header name, "x-b" is also at index 1',
      ),
    ]);
  });

  it('checks backend weights and Service ports', () => {
    const r = withRule({
      backendRefs: [
        { name: 'a', port: 80, weight: 1000001 },
        { name: 'b', port: 80, weight: -1 },
        { name: 'c', port: 80, weight: 1.5 },
        { name: 'd' },
        { group: 'example.com', kind: 'Bucket', name: 'e' },
      ],
    });
    const at = (i: number) => [...R, 'backendRefs', i];
    expect(issuesOf(httpRouteSchema, r)).toEqual([
      issue('MM_INVALID_VALUE', [...at(0), 'weight'], 'expected a weight from 0 to 1000000, got 1000001'),
      issue('MM_INVALID_VALUE', [...at(1), 'weight'], 'expected a weight from 0 to 1000000, got -1'),
      issue('MM_INVALID_TYPE', [...at(2), 'weight'], 'expected a whole-number weight, got 1.5'),
      issue(
        'MM_INVALID_VALUE',
        [...at(3), 'port'],
        'expected a port: a reference to a Service must name its port',
      ),
    ]);
  });

  it('checks timeouts: Gateway API durations, backendRequest no longer than request', () => {
    const bad = withRule({ backendRefs: [svc], timeouts: { request: '1.5s', backendRequest: '10 s' } });
    expect(issuesOf(httpRouteSchema, bad)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...R, 'timeouts', 'request'],
        'expected a duration such as "10s", "500ms" or "1h30m" (whole numbers with h, m, s or ms), got "1.5s"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...R, 'timeouts', 'backendRequest'],
        'expected a duration such as "10s", "500ms" or "1h30m" (whole numbers with h, m, s or ms), got "10 s"',
      ),
    ]);
    const longer = withRule({ backendRefs: [svc], timeouts: { request: '1s', backendRequest: '1s1ms' } });
    expect(issuesOf(httpRouteSchema, longer)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...R, 'timeouts', 'backendRequest'],
        'expected a backendRequest timeout no longer than the request timeout 1s, got 1s1ms',
      ),
    ]);
    // "0s" disables the request timeout, so any backendRequest fits.
    expect(
      issuesOf(
        httpRouteSchema,
        withRule({ backendRefs: [svc], timeouts: { request: '0s', backendRequest: '1h' } }),
      ),
    ).toEqual([]);
  });

  it('checks retry codes and attempts', () => {
    const r = withRule({ backendRefs: [svc], retry: { codes: [503, 600, 503], attempts: 0, backoff: '1m' } });
    expect(issuesOf(httpRouteSchema, r)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...R, 'retry', 'codes', 1],
        'expected an HTTP status code from 400 to 599, got 600',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...R, 'retry', 'codes', 2],
        'expected a unique status code, 503 is also at index 0',
      ),
      issue('MM_INVALID_VALUE', [...R, 'retry', 'attempts'], 'expected at least 1 attempt, got 0'),
    ]);
  });

  it('checks session persistence', () => {
    const r = route({
      rules: [
        { backendRefs: [svc], sessionPersistence: { cookieConfig: { lifetimeType: 'Permanent' } } },
        {
          backendRefs: [svc],
          sessionPersistence: { type: 'Header', cookieConfig: {}, absoluteTimeout: '1d' },
        },
      ],
    });
    expect(issuesOf(httpRouteSchema, r)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'rules', 0, 'sessionPersistence', 'absoluteTimeout'],
        'expected absoluteTimeout for a cookie whose lifetimeType is Permanent',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'rules', 1, 'sessionPersistence', 'absoluteTimeout'],
        'expected a duration such as "10s", "500ms" or "1h30m" (whole numbers with h, m, s or ms), got "1d"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'rules', 1, 'sessionPersistence', 'cookieConfig'],
        'expected no cookieConfig for type Header',
      ),
    ]);
  });

  it('checks parent references to the same parent', () => {
    const r = route({
      parentRefs: [
        { name: 'gw' },
        { name: 'gw', kind: 'Gateway' },
        { name: 'gw', namespace: 'other' },
        { name: 'gw', sectionName: 'http' },
      ],
    });
    expect(issuesOf(httpRouteSchema, r)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'parentRefs', 1],
        'expected a sectionName or port that tells this reference apart from index 0 (same parent)',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'parentRefs', 3],
        'expected sectionName and port to be set alike on references to the same parent as index 0',
      ),
    ]);
  });

  it('checks hostnames, rule names, the number of rules and of matches', () => {
    const r = route({ hostnames: ['Example.com', '192.168.0.1'], rules: [{ name: 'a' }, { name: 'a' }] });
    expect(issuesOf(httpRouteSchema, r)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'hostnames', 0],
        'expected a hostname such as "example.com" or "*.example.com" (lower case, no IP address), got "Example.com"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'hostnames', 1],
        'expected a hostname such as "example.com" or "*.example.com" (lower case, no IP address), got "192.168.0.1"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'rules', 1, 'name'],
        'expected a unique rule name, "a" is also at index 0',
      ),
    ]);
    expect(issuesOf(httpRouteSchema, route({ rules: [] }))).toEqual([
      issue('MM_INVALID_VALUE', ['spec', 'rules'], 'expected at least one rule'),
    ]);
    const matches = Array.from({ length: 50 }, (_, i) => ({ path: { value: `/p${i}` } }));
    const many = route({ rules: [{ matches }, { matches }, { matches }] });
    expect(issuesOf(httpRouteSchema, many)).toEqual([
      issue('MM_INVALID_VALUE', ['spec', 'rules'], 'expected at most 128 matches across all rules, got 150'),
    ]);
  });
});
