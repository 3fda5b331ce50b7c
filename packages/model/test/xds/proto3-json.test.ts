import { describe, expect, it } from 'vitest';
import { CodecError, CodecErrorCode } from '../../src/errors/model-error.js';
import { decode, encode, packAny } from '../../src/xds/codec.js';
import { fromProto3Json, toProto3Json } from '../../src/xds/proto3-json.js';
import { TypeUrl } from '../../src/xds/type-urls.js';
import { durationFromMs, timestampFromDate } from '../../src/xds/well-known.js';
import { makeCluster, makeHcm } from './fixtures.js';

const CLUSTER = 'envoy.config.cluster.v3.Cluster';
const HCM = 'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';

function codecError(f: () => unknown): CodecError {
  try {
    f();
  } catch (e) {
    if (e instanceof CodecError) return e;
    throw e;
  }
  throw new Error('expected a CodecError, but nothing was thrown');
}

const print = (typeName: string, value: unknown) => toProto3Json(typeName, value as object);

describe('printing well-known types', () => {
  it.each([
    [{}, '0s'],
    [{ seconds: '5' }, '5s'],
    [{ nanos: 250000000 }, '0.250s'],
    [{ seconds: '1', nanos: 500000000 }, '1.500s'],
    [{ seconds: '1', nanos: 500000 }, '1.000500s'],
    [{ nanos: 1000 }, '0.000001s'],
    [{ nanos: 1 }, '0.000000001s'],
    [{ seconds: '-1', nanos: -500000000 }, '-1.500s'],
    [{ nanos: -1000 }, '-0.000001s'],
    [{ seconds: '315576000000' }, '315576000000s'],
  ])('Duration %j prints as %s and parses back', (value, text) => {
    expect(print('google.protobuf.Duration', value)).toBe(text);
    expect(fromProto3Json('google.protobuf.Duration', text)).toEqual(value);
  });

  it.each([
    [{ seconds: '315576000001' }, 'at most ±315576000000 seconds'],
    [{ seconds: '1', nanos: -1 }, 'same sign'],
    [{ nanos: 1000000000 }, 'within ±999999999'],
  ])('Duration %j out of range is InvalidValue', (value, message) => {
    const error = codecError(() => print('google.protobuf.Duration', value));
    expect(error.code).toBe(CodecErrorCode.InvalidValue);
    expect(error.message).toContain(message);
  });

  it.each(['5', '1.5ms', '1.s', '1.0000000001s', '-s', ' 1s', '315576000001s'])(
    'Duration text %j is rejected',
    (text) => {
      const error = codecError(() => fromProto3Json('google.protobuf.Duration', text));
      expect(error.code).toBe(CodecErrorCode.InvalidValue);
    },
  );

  it.each([
    [{}, '1970-01-01T00:00:00Z'],
    [{ seconds: '1714564800', nanos: 123000000 }, '2024-05-01T12:00:00.123Z'],
    [{ seconds: '1714564800', nanos: 5000 }, '2024-05-01T12:00:00.000005Z'],
    [{ seconds: '1714564800', nanos: 7 }, '2024-05-01T12:00:00.000000007Z'],
    [{ seconds: '-62135596800' }, '0001-01-01T00:00:00Z'],
    [{ seconds: '253402300799', nanos: 999999999 }, '9999-12-31T23:59:59.999999999Z'],
  ])('Timestamp %j prints as %s and parses back', (value, text) => {
    expect(print('google.protobuf.Timestamp', value)).toBe(text);
    expect(fromProto3Json('google.protobuf.Timestamp', text)).toEqual(value);
  });

  it('Timestamp text with an offset is converted to UTC; impossible dates are rejected', () => {
    expect(fromProto3Json('google.protobuf.Timestamp', '2024-05-01T14:00:00.5+02:00')).toEqual({
      seconds: '1714564800',
      nanos: 500000000,
    });
    for (const text of [
      '2024-02-30T00:00:00Z',
      '2024-05-01 12:00:00Z',
      '2024-05-01T24:00:00Z',
      '10000-01-01T00:00:00Z',
    ]) {
      expect(codecError(() => fromProto3Json('google.protobuf.Timestamp', text)).code).toBe(
        CodecErrorCode.InvalidValue,
      );
    }
    expect(codecError(() => print('google.protobuf.Timestamp', { seconds: '253402300800' })).code).toBe(
      CodecErrorCode.InvalidValue,
    );
  });

  it('wrappers print as bare values, a wrapper left empty as its default', () => {
    expect(print('google.protobuf.UInt32Value', {})).toBe(0);
    expect(print('google.protobuf.UInt32Value', { value: 7 })).toBe(7);
    expect(print('google.protobuf.BoolValue', {})).toBe(false);
    expect(print('google.protobuf.StringValue', { value: 'x' })).toBe('x');
    expect(print('google.protobuf.Int64Value', { value: '-9223372036854775808' })).toBe(
      '-9223372036854775808',
    );
    expect(print('google.protobuf.UInt64Value', {})).toBe('0');
    expect(print('google.protobuf.DoubleValue', { value: 'NaN' })).toBe('NaN');
    expect(print('google.protobuf.BytesValue', { value: Buffer.from('hi') })).toBe('aGk=');
    expect(fromProto3Json('google.protobuf.UInt32Value', 0)).toEqual({});
    expect(fromProto3Json('google.protobuf.Int64Value', 5)).toEqual({ value: '5' });
    expect(fromProto3Json('google.protobuf.DoubleValue', '-Infinity')).toEqual({ value: '-Infinity' });
  });

  it('Struct, Value and ListValue print as plain JSON; a Value holding nothing is left out', () => {
    const struct = {
      fields: {
        s: { stringValue: 'x' },
        n: { numberValue: 1.5 },
        b: { boolValue: false },
        z: { nullValue: 'NULL_VALUE' },
        l: { listValue: { values: [{ numberValue: 1 }, {}, { structValue: {} }] } },
        o: { structValue: { fields: { deep: { listValue: {} } } } },
        gone: {},
      },
    };
    const json = { s: 'x', n: 1.5, b: false, z: null, l: [1, {}], o: { deep: [] } };
    expect(print('google.protobuf.Struct', struct)).toEqual(json);
    const { gone: _gone, ...kept } = struct.fields;
    const l = { listValue: { values: [{ numberValue: 1 }, { structValue: {} }] } };
    expect(fromProto3Json('google.protobuf.Struct', json)).toEqual({ fields: { ...kept, l } });
    expect(print('google.protobuf.Value', { listValue: {} })).toEqual([]);
    expect(codecError(() => print('google.protobuf.Value', {})).code).toBe(CodecErrorCode.InvalidValue);
    expect(codecError(() => print('google.protobuf.Value', { numberValue: 'Infinity' })).path).toBe(
      'numberValue',
    );
  });

  it('an Any holding a well-known type carries its JSON under "value"; Empty and messages inline', () => {
    expect(
      print('google.protobuf.Any', { '@type': 'type.googleapis.com/google.protobuf.Duration', seconds: '1' }),
    ).toEqual({
      '@type': 'type.googleapis.com/google.protobuf.Duration',
      value: '1s',
    });
    expect(
      print('google.protobuf.Any', {
        '@type': 'type.googleapis.com/google.protobuf.Struct',
        fields: { a: { boolValue: true } },
      }),
    ).toEqual({
      '@type': 'type.googleapis.com/google.protobuf.Struct',
      value: { a: true },
    });
    expect(print('google.protobuf.Any', { '@type': 'type.googleapis.com/google.protobuf.Empty' })).toEqual({
      '@type': 'type.googleapis.com/google.protobuf.Empty',
    });
    const nested = {
      '@type': 'type.googleapis.com/google.protobuf.Any',
      value: { '@type': TypeUrl.ROUTER, suppress_envoy_headers: true },
    };
    const json = {
      '@type': 'type.googleapis.com/google.protobuf.Any',
      value: { '@type': TypeUrl.ROUTER, suppress_envoy_headers: true },
    };
    expect(print('google.protobuf.Any', nested)).toEqual(json);
    expect(fromProto3Json('google.protobuf.Any', json)).toEqual(nested);
    expect(print('google.protobuf.Any', {})).toEqual({});
  });

  it('a packed Any prints like an unpacked one', () => {
    const cluster = makeCluster('c');
    const packed = packAny({ '@type': TypeUrl.CLUSTER, ...cluster });
    expect(print('google.protobuf.Any', packed)).toEqual(
      print('google.protobuf.Any', { '@type': TypeUrl.CLUSTER, ...cluster }),
    );
  });
});

