// Local mode: the sidecar process spec `mesh dev` starts comes from the same template as the webhook's pods.
import { describe, expect, test } from 'vitest';
import { inject, localSidecar } from '../src/index.js';

describe('localSidecar', () => {
  const workload = {
    name: 'reviews-v1',
    namespace: 'bookinfo',
    serviceAccount: 'bookinfo-reviews',
    ip: '127.0.0.5',
    labels: { app: 'reviews', version: 'v1' },
    ports: [{ containerPort: 9080, name: 'http' }],
  };

  test('node id, identity, ports, resolved environment and node metadata', () => {
    const spec = localSidecar(workload, { portOffset: 100, xdsAddress: '127.0.0.1:15010' });
    expect(spec.nodeId).toBe('sidecar~127.0.0.5~reviews-v1.bookinfo~bookinfo.svc.cluster.local');
    expect(spec.identity).toEqual({
      trustDomain: 'cluster.local',
      namespace: 'bookinfo',
      serviceAccount: 'bookinfo-reviews',
      spiffeId: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-reviews',
    });
    expect(spec.ports).toEqual({
      outbound: 15101,
      inbound: 15106,
      status: 15120,
      health: 15121,
      prometheus: 15190,
      admin: 15100,
    });
    expect(spec.readiness).toEqual({ path: '/healthz/ready', port: 15121 });
    expect(spec.env.POD_NAME).toBe('reviews-v1');
    expect(spec.env.POD_NAMESPACE).toBe('bookinfo');
    expect(spec.env.INSTANCE_IP).toBe('127.0.0.5');
    expect(spec.env.SERVICE_ACCOUNT).toBe('bookinfo-reviews');
    expect(spec.env.XDS_ADDRESS).toBe('127.0.0.1:15010');
    expect(spec.env.ISTIO_CPU_LIMIT).toBeUndefined();
    expect(spec.metadata.WORKLOAD_NAME).toBe('reviews-v1');
    expect(spec.metadata.OWNER).toBe('kubernetes://apis/apps/v1/namespaces/bookinfo/deployments/reviews-v1');
    expect(spec.metadata.APP_CONTAINERS).toBe('reviews-v1');
    expect(JSON.parse(spec.metadata.POD_PORTS ?? '')).toEqual([{ name: 'http', containerPort: 9080 }]);
    expect(spec.args).toContain('bookinfo.svc.cluster.local');
  });

  test('the process runs what the webhook would inject (same template, same options)', () => {
    const options = { values: { flavor: 'minimesh' as const, logLevel: 'debug' } };
    const spec = localSidecar(workload, options);
    const pod = inject(
      {
        metadata: { name: 'reviews-v1', namespace: 'bookinfo', labels: workload.labels },
        spec: {
          serviceAccountName: 'bookinfo-reviews',
          containers: [{ name: 'reviews-v1', ports: workload.ports }],
        },
      },
      {
        ...options,
        owner: {
          typeMeta: { apiVersion: 'apps/v1', kind: 'Deployment' },
          deployMeta: { name: 'reviews-v1', namespace: 'bookinfo' },
        },
      },
    ).pod;
    const proxy = pod.spec.initContainers?.find((c) => c.name === 'istio-proxy');
    expect(spec.image).toBe(proxy?.image);
    expect(spec.image).toBe('ghcr.io/minimesh/proxy:latest');
    expect(spec.args).toEqual(proxy?.args?.map((a) => a.replace('$(POD_NAMESPACE)', 'bookinfo')));
    expect(spec.args).toContain('--proxyLogLevel=debug');
    for (const e of proxy?.env ?? []) if (e.value !== undefined) expect(spec.env[e.name]).toBe(e.value);
  });

  test('annotations change the process as they change the pod; opting out is an error', () => {
    const spec = localSidecar(
      { ...workload, annotations: { 'status.sidecar.istio.io/port': '25020' } },
      { meshConfig: { defaultConfig: { statusPort: 25020 } } },
    );
    expect(spec.ports.status).toBe(25020);
    expect(() => localSidecar({ ...workload, labels: { 'sidecar.istio.io/inject': 'false' } })).toThrow(
      /gets no sidecar: Deployment bookinfo\/reviews-v1 has sidecar.istio.io\/inject=false/,
    );
  });
});
