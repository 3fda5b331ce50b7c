// HTTPRoute filters: type/field agreement, redirects and rewrites, mirrors, CORS and external auth.
import { describe, expect, it } from 'vitest';
import { httpRouteSchema } from '../../../src/schema/gateway-api/http-route.js';
import { doc, issue, issuesOf } from './helpers.js';

const route = (spec: unknown) => doc('HTTPRoute', spec);
/** A route with one rule. */
const withRule = (rule: unknown) => route({ parentRefs: [{ name: 'gw' }], rules: [rule] });
const svc = { name: 'web', port: 8080 };
const R = ['spec', 'rules', 0];

describe('HTTPRoute filters', () => {
  it('requires the filter type to match exactly the one config field set', () => {
    const r = withRule({
      filters: [
        { type: 'RequestHeaderModifier', urlRewrite: { hostname: 'x.example.com' } },
        { type: 'Rewrite', urlRewrite: {} },
      ],
      backendRefs: [svc],
    });
    expect(issuesOf(httpRouteSchema, r)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...R, 'filters', 0, 'requestHeaderModifier'],
        'expected requestHeaderModifier to be set for a filter of type RequestHeaderModifier',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...R, 'filters', 0, 'urlRewrite'],
        'expected no urlRewrite in a filter of type RequestHeaderModifier',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...R, 'filters', 1, 'type'],
        'expected one of "RequestHeaderModifier", "ResponseHeaderModifier", "RequestMirror", "RequestRedirect", "URLRewrite", "ExtensionRef", "CORS", "ExternalAuth", got "Rewrite"',
      ),
    ]);
  });

  it('checks redirects: status code, no backends, not with URLRewrite, path modifier', () => {
    const r = withRule({
      filters: [
        // An invalid enum stops the rule's own checks (backendRefs with a redirect) until it is fixed.
        { type: 'RequestRedirect', requestRedirect: { statusCode: 304 } },
      ],
      backendRefs: [svc],
    });
    const f = [...R, 'filters', 0, 'requestRedirect'];
    expect(issuesOf(httpRouteSchema, r)).toEqual([
      issue('MM_INVALID_VALUE', [...f, 'statusCode'], 'expected one of 301, 302, 303, 307, 308, got 304'),
    ]);
    const r2 = withRule({
      filters: [
        {
          type: 'RequestRedirect',
          requestRedirect: { path: { type: 'ReplaceFullPath', replacePrefixMatch: '/x' } },
        },
        { type: 'URLRewrite', urlRewrite: { hostname: 'a.example.com' } },
      ],
      backendRefs: [svc],
    });
    expect(issuesOf(httpRouteSchema, r2)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...f, 'path', 'replaceFullPath'],
        'expected replaceFullPath to be set for type ReplaceFullPath',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...f, 'path', 'replacePrefixMatch'],
        'expected no replacePrefixMatch for type ReplaceFullPath',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...R, 'filters', 1, 'type'],
        'expected a RequestRedirect or a URLRewrite filter, not both',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...R, 'backendRefs'],
        'expected no backendRefs in a rule with a RequestRedirect filter (the redirect answers the request)',
      ),
    ]);
  });

  it('allows RequestMirror twice but each header modifier once', () => {
    const mirror = { type: 'RequestMirror', requestMirror: { backendRef: svc } };
    const mod = { type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['a'] } };
    const r = withRule({ filters: [mirror, mod, mirror, mod], backendRefs: [svc] });
    expect(issuesOf(httpRouteSchema, r)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...R, 'filters', 3, 'type'],
        'expected a unique filter type (it may appear once), RequestHeaderModifier is also at index 1',
      ),
    ]);
  });

  it('requires a single PathPrefix match for ReplacePrefixMatch, also in backend filters', () => {
    const rewrite = {
      type: 'URLRewrite',
      urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } },
    };
    const exact = withRule({
      matches: [{ path: { type: 'Exact', value: '/v1' } }],
      filters: [rewrite],
      backendRefs: [svc],
    });
    const message =
      'expected exactly one match, with a PathPrefix path, for a ReplacePrefixMatch path modifier';
    expect(issuesOf(httpRouteSchema, exact)).toEqual([issue('MM_INVALID_VALUE', [...R, 'matches'], message)]);
    const two = withRule({
      matches: [{ path: { value: '/a' } }, { path: { value: '/b' } }],
      backendRefs: [{ ...svc, filters: [rewrite] }],
    });
    expect(issuesOf(httpRouteSchema, two)).toEqual([issue('MM_INVALID_VALUE', [...R, 'matches'], message)]);
    // Without matches the rule has the default match, PathPrefix "/".
    expect(issuesOf(httpRouteSchema, withRule({ filters: [rewrite], backendRefs: [svc] }))).toEqual([]);
  });

  it('checks mirror percent/fraction and CORS', () => {
    const r = withRule({
      filters: [
        {
          type: 'RequestMirror',
          requestMirror: { backendRef: svc, percent: 10, fraction: { numerator: 1 } },
        },
        {
          type: 'RequestMirror',
          requestMirror: { backendRef: svc, fraction: { numerator: 5, denominator: 4 } },
        },
        {
          type: 'CORS',
          cors: { allowOrigins: ['*', 'https://a.example.com'], allowMethods: ['GET', 'FETCH'], maxAge: 0 },
        },
      ],
      backendRefs: [svc],
    });
    const f = (i: number) => [...R, 'filters', i];
    expect(issuesOf(httpRouteSchema, r)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...f(0), 'requestMirror', 'fraction'],
        'expected percent or fraction, not both',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...f(1), 'requestMirror', 'fraction', 'numerator'],
        'expected a numerator of at most the denominator 4, got 5',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...f(2), 'cors', 'allowOrigins'],
        'expected "*" alone or a list of origins without "*"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...f(2), 'cors', 'allowMethods', 1],
        'expected one of "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "*", got "FETCH"',
      ),
      issue('MM_INVALID_VALUE', [...f(2), 'cors', 'maxAge'], 'expected a maxAge of at least 1 second, got 0'),
    ]);
    const origin = withRule({
      filters: [{ type: 'CORS', cors: { allowOrigins: ['example.com'] } }],
      backendRefs: [svc],
    });
    expect(issuesOf(httpRouteSchema, origin)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...f(0), 'cors', 'allowOrigins', 0],
        'expected an origin such as "https://example.com", "https://*.example.com:8443" or "*", got "example.com"',
      ),
    ]);
  });

  it('checks external auth protocol blocks', () => {
    const r = withRule({
      filters: [{ type: 'ExternalAuth', externalAuth: { protocol: 'GRPC', backendRef: svc, http: {} } }],
      backendRefs: [svc],
    });
    const at = [...R, 'filters', 0, 'externalAuth'];
    expect(issuesOf(httpRouteSchema, r)).toEqual([
      issue('MM_INVALID_VALUE', [...at, 'grpc'], 'expected grpc to be set for protocol GRPC'),
      issue('MM_INVALID_VALUE', [...at, 'http'], 'expected no http for protocol GRPC'),
    ]);
  });
});