describe('printing scalars and fields', () => {
  it('prints proto names in field-number order and leaves defaults out', () => {
    const json = print(CLUSTER, {
      metadata: {},
      respect_dns_ttl: false,
      lb_policy: 'ROUND_ROBIN',
      dns_lookup_family: 'V4_ONLY',
      per_connection_buffer_limit_bytes: { value: 0 },
      alt_stat_name: '',
      dns_resolvers: [],
      typed_extension_protocol_options: {},
      name: 'c',
    });
    expect(JSON.stringify(json)).toBe(
      '{"name":"c","per_connection_buffer_limit_bytes":0,"dns_lookup_family":"V4_ONLY","metadata":{}}',
    );
  });

  it('prints oneof members at their default, since they are set', () => {
    expect(print('envoy.config.core.v3.SocketAddress', { address: '::', port_value: 0 })).toEqual({
      address: '::',
      port_value: 0,
    });
    expect(print(CLUSTER, { type: 'STATIC' })).toEqual({ type: 'STATIC' });
  });

  it('prints 64-bit integers as strings, enums as names (numbers when unnamed), bytes as base64', () => {
    expect(print('google.api.expr.v1alpha1.SourceInfo', { positions: { '7': 1 } })).toEqual({
      positions: { '7': 1 },
    });
    expect(
      print('envoy.config.route.v3.RetryPolicy', { host_selection_retry_max_attempts: 9007199254740991 }),
    ).toEqual({
      host_selection_retry_max_attempts: '9007199254740991',
    });
    expect(print(CLUSTER, { lb_policy: 42 })).toEqual({ lb_policy: 42 });
    expect(print('envoy.config.core.v3.DataSource', { inline_bytes: new Uint8Array([251, 255]) })).toEqual({
      inline_bytes: '+/8=',
    });
  });

  it('prints a float as the shortest decimal that reads back as the same float32', () => {
    const rules = 'validate.FloatRules';
    const decoded = decode(rules, encode(rules, { const: 0.1, lt: 3.4028234663852886e38 }));
    expect(decoded.const).toBe(Math.fround(0.1));
    expect(print(rules, decoded)).toEqual({ const: 0.1, lt: 3.4028235e38 });
    expect(codecError(() => print(rules, { const: 3.5e38 })).code).toBe(CodecErrorCode.InvalidValue);
  });
});

