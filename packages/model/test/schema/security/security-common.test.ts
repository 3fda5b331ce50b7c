// The value checks the security kinds share, tested directly against Istio's documented examples.
import { describe, expect, it } from 'vitest';
import {
  ipBlockError,
  ipVersion,
  pathTemplateError,
  portStringError,
  serviceAccountError,
  trustDomainError,
} from '../../../src/schema/istio/security-common.js';

describe('security value checks', () => {
  it('reads IP addresses as Go netip does', () => {
    const valid: [string, 4 | 6][] = [
      ['0.0.0.0', 4],
      ['255.255.255.255', 4],
      ['::', 6],
      ['::1', 6],
      ['2001:db8::8a2e:370:7334', 6],
      ['1:2:3:4:5:6:7:8', 6],
      ['::ffff:192.0.2.1', 6],
      ['64:ff9b::192.0.2.33', 6],
    ];
    for (const [text, v] of valid) expect(ipVersion(text), text).toBe(v);
    const invalid = [
      '256.0.0.1',
      '1.2.3',
      '01.2.3.4',
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      '1:2:3:4:5:6:7::8',
      '12345::',
      '1.2.3.4::',
      ':1:2::',
      'g::1',
      '',
    ];
    for (const text of invalid) expect(ipVersion(text), text).toBeUndefined();
  });

  it('accepts IPs (with IPv6 zone) and CIDR ranges (without) as ipBlocks', () => {
    for (const ok of ['10.0.0.1', '10.0.0.0/8', '0.0.0.0/0', '2001:db8::/128', 'fe80::1%eth0', '::/0'])
      expect(ipBlockError(ok), ok).toBeUndefined();
    expect(ipBlockError('1.2.3.4%eth0')).toBe(
      'expected an IP address or CIDR range such as "10.0.0.0/16", got "1.2.3.4%eth0"',
    );
    expect(ipBlockError('10.0.0.0/')).toBe(
      'expected a CIDR range such as "10.0.0.0/16" or "2001:db8::/32", got "10.0.0.0/"',
    );
  });

  it('checks port strings, service accounts and trust domains', () => {
    expect(portStringError('65535')).toBeUndefined();
    expect(portStringError('+80')).toBe(
      'expected a port number from 0 to 65535 written as a string, got "+80"',
    );
    expect(serviceAccountError('ns/sa')).toBeUndefined();
    expect(serviceAccountError('sa')).toBeUndefined();
    expect(serviceAccountError('ns/')).toBe(
      'expected a service account "name" or "namespace/name", got "ns/"',
    );
    expect(serviceAccountError(`ns/${'a'.repeat(320)}`)).toBe(
      'expected a service account of at most 320 characters, got 323',
    );
    expect(trustDomainError('*')).toBeUndefined();
    expect(trustDomainError('*.local')).toBeUndefined();
    expect(trustDomainError('a/b')).toBe('expected a trust domain without "/", got "a/b"');
    expect(trustDomainError('**')).toBe(
      'expected a trust domain with at most one "*", at its start or end, got "**"',
    );
  });

  it('checks path templates as Istio documents them', () => {
    for (const ok of ['/foo/{*}', '/foo/{**}/', '/foo/{*}/bar/{**}', '/admin*', '*/secret', '/a/b'])
      expect(pathTemplateError(ok), ok).toBeUndefined();
    expect(pathTemplateError('/**/baz/{*}')).toBe(
      'expected path template segments of URL path characters (no "*" outside operators), got "/**/baz/{*}"',
    );
    expect(pathTemplateError('/{**}/foo/{*}')).toBe(
      'expected {**} to be the last operator of the path template, got "/{**}/foo/{*}"',
    );
  });
});
