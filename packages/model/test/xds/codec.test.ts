import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { CodecError, CodecErrorCode } from '../../src/errors/model-error.js';
import { anyOf, decode, encode, packAny, unpackAny } from '../../src/xds/codec.js';
import { lookupMessage } from '../../src/xds/proto-root.js';
import { TypeUrl } from '../../src/xds/type-urls.js';
import type { DiscoveryResponse } from '../../src/xds/types.js';
import { makeCluster, makeListener, makeRouteConfig } from './fixtures.js';
import { makeDiscoveryResponse } from './fixtures-services.js';

const CLUSTER = 'envoy.config.cluster.v3.Cluster';
const LISTENER = 'envoy.config.listener.v3.Listener';

function codecError(f: () => unknown): CodecError {
  try {
    f();
  } catch (e) {
    if (e instanceof CodecError) return e;
    throw e;
  }
  throw new Error('expected a CodecError, but nothing was thrown');
}

function bytes(...values: number[]): Uint8Array {
  return new Uint8Array(values);
}

describe('decoding bad bytes', () => {
  it.each([
    [
      'a varint longer than 10 bytes',
      bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
    ],
    ['a length past the end', bytes(0x0a, 0x05, 0x61)],
    ['field number 0', bytes(0x00, 0x01)],
    ['a group start (wire type 3)', bytes(0x0b)],
    ['a string with wire type 0', bytes(0x08, 0x01)],
    ['a message with wire type 5', bytes(0x25, 1, 2, 3, 4)],
    ['an enum with wire type 2', bytes(0x10 | 2, 0x01, 0x01)],
    ['text that is not protobuf', new TextEncoder().encode('{"name": "cluster"}')],
  ])('%s gives CodecError Decode', (_what, data) => {
    expect(codecError(() => decode(CLUSTER, data)).code).toBe(CodecErrorCode.Decode);
  });

  it('invalid UTF-8 in a string field fails with the field path', () => {
    const error = codecError(() => decode(CLUSTER, bytes(0x0a, 0x02, 0xc3, 0x28)));
    expect({ code: error.code, path: error.path }).toEqual({ code: CodecErrorCode.Decode, path: 'name' });
  });

  it('a truncated nested message fails with the path of the field being read', () => {
    const full = encode(LISTENER, makeListener('l', 80, 'r'));
    expect(full.length).toBeGreaterThan(200);
    const error = codecError(() => decode(LISTENER, full.subarray(0, 40)));
    expect(error.code).toBe(CodecErrorCode.Decode);
    expect(error.path).toMatch(/^filter_chains/);
  });

  it('random bytes never crash: every failure is a CodecError', () => {
    // Deterministic xorshift so a failure reproduces.
    let seed = 0x9e3779b9;
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return seed >>> 0;
    };
    let failures = 0;
    for (let n = 0; n < 500; n++) {
      const data = new Uint8Array(1 + (next() % 64)).map(() => next() & 0xff);
      for (const type of [
        CLUSTER,
        LISTENER,
        'envoy.service.discovery.v3.DiscoveryResponse',
        'google.protobuf.Any',
      ]) {
        try {
          decode(type, data);
        } catch (e) {
          expect(e).toBeInstanceOf(CodecError);
          failures++;
        }
      }
    }
    expect(failures).toBeGreaterThan(1500);
  });

  it('an unknown field number in well-formed bytes is UnknownField, or skipped with ignoreUnknownFields', () => {
    // Field 999 (varint 1) after name "c".
    const data = bytes(0x0a, 0x01, 0x63, 0xb8, 0x3e, 0x01);
    const error = codecError(() => decode(CLUSTER, data));
    expect(error.code).toBe(CodecErrorCode.UnknownField);
    expect(error.message).toBe('unknown field number 999 (wire type 0) in envoy.config.cluster.v3.Cluster');
    expect(decode(CLUSTER, data, { ignoreUnknownFields: true })).toEqual({ name: 'c' });
  });

  it('an Any of an unknown type is UnknownType, with the path of the Any', () => {
    const any = protobuf.Writer.create().uint32(0x0a).string('type.googleapis.com/x.Unknown').finish();
    const response = protobuf.Writer.create().uint32(0x12).bytes(any).finish();
    const error = codecError(() => decode('envoy.service.discovery.v3.DiscoveryResponse', response));
    expect({ code: error.code, path: error.path }).toEqual({
      code: CodecErrorCode.UnknownType,
      path: 'resources[0]',
    });
  });

  it('something that is not bytes is InvalidValue', () => {
    expect(codecError(() => decode(CLUSTER, 'Cg==' as never)).code).toBe(CodecErrorCode.InvalidValue);
  });
});

