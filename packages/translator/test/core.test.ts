import { buildRegistry, loadManifests } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import {
  formatMessage,
  formatProxyId,
  inboundClusterName,
  listenerName,
  MessageSink,
  ProxyIdError,
  PushContext,
  parseProxy,
  parseSubsetKey,
  subsetKey,
} from '../src/index.js';

describe('naming', () => {
  it('writes and parses Istio subset keys', () => {
    expect(subsetKey('outbound', 'v1', 'reviews.default.svc.cluster.local', 9080)).toBe(
      'outbound|9080|v1|reviews.default.svc.cluster.local',
    );
    expect(subsetKey('outbound', '', 'reviews.default.svc.cluster.local', 9080)).toBe(
      'outbound|9080||reviews.default.svc.cluster.local',
    );
    expect(inboundClusterName(9080)).toBe('inbound|9080||');
    expect(parseSubsetKey('outbound|9080|v2|reviews.default.svc.cluster.local')).toEqual({
      direction: 'outbound',
      port: 9080,
      subset: 'v2',
      hostname: 'reviews.default.svc.cluster.local',
    });
    expect(parseSubsetKey('PassthroughCluster')).toBeUndefined();
    expect(parseSubsetKey('sideways|9080||x')).toBeUndefined();
    expect(listenerName('0.0.0.0', 9080)).toBe('0.0.0.0_9080');
  });
});

describe('proxy', () => {
  it('parses an Istio node id and round-trips it', () => {
    const id = formatProxyId('sidecar', '10.0.0.1', 'reviews-v1-abc', 'default');
    expect(id).toBe('sidecar~10.0.0.1~reviews-v1-abc.default~default.svc.cluster.local');
    const p = parseProxy({ id, labels: { app: 'reviews', version: 'v1' } });
    expect(p).toMatchObject({
      type: 'sidecar',
      ipAddresses: ['10.0.0.1'],
      workloadName: 'reviews-v1-abc',
      namespace: 'default',
      proxyless: false,
    });
    expect(
      parseProxy({ id: 'router~10.0.0.9~istio-ingressgateway-x.istio-system~istio-system.svc.cluster.local' })
        .type,
    ).toBe('router');
    expect(parseProxy({ id, generator: 'grpc' }).proxyless).toBe(true);
  });

  it('names what is wrong with a malformed id', () => {
    expect(() => parseProxy({ id: 'sidecar~10.0.0.1' })).toThrow(ProxyIdError);
    expect(() => parseProxy({ id: 'ingress~1~a.b~b.svc.cluster.local' })).toThrow(
      /type "ingress" is neither sidecar nor router/,
    );
  });
});

describe('push context', () => {
  const yaml = `apiVersion: v1
kind: Service
metadata: { name: reviews, namespace: default }
spec: { ports: [{ port: 9080, name: http }], selector: { app: reviews } }
---
apiVersion: v1
kind: Service
metadata: { name: ratings, namespace: default }
spec: { ports: [{ port: 9080, name: http }], selector: { app: ratings } }
---
apiVersion: v1
kind: Service
metadata: { name: db, namespace: data }
spec: { ports: [{ port: 5432, name: tcp-pg }], selector: { app: db } }
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: { name: default, namespace: default }
spec:
  egress:
  - hosts: ["./*", "istio-system/*"]
  outboundTrafficPolicy: { mode: REGISTRY_ONLY }
`;
  const { resources, errors } = loadManifests(yaml, { file: 'mesh.yaml' });

  it('narrows the services a proxy sees by its Sidecar egress hosts and takes its outbound policy', () => {
    expect(errors).toEqual([]);
    const push = new PushContext(buildRegistry(resources));
    const proxy = parseProxy({
      id: formatProxyId('sidecar', '10.0.0.1', 'productpage-v1-x', 'default'),
      labels: { app: 'productpage' },
    });
    const scope = push.sidecarScope(proxy);
    expect(scope.services.map((s) => s.hostname)).toEqual([
      'ratings.default.svc.cluster.local',
      'reviews.default.svc.cluster.local',
    ]);
    expect(scope.outboundTrafficPolicy).toBe('REGISTRY_ONLY');
    expect(push.sidecarScope(proxy)).toBe(scope);
    const other = parseProxy({ id: formatProxyId('sidecar', '10.0.0.2', 'db-0', 'data') });
    const dataScope = push.sidecarScope(other);
    expect(dataScope.services.map((s) => s.hostname)).toEqual([
      'db.data.svc.cluster.local',
      'ratings.default.svc.cluster.local',
      'reviews.default.svc.cluster.local',
    ]);
    expect(dataScope.outboundTrafficPolicy).toBe('ALLOW_ANY');
  });

  it('formats messages as istioctl analyze does', () => {
    const sink = new MessageSink();
    const sidecar = resources.find((r) => r.kind === 'Sidecar');
    if (!sidecar) throw new Error('fixture has a Sidecar');
    sink.about(sidecar, 'IST0999', 'Warning', 'example message', ['spec', 'egress', 0]);
    sink.about(sidecar, 'IST0999', 'Warning', 'example message', ['spec', 'egress', 0]);
    expect(sink.list().map(formatMessage)).toEqual([
      'Warning [IST0999] (Sidecar default/default mesh.yaml:21) example message',
    ]);
  });
});
