import { describe, expect, it } from 'vitest';
import type { FilterChain } from '../../src/generated/types/envoy/config/listener/v3/FilterChain.js';
import type { FilterChainMatch } from '../../src/generated/types/envoy/config/listener/v3/FilterChainMatch.js';
import {
  type ConnectionInfo,
  compileFilterChains,
  matchFilterChain,
  XdsMatchError,
} from '../../src/xds-match/index.js';
import { cidr, makeChain, makeConnection, makeListener } from './fixtures.js';

const chains = (...matches: Array<[string, FilterChainMatch]>): FilterChain[] =>
  matches.map(([name, m]) => makeChain(name, m));

/** The chosen chain's name, "default" for default_filter_chain, undefined for none. */
const chosen = (
  list: FilterChain[],
  conn: Partial<ConnectionInfo>,
  withDefault = false,
): string | undefined =>
  matchFilterChain(makeListener(list, withDefault ? makeChain('default') : undefined), makeConnection(conn))
    .matched?.name;

describe('filter chain matching, stage by stage', () => {
  const port = chains(['8080', { destination_port: { value: 8080 } }], ['any', {}]);
  const dst = chains(
    ['/8', { prefix_ranges: [cidr('10.0.0.0', 8)] }],
    ['/24', { prefix_ranges: [cidr('10.0.0.0', 24)] }],
    ['v6', { prefix_ranges: [cidr('fd00::', 8)] }],
    ['any', {}],
  );
  const sni = chains(
    ['exact', { server_names: ['www.example.com'] }],
    ['wild', { server_names: ['*.example.com'] }],
    ['wild-com', { server_names: ['*.com'] }],
    ['any', {}],
  );
  const transport = chains(['tls', { transport_protocol: 'tls' }], ['any', {}]);
  const alpn = chains(
    ['h2', { application_protocols: ['h2'] }],
    ['h1', { application_protocols: ['http/1.1'] }],
    ['any', {}],
  );
  const direct = chains(['lan', { direct_source_prefix_ranges: [cidr('192.168.0.0', 16)] }], ['any', {}]);
  const types = chains(
    ['local', { source_type: 'SAME_IP_OR_LOOPBACK' }],
    ['external', { source_type: 'EXTERNAL' }],
    ['any', { source_type: 'ANY' }],
  );
  const src = chains(
    ['/8', { source_prefix_ranges: [cidr('10.0.0.0', 8)] }],
    ['/32', { source_prefix_ranges: [cidr('10.0.0.9', 32)] }],
    ['any', {}],
  );
  const srcPort = chains(['40000', { source_ports: [40000, 40002] }], ['any', {}]);

  const cases: Array<[string, FilterChain[], Partial<ConnectionInfo>, string | undefined]> = [
    ['an exact destination port', port, { destinationPort: 8080 }, '8080'],
    ['no port is the fallback', port, { destinationPort: 9090 }, 'any'],
    ['the longest destination prefix', dst, { destinationIp: '10.0.0.5' }, '/24'],
    ['a shorter destination prefix', dst, { destinationIp: '10.1.0.1' }, '/8'],
    ['no prefix_ranges for other addresses', dst, { destinationIp: '192.168.0.1' }, 'any'],
    ['an IPv6 destination', dst, { destinationIp: 'fd00::1' }, 'v6'],
    ['an exact server name', sni, { serverName: 'www.example.com' }, 'exact'],
    ['server names compare in lower case', sni, { serverName: 'WWW.Example.COM' }, 'exact'],
    ['the longest wildcard server name', sni, { serverName: 'api.example.com' }, 'wild'],
    ['a wildcard spans labels', sni, { serverName: 'a.b.example.com' }, 'wild'],
    ['"*.example.com" does not match "example.com"', sni, { serverName: 'example.com' }, 'wild-com'],
    ['no server_names for other names', sni, { serverName: 'foo.org' }, 'any'],
    ['no SNI', sni, {}, 'any'],
    ['transport tls', transport, { transportProtocol: 'tls' }, 'tls'],
    ['transport defaults to raw_buffer', transport, {}, 'any'],
    ['raw_buffer by name', chains(['raw', { transport_protocol: 'raw_buffer' }]), {}, 'raw'],
    ['ALPN in the client order', alpn, { applicationProtocols: ['http/1.1', 'h2'] }, 'h1'],
    ['ALPN h2', alpn, { applicationProtocols: ['h2'] }, 'h2'],
    ['an unknown ALPN', alpn, { applicationProtocols: ['h3'] }, 'any'],
    ['no ALPN', alpn, {}, 'any'],
    ['direct source range', direct, { sourceIp: '10.0.0.9', directSourceIp: '192.168.1.1' }, 'lan'],
    ['direct source defaults to the source', direct, { sourceIp: '192.168.3.3' }, 'lan'],
    ['direct source outside', direct, { sourceIp: '192.168.3.3', directSourceIp: '10.0.0.1' }, 'any'],
    ['loopback is local', types, { sourceIp: '127.0.0.1' }, 'local'],
    ['IPv6 loopback is local', types, { sourceIp: '::1', destinationIp: 'fd00::5' }, 'local'],
    ['the same IP is local', types, { sourceIp: '10.0.0.5' }, 'local'],
    ['another IP is external', types, { sourceIp: '10.0.0.9' }, 'external'],
    ['ANY when no EXTERNAL chain', [types[0], types[2]] as FilterChain[], { sourceIp: '10.0.0.9' }, 'any'],
    ['no chain for a local connection', [types[1]] as FilterChain[], { sourceIp: '127.0.0.1' }, undefined],
    ['numeric source_type enum', chains(['local', { source_type: 1 }]), { sourceIp: '127.0.0.1' }, 'local'],
    ['the longest source prefix', src, { sourceIp: '10.0.0.9' }, '/32'],
    ['a shorter source prefix', src, { sourceIp: '10.0.0.8' }, '/8'],
    ['no source range', src, { sourceIp: '11.0.0.1' }, 'any'],
    ['a listed source port', srcPort, { sourcePort: 40002 }, '40000'],
    ['another source port', srcPort, { sourcePort: 40001 }, 'any'],
    [
      'an earlier stage decides first',
      chains(['port', { destination_port: { value: 15006 } }], ['sni', { server_names: ['a.com'] }]),
      { serverName: 'a.com' },
      'port',
    ],
    ['no chains at all', [], {}, undefined],
  ];
  it.each(cases)('%s', (_name, list, conn, expected) => {
    expect(chosen(list, conn)).toBe(expected);
  });

  it('does not backtrack to a less specific chain; it uses default_filter_chain', () => {
    const list = chains(
      ['8080-a', { destination_port: { value: 8080 }, server_names: ['a.com'] }],
      ['any', {}],
    );
    expect(chosen(list, { destinationPort: 8080, serverName: 'b.com' }, true)).toBe('default');
    expect(chosen(list, { destinationPort: 8080, serverName: 'b.com' })).toBeUndefined();
    expect(chosen(list, { destinationPort: 9090, serverName: 'b.com' }, true)).toBe('any');
    const narrowed = chains(
      ['/24-tls', { prefix_ranges: [cidr('10.0.0.0', 24)], transport_protocol: 'tls' }],
      ['/8', { prefix_ranges: [cidr('10.0.0.0', 8)] }],
    );
    expect(chosen(narrowed, { destinationIp: '10.0.0.5' }, true)).toBe('default');
  });

  it('marks the default chain and indexes the others', () => {
    const listener = makeListener(transport.slice(0, 1), makeChain('default'));
    expect(matchFilterChain(listener, makeConnection())).toMatchObject({ index: -1, isDefault: true });
    expect(matchFilterChain(listener, makeConnection({ transportProtocol: 'tls' }))).toMatchObject({
      index: 0,
      isDefault: false,
    });
  });

  it('reports filter_chain_matcher as unsupported', () => {
    const listener = { ...makeListener(port), filter_chain_matcher: { matcher_list: { matchers: [] } } };
    expect(matchFilterChain(listener, makeConnection())).toEqual({
      matched: undefined,
      index: -1,
      isDefault: false,
      unsupported: 'filter_chain_matcher (xDS matcher tree) is not supported',
    });
  });

  const invalid: Array<[string, FilterChainMatch[], RegExp]> = [
    ['two empty matches', [{}, {}], /overlap with filter_chains\[0\]/],
    ['a shared server name', [{ server_names: ['a.com', 'b.com'] }, { server_names: ['B.com'] }], /overlap/],
    [
      'ranges equal once masked',
      [{ prefix_ranges: [cidr('10.1.0.0', 8)] }, { prefix_ranges: [cidr('10.0.0.0', 8)] }],
      /overlap/,
    ],
    ['a partial wildcard', [{ server_names: ['w*.example.com'] }], /partial wildcard/],
    ['address_suffix', [{ address_suffix: '1' }], /not implemented/],
    ['an invalid CIDR', [{ prefix_ranges: [cidr('10.0.0.0', 40)] }], /not a valid CIDR range/],
    ['a port out of range', [{ destination_port: { value: 70000 } }], /invalid port/],
  ];
  it.each(invalid)('rejects %s', (_name, matches, message) => {
    const listener = makeListener(matches.map((m, i) => makeChain(`c${i}`, m)));
    expect(() => compileFilterChains(listener)).toThrow(XdsMatchError);
    expect(() => compileFilterChains(listener)).toThrow(message);
  });

  it('accepts chains that differ in any field', () => {
    const listener = makeListener([makeChain('a', { destination_port: { value: 1 } }), makeChain('b', {})]);
    expect(() => compileFilterChains(listener)).not.toThrow();
  });

  it('rejects a connection address that is not an IP', () => {
    expect(() => chosen(port, { sourceIp: 'localhost' })).toThrow(RangeError);
  });
});

