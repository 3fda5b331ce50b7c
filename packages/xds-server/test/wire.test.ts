// The hand-assembled wire forms: responses built from pre-encoded resources must be byte for byte what the
// model's strict codec writes for the same message, and the fast request reader must give what the codec reads.
import { decode, encode, TypeUrl } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { aggregatedDiscoveryService, Snapshot } from '../src/index.js';
import { decodeDeltaDiscoveryRequestFast, decodeDiscoveryRequestFast } from '../src/wire-request.js';
import { attachBytes, deltaResponse, sotwResponse } from '../src/wire-response.js';
import { edsCluster, endpoints, rdsListener, route } from './helpers/resources.js';

const REQUEST = 'envoy.service.discovery.v3.DiscoveryRequest';
const DELTA_REQUEST = 'envoy.service.discovery.v3.DeltaDiscoveryRequest';

function snapshot(): Snapshot {
  return Snapshot.create({
    clusters: [edsCluster('a'), edsCluster('b', 'a'), edsCluster('ü-c')],
    endpoints: [endpoints('a', [9001, 9002], { weights: [1, 3] }), endpoints('ü-c', [9003])],
    listeners: [rdsListener('l1', 'r1')],
    routes: [route('r1', 'a.test', 'a')],
  });
}

describe('response wire form', () => {
  it('writes a DiscoveryResponse exactly as the strict codec does, shared body or not', () => {
    const clusters = snapshot().resources(TypeUrl.CLUSTER);
    const expected = encode('envoy.service.discovery.v3.DiscoveryResponse', {
      version_info: 'v1',
      resources: [...clusters.values()].map((r) => r.any),
      type_url: TypeUrl.CLUSTER,
      nonce: '7',
    });
    const own = sotwResponse('v1', TypeUrl.CLUSTER, '7', clusters.values()).finish();
    const shared = sotwResponse('v1', TypeUrl.CLUSTER, '7', clusters.values(), clusters).finish();
    const again = sotwResponse('v1', TypeUrl.CLUSTER, '7', clusters.values(), clusters).finish();
    expect(Buffer.from(own).equals(Buffer.from(expected))).toBe(true);
    expect(shared.equals(own)).toBe(true);
    expect(again.equals(own)).toBe(true);
  });

  it('writes a DeltaDiscoveryResponse exactly as the strict codec does, removals included', () => {
    const assignments = snapshot().resources(TypeUrl.CLUSTER_LOAD_ASSIGNMENT);
    const list = [...assignments.values()];
    const expected = encode('envoy.service.discovery.v3.DeltaDiscoveryResponse', {
      system_version_info: 'sys',
      resources: list.map((r) => ({ name: r.name, version: r.version, resource: r.any })),
      type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
      removed_resources: ['gone', ''],
      nonce: 'n',
    });
    const wire = deltaResponse('sys', TypeUrl.CLUSTER_LOAD_ASSIGNMENT, 'n', list, ['gone', ''], assignments);
    expect(wire.finish().equals(Buffer.from(expected))).toBe(true);
    const empty = encode('envoy.service.discovery.v3.DeltaDiscoveryResponse', {
      system_version_info: 'sys',
      type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
      nonce: 'm',
    });
    expect(deltaResponse('sys', TypeUrl.CLUSTER_LOAD_ASSIGNMENT, 'm', [], []).finish()).toEqual(
      Buffer.from(empty),
    );
  });

  it('serializes an attached response from the scratch buffer, one response at a time', () => {
    const serialize = aggregatedDiscoveryService.StreamAggregatedResources.responseSerialize;
    const s = snapshot();
    const clusters = s.resources(TypeUrl.CLUSTER);
    const routes = s.resources(TypeUrl.ROUTE_CONFIGURATION);
    const a = attachBytes(
      { nonce: 'a' },
      sotwResponse('v', TypeUrl.CLUSTER, 'a', clusters.values(), clusters),
    );
    const b = attachBytes(
      { nonce: 'b' },
      sotwResponse('w', TypeUrl.ROUTE_CONFIGURATION, 'b', routes.values()),
    );
    const first = Buffer.from(serialize(a));
    const second = Buffer.from(serialize(b));
    expect(decode('envoy.service.discovery.v3.DiscoveryResponse', first)).toMatchObject({
      version_info: 'v',
      nonce: 'a',
      type_url: TypeUrl.CLUSTER,
    });
    expect(decode('envoy.service.discovery.v3.DiscoveryResponse', first).resources).toHaveLength(3);
    expect(decode('envoy.service.discovery.v3.DiscoveryResponse', second)).toMatchObject({
      version_info: 'w',
      nonce: 'b',
      resources: [{ '@type': TypeUrl.ROUTE_CONFIGURATION, name: 'r1' }],
    });
    // A response not assembled here goes through the strict codec.
    const plain = { version_info: 'x', type_url: TypeUrl.CLUSTER, nonce: 'c' };
    expect(Buffer.from(serialize(plain))).toEqual(
      Buffer.from(encode('envoy.service.discovery.v3.DiscoveryResponse', plain)),
    );
  });
});

