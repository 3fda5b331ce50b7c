// Workload instances (pods, Endpoints addresses, caller workloads, locality) and which of them back which
// service port.
import { describe, expect, it } from 'vitest';
import type { LoadedResource } from '../../src/loader/loaded-resource.js';
import {
  buildRegistry,
  localityFromLabels,
  MeshKind,
  parseLocality,
  type WorkloadInput,
} from '../../src/registry/index.js';
import type { DestinationRule } from '../../src/schema/istio/destination-rule.js';
import type { Deployment } from '../../src/schema/kube/workload.js';
import { bookinfo, endpointsOf, pod, yaml } from './support.js';

describe('pods selected by a Service', () => {
  const resources = () =>
    yaml(`
apiVersion: v1
kind: Service
metadata: { name: api }
spec:
  selector: { app: api }
  ports:
    - { name: http, port: 80, targetPort: http-api }
    - { name: metrics, port: 9090, targetPort: 15020 }
    - { name: grpc, port: 7070 }
---
${pod('api-1', '10.0.0.1', { app: 'api', version: 'v1' }, { ports: { 'http-api': 8080 }, sa: 'api-sa' })}
${pod('api-2', '10.0.0.2', { app: 'api', version: 'v2' }, { ports: { 'http-api': 8081 }, ready: false })}
${pod('api-3', '10.0.0.3', { app: 'api' }, { ports: { other: 8080 } })}
${pod('web-1', '10.0.0.4', { app: 'web' }, { ports: { 'http-api': 8080 } })}
${pod('api-x', '10.0.1.1', { app: 'api' }, { namespace: 'other', ports: { 'http-api': 8080 } })}
apiVersion: v1
kind: Pod
metadata: { name: api-pending, labels: { app: api } }
spec: { containers: [{ name: app, ports: [{ name: http-api, containerPort: 8080 }] }] }
status: { phase: Pending }
---
apiVersion: v1
kind: Pod
metadata: { name: api-done, labels: { app: api } }
spec: { containers: [{ name: app }] }
status: { phase: Succeeded, podIP: 10.0.0.9 }
`);

  it('resolves a named targetPort in each pod; pods without that port do not back it', () => {
    const reg = buildRegistry(resources());
    expect(endpointsOf(reg, 'api.default.svc.cluster.local', 80)).toEqual([
      'api-1@10.0.0.1:8080',
      'api-2@10.0.0.2:8081',
    ]);
    expect(endpointsOf(reg, 'api.default.svc.cluster.local', 'http')).toHaveLength(2);
  });

  it('uses a numeric targetPort as is, and the service port when targetPort is absent', () => {
    const reg = buildRegistry(resources());
    expect(endpointsOf(reg, 'api.default.svc.cluster.local', 9090)).toEqual([
      'api-1@10.0.0.1:15020',
      'api-2@10.0.0.2:15020',
      'api-3@10.0.0.3:15020',
    ]);
    expect(endpointsOf(reg, 'api.default.svc.cluster.local', 7070)).toHaveLength(3);
  });

  it('filters by subset labels and keeps readiness and service account', () => {
    const reg = buildRegistry(resources());
    const v1 = reg.endpointsFor('api.default.svc.cluster.local', 80, { version: 'v1' });
    expect(v1.map((e) => e.instance.name)).toEqual(['api-1']);
    expect(v1[0]?.instance).toMatchObject({ serviceAccount: 'api-sa', healthy: true, source: 'pod' });
    expect(
      reg.endpointsFor('api.default.svc.cluster.local', 80, { version: 'v2' })[0]?.instance.healthy,
    ).toBe(false);
    expect(reg.endpointsFor('api.default.svc.cluster.local', 80, { version: 'v9' })).toEqual([]);
    expect(reg.endpointsFor('nope.default.svc.cluster.local', 80)).toEqual([]);
  });

  it('lists only pods with an IP that have not finished as instances', () => {
    const reg = buildRegistry(resources());
    expect(reg.instances().map((i) => `${i.namespace}/${i.name}`)).toEqual([
      'default/api-1',
      'default/api-2',
      'default/api-3',
      'default/web-1',
      'other/api-x',
    ]);
  });
});