describe('wire format', () => {
  it('encodes fields in field-number order, maps by key, defaults left out (deterministic)', () => {
    const a = encode(CLUSTER, {
      connect_timeout: { seconds: '0', nanos: 0 },
      respect_dns_ttl: false,
      lb_policy: 'ROUND_ROBIN',
      type: 'STATIC',
      name: 'c',
    });
    // name (1); type (2) STATIC is 0 but a oneof member, so kept; connect_timeout (4) an empty message, kept;
    // lb_policy (6) and respect_dns_ttl (39) at their default, left out.
    expect([...a]).toEqual([0x0a, 0x01, 0x63, 0x10, 0x00, 0x22, 0x00]);
    const m1 = encode('envoy.config.core.v3.Metadata', { filter_metadata: { b: {}, a: {} } });
    const m2 = encode('envoy.config.core.v3.Metadata', { filter_metadata: { a: {}, b: {} } });
    expect(m1).toEqual(m2);
  });

  it('reads packed and unpacked repeated scalars alike, and packs when writing', () => {
    const type = 'envoy.config.route.v3.RetryPolicy';
    const unpacked = bytes(0x38, 0xf7, 0x03, 0x38, 0xf8, 0x03);
    const packed = bytes(0x3a, 0x04, 0xf7, 0x03, 0xf8, 0x03);
    expect(decode(type, unpacked)).toEqual({ retriable_status_codes: [503, 504] });
    expect(decode(type, packed)).toEqual({ retriable_status_codes: [503, 504] });
    expect(encode(type, { retriable_status_codes: [503, 504] })).toEqual(Buffer.from(packed));
  });

  it('merges a message field that occurs twice, and keeps the last member of a oneof', () => {
    // connect_timeout {seconds: 1} then connect_timeout {nanos: 5}; type STRICT_DNS then cluster_type {name: "a"}.
    const data = bytes(
      0x22,
      0x02,
      0x08,
      0x01,
      0x22,
      0x02,
      0x10,
      0x05,
      0x10,
      0x01,
      0xb2,
      0x02,
      0x03,
      0x0a,
      0x01,
      0x61,
    );
    expect(decode(CLUSTER, data)).toEqual({
      connect_timeout: { seconds: '1', nanos: 5 },
      cluster_type: { name: 'a' },
    });
  });

  it('agrees with protobufjs both ways', () => {
    const type = lookupMessage(CLUSTER);
    const cluster = makeCluster('outbound|9080||reviews');
    const theirs = type.encode(type.fromObject(cluster)).finish();
    expect(decode(CLUSTER, theirs)).toEqual(cluster);
    const ours = type.decode(encode(CLUSTER, cluster));
    expect(type.toObject(ours, { longs: String, enums: String, json: true })).toEqual(cluster);
  });

  it('keeps 64-bit integers exact in every encoding', () => {
    const rules = 'validate.Int64Rules';
    for (const v of ['9223372036854775807', '-9223372036854775808', '-1', '9007199254740993']) {
      expect(decode(rules, encode(rules, { const: v }))).toEqual({ const: v });
    }
    for (const [type, v] of [
      ['validate.UInt64Rules', '18446744073709551615'],
      ['validate.SInt64Rules', '-9223372036854775808'],
      ['validate.Fixed64Rules', '18446744073709551615'],
      ['validate.SFixed64Rules', '-2'],
    ] as const) {
      expect(decode(type, encode(type, { const: v }))).toEqual({ const: v });
    }
  });

  it('keeps proto2 fields at their default (explicit presence)', () => {
    expect(decode('validate.UInt32Rules', encode('validate.UInt32Rules', { const: 0 }))).toEqual({
      const: 0,
    });
    expect(decode('validate.BoolRules', encode('validate.BoolRules', { const: false }))).toEqual({
      const: false,
    });
  });

  it('carries non-finite doubles as "NaN"/"Infinity" and other 32-bit types exactly', () => {
    const d = 'validate.DoubleRules';
    expect(decode(d, encode(d, { const: 'NaN', lt: 'Infinity', gt: '-Infinity', lte: 0.1 }))).toEqual({
      const: 'NaN',
      lt: 'Infinity',
      gt: '-Infinity',
      lte: 0.1,
    });
    expect(decode('validate.SInt32Rules', encode('validate.SInt32Rules', { const: -2147483648 }))).toEqual({
      const: -2147483648,
    });
    expect(decode('validate.Fixed32Rules', encode('validate.Fixed32Rules', { const: 4294967295 }))).toEqual({
      const: 4294967295,
    });
    expect(decode('validate.SFixed32Rules', encode('validate.SFixed32Rules', { const: -7 }))).toEqual({
      const: -7,
    });
    expect(decode('validate.FloatRules', encode('validate.FloatRules', { const: 0.5 }))).toEqual({
      const: 0.5,
    });
  });

  it('round-trips int64 map keys (protobufjs turns them into hash strings)', () => {
    const type = 'google.api.expr.v1alpha1.SourceInfo';
    const value = { positions: { '-3': 2, '5': 7, '9223372036854775807': 1 } };
    expect(decode(type, encode(type, value))).toEqual(value);
  });

  it('decodes bytes as Buffers and accepts base64 text and Uint8Arrays when encoding', () => {
    const type = 'envoy.config.core.v3.DataSource';
    const fromText = encode(type, { inline_bytes: 'AAEC+v8=' });
    const fromArray = encode(type, { inline_bytes: new Uint8Array([0, 1, 2, 250, 255]) });
    expect(fromText).toEqual(fromArray);
    const decoded = decode(type, fromText);
    expect(Buffer.isBuffer(decoded.inline_bytes)).toBe(true);
    expect(decoded).toEqual({ inline_bytes: Buffer.from([0, 1, 2, 250, 255]) });
  });

  it('keeps a map key "__proto__" as data', () => {
    const type = 'envoy.config.core.v3.Metadata';
    const value = JSON.parse('{"filter_metadata": {"__proto__": {"fields": {"a": {"boolValue": true}}}}}');
    const decoded = decode(type, encode(type, value)) as { filter_metadata: Record<string, unknown> };
    expect(Object.keys(decoded.filter_metadata)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(decoded.filter_metadata)).toBe(Object.prototype);
  });
});