describe('request fast reader', () => {
  const deserialize = aggregatedDiscoveryService.StreamAggregatedResources.requestDeserialize;
  const deserializeDelta = aggregatedDiscoveryService.DeltaAggregatedResources.requestDeserialize;

  it('reads ACKs as the codec does, and leaves anything else to it', () => {
    const ack = {
      version_info: 'v1',
      resource_names: ['a', 'b', 'ü'],
      type_url: TypeUrl.CLUSTER,
      response_nonce: '3',
    };
    const bytes = encode(REQUEST, ack);
    expect(decodeDiscoveryRequestFast(bytes)).toEqual(decode(REQUEST, bytes));
    expect(decodeDiscoveryRequestFast(new Uint8Array())).toEqual({});
    const withNode = encode(REQUEST, { ...ack, node: { id: 'n1' } });
    expect(decodeDiscoveryRequestFast(withNode)).toBeUndefined();
    expect(deserialize(Buffer.from(withNode))).toEqual(decode(REQUEST, withNode));
    const nack = encode(REQUEST, { ...ack, error_detail: { code: 3, message: 'bad' } });
    expect(decodeDiscoveryRequestFast(nack)).toBeUndefined();
    expect(deserialize(Buffer.from(nack)).error_detail?.message).toBe('bad');
    // Invalid UTF-8 in a name: the codec's error, not a guess.
    const bad = Buffer.from([0x1a, 0x02, 0xc3, 0x28]);
    expect(decodeDiscoveryRequestFast(bad)).toBeUndefined();
    expect(() => deserialize(bad)).toThrow();
    // Truncated.
    expect(decodeDiscoveryRequestFast(Buffer.from([0x22, 0x05, 0x61]))).toBeUndefined();
  });

  it('gives every request with the same long name list the same frozen list', () => {
    const names = Array.from({ length: 100 }, (_, i) => `outbound|80||svc-${i}.default.svc.cluster.local`);
    const request = { resource_names: names, type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT, response_nonce: '1' };
    const one = deserialize(Buffer.from(encode(REQUEST, request)));
    const two = deserialize(Buffer.from(encode(REQUEST, { ...request, response_nonce: '2' })));
    expect(one.resource_names).toEqual(names);
    expect(two.resource_names).toBe(one.resource_names);
    expect(Object.isFrozen(one.resource_names)).toBe(true);
    // More names of the field after another field: appended to a copy, the interned list is untouched.
    const split = Buffer.concat([
      Buffer.from(encode(REQUEST, request)),
      Buffer.from(encode(REQUEST, { resource_names: ['extra'] })),
    ]);
    const merged = deserialize(split);
    expect(merged.resource_names).toEqual([...names, 'extra']);
    expect(merged).toEqual(decode(REQUEST, split));
    expect(one.resource_names).toHaveLength(100);
  });

  it('reads delta ACKs and subscriptions as the codec does', () => {
    const request = {
      type_url: TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
      resource_names_subscribe: ['a', '*'],
      resource_names_unsubscribe: ['b'],
      response_nonce: 'x',
    };
    const bytes = encode(DELTA_REQUEST, request);
    expect(decodeDeltaDiscoveryRequestFast(bytes)).toEqual(decode(DELTA_REQUEST, bytes));
    const initial = encode(DELTA_REQUEST, { ...request, initial_resource_versions: { a: '1' } });
    expect(decodeDeltaDiscoveryRequestFast(initial)).toBeUndefined();
    expect(deserializeDelta(Buffer.from(initial)).initial_resource_versions).toEqual({ a: '1' });
  });
});
