import { describe, expect, it } from 'vitest';
import {
  requestAuthenticationKind,
  requestAuthenticationSchema,
} from '../../../src/schema/istio/request-authentication.js';
import { doc, issue, issuesOf } from './helpers.js';

const check = (spec: unknown) => issuesOf(requestAuthenticationSchema, doc('RequestAuthentication', spec));
const jwt = (rule: unknown) => check({ jwtRules: [rule] });
const J = ['spec', 'jwtRules', 0];
const JWKS = JSON.stringify({
  keys: [
    {
      kty: 'RSA',
      e: 'AQAB',
      n: 'xAE7eB6qugXyCAG3yhh7pkDkT65pHymX-P7KfIupjf59vsdo91bSP9C8H07pSAGQO1MV_xFj9VswgsCg4R6otmg5PV2He95lZdHtOcU5DXIg_pbhLdKXbi66GlVeK6ABZOUW3WYtnNHD-91gVuoeJT_DwtGGcp4ignkgXfkiEm4sw-4sfb4qdt5oLbyVpmW6x9cfa7vs2WTfURiCrBoUqgBo_-4WTiULmmHSGZHOjzwa8WtrtOQGsAFjIbno85jp6MnGGGZPYZbDAa_b3y5u-YpW7ypZrvD8BgtKVjgtQgZhLAGezMt0ua3DRrWnKqTZ0BJ_EyxOGuHJrLsn00fnMQ',
    },
  ],
});

