// Service names: FQDNs, Istio's short-name and gateway-name resolution, wildcard host semantics.
import { describe, expect, it } from 'vitest';
import {
  compareHostSpecificity,
  hostMatches,
  hostsIntersect,
  mostSpecificHostMatch,
  resolveGatewayName,
  resolveShortName,
  serviceFqdn,
} from '../../src/registry/index.js';

describe('serviceFqdn', () => {
  it('is name.namespace.svc.<suffix>, namespace default when absent or empty', () => {
    expect(serviceFqdn('reviews', 'default')).toBe('reviews.default.svc.cluster.local');
    expect(serviceFqdn('reviews')).toBe('reviews.default.svc.cluster.local');
    expect(serviceFqdn('reviews', '')).toBe('reviews.default.svc.cluster.local');
    expect(serviceFqdn('ratings', 'shop', 'corp.internal')).toBe('ratings.shop.svc.corp.internal');
  });
});

describe('resolveShortName (Istio ResolveShortnameToFQDN)', () => {
  it.each([
    ['reviews', 'default', 'reviews.default.svc.cluster.local'],
    ['reviews', 'shop', 'reviews.shop.svc.cluster.local'],
    ['reviews.other', 'default', 'reviews.other'],
    ['reviews.default.svc.cluster.local', 'shop', 'reviews.default.svc.cluster.local'],
    ['*', 'default', '*'],
    ['*.example.com', 'default', '*.example.com'],
    ['10.0.0.1', 'default', '10.0.0.1'],
    ['::1', 'default', '::1'],
    ['', 'default', ''],
  ])('%s in %s -> %s', (host, ns, expected) => {
    expect(resolveShortName(host, ns)).toBe(expected);
  });

  it('uses the domain suffix given', () => {
    expect(resolveShortName('reviews', 'default', 'corp.internal')).toBe('reviews.default.svc.corp.internal');
  });
});

describe('resolveGatewayName (Istio resolveGatewayName)', () => {
  it.each([
    ['bookinfo-gateway', 'default', 'default/bookinfo-gateway'],
    ['./bookinfo-gateway', 'default', 'default/bookinfo-gateway'],
    ['istio-system/ingress', 'default', 'istio-system/ingress'],
    ['ingress.istio-system.svc.cluster.local', 'default', 'istio-system/ingress'],
    ['ingress.istio-system', 'default', 'istio-system/ingress'],
    ['mesh', 'default', 'mesh'],
  ])('%s in %s -> %s', (gw, ns, expected) => {
    expect(resolveGatewayName(gw, ns)).toBe(expected);
  });
});

describe('wildcard hosts', () => {
  it('hostMatches: host covered by pattern (SubsetOf)', () => {
    expect(hostMatches('a.example.com', '*.example.com')).toBe(true);
    expect(hostMatches('a.example.com', '*')).toBe(true);
    expect(hostMatches('*.a.example.com', '*.example.com')).toBe(true);
    expect(hostMatches('*.example.com', '*.a.example.com')).toBe(false);
    expect(hostMatches('example.com', '*.example.com')).toBe(false);
    expect(hostMatches('*.example.com', 'a.example.com')).toBe(false);
    expect(hostMatches('a.example.com', 'a.example.com')).toBe(true);
    expect(hostMatches('a.example.com', 'b.example.com')).toBe(false);
  });

  it('hostsIntersect: some name covered by both (Matches), symmetric', () => {
    const pairs: [string, string, boolean][] = [
      ['foo.com', 'foo.com', true],
      ['foo.com', 'bar.com', false],
      ['*.com', 'foo.com', true],
      ['*.foo.com', 'foo.com', false],
      ['*', 'foo.com', true],
      ['*', '*.com', true],
      ['*.a.com', '*.com', true],
      ['*.a.com', '*.b.com', false],
    ];
    for (const [a, b, want] of pairs) {
      expect(hostsIntersect(a, b), `${a} ~ ${b}`).toBe(want);
      expect(hostsIntersect(b, a), `${b} ~ ${a}`).toBe(want);
    }
  });

  it('mostSpecificHostMatch: exact beats wildcard, longer wildcard beats shorter', () => {
    const hosts = ['*', '*.com', '*.example.com', 'api.example.com'];
    expect(mostSpecificHostMatch('api.example.com', hosts)).toBe('api.example.com');
    expect(mostSpecificHostMatch('web.example.com', hosts)).toBe('*.example.com');
    expect(mostSpecificHostMatch('web.other.com', hosts)).toBe('*.com');
    expect(mostSpecificHostMatch('localhost', hosts)).toBe('*');
    expect(mostSpecificHostMatch('localhost', ['*.com'])).toBeUndefined();
    expect(mostSpecificHostMatch('*.a.example.com', hosts)).toBe('*.example.com');
  });

  it('orders hosts most specific first: plain names, then longer, then alphabetical', () => {
    const sorted = ['*', 'b.com', '*.example.com', 'a.com', 'api.example.com'].sort(compareHostSpecificity);
    expect(sorted).toEqual(['api.example.com', 'a.com', 'b.com', '*.example.com', '*']);
  });
});
