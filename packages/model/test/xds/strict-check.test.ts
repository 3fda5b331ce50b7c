import { describe, expect, it } from 'vitest';
import { CodecError, CodecErrorCode } from '../../src/errors/model-error.js';
import { anyOf, assertMessage, decode, encode, packAny } from '../../src/xds/codec.js';
import { checkMessage } from '../../src/xds/strict-check.js';
import { TypeUrl } from '../../src/xds/type-urls.js';
import type { Cluster, Listener } from '../../src/xds/types.js';
import { makeCluster, makeListener, makeRouteConfig } from './fixtures.js';

function codecError(f: () => unknown): CodecError {
  try {
    f();
  } catch (e) {
    if (e instanceof CodecError) return e;
    throw e;
  }
  throw new Error('expected a CodecError, but nothing was thrown');
}

/** Encodes a deliberately wrong value (the cast stands for input that did not come from typed code). */
function encodeLoose(typeName: string, value: unknown): Uint8Array {
  return encode(typeName, value as object);
}

function expectIssue(typeName: string, value: unknown, code: string, path: string): CodecError {
  const error = codecError(() => encodeLoose(typeName, value));
  expect({ code: error.code, path: error.path }).toEqual({ code, path });
  return error;
}

const LISTENER = 'envoy.config.listener.v3.Listener';
const CLUSTER = 'envoy.config.cluster.v3.Cluster';
const ROUTES = 'envoy.config.route.v3.RouteConfiguration';

describe('unknown keys', () => {
  it('fail at the top level', () => {
    const error = expectIssue(CLUSTER, { name: 'c', nmae: 'c' }, CodecErrorCode.UnknownField, 'nmae');
    expect(error.message).toBe(
      'nmae: unknown field "nmae" in envoy.config.cluster.v3.Cluster (did you mean name?)',
    );
  });

  it('fail in a nested message', () => {
    const listener = makeListener('l', 80, 'r') as Record<string, unknown>;
    listener.address = { socket_address: { address: '0.0.0.0', port_value: 80, prot: 'TCP' } };
    expectIssue(LISTENER, listener, CodecErrorCode.UnknownField, 'address.socket_address.prot');
  });

  it('fail inside an Any, with the path running through it', () => {
    const listener: Listener = makeListener('l', 80, 'r');
    const filter = listener.filter_chains?.[0]?.filters?.[0];
    if (!filter) throw new Error('fixture has no filter');
    filter.typed_config = {
      ...filter.typed_config,
      stat_prefixx: 'x',
    } as unknown as typeof filter.typed_config;
    expectIssue(
      LISTENER,
      listener,
      CodecErrorCode.UnknownField,
      'filter_chains[0].filters[0].typed_config.stat_prefixx',
    );
  });

  it('fail inside an Any inside an Any (a filter in a listener in a discovery response)', () => {
    const listener = makeListener('l', 80, 'r');
    const hcm = listener.filter_chains?.[0]?.filters?.[0]?.typed_config as Record<string, unknown>;
    const router = (hcm.http_filters as Record<string, unknown>[])[4] as Record<string, unknown>;
    router.typed_config = { '@type': TypeUrl.ROUTER, dynamic_stat: true };
    expectIssue(
      'envoy.service.discovery.v3.DiscoveryResponse',
      { resources: [anyOf(TypeUrl.LISTENER, listener)] },
      CodecErrorCode.UnknownField,
      'resources[0].filter_chains[0].filters[0].typed_config.http_filters[4].typed_config.dynamic_stat',
    );
  });

  it('fail inside a repeated element', () => {
    const routes = makeRouteConfig('r') as { virtual_hosts: { routes: Record<string, unknown>[] }[] };
    const route = routes.virtual_hosts[0]?.routes[1];
    if (!route) throw new Error('fixture has no second route');
    route.matchh = { prefix: '/' };
    const error = expectIssue(
      ROUTES,
      routes,
      CodecErrorCode.UnknownField,
      'virtual_hosts[0].routes[1].matchh',
    );
    expect(error.message).toContain('did you mean match?');
  });

  it('fail inside a map value, the key quoted when it is not a plain name', () => {
    const cluster = makeCluster('c') as Record<string, unknown>;
    cluster.typed_extension_protocol_options = {
      'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
        '@type': TypeUrl.UPSTREAM_HTTP_PROTOCOL_OPTIONS,
        explicit_http_config: { http2_protocol_options: {}, bogus: 1 },
      },
    };
    expectIssue(
      CLUSTER,
      cluster,
      CodecErrorCode.UnknownField,
      'typed_extension_protocol_options["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"].explicit_http_config.bogus',
    );
  });

  it('fail in a Struct value, pointing at the generated camelCase name', () => {
    const error = expectIssue(
      CLUSTER,
      { name: 'c', metadata: { filter_metadata: { istio: { fields: { a: { string_value: 'x' } } } } } },
      CodecErrorCode.UnknownField,
      'metadata.filter_metadata.istio.fields.a.string_value',
    );
    expect(error.message).toContain('did you mean stringValue?');
  });

  it('fail for lowerCamelCase names, which only proto3 JSON accepts', () => {
    const error = expectIssue(
      CLUSTER,
      { name: 'c', connectTimeout: { seconds: '1' } },
      CodecErrorCode.UnknownField,
      'connectTimeout',
    );
    expect(error.message).toContain('did you mean connect_timeout?');
  });

  it('are rejected by the types too', () => {
    // @ts-expect-error: Cluster has no field "nmae".
    expect(() => encode(CLUSTER, { name: 'c', nmae: 'c' })).toThrow(CodecError);
  });
});