describe('RequestAuthentication (security.istio.io)', () => {
  it('accepts every field of a JWT rule, in versions v1 and v1beta1', () => {
    const spec = {
      selector: { matchLabels: { app: 'httpbin' } },
      jwtRules: [
        {
          issuer: 'https://accounts.example.com',
          audiences: ['api.example.com', 'web'],
          jwksUri: 'https://accounts.example.com/.well-known/jwks.json',
          fromHeaders: [{ name: 'x-jwt-assertion' }, { name: 'authorization', prefix: 'Bearer ' }],
          fromParams: ['my_token'],
          fromCookies: ['session'],
          outputPayloadToHeader: 'x-jwt-payload',
          forwardOriginalToken: true,
          outputClaimToHeaders: [
            { header: 'x-jwt-sub', claim: 'sub' },
            { header: 'x_groups', claim: 'groups' },
          ],
          timeout: '5s',
          spaceDelimitedClaims: ['scope', 'permissions'],
          presence: 'REQUIRED',
        },
        { issuer: 'inline@example.com', jwks: JWKS, timeout: '1.5s' },
        { jwks_uri: 'http://keys.internal:8080/jwks', presence: 'OPTIONAL' },
      ],
    };
    expect(check(spec)).toEqual([]);
    expect(requestAuthenticationKind.versions).toEqual(['v1', 'v1beta1']);
    expect(
      check({
        targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'ingress' }],
        jwtRules: [{ issuer: 'a' }],
      }),
    ).toEqual([]);
  });

  it('allows at most one key source and needs an issuer or a jwksUri', () => {
    expect(jwt({ issuer: 'a', jwksUri: 'https://a/keys', jwks: JWKS })).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...J, 'jwks'],
        'expected at most one of jwksUri, jwks_uri, jwks, got jwksUri and jwks',
      ),
    ]);
    expect(jwt({ audiences: ['a'] })).toEqual([
      issue('MM_INVALID_VALUE', [...J, 'issuer'], 'expected an issuer or a jwksUri'),
    ]);
    expect(jwt({ issuer: '' })).toEqual([
      issue('MM_INVALID_VALUE', [...J, 'issuer'], 'expected a non-empty issuer'),
    ]);
  });

  it('checks jwksUri and inline jwks', () => {
    expect(jwt({ issuer: 'a', jwksUri: 'ftp://keys.example.com/jwks' })).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...J, 'jwksUri'],
        'expected an http:// or https:// URL, got "ftp://keys.example.com/jwks"',
      ),
    ]);
    expect(jwt({ issuer: 'a', jwksUri: 'keys.example.com' })).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...J, 'jwksUri'],
        'expected an http:// or https:// URL, got "keys.example.com"',
      ),
    ]);
    expect(jwt({ issuer: 'a', jwks: '{"keys": [{"use": "sig"}]}' })).toEqual([
      issue(
        'MM_INVALID_VALUE',
        [...J, 'jwks'],
        'expected a JSON Web Key Set whose "keys" is a list of keys, each with "kty"',
      ),
    ]);
    const notJson = jwt({ issuer: 'a', jwks: 'not json' });
    expect(notJson).toHaveLength(1);
    expect(notJson[0]?.path).toEqual([...J, 'jwks']);
    expect(notJson[0]?.message).toMatch(/^expected a JSON Web Key Set in JSON: /);
  });

  it('checks the JWKS fetch timeout: at least 1ms, whole milliseconds', () => {
    const rules = ['0s', '500us', '1.0005s', 'soon'].map((timeout) => ({ issuer: 'a', timeout }));
    expect(check({ jwtRules: rules })).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'jwtRules', 0, 'timeout'],
        'expected a duration of at least 1ms, got "0s"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'jwtRules', 1, 'timeout'],
        'expected a duration of at least 1ms, got "500us"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'jwtRules', 2, 'timeout'],
        'expected a duration in whole milliseconds, got "1.0005s"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'jwtRules', 3, 'timeout'],
        'expected a duration such as "5s" or "500ms", got "soon"',
      ),
    ]);
  });

  it('checks token locations and claim outputs', () => {
    const issues = jwt({
      issuer: 'a',
      audiences: [''],
      fromHeaders: [{ prefix: 'Bearer ' }, { name: '' }],
      fromCookies: [''],
      outputClaimToHeaders: [{ header: 'x jwt', claim: '' }],
      presence: 'MAYBE',
    });
    expect(issues).toEqual([
      issue('MM_INVALID_VALUE', [...J, 'audiences', 0], 'expected a non-empty string'),
      issue(
        'MM_MISSING_FIELD',
        [...J, 'fromHeaders', 0, 'name'],
        'required field is missing: expected a string',
      ),
      issue('MM_INVALID_VALUE', [...J, 'fromHeaders', 1, 'name'], 'expected a non-empty header name'),
      issue('MM_INVALID_VALUE', [...J, 'fromCookies', 0], 'expected a non-empty string'),
      issue(
        'MM_INVALID_VALUE',
        [...J, 'outputClaimToHeaders', 0, 'header'],
        'expected a header name of letters, digits, "-" and "_", got "x jwt"',
      ),
      issue(
        'MM_INVALID_VALUE',
        [...J, 'outputClaimToHeaders', 0, 'claim'],
        'expected a non-empty claim name',
      ),
      issue('MM_INVALID_VALUE', [...J, 'presence'], 'expected one of "OPTIONAL", "REQUIRED", got "MAYBE"'),
    ]);
    const claims = Array.from({ length: 65 }, (_, i) => `c${i}`);
    expect(jwt({ issuer: 'a', spaceDelimitedClaims: claims })).toEqual([
      issue('MM_INVALID_VALUE', [...J, 'spaceDelimitedClaims'], 'expected at most 64 items'),
    ]);
  });

  it('allows at most one of selector and targetRefs, and reports unknown fields', () => {
    expect(
      check({ selector: { matchLabels: { app: 'a' } }, targetRefs: [{ kind: 'Service', name: 'a' }] }),
    ).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'targetRefs'],
        'expected at most one of selector, targetRef, targetRefs, got selector and targetRefs',
      ),
    ]);
    expect(jwt({ issuer: 'a', jwksURI: 'https://a' })).toEqual([
      issue('MM_UNKNOWN_FIELD', [...J, 'jwksURI'], 'unknown field "jwksURI"; did you mean "jwksUri"?'),
    ]);
  });
});