describe('parsing proto3 JSON', () => {
  it('accepts lowerCamelCase names but always prints proto names', () => {
    const parsed = fromProto3Json(HCM, {
      statPrefix: 'x',
      httpFilters: [{ name: 'r', typedConfig: { '@type': TypeUrl.ROUTER } }],
      stream_idle_timeout: '0s',
    });
    expect(parsed).toEqual({
      stat_prefix: 'x',
      http_filters: [{ name: 'r', typed_config: { '@type': TypeUrl.ROUTER } }],
      stream_idle_timeout: {},
    });
    expect(print(HCM, parsed)).toEqual({
      stat_prefix: 'x',
      http_filters: [{ name: 'r', typed_config: { '@type': TypeUrl.ROUTER } }],
      stream_idle_timeout: '0s',
    });
  });

  it('reports an unknown key with its path, inside an Any and a list too', () => {
    const json = print(HCM, makeHcm('r')) as Record<string, unknown>;
    const filters = json.http_filters as Record<string, Record<string, unknown>>[];
    (filters[2]?.typed_config as Record<string, unknown>).rulez = {};
    const error = codecError(() => fromProto3Json(HCM, json));
    expect({ code: error.code, path: error.path }).toEqual({
      code: CodecErrorCode.UnknownField,
      path: 'http_filters[2].typed_config.rulez',
    });
    expect(error.message).toContain('did you mean rules?');
    expect(fromProto3Json(HCM, json, { ignoreUnknownFields: true })).toEqual(makeHcm('r'));
  });

  it('rejects a field given under both its names, two oneof members, an unknown enum name and an unknown @type', () => {
    const cases: [unknown, string, string][] = [
      [{ stat_prefix: 'a', statPrefix: 'b' }, CodecErrorCode.InvalidValue, 'statPrefix'],
      [{ rds: {}, routeConfig: {} }, CodecErrorCode.InvalidValue, 'routeConfig'],
      [{ codec_type: 'HTTP9' }, CodecErrorCode.InvalidValue, 'codec_type'],
      [
        { http_filters: [{ typed_config: { '@type': 'type.googleapis.com/a.B' } }] },
        CodecErrorCode.UnknownType,
        'http_filters[0].typed_config',
      ],
      [
        { http_filters: [{ typed_config: { name: 'no type' } }] },
        CodecErrorCode.InvalidValue,
        'http_filters[0].typed_config',
      ],
      [{ http_filters: [null] }, CodecErrorCode.InvalidValue, 'http_filters[0]'],
      [{ stat_prefix: 5 }, CodecErrorCode.InvalidValue, 'stat_prefix'],
      [{ max_request_headers_kb: 'sixty' }, CodecErrorCode.InvalidValue, 'max_request_headers_kb'],
      [[], CodecErrorCode.InvalidValue, ''],
    ];
    for (const [json, code, path] of cases) {
      const error = codecError(() => fromProto3Json(HCM, json));
      expect({ json, code: error.code, path: error.path }).toEqual({ json, code, path });
    }
  });

  it('reads null as unset, and as the null value for a google.protobuf.Value', () => {
    expect(fromProto3Json(HCM, { stat_prefix: null, rds: null })).toEqual({});
    expect(fromProto3Json('google.protobuf.ListValue', [null, 1])).toEqual({
      values: [{ nullValue: 'NULL_VALUE' }, { numberValue: 1 }],
    });
  });

  it('reads integers from numbers or text, and 64-bit ones exactly from text only', () => {
    const rules = 'envoy.config.route.v3.RetryPolicy';
    expect(fromProto3Json(rules, { num_retries: '3', host_selection_retry_max_attempts: 5 })).toEqual({
      num_retries: { value: 3 },
      host_selection_retry_max_attempts: '5',
    });
    expect(fromProto3Json(rules, { host_selection_retry_max_attempts: '9223372036854775807' })).toEqual({
      host_selection_retry_max_attempts: '9223372036854775807',
    });
    const error = codecError(() => fromProto3Json(rules, { host_selection_retry_max_attempts: 2 ** 60 }));
    expect(error.message).toContain('quote it');
    expect(codecError(() => fromProto3Json(rules, { num_retries: 4294967296 })).message).toContain(
      'from 0 to 4294967295',
    );
  });

  it('reads base64 with either alphabet, padded or not', () => {
    const type = 'envoy.config.core.v3.DataSource';
    for (const text of ['+/8=', '-_8', '+/8']) {
      expect(fromProto3Json(type, { inline_bytes: text })).toEqual({ inline_bytes: Buffer.from([251, 255]) });
    }
    expect(codecError(() => fromProto3Json(type, { inline_bytes: 'a' })).code).toBe(
      CodecErrorCode.InvalidValue,
    );
  });

  it('reads enums by name or number', () => {
    expect(fromProto3Json(CLUSTER, { lb_policy: 1, type: 0 })).toEqual({
      lb_policy: 'LEAST_REQUEST',
      type: 'STATIC',
    });
    expect(fromProto3Json(CLUSTER, { lb_policy: 'ROUND_ROBIN' })).toEqual({});
  });

  it('collects every problem before throwing', () => {
    const error = codecError(() =>
      fromProto3Json(CLUSTER, { nme: 'x', connect_timeout: '5', lb_policy: 'NOPE' }),
    );
    expect(error.message).toContain('(and 2 more)');
    expect(((error.cause as AggregateError).errors as CodecError[]).map((e) => e.path)).toEqual([
      'nme',
      'connect_timeout',
      'lb_policy',
    ]);
  });
});

describe('Duration and Timestamp builders', () => {
  it('give canonical object forms that print as expected', () => {
    expect(durationFromMs(250)).toEqual({ nanos: 250000000 });
    expect(durationFromMs(5000)).toEqual({ seconds: '5' });
    expect(durationFromMs(-1500)).toEqual({ seconds: '-1', nanos: -500000000 });
    expect(durationFromMs(0)).toEqual({});
    expect(print('google.protobuf.Duration', durationFromMs(-1500))).toBe('-1.500s');
    const early = timestampFromDate(new Date('1969-12-31T23:59:59.250Z'));
    expect(early).toEqual({ seconds: '-1', nanos: 250000000 });
    expect(print('google.protobuf.Timestamp', early)).toBe('1969-12-31T23:59:59.250Z');
    expect(() => durationFromMs(1.5)).toThrow(RangeError);
    expect(() => timestampFromDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});
