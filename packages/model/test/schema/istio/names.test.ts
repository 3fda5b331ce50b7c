import { describe, expect, it } from 'vitest';
import {
  fqdnProblem,
  gatewayNameProblem,
  headerValueProblem,
  hostSubsetOf,
  hostsOverlap,
  isDns1123Label,
  isIpAddress,
  isIpOrCidr,
  labelKeyProblem,
  namespacedHostProblem,
  wildcardDomainProblem,
} from '../../../src/schema/istio/index.js';

describe('Istio name rules', () => {
  it('DNS-1123 labels (Istio accepts upper case)', () => {
    expect(['v1', 'V2', 'a-b', '0', 'a'.repeat(63)].every(isDns1123Label)).toBe(true);
    expect(['', '-a', 'a-', 'a_b', 'a.b', 'a'.repeat(64)].some(isDns1123Label)).toBe(false);
  });

  it('wildcard domains and FQDNs', () => {
    for (const ok of [
      'reviews',
      'reviews.default.svc.cluster.local',
      '*',
      '*.example.com',
      '*foo.example.com',
      'istio.io.',
      '123',
    ])
      expect(wildcardDomainProblem(ok), ok).toBeUndefined();
    expect(wildcardDomainProblem('')).toBe('the name is empty');
    expect(wildcardDomainProblem('a.*.com')).toBe('label "*" is not a DNS-1123 label');
    expect(wildcardDomainProblem('example.123')).toBe('the top-level label "123" is all digits');
    expect(wildcardDomainProblem(`${'a.'.repeat(128)}com`)).toBe('the name is longer than 255 characters');
    expect(fqdnProblem('*.example.com')).toBe('label "*" is not a DNS-1123 label');
    expect(fqdnProblem('api.example.com')).toBeUndefined();
  });

  it('IP addresses and CIDR blocks', () => {
    for (const ok of [
      '10.0.0.1',
      '::',
      '::1',
      '2001:db8::8a2e:370:7334',
      '1:2:3:4:5:6:7:8',
      '::ffff:10.0.0.1',
      'fe80::1%eth0',
    ])
      expect(isIpAddress(ok), ok).toBe(true);
    for (const bad of [
      '10.0.0',
      '10.0.0.256',
      '010.0.0.1',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '12345::',
      'localhost',
      '',
    ])
      expect(isIpAddress(bad), bad).toBe(false);
    for (const ok of ['10.0.0.0/8', '0.0.0.0/0', '2001:db8::/32', '10.0.0.1'])
      expect(isIpOrCidr(ok), ok).toBe(true);
    for (const bad of ['10.0.0.0/33', '10.0.0.0/08', '2001:db8::/129', 'fe80::1%eth0/64', '10.0.0.0/8/8'])
      expect(isIpOrCidr(bad), bad).toBe(false);
  });

  it('label keys', () => {
    expect(labelKeyProblem('app')).toBeUndefined();
    expect(labelKeyProblem('app.kubernetes.io/name')).toBeUndefined();
    expect(labelKeyProblem('-app')).toBe(
      'its name is not alphanumerics, "-", "_" and "." between alphanumerics',
    );
    expect(labelKeyProblem('bad_prefix/name')).toBe('its prefix is not a DNS name');
    expect(labelKeyProblem('a'.repeat(64))).toBe('its name is longer than 63 characters');
  });

  it('host overlap and subsets (Istio host.Name.Matches / SubsetOf)', () => {
    expect(hostsOverlap('*.example.com', 'a.example.com')).toBe(true);
    expect(hostsOverlap('*.com', '*.example.com')).toBe(true);
    expect(hostsOverlap('a.example.com', 'b.example.com')).toBe(false);
    expect(hostSubsetOf('a.example.com', '*.example.com')).toBe(true);
    expect(hostSubsetOf('*.example.com', 'a.example.com')).toBe(false);
    expect(hostSubsetOf('*.a.example.com', '*.example.com')).toBe(true);
  });

  it('namespace/dnsName hosts of gateways and sidecars', () => {
    expect(namespacedHostProblem('*/reviews.example.com', { gateway: false })).toBeUndefined();
    expect(namespacedHostProblem('~prod/*', { gateway: false })).toBeUndefined();
    expect(namespacedHostProblem('~prod/*', { gateway: true })).toBe(
      'the namespace "~prod" is not "*", "." or a namespace name',
    );
    expect(namespacedHostProblem('10.0.0.1', { gateway: true })).toBeUndefined();
    expect(namespacedHostProblem('/a.com', { gateway: true })).toBe(
      'the namespace and dnsName may not be empty',
    );
  });

  it('gateway references', () => {
    expect(gatewayNameProblem('mesh')).toBeUndefined();
    expect(gatewayNameProblem('istio-system/bookinfo-gateway')).toBeUndefined();
    expect(gatewayNameProblem('bookinfo-gateway.istio-system')).toBeUndefined();
    expect(gatewayNameProblem('istio-system/gw.v1')).toBe('the gateway name "gw.v1" is not a DNS-1123 label');
    expect(gatewayNameProblem('')).toBe('the name is empty');
  });

  it("header values in Envoy's formatter syntax", () => {
    for (const ok of [
      'plain',
      '100%%',
      '%HOSTNAME%',
      'a %START_TIME(%s)% b',
      '%REQ(x-id)%',
      '%FILTER_STATE(["a", "b"])%',
      'tab\there',
    ])
      expect(headerValueProblem(ok), ok).toBeUndefined();
    expect(headerValueProblem('50%')).toBe('a single "%" ends it (write "%%" for a percent sign)');
    expect(headerValueProblem('%HOSTNAME')).toBe('a "%VARIABLE%" is not closed');
    expect(headerValueProblem('%VAR(["a" x])%')).toBe("expected ',' or ']' after an argument");
    expect(headerValueProblem('line\nbreak')).toBe('it holds a control character');
  });
});
