import { describe, expect, it } from 'vitest';
import { CodecError, CodecErrorCode } from '../../src/errors/model-error.js';
import { findMessage, lookupMessage, protoRoot } from '../../src/xds/proto-root.js';
import { TYPE_URL_PREFIX, TypeUrl, typeNameOf, typeUrlOf } from '../../src/xds/type-urls.js';

describe('type URLs', () => {
  it.each(Object.entries(TypeUrl))('%s names a message of the descriptor', (_key, url) => {
    expect(url.startsWith(TYPE_URL_PREFIX)).toBe(true);
    const type = findMessage(typeNameOf(url));
    expect(type?.fullName).toBe(`.${typeNameOf(url)}`);
  });

  it('typeUrlOf and typeNameOf are inverse', () => {
    expect(typeUrlOf('envoy.config.listener.v3.Listener')).toBe(TypeUrl.LISTENER);
    expect(typeUrlOf('.envoy.config.listener.v3.Listener')).toBe(TypeUrl.LISTENER);
    expect(typeNameOf(TypeUrl.CLUSTER_LOAD_ASSIGNMENT)).toBe(
      'envoy.config.endpoint.v3.ClusterLoadAssignment',
    );
    expect(typeNameOf('example.com/a/b/envoy.config.cluster.v3.Cluster')).toBe(
      'envoy.config.cluster.v3.Cluster',
    );
  });

  it.each(['', 'envoy..Cluster', 'a/b'])('typeUrlOf(%j) is InvalidValue', (name) => {
    const error = (() => {
      try {
        typeUrlOf(name);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CodecError);
    expect((error as CodecError).code).toBe(CodecErrorCode.InvalidValue);
  });

  it.each(['envoy.config.cluster.v3.Cluster', 'type.googleapis.com/', 'type.googleapis.com/1bad'])(
    'typeNameOf(%j) is InvalidValue',
    (url) => {
      expect(() => typeNameOf(url)).toThrow(CodecError);
    },
  );
});

describe('descriptor', () => {
  it('loads once and resolves every type', () => {
    expect(protoRoot()).toBe(protoRoot());
    expect(lookupMessage('envoy.config.cluster.v3.Cluster')).toBe(
      lookupMessage('.envoy.config.cluster.v3.Cluster'),
    );
  });

  it('finds only exact full names of messages', () => {
    expect(findMessage('Cluster')).toBeUndefined();
    expect(findMessage('v3.Cluster')).toBeUndefined();
    expect(findMessage('cluster.v3.Cluster')).toBeUndefined();
    expect(findMessage('envoy.config.cluster.v3')).toBeUndefined();
    expect(findMessage('envoy.config.cluster.v3.Cluster.LbPolicy')).toBeUndefined();
    expect(findMessage('constructor')).toBeUndefined();
    expect(findMessage('envoy.config.cluster.v3.Cluster.EdsClusterConfig')?.name).toBe('EdsClusterConfig');
  });

  it('lookupMessage throws UnknownType with a message that says what was expected', () => {
    try {
      lookupMessage('envoy.config.cluster.v3.Clustr');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CodecError);
      expect((e as CodecError).code).toBe(CodecErrorCode.UnknownType);
      expect((e as CodecError).message).toBe(
        'unknown message type "envoy.config.cluster.v3.Clustr": the Envoy descriptor has no such message (expected a full name such as "envoy.config.cluster.v3.Cluster")',
      );
    }
  });
});