describe('invalid values', () => {
  it('an unknown enum name fails and lists the names', () => {
    const error = expectIssue(
      CLUSTER,
      { name: 'c', lb_policy: 'ROUND_ROBBIN' },
      CodecErrorCode.InvalidValue,
      'lb_policy',
    );
    expect(error.message).toContain('unknown envoy.config.cluster.v3.Cluster.LbPolicy value "ROUND_ROBBIN"');
    expect(error.message).toContain('ROUND_ROBIN, LEAST_REQUEST, RING_HASH');
  });

  it('enum numbers are accepted, known or not (proto3 enums are open)', () => {
    expect(decode(CLUSTER, encodeLoose(CLUSTER, { lb_policy: 1 }))).toEqual({ lb_policy: 'LEAST_REQUEST' });
    expect(decode(CLUSTER, encodeLoose(CLUSTER, { lb_policy: 42 }))).toEqual({ lb_policy: 42 });
  });

  it.each([
    ['a number for a string', { name: 5 }, 'name', 'expected a string, got 5'],
    [
      'a string for a message',
      { connect_timeout: '5s' },
      'connect_timeout',
      'expected a google.protobuf.Duration message (an object), got "5s"',
    ],
    [
      'an object for a list',
      { dns_resolvers: {} },
      'dns_resolvers',
      'expected a list (an array), got an object',
    ],
    [
      'a text port',
      {
        load_assignment: {
          endpoints: [
            { lb_endpoints: [{ endpoint: { address: { socket_address: { port_value: '80' } } } }] },
          ],
        },
      },
      'load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.port_value',
      'expected a whole number (uint32), got "80"',
    ],
    [
      'a negative uint32',
      { per_connection_buffer_limit_bytes: { value: -1 } },
      'per_connection_buffer_limit_bytes.value',
      'expected a uint32 from 0 to 4294967295, got -1',
    ],
    [
      'a fraction for an int32',
      { common_lb_config: { update_merge_window: { nanos: 1.5 } } },
      'common_lb_config.update_merge_window.nanos',
      'expected a whole number (int32), got 1.5',
    ],
    ['text for a bool', { respect_dns_ttl: 'true' }, 'respect_dns_ttl', 'expected true or false, got "true"'],
    [
      'an int64 out of range',
      { connect_timeout: { seconds: '9223372036854775808' } },
      'connect_timeout.seconds',
      'expected a int64 from -9223372036854775808 to 9223372036854775807, got 9223372036854775808',
    ],
    [
      'an inexact int64 number',
      { connect_timeout: { seconds: 2 ** 60 } },
      'connect_timeout.seconds',
      'which a number cannot hold exactly',
    ],
    ['null in a list', { dns_resolvers: [null] }, 'dns_resolvers[0]', 'a list element cannot be null'],
    ['null for a scalar', { name: null }, 'name', 'expected a string, got null'],
    [
      'bytes that are not base64',
      {
        transport_socket: {
          name: 't',
          typed_config: {
            '@type': TypeUrl.UPSTREAM_TLS_CONTEXT,
            common_tls_context: { tls_certificates: [{ private_key: { inline_bytes: 'not base64!' } }] },
          },
        },
      },
      'transport_socket.typed_config.common_tls_context.tls_certificates[0].private_key.inline_bytes',
      'expected bytes',
    ],
  ])('%s fails with the path and an "expected" message', (_what, value, path, message) => {
    const error = expectIssue(CLUSTER, value, CodecErrorCode.InvalidValue, path);
    expect(error.message).toContain(message);
  });

  it('a message field set to null counts as unset, as the generated types allow', () => {
    expect(encodeLoose(CLUSTER, { name: 'c', connect_timeout: null })).toEqual(
      encode(CLUSTER, { name: 'c' }),
    );
  });

  it('64-bit integers may be numbers, strings or Long objects', () => {
    const a = encodeLoose(CLUSTER, { connect_timeout: { seconds: 7 } });
    const b = encodeLoose(CLUSTER, { connect_timeout: { seconds: '7' } });
    const c = encodeLoose(CLUSTER, { connect_timeout: { seconds: { low: 7, high: 0, unsigned: false } } });
    expect(a).toEqual(b);
    expect(c).toEqual(b);
    expect(decode(CLUSTER, c)).toEqual({ connect_timeout: { seconds: '7' } });
  });
});