describe('selector-less Services', () => {
  it('take their endpoints from Endpoints, with not-ready addresses unhealthy and known pods reused', () => {
    const reg = buildRegistry(
      yaml(`
apiVersion: v1
kind: Service
metadata: { name: legacy-db }
spec:
  ports: [{ name: tcp-pg, port: 5432 }, { name: http-admin, port: 8080 }]
---
apiVersion: v1
kind: Endpoints
metadata: { name: legacy-db }
subsets:
  - addresses: [{ ip: 192.168.1.10 }, { ip: 10.0.0.7, targetRef: { kind: Pod, name: pg-0 } }]
    notReadyAddresses: [{ ip: 192.168.1.11 }]
    ports: [{ name: tcp-pg, port: 15432 }, { name: http-admin, port: 18080 }]
---
${pod('pg-0', '10.0.0.7', { app: 'pg' })}
`),
    );
    const eps = reg.endpointsFor('legacy-db.default.svc.cluster.local', 5432);
    expect(eps.map((e) => [e.address, e.port, e.instance.source, e.instance.healthy])).toEqual([
      ['192.168.1.10', 15432, 'endpoints', true],
      ['10.0.0.7', 15432, 'pod', true],
      ['192.168.1.11', 15432, 'endpoints', false],
    ]);
    expect(eps[1]?.instance.labels).toEqual({ app: 'pg' });
    expect(endpointsOf(reg, 'legacy-db.default.svc.cluster.local', 'http-admin')).toHaveLength(3);
    // Endpoints addresses are not workload instances.
    expect(reg.instances().map((i) => i.name)).toEqual(['pg-0']);
  });

  it('prefer EndpointSlices (by kubernetes.io/service-name) when there are any', () => {
    const reg = buildRegistry(
      yaml(`
apiVersion: v1
kind: Service
metadata: { name: ext, namespace: shop }
spec: { ports: [{ port: 443 }] }
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: ext-abc, namespace: shop, labels: { kubernetes.io/service-name: ext } }
addressType: IPv4
ports: [{ port: 8443 }]
endpoints:
  - addresses: [203.0.113.5]
  - addresses: [203.0.113.6]
    conditions: { ready: false }
---
apiVersion: v1
kind: Endpoints
metadata: { name: ext, namespace: shop }
subsets: [{ addresses: [{ ip: 198.51.100.1 }], ports: [{ port: 1 }] }]
`),
    );
    const eps = reg.endpointsFor('ext.shop.svc.cluster.local', 443);
    expect(eps.map((e) => [e.address, e.port, e.instance.healthy])).toEqual([
      ['203.0.113.5', 8443, true],
      ['203.0.113.6', 8443, false],
    ]);
  });

  it('ExternalName Services have one DNS endpoint per port: the external name', () => {
    const reg = buildRegistry(
      yaml(`
apiVersion: v1
kind: Service
metadata: { name: legacy }
spec: { type: ExternalName, externalName: legacy.example.com, ports: [{ port: 443, name: https }] }
`),
    );
    const eps = reg.endpointsFor('legacy.default.svc.cluster.local', 443);
    expect(eps.map((e) => [e.address, e.port, e.instance.source])).toEqual([
      ['legacy.example.com', 443, 'dns'],
    ]);
  });
});

