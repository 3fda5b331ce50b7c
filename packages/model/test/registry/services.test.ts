// Services from Kubernetes Services and ServiceEntries, and their visibility (exportTo).
import { describe, expect, it } from 'vitest';
import { allocatedClusterIP, buildRegistry, MeshProtocol } from '../../src/registry/index.js';
import { bookinfo, yaml } from './support.js';

describe('Kubernetes Services', () => {
  it('bookinfo: four services by FQDN with their HTTP port and selector', async () => {
    const reg = buildRegistry(await bookinfo('platform/kube/bookinfo.yaml'));
    expect(reg.services().map((s) => s.hostname)).toEqual([
      'details.default.svc.cluster.local',
      'productpage.default.svc.cluster.local',
      'ratings.default.svc.cluster.local',
      'reviews.default.svc.cluster.local',
    ]);
    const reviews = reg.service('reviews.default.svc.cluster.local');
    expect(reviews).toMatchObject({
      namespace: 'default',
      name: 'reviews',
      ports: [{ name: 'http', port: 9080, protocol: MeshProtocol.HTTP }],
      selector: { app: 'reviews' },
      labels: { app: 'reviews', service: 'reviews' },
      exportTo: ['*'],
      resolution: 'ClientSideLB',
      location: 'MeshInternal',
      source: 'kubernetes',
      origin: 'Service default/reviews',
      originKey: '/Service/default/reviews',
      clusterIPAllocated: true,
    });
    // Written without a clusterIP: the one the API server would allocate, in 10.96.0.0/12.
    expect(reviews?.clusterIP).toBe(allocatedClusterIP('default', 'reviews'));
    expect(reviews?.addresses).toEqual([reviews?.clusterIP]);
    expect(reg.servicesInNamespace('default')).toHaveLength(4);
    expect(reg.servicesInNamespace('other')).toEqual([]);
  });

  it('honours the domain suffix option', async () => {
    const reg = buildRegistry(await bookinfo('platform/kube/bookinfo.yaml'), {
      domainSuffix: 'corp.internal',
    });
    expect(reg.service('reviews.default.svc.corp.internal')?.name).toBe('reviews');
    expect(reg.service('reviews.default.svc.cluster.local')).toBeUndefined();
  });

  it('cluster IPs, headless and ExternalName Services', () => {
    const reg = buildRegistry(
      yaml(`
apiVersion: v1
kind: Service
metadata: { name: dual, namespace: shop }
spec:
  clusterIP: 10.96.0.10
  clusterIPs: [10.96.0.10, "fd00::10"]
  selector: { app: dual }
  ports: [{ port: 80, name: http }]
---
apiVersion: v1
kind: Service
metadata: { name: single, namespace: shop }
spec:
  clusterIP: 10.96.0.11
  ports: [{ port: 80 }]
---
apiVersion: v1
kind: Service
metadata: { name: db, namespace: shop }
spec:
  clusterIP: None
  selector: { app: db }
  ports: [{ port: 5432, name: tcp-postgres }]
---
apiVersion: v1
kind: Service
metadata: { name: legacy, namespace: shop }
spec:
  type: ExternalName
  externalName: legacy.example.com
  ports: [{ port: 443, name: https }]
`),
    );
    const dual = reg.service('dual.shop.svc.cluster.local');
    expect(dual?.clusterIP).toBe('10.96.0.10');
    expect(dual?.addresses).toEqual(['10.96.0.10', 'fd00::10']);
    expect(reg.service('single.shop.svc.cluster.local')?.addresses).toEqual(['10.96.0.11']);
    expect(reg.service('single.shop.svc.cluster.local')?.selector).toBeUndefined();
    const db = reg.service('db.shop.svc.cluster.local');
    expect(db?.resolution).toBe('Passthrough');
    expect(db?.clusterIP).toBeUndefined();
    const legacy = reg.service('legacy.shop.svc.cluster.local');
    expect(legacy).toMatchObject({
      resolution: 'DNS',
      location: 'MeshExternal',
      externalName: 'legacy.example.com',
    });
  });
});