describe('Any', () => {
  it('round-trips Any inside Any inside a message: a config dump holding a listener holding an HCM and router', () => {
    const dump = {
      configs: [
        anyOf(TypeUrl.LISTENERS_CONFIG_DUMP, {
          dynamic_listeners: [
            { name: 'l', active_state: { listener: anyOf(TypeUrl.LISTENER, makeListener('l', 80, 'r')) } },
          ],
        }),
      ],
    };
    expect(decode('envoy.admin.v3.ConfigDump', encode('envoy.admin.v3.ConfigDump', dump))).toEqual(dump);
  });

  it('round-trips an Any whose payload is itself an Any, nested under value', () => {
    const nested = {
      '@type': 'type.googleapis.com/google.protobuf.Any',
      value: { '@type': TypeUrl.ROUTE_CONFIGURATION, ...makeRouteConfig('r') },
    };
    const packed = packAny(nested);
    expect(unpackAny(packed)).toEqual(nested);
    const inPacked = {
      '@type': 'type.googleapis.com/google.protobuf.Any',
      ...packAny({ '@type': TypeUrl.ROUTER }),
    };
    expect(unpackAny(packAny(inPacked))).toEqual({
      '@type': 'type.googleapis.com/google.protobuf.Any',
      value: { '@type': TypeUrl.ROUTER },
    });
  });

  it('round-trips well-known payloads with their fields inline', () => {
    for (const value of [
      { '@type': 'type.googleapis.com/google.protobuf.Duration', seconds: '5', nanos: 1 },
      { '@type': 'type.googleapis.com/google.protobuf.StringValue', value: 'x' },
      {
        '@type': 'type.googleapis.com/google.protobuf.Struct',
        fields: { a: { listValue: { values: [{ nullValue: 'NULL_VALUE' }] } } },
      },
      { '@type': 'type.googleapis.com/google.protobuf.Empty' },
    ]) {
      expect(unpackAny(packAny(value))).toEqual(value);
    }
  });

  it('decodes discovery responses whose resources are packed by another encoder', () => {
    const typed = makeDiscoveryResponse();
    const packedByProtobufjs = lookupMessage('envoy.config.cluster.v3.Cluster');
    const resources = (typed.resources ?? []).map((r) => {
      const { '@type': url, ...cluster } = r as { '@type': string };
      return {
        type_url: url,
        value: Buffer.from(packedByProtobufjs.encode(packedByProtobufjs.fromObject(cluster)).finish()),
      };
    });
    const response: DiscoveryResponse = { ...typed, resources };
    expect(
      decode(
        'envoy.service.discovery.v3.DiscoveryResponse',
        encode('envoy.service.discovery.v3.DiscoveryResponse', response),
      ),
    ).toEqual(typed);
  });

  it('keeps a custom type URL prefix', () => {
    const value = {
      '@type': 'example.com/types/envoy.extensions.filters.http.router.v3.Router',
      suppress_envoy_headers: true,
    };
    expect(unpackAny(packAny(value))).toEqual(value);
  });

  it('unpackAny refuses an unknown type and bad bytes', () => {
    expect(
      codecError(() => unpackAny({ type_url: 'type.googleapis.com/a.B', value: new Uint8Array() })).code,
    ).toBe(CodecErrorCode.UnknownType);
    expect(codecError(() => unpackAny({ type_url: TypeUrl.CLUSTER, value: bytes(0xff) })).code).toBe(
      CodecErrorCode.Decode,
    );
    expect(codecError(() => unpackAny({ type_url: '', value: new Uint8Array() })).code).toBe(
      CodecErrorCode.InvalidValue,
    );
  });
});