describe('filter chain traces', () => {
  const explain = (list: FilterChain[], conn: Partial<ConnectionInfo>, withDefault = false) =>
    matchFilterChain(
      makeListener(list, withDefault ? makeChain('default') : undefined),
      makeConnection(conn),
      {
        explain: true,
      },
    );

  it('explains ports and prefixes', () => {
    const r = explain(
      chains(
        ['8080', { destination_port: { value: 8080 } }],
        ['/8', { prefix_ranges: [cidr('10.0.0.0', 8)] }],
        ['/16', { prefix_ranges: [cidr('10.0.0.0', 16)] }],
      ),
      {},
    );
    expect(r.matched?.name).toBe('/16');
    expect(r.trace).toEqual([
      {
        chainIndex: 0,
        chainName: '8080',
        field: 'destination_port',
        detail: 'destination_port: 8080 does not match 15006',
      },
      {
        chainIndex: 1,
        chainName: '/8',
        field: 'prefix_ranges',
        detail: 'prefix_ranges: 10.0.0.0/8 is less specific than 10.0.0.0/16',
      },
    ]);
  });

  it('explains server names', () => {
    const r = explain(
      chains(
        ['wild', { server_names: ['*.example.com'] }],
        ['exact', { server_names: ['api.example.com'] }],
        ['any', {}],
        ['other', { server_names: ['a.org'] }],
      ),
      { serverName: 'api.example.com' },
    );
    expect(r.trace?.map((t) => t.detail)).toEqual([
      'server_names: "*.example.com" is less specific than "api.example.com"',
      'server_names: any is less specific than "api.example.com"',
      'server_names: "a.org" does not match "api.example.com"',
    ]);
    expect(explain(chains(['a', { server_names: ['a.com'] }]), {}).trace?.[0]?.detail).toBe(
      'server_names: "a.com" does not match (no SNI)',
    );
  });

  it('explains transport, ALPN and source type, then falls back to the default chain', () => {
    const r = explain(chains(['tls', { transport_protocol: 'tls' }]), {}, true);
    expect(r).toMatchObject({ isDefault: true, index: -1 });
    expect(r.trace?.[0]?.detail).toBe('transport_protocol: "tls" does not match "raw_buffer"');
    expect(
      explain(chains(['h2', { application_protocols: ['h2'] }]), { applicationProtocols: ['http/1.1'] })
        .trace?.[0]?.detail,
    ).toBe('application_protocols: "h2" does not match ["http/1.1"]');
    expect(
      explain(chains(['ext', { source_type: 'EXTERNAL' }]), { sourceIp: '127.0.0.1' }).trace?.[0],
    ).toEqual({
      chainIndex: 0,
      chainName: 'ext',
      field: 'source_type',
      detail: 'source_type: EXTERNAL does not match a local connection (same IP or loopback)',
    });
    expect(explain(chains(['p', { source_ports: [1, 2] }]), { sourcePort: 3 }).trace?.[0]?.detail).toBe(
      'source_ports: 1, 2 does not match 3',
    );
  });

  it('builds no trace unless asked', () => {
    expect(matchFilterChain(makeListener(chains(['a', {}])), makeConnection()).trace).toBeUndefined();
  });
});