describe('Any', () => {
  it('an unknown @type fails with UnknownType at the Any', () => {
    const listener = makeListener('l', 80, 'r');
    const filter = listener.filter_chains?.[0]?.filters?.[0];
    if (!filter) throw new Error('fixture has no filter');
    filter.typed_config = { '@type': 'type.googleapis.com/envoy.extensions.filters.network.nope.v3.Nope' };
    const error = expectIssue(
      LISTENER,
      listener,
      CodecErrorCode.UnknownType,
      'filter_chains[0].filters[0].typed_config',
    );
    expect(error.message).toContain('envoy.extensions.filters.network.nope.v3.Nope');
  });

  it('a type URL must have a "/" and name a message, not an enum or a package', () => {
    for (const url of [
      'envoy.config.cluster.v3.Cluster',
      'type.googleapis.com/envoy.config.cluster.v3',
      'type.googleapis.com/envoy.config.cluster.v3.Cluster.LbPolicy',
      'type.googleapis.com/Cluster',
    ]) {
      expectIssue('google.protobuf.Any', { '@type': url }, CodecErrorCode.UnknownType, '');
    }
  });

  it('the packed form is checked too: its type must be known and its bytes valid', () => {
    expectIssue(
      'google.protobuf.Any',
      { type_url: 'type.googleapis.com/x.Y', value: Buffer.alloc(0) },
      CodecErrorCode.UnknownType,
      'type_url',
    );
    const error = expectIssue(
      'google.protobuf.Any',
      { type_url: TypeUrl.CLUSTER, value: Buffer.from([0xff, 0xff]) },
      CodecErrorCode.Decode,
      'value',
    );
    expect(error.message).toContain('not a valid envoy.config.cluster.v3.Cluster');
    expectIssue('google.protobuf.Any', { value: Buffer.from([8, 1]) }, CodecErrorCode.InvalidValue, '');
  });

  it('packAny refuses a value without @type', () => {
    const error = codecError(() => packAny({ name: 'x' } as never));
    expect(error.code).toBe(CodecErrorCode.InvalidValue);
  });
});