describe('caller-supplied workloads (mesh dev)', () => {
  async function devRegistry() {
    const resources = await bookinfo('platform/kube/bookinfo.yaml');
    const reg0 = buildRegistry(resources);
    // One local process per replica, each on its own loopback address, as `mesh dev` runs them.
    let n = 1;
    const workloads: WorkloadInput[] = [];
    for (const d of reg0.configs('apps/Deployment')) {
      const spec = (d.object as Deployment).spec;
      for (let i = 0; i < (spec.replicas ?? 1); i++) {
        n += 1;
        workloads.push({
          name: `${d.name}-${i}`,
          namespace: d.namespace,
          address: `127.0.0.${n}`,
          labels: spec.template.metadata?.labels ?? {},
          serviceAccount: spec.template.spec.serviceAccountName,
          ports: { http: spec.template.spec.containers[0]?.ports?.[0]?.containerPort ?? 0 },
        });
      }
    }
    return buildRegistry(resources, { workloads });
  }

  it('back the bookinfo services by their Deployment labels', async () => {
    const reg = await devRegistry();
    expect(reg.instances()).toHaveLength(6);
    expect(endpointsOf(reg, 'reviews.default.svc.cluster.local', 9080)).toEqual([
      'reviews-v1-0@127.0.0.5:9080',
      'reviews-v2-0@127.0.0.6:9080',
      'reviews-v3-0@127.0.0.7:9080',
    ]);
    expect(reg.endpointsFor('productpage.default.svc.cluster.local', 9080)[0]?.instance).toMatchObject({
      source: 'caller',
      serviceAccount: 'bookinfo-productpage',
      healthy: true,
    });
  });

  it('subsets of destination-rule-all.yaml select the matching replicas', async () => {
    const reg = await devRegistry();
    const drs = await bookinfo('networking/destination-rule-all.yaml');
    const reviews = drs.find((r) => r.name === 'reviews') as LoadedResource<DestinationRule>;
    const subsets = reviews.object.spec.subsets ?? [];
    const bySubset = subsets.map((s) => [
      s.name,
      reg.endpointsFor('reviews.default.svc.cluster.local', 9080, s.labels ?? {}).map((e) => e.instance.name),
    ]);
    expect(bySubset).toEqual([
      ['v1', ['reviews-v1-0']],
      ['v2', ['reviews-v2-0']],
      ['v3', ['reviews-v3-0']],
    ]);
  });

  it('rejects workloads without address and duplicate names', () => {
    expect(() => buildRegistry([], { workloads: [{ name: 'a', address: '' }] })).toThrow(
      expect.objectContaining({ code: 'MM_REGISTRY_INVALID_WORKLOAD' }),
    );
    const twice = [
      { name: 'a', address: '127.0.0.2' },
      { name: 'a', address: '127.0.0.3', namespace: 'default' },
    ];
    expect(() => buildRegistry([], { workloads: twice })).toThrow(/given twice/);
  });
});

describe('locality and network', () => {
  it('reads istio-locality, else the topology labels, in Istio format', () => {
    expect(localityFromLabels({ 'istio-locality': 'us-east1.us-east1-b.rack1' })).toBe(
      'us-east1/us-east1-b/rack1',
    );
    expect(
      localityFromLabels({
        'topology.kubernetes.io/region': 'eu-west1',
        'topology.kubernetes.io/zone': 'eu-west1-c',
      }),
    ).toBe('eu-west1/eu-west1-c/');
    expect(
      localityFromLabels({
        'topology.kubernetes.io/region': 'r',
        'topology.kubernetes.io/zone': 'z',
        'topology.istio.io/subzone': 's',
      }),
    ).toBe('r/z/s');
    expect(localityFromLabels({ app: 'x' })).toBe('');
    expect(parseLocality('r/z/')).toEqual({ region: 'r', zone: 'z', subzone: '' });
    expect(parseLocality('')).toEqual({ region: '', zone: '', subzone: '' });
  });

  it('gives pods and caller workloads locality and network from labels', () => {
    const reg = buildRegistry(
      yaml(
        pod('p', '10.0.0.1', {
          app: 'a',
          'topology.kubernetes.io/region': 'us-central1',
          'topology.kubernetes.io/zone': 'us-central1-a',
          'topology.istio.io/network': 'net-1',
        }),
      ),
      {
        workloads: [
          { name: 'w', address: '127.0.0.2', labels: { 'istio-locality': 'r1.z1' }, network: 'net-2' },
        ],
      },
    );
    const [p, w] = reg.instances();
    expect(p).toMatchObject({ name: 'p', locality: 'us-central1/us-central1-a/', network: 'net-1' });
    expect(w).toMatchObject({ name: 'w', locality: 'r1/z1', network: 'net-2', namespace: 'default' });
    expect(reg.configs(MeshKind.Pod)).toHaveLength(1);
  });
});