describe('ServiceEntries', () => {
  it('one service per host, with the entry namespace, ports, addresses, resolution and location', () => {
    const reg = buildRegistry(
      yaml(`
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: external-svc, namespace: egress, labels: { team: a } }
spec:
  hosts: [api.example.com, "*.cdn.example.com"]
  addresses: [192.0.2.10/32, 198.51.100.0/24]
  ports:
    - { number: 443, name: https, protocol: HTTPS }
    - { number: 80, name: http, protocol: HTTP, targetPort: 8080 }
  resolution: STATIC
  endpoints: [{ address: 192.0.2.10 }]
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: internal, namespace: egress }
spec:
  hosts: [vm.internal]
  location: MESH_INTERNAL
  ports: [{ number: 3306, name: mysql, protocol: MySQL }]
  resolution: DNS_ROUND_ROBIN
`),
    );
    const api = reg.service('api.example.com');
    expect(api).toMatchObject({
      namespace: 'egress',
      name: 'external-svc',
      addresses: ['192.0.2.10', '198.51.100.0/24'],
      resolution: 'ClientSideLB',
      location: 'MeshExternal',
      source: 'serviceentry',
      labels: { team: 'a' },
      origin: 'ServiceEntry egress/external-svc',
    });
    expect(api?.ports.map((p) => [p.name, p.port, p.targetPort, p.protocol])).toEqual([
      ['https', 443, undefined, MeshProtocol.HTTPS],
      ['http', 80, 8080, MeshProtocol.HTTP],
    ]);
    expect(reg.service('*.cdn.example.com')?.name).toBe('external-svc');
    expect(reg.service('vm.internal')).toMatchObject({
      location: 'MeshInternal',
      resolution: 'DNSRoundRobin',
    });
  });

  it('bookinfo egress sample: DNS resolution, Passthrough by default', async () => {
    const reg = buildRegistry([
      ...(await bookinfo('networking/egress-rule-google-apis.yaml')),
      ...yaml(`
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: passthrough }
spec:
  hosts: [db.example.com]
  ports: [{ number: 5432, name: tcp, protocol: TCP }]
`),
    ]);
    expect(reg.service('www.googleapis.com')).toMatchObject({ resolution: 'DNS', namespace: 'default' });
    expect(reg.service('db.example.com')?.resolution).toBe('Passthrough');
  });

  it('a Kubernetes Service owns its hostname over a ServiceEntry in the same namespace', () => {
    const reg = buildRegistry(
      yaml(`
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: aaa-squatter }
spec:
  hosts: [reviews.default.svc.cluster.local]
  ports: [{ number: 9080, name: http, protocol: HTTP }]
  resolution: DNS
---
apiVersion: v1
kind: Service
metadata: { name: reviews }
spec:
  selector: { app: reviews }
  ports: [{ port: 9080, name: http }]
`),
    );
    const list = reg.services().filter((s) => s.hostname === 'reviews.default.svc.cluster.local');
    expect(list).toHaveLength(1);
    expect(list[0]?.source).toBe('kubernetes');
  });
});

describe('service exportTo', () => {
  const resources = () =>
    yaml(`
apiVersion: v1
kind: Service
metadata: { name: public, namespace: a }
spec: { ports: [{ port: 80, name: http }] }
---
apiVersion: v1
kind: Service
metadata: { name: private, namespace: a, annotations: { networking.istio.io/exportTo: "." } }
spec: { ports: [{ port: 80, name: http }] }
---
apiVersion: v1
kind: Service
metadata: { name: hidden, namespace: a, annotations: { networking.istio.io/exportTo: "~" } }
spec: { ports: [{ port: 80, name: http }] }
---
apiVersion: v1
kind: Service
metadata: { name: some, namespace: a, annotations: { networking.istio.io/exportTo: " b , ., c" } }
spec: { ports: [{ port: 80, name: http }] }
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: se-b, namespace: a }
spec:
  hosts: [only-b.example.com]
  exportTo: [b]
  ports: [{ number: 80, name: http, protocol: HTTP }]
  resolution: DNS
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: se-none, namespace: a }
spec:
  hosts: [nobody.example.com]
  exportTo: ["~"]
  ports: [{ number: 80, name: http, protocol: HTTP }]
  resolution: DNS
`);

  const visible = (ns: string) =>
    buildRegistry(resources())
      .visibleServices(ns)
      .map((s) => s.name);

  it('parses the annotation: comma-separated, trimmed; default *', () => {
    const reg = buildRegistry(resources());
    expect(reg.service('some.a.svc.cluster.local')?.exportTo).toEqual(['b', '.', 'c']);
    expect(reg.service('public.a.svc.cluster.local')?.exportTo).toEqual(['*']);
  });

  it('the owner namespace sees public, private and listed services, not hidden ones', () => {
    expect(visible('a')).toEqual(['private', 'public', 'some']);
  });

  it('a listed namespace sees public and listed services', () => {
    expect(visible('b')).toEqual(['se-b', 'public', 'some']);
    expect(visible('c')).toEqual(['public', 'some']);
  });

  it('another namespace sees only public services', () => {
    expect(visible('d')).toEqual(['public']);
  });

  it('service(hostname, fromNamespace) honours visibility', () => {
    const reg = buildRegistry(resources());
    expect(reg.service('private.a.svc.cluster.local', 'a')?.name).toBe('private');
    expect(reg.service('private.a.svc.cluster.local', 'b')).toBeUndefined();
    expect(reg.service('private.a.svc.cluster.local')?.name).toBe('private');
    expect(reg.service('nobody.example.com', 'a')).toBeUndefined();
  });

  it('the same host in two namespaces: each namespace sees its own first', () => {
    const reg = buildRegistry(
      yaml(`
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: ext, namespace: team-a }
spec:
  hosts: [api.example.com]
  ports: [{ number: 443, name: https, protocol: HTTPS }]
  resolution: DNS
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: ext, namespace: team-b }
spec:
  hosts: [api.example.com]
  ports: [{ number: 8443, name: https, protocol: HTTPS }]
  resolution: DNS
`),
    );
    expect(reg.services()).toHaveLength(2);
    expect(reg.service('api.example.com', 'team-b')?.ports[0]?.port).toBe(8443);
    expect(reg.service('api.example.com', 'team-a')?.ports[0]?.port).toBe(443);
    expect(reg.service('api.example.com', 'other')?.namespace).toBe('team-a');
  });
});