describe('oneofs', () => {
  it('two members of one oneof fail at the second member', () => {
    const error = expectIssue(
      CLUSTER,
      { name: 'c', type: 'EDS', cluster_type: { name: 'envoy.clusters.aggregate' } },
      CodecErrorCode.InvalidValue,
      'cluster_type',
    );
    expect(error.message).toBe(
      'cluster_type: type and cluster_type are both set, but they belong to oneof cluster_discovery_type: set only one',
    );
  });

  it('two members inside a repeated element fail there', () => {
    const routes = makeRouteConfig('r') as { virtual_hosts: { routes: Record<string, unknown>[] }[] };
    const route = routes.virtual_hosts[0]?.routes[0];
    if (!route) throw new Error('fixture has no route');
    route.direct_response = { status: 503 };
    expectIssue(ROUTES, routes, CodecErrorCode.InvalidValue, 'virtual_hosts[0].routes[0].direct_response');
  });

  it('a member set to null does not count', () => {
    expect(encodeLoose(CLUSTER, { type: 'EDS', cluster_type: null })).toEqual(
      encode(CLUSTER, { type: 'EDS' }),
    );
  });

  it('the oneof case name of the generated types must name the member that is set', () => {
    const ok: Cluster = { type: 'STRICT_DNS', cluster_discovery_type: 'type' };
    expect(decode(CLUSTER, encode(CLUSTER, ok))).toEqual({ type: 'STRICT_DNS' });
    expectIssue(
      CLUSTER,
      { type: 'STRICT_DNS', cluster_discovery_type: 'cluster_type' },
      CodecErrorCode.InvalidValue,
      'cluster_discovery_type',
    );
  });
});

describe('reporting', () => {
  it('checkMessage collects every problem, in walk order', () => {
    const issues = checkMessage(CLUSTER, {
      nme: 'c',
      lb_policy: 'NOPE',
      connect_timeout: { secs: 1 },
      type: 'EDS',
      cluster_type: {},
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      [CodecErrorCode.UnknownField, 'nme'],
      [CodecErrorCode.InvalidValue, 'lb_policy'],
      [CodecErrorCode.UnknownField, 'connect_timeout.secs'],
      [CodecErrorCode.InvalidValue, 'cluster_type'],
    ]);
    expect(checkMessage(CLUSTER, makeCluster('c'))).toEqual([]);
  });

  it('the thrown error names the first problem, counts the others and carries all in cause', () => {
    const error = codecError(() =>
      encodeLoose(CLUSTER, { nme: 'c', lb_policy: 'NOPE', connect_timeout: { secs: 1 } }),
    );
    expect(error.message).toBe(
      'nme: unknown field "nme" in envoy.config.cluster.v3.Cluster (did you mean name?) (and 2 more)',
    );
    expect(error.cause).toBeInstanceOf(AggregateError);
    const all = (error.cause as AggregateError).errors as CodecError[];
    expect(all.map((e) => e.path)).toEqual(['nme', 'lb_policy', 'connect_timeout.secs']);
    expect(all.every((e) => e instanceof CodecError)).toBe(true);
  });

  it('an unknown message name is UnknownType', () => {
    expect(codecError(() => encodeLoose('envoy.config.cluster.v3.Clustr', {})).code).toBe(
      CodecErrorCode.UnknownType,
    );
    expect(codecError(() => decode('Cluster', new Uint8Array())).code).toBe(CodecErrorCode.UnknownType);
  });

  it('a value that is not an object fails', () => {
    expectIssue(CLUSTER, [], CodecErrorCode.InvalidValue, '');
    expectIssue(CLUSTER, 'cluster', CodecErrorCode.InvalidValue, '');
  });

  it('a cycle is reported, not followed forever', () => {
    const a: Record<string, unknown> = { name: 'x' };
    const value: Record<string, unknown> = {};
    value.structValue = { fields: { again: value } };
    a.metadata = { filter_metadata: { loop: { fields: { v: value } } } };
    const error = codecError(() => encodeLoose(CLUSTER, a));
    expect(error.message).toContain('nest deeper than 100 levels');
  });

  it('assertMessage checks without encoding', () => {
    expect(() => assertMessage(CLUSTER, makeCluster('c'))).not.toThrow();
    expect(codecError(() => assertMessage(CLUSTER, { name: 1 } as never)).path).toBe('name');
  });
});
