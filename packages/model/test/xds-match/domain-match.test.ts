import { describe, expect, it } from 'vitest';
import {
  getPortStart,
  matchVirtualHost,
  normalizeAuthority,
  type VirtualHostMatchOptions,
  XdsMatchError,
} from '../../src/xds-match/index.js';
import { makeVirtualHost } from './fixtures.js';

const hosts = [
  makeVirtualHost('exact', ['www.foo.com']),
  makeVirtualHost('suffix-long', ['*-bar.foo.com']),
  makeVirtualHost('suffix', ['*.foo.com']),
  makeVirtualHost('suffix-short', ['*.com']),
  makeVirtualHost('prefix', ['foo.*']),
  makeVirtualHost('prefix-long', ['foo.bar.*']),
  makeVirtualHost('with-port', ['api.local:8080']),
  makeVirtualHost('ipv6', ['[::1]', '[::1]:8080']),
  makeVirtualHost('default', ['*']),
];

const pick = (authority: string, options: VirtualHostMatchOptions = {}): string | undefined =>
  matchVirtualHost(hosts, authority, options).matched?.name;

describe('virtual host domains', () => {
  const cases: Array<[string, string, string]> = [
    ['exact beats a matching wildcard', 'www.foo.com', 'exact'],
    ['hosts compare case-insensitively', 'WWW.Foo.COM', 'exact'],
    ['the longest suffix wildcard wins', 'baz-bar.foo.com', 'suffix-long'],
    ['a shorter suffix wildcard', 'x.foo.com', 'suffix'],
    ['a wildcard needs at least one character', 'foo.com', 'suffix-short'],
    ['"*-bar.foo.com" does not match "-bar.foo.com"', '-bar.foo.com', 'suffix'],
    ['"*.foo.com" does not match ".foo.com"', '.foo.com', 'suffix-short'],
    ['suffix wildcards beat prefix wildcards', 'foo.net.com', 'suffix-short'],
    ['a prefix wildcard', 'foo.org', 'prefix'],
    ['the longest prefix wildcard wins', 'foo.bar.baz', 'prefix-long'],
    ['a prefix wildcard needs one character too', 'foo.', 'default'],
    ['"*" takes the rest', 'other.net', 'default'],
    ['the port is part of the host by default', 'api.local:8080', 'with-port'],
    ['a host without the configured port', 'api.local', 'default'],
    ['another port', 'api.local:9090', 'default'],
    ['a port defeats exact and suffix matches', 'www.foo.com:80', 'default'],
    ['a prefix wildcard can match a host with port', 'foo.org:80', 'prefix'],
    ['an IPv6 literal', '[::1]', 'ipv6'],
    ['an IPv6 literal with port', '[::1]:8080', 'ipv6'],
  ];
  it.each(cases)('%s (%s)', (_name, authority, expected) => {
    expect(pick(authority)).toBe(expected);
  });

  const ports: Array<[string, string, VirtualHostMatchOptions, string]> = [
    ['strip-any removes a numeric port', 'www.foo.com:80', { portHandling: 'strip-any' }, 'exact'],
    ['strip-any keeps a non-numeric "port"', 'www.foo.com:http', { portHandling: 'strip-any' }, 'default'],
    ['strip-any on an IPv6 literal', '[::1]:9999', { portHandling: 'strip-any' }, 'ipv6'],
    [
      'strip-matching removes the listener port',
      'www.foo.com:80',
      { portHandling: 'strip-matching', listenerPort: 80 },
      'exact',
    ],
    [
      'strip-matching keeps another port',
      'www.foo.com:8080',
      { portHandling: 'strip-matching', listenerPort: 80 },
      'default',
    ],
    ['ignore_port_in_host_matching', 'www.foo.com:80', { ignorePortInHostMatching: true }, 'exact'],
    [
      'ignore_port_in_host_matching also hides configured ports',
      'api.local:8080',
      { ignorePortInHostMatching: true },
      'default',
    ],
    [
      'ignore_port_in_host_matching leaves "[::1]" alone',
      '[::1]',
      { ignorePortInHostMatching: true },
      'ipv6',
    ],
    ['strip_trailing_host_dot', 'www.foo.com.', { stripTrailingHostDot: true }, 'exact'],
    [
      'strip_trailing_host_dot before a port',
      'www.foo.com.:80',
      { stripTrailingHostDot: true, portHandling: 'strip-any' },
      'exact',
    ],
    ['a trailing dot stays by default', 'www.foo.com.', {}, 'default'],
  ];
  it.each(ports)('%s', (_name, authority, options, expected) => {
    expect(pick(authority, options)).toBe(expected);
  });

  it('strip-matching needs listenerPort', () => {
    expect(() => pick('a:80', { portHandling: 'strip-matching' })).toThrow(RangeError);
  });

  it('finds the port colon like Envoy', () => {
    expect(getPortStart('a.com:80')).toBe(5);
    expect(getPortStart('a.com')).toBe(-1);
    expect(getPortStart('[::1]')).toBe(-1);
    expect(getPortStart('[::1]:80')).toBe(5);
    expect(normalizeAuthority('[fe80::1]:443', { portHandling: 'strip-any' })).toBe('[fe80::1]');
    expect(normalizeAuthority('a.com:99999999999', { portHandling: 'strip-any' })).toBe('a.com:99999999999');
  });

  it('returns no virtual host when none matches and there is no "*"', () => {
    const r = matchVirtualHost([makeVirtualHost('a', ['a.com'])], 'b.com');
    expect(r).toEqual({ matched: undefined, index: -1, host: 'b.com', domain: undefined });
  });

  it('reports the matched domain and lookup host', () => {
    const r = matchVirtualHost(hosts, 'X.Foo.Com:80', { portHandling: 'strip-any' });
    expect([r.index, r.host, r.domain]).toEqual([2, 'x.foo.com', '*.foo.com']);
  });

  const invalid: Array<[string, string[][]]> = [
    ['duplicate domains', [['a.com'], ['a.com']]],
    ['duplicates differing in case', [['A.com'], ['a.COM']]],
    ['duplicate wildcards', [['*.a.com', '*.A.com']]],
    ['two "*"', [['*'], ['*']]],
    ['a virtual host without domains', [[]]],
  ];
  it.each(invalid)('rejects %s', (_name, domains) => {
    const vhs = domains.map((d, i) => makeVirtualHost(`vh${i}`, d));
    expect(() => matchVirtualHost(vhs, 'a.com')).toThrow(XdsMatchError);
  });

  it('explains why the other virtual hosts lost', () => {
    const vhs = [
      makeVirtualHost('a', ['a.com', '*.b.com']),
      makeVirtualHost('b', ['*.com']),
      makeVirtualHost('c', ['x.b.com']),
      makeVirtualHost('', ['other.org']),
    ];
    const r = matchVirtualHost(vhs, 'x.b.com', { explain: true });
    expect(r.index).toBe(2);
    expect(r.trace).toEqual([
      {
        virtualHostIndex: 0,
        virtualHostName: 'a',
        field: 'domain',
        detail: 'domain: "*.b.com" matches "x.b.com", but "x.b.com" (virtual host 2) is more specific',
      },
      {
        virtualHostIndex: 1,
        virtualHostName: 'b',
        field: 'domain',
        detail: 'domain: "*.com" matches "x.b.com", but "x.b.com" (virtual host 2) is more specific',
      },
      { virtualHostIndex: 3, field: 'domain', detail: 'domain: none of "other.org" matches "x.b.com"' },
    ]);
    const none = matchVirtualHost(vhs, 'z.net', { explain: true });
    expect(none.index).toBe(-1);
    expect(none.trace?.map((t) => t.detail)).toEqual([
      'domain: none of "a.com", "*.b.com" matches "z.net"',
      'domain: none of "*.com" matches "z.net"',
      'domain: none of "x.b.com" matches "z.net"',
      'domain: none of "other.org" matches "z.net"',
    ]);
  });
});
