// The small rules the apps share: env parsing, instance names, peer URLs, the b3 conversion of Istio's
// productpage (OpenTelemetry B3MultiFormat), the copied header lists, and the login cookie and redirects.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { envFlag, instanceName, listenConfig, serviceUrl } from '../src/common/app-config.js';
import { extractB3, injectB3 } from '../src/common/b3.js';
import {
  copyHeaders,
  productpageForwardHeaders,
  SERVICE_COPIED_HEADERS,
} from '../src/common/forward-headers.js';
import { backTo, loginName, parseCookies, sessionUser } from '../src/productpage/session.js';

const req = (headers: Record<string, string | string[]>) => ({ headers }) as unknown as IncomingMessage;

describe('env', () => {
  it('reads PORT and HOST with defaults, and refuses a bad PORT', () => {
    expect(listenConfig({}, 9080)).toEqual({ host: '127.0.0.1', port: 9080 });
    expect(listenConfig({ PORT: '0', HOST: '0.0.0.0' }, 9080)).toEqual({ host: '0.0.0.0', port: 0 });
    expect(() => listenConfig({ PORT: '70000' }, 9080)).toThrow(
      'PORT must be an integer from 0 to 65535, got "70000"',
    );
  });

  it('names the instance from POD_NAME, then HOSTNAME, then app-version-pid', () => {
    expect(instanceName({ POD_NAME: 'reviews-v2-abc', HOSTNAME: 'h' }, 'reviews', 'v2')).toBe(
      'reviews-v2-abc',
    );
    expect(instanceName({ HOSTNAME: 'reviews-v2-k8s' }, 'reviews', 'v2')).toBe('reviews-v2-k8s');
    expect(instanceName({}, 'reviews', 'v2')).toBe(`reviews-v2-${process.pid}`);
  });

  it("builds peer URLs as Istio's apps do, and reads flags as Java's Boolean.valueOf", () => {
    expect(serviceUrl({}, 'details')).toBe('http://details:9080');
    expect(
      serviceUrl({ DETAILS_HOSTNAME: 'd', DETAILS_SERVICE_PORT: '81', SERVICES_DOMAIN: 'x.svc' }, 'details'),
    ).toBe('http://d.x.svc:81');
    expect([envFlag({ F: 'TRUE' }, 'F'), envFlag({ F: 'yes' }, 'F'), envFlag({}, 'F')]).toEqual([
      true,
      false,
      undefined,
    ]);
  });
});

describe('b3', () => {
  const trace = '463ac35c9f6413ad48485a3953bb6124';
  const span = 'a2fb4a1d1a96d312';

  it('prefers the single b3 header and reads its sampling field', () => {
    expect(
      extractB3({ b3: `${trace}-${span}-d`, 'x-b3-traceid': '1'.repeat(32), 'x-b3-spanid': span }),
    ).toEqual({
      traceId: trace,
      spanId: span,
      sampled: true,
    });
    expect(extractB3({ b3: `${trace}-${span}` })?.sampled).toBe(false);
    expect(extractB3({ b3: '1' })).toBeUndefined();
  });

  it('reads x-b3-* with x-b3-flags as sampled, and rejects bad or all-zero ids', () => {
    expect(
      extractB3({ 'x-b3-traceid': trace.toUpperCase(), 'x-b3-spanid': span, 'x-b3-flags': '1' }),
    ).toEqual({
      traceId: trace,
      spanId: span,
      sampled: true,
    });
    expect(extractB3({ 'x-b3-traceid': trace, 'x-b3-spanid': 'abc' })).toBeUndefined();
    expect(extractB3({ 'x-b3-traceid': '0'.repeat(32), 'x-b3-spanid': span })).toBeUndefined();
    expect(injectB3({ traceId: trace, spanId: span, sampled: false })).toEqual({
      'x-b3-traceid': trace,
      'x-b3-spanid': span,
      'x-b3-sampled': '0',
    });
  });
});

describe('copied headers', () => {
  it('copies only the listed headers, as they came', () => {
    const out = copyHeaders(
      { cookie: 'a=1; b=2', 'x-request-id': 'r', host: 'h', 'end-user': 'u' },
      SERVICE_COPIED_HEADERS,
    );
    expect(out).toEqual({ cookie: 'a=1; b=2', 'x-request-id': 'r', 'end-user': 'u' });
  });

  it('productpage sets end-user from the session, never from an incoming end-user header', () => {
    expect(productpageForwardHeaders({ 'end-user': 'mallory' }, undefined)).toEqual({});
    expect(productpageForwardHeaders({ 'end-user': 'mallory' }, 'jason')).toEqual({ 'end-user': 'jason' });
  });
});

describe('session', () => {
  it('reads the user cookie, ignoring an empty one', () => {
    expect(parseCookies('a=1; user=j%20s; user=second')).toEqual(
      new Map([
        ['a', '1'],
        ['user', 'j s'],
      ]),
    );
    expect(sessionUser(req({ cookie: 'user=' }))).toBeUndefined();
    expect(sessionUser(req({ cookie: 'user=jason' }))).toBe('jason');
  });

  it('takes the login name from the form, else the query', () => {
    const form = 'application/x-www-form-urlencoded';
    expect(loginName(Buffer.from('username=jason&passwd=x'), form, new URLSearchParams())).toBe('jason');
    expect(loginName(Buffer.from(''), undefined, new URLSearchParams('username=q'))).toBe('q');
    expect(loginName(Buffer.from(''), form, new URLSearchParams())).toBeUndefined();
  });

  it('redirects back to the Referer on this site only', () => {
    expect(backTo(req({ host: 'a:8080', referer: 'http://a:8080/productpage?u=test' }))).toBe(
      '/productpage?u=test',
    );
    expect(backTo(req({ host: 'a:8080', referer: 'http://evil.example/x' }))).toBe('/productpage');
    expect(backTo(req({ host: 'a:8080' }))).toBe('/productpage');
  });
});