describe('workload names (istiod GetWorkloadMetaFromPod)', () => {
  /** A generated pod of `owner` (`kind/name`, controller unless `controller` is false) with extra labels. */
  const ownedPod = (
    name: string,
    ip: string,
    owner: string,
    labels: Record<string, string>,
    controller = true,
  ): string => {
    const [kind, ownerName] = owner.split('/');
    const labelLines = Object.entries({ app: 'details', ...labels })
      .map(([k, v]) => `\n    ${k}: "${v}"`)
      .join('');
    return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  generateName: ${ownerName}-
  labels:${labelLines}
  ownerReferences:
    - { apiVersion: apps/v1, kind: ${kind}, name: ${ownerName}, controller: ${controller}, uid: u-1 }
spec: { containers: [{ name: app, image: app }] }
status: { phase: Running, podIP: ${ip} }
---`;
  };

  it('names a ReplicaSet pod after its Deployment, a Job pod after its CronJob, else after the owner or pod', () => {
    const reg = buildRegistry(
      yaml(`${ownedPod('details-v1-5f4d7c-x2k9p', '10.0.0.1', 'ReplicaSet/details-v1-5f4d7c', { 'pod-template-hash': '5f4d7c' })}
${ownedPod('canary-7b9-abcde', '10.0.0.2', 'ReplicaSet/canary-7b9', { 'rollouts-pod-template-hash': '7b9' })}
${ownedPod('report-28345678-qwert', '10.0.0.3', 'Job/report-28345678', {})}
${ownedPod('web-0', '10.0.0.4', 'StatefulSet/web', {})}
${ownedPod('rs-pod-abcde', '10.0.0.5', 'ReplicaSet/plain-rs', { 'pod-template-hash': 'zzz' })}
${ownedPod('other-abcde', '10.0.0.6', 'ReplicaSet/details-v2-9c8b', { 'pod-template-hash': '9c8b' }, false)}
${ownedPod('named-abcde', '10.0.0.7', 'ReplicaSet/named-1a2b', { 'pod-template-hash': '1a2b', 'service.istio.io/workload-name': 'custom' })}
${pod('bare', '10.0.0.8', { app: 'details' })}`),
    );
    const names = Object.fromEntries(reg.instances().map((i) => [i.name, i.workloadName]));
    expect(names).toEqual({
      'details-v1-5f4d7c-x2k9p': 'details-v1',
      'canary-7b9-abcde': 'canary',
      'report-28345678-qwert': 'report',
      'web-0': 'web',
      // The hash label does not end the ReplicaSet's name: the ReplicaSet's name as is.
      'rs-pod-abcde': 'plain-rs',
      // No controller owner: the pod's own name.
      'other-abcde': 'other-abcde',
      'named-abcde': 'custom',
      bare: 'bare',
    });
  });

  it('gives caller workloads their workloadName, else their name', () => {
    const reg = buildRegistry([], {
      workloads: [
        { name: 'details-v1-1', address: '127.0.0.2', workloadName: 'details-v1' },
        { name: 'ratings-v1-1', address: '127.0.0.3' },
      ],
    });
    expect(reg.instances().map((i) => [i.name, i.workloadName])).toEqual([
      ['details-v1-1', 'details-v1'],
      ['ratings-v1-1', 'ratings-v1-1'],
    ]);
  });
});
