// Registry versions: apply() yields a new version and what changed; the registry itself never changes.
import { describe, expect, it } from 'vitest';
import { resourceKey } from '../../src/loader/loaded-resource.js';
import { buildRegistry, MeshKind, type Registry, RegistryError } from '../../src/registry/index.js';
import { bookinfo, pod, yaml } from './support.js';

const REVIEWS = 'reviews.default.svc.cluster.local';
const RATINGS = 'ratings.default.svc.cluster.local';

async function base(): Promise<Registry> {
  return buildRegistry([
    ...(await bookinfo('platform/kube/bookinfo.yaml')),
    ...(await bookinfo('networking/destination-rule-all.yaml')),
  ]);
}

const summary = (
  changes: readonly { op: string; kind: string; name: string; hostnames: readonly string[] }[],
) => changes.map((c) => `${c.op} ${c.kind} ${c.name} [${c.hostnames.join(',')}]`);

describe('apply', () => {
  it('starts at version 1; an unchanged upsert (a fresh, deep-equal copy) is no change and keeps the instance', async () => {
    const reg = await base();
    expect(reg.version).toBe(1);
    const again = await bookinfo('platform/kube/bookinfo.yaml');
    const result = reg.apply({ upsert: again, remove: ['networking.istio.io/VirtualService/default/none'] });
    expect(result.registry).toBe(reg);
    expect(result.changes).toEqual([]);
  });

  it('added: a VirtualService names the services its hosts cover', async () => {
    const reg = await base();
    const vs = await bookinfo('networking/virtual-service-reviews-v3.yaml');
    const { registry, changes } = reg.apply({ upsert: vs });
    expect(registry.version).toBe(2);
    expect(summary(changes)).toEqual([`added VirtualService reviews [${REVIEWS}]`]);
    expect(changes[0]?.key).toBe('networking.istio.io/VirtualService/default/reviews');
    expect(registry.virtualServicesFor('default')).toHaveLength(1);
    expect(reg.virtualServicesFor('default')).toHaveLength(0);
  });

  it('added: a gateway VirtualService for "*" covers every service', async () => {
    const reg = await base();
    const { changes } = reg.apply({ upsert: await bookinfo('networking/bookinfo-gateway.yaml') });
    expect(summary(changes)).toEqual([
      'added Gateway bookinfo-gateway []',
      `added VirtualService bookinfo [details.default.svc.cluster.local,productpage.default.svc.cluster.local,${RATINGS},${REVIEWS}]`,
    ]);
  });

  it('updated: a Service port change; the old version still answers as before', async () => {
    const reg = await base();
    const [svc] = yaml(`
apiVersion: v1
kind: Service
metadata: { name: reviews, labels: { app: reviews, service: reviews } }
spec: { selector: { app: reviews }, ports: [{ port: 9080, name: http }, { port: 9090, name: grpc }] }
`);
    const { registry, changes } = reg.apply({ upsert: [svc!] });
    expect(summary(changes)).toEqual([`updated Service reviews [${REVIEWS}]`]);
    expect(registry.service(REVIEWS)?.ports.map((p) => p.name)).toEqual(['http', 'grpc']);
    expect(reg.service(REVIEWS)?.ports.map((p) => p.name)).toEqual(['http']);
    // Unaffected services are the same objects in the next version.
    expect(registry.service(RATINGS)).toBe(reg.service(RATINGS));
  });

  it('removed: a DestinationRule and a ServiceAccount (no hostnames); versions count applies', async () => {
    const reg = await base();
    const step1 = reg.apply({ remove: ['networking.istio.io/DestinationRule/default/ratings'] });
    expect(summary(step1.changes)).toEqual([`removed DestinationRule ratings [${RATINGS}]`]);
    expect(step1.registry.destinationRuleFor('default', RATINGS)).toBeUndefined();
    const step2 = step1.registry.apply({ remove: ['/ServiceAccount/default/bookinfo-ratings'] });
    expect(step2.registry.version).toBe(3);
    expect(summary(step2.changes)).toEqual(['removed ServiceAccount bookinfo-ratings []']);
    expect(step2.registry.resource('/ServiceAccount/default/bookinfo-ratings')).toBeUndefined();
    expect(reg.resource('/ServiceAccount/default/bookinfo-ratings')?.name).toBe('bookinfo-ratings');
  });

  it('a pod whose labels move it from one service to another touches both', () => {
    const services = yaml(`
apiVersion: v1
kind: Service
metadata: { name: a }
spec: { selector: { app: a }, ports: [{ port: 80, name: http }] }
---
apiVersion: v1
kind: Service
metadata: { name: b }
spec: { selector: { app: b }, ports: [{ port: 80, name: http }] }
---
apiVersion: v1
kind: Service
metadata: { name: manual }
spec: { ports: [{ port: 80, name: http }] }
---
apiVersion: v1
kind: Endpoints
metadata: { name: manual }
subsets: [{ addresses: [{ ip: 10.0.0.1, targetRef: { kind: Pod, name: p } }], ports: [{ name: http, port: 8080 }] }]
`);
    const reg = buildRegistry([...services, ...yaml(pod('p', '10.0.0.1', { app: 'a' }))]);
    expect(reg.endpointsFor('a.default.svc.cluster.local', 80)).toHaveLength(1);
    const moved = reg.apply({ upsert: yaml(pod('p', '10.0.0.1', { app: 'b' })) });
    expect(summary(moved.changes)).toEqual([
      'updated Pod p [a.default.svc.cluster.local,b.default.svc.cluster.local,manual.default.svc.cluster.local]',
    ]);
    expect(moved.registry.endpointsFor('a.default.svc.cluster.local', 80)).toEqual([]);
    expect(moved.registry.endpointsFor('b.default.svc.cluster.local', 80)).toHaveLength(1);
    const gone = moved.registry.apply({ remove: ['/Pod/default/p'] });
    expect(summary(gone.changes)).toEqual([
      'removed Pod p [b.default.svc.cluster.local,manual.default.svc.cluster.local]',
    ]);
    expect(gone.registry.endpointsFor('manual.default.svc.cluster.local', 80)[0]?.instance.source).toBe(
      'endpoints',
    );
  });

  it('a ServiceEntry host change names the old and the new host; an Endpoints change names its service', () => {
    const se = (host: string) =>
      yaml(`
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: ext }
spec: { hosts: [${host}], ports: [{ number: 443, name: https, protocol: HTTPS }], resolution: DNS }
---
apiVersion: v1
kind: Service
metadata: { name: manual }
spec: { ports: [{ port: 80 }] }
`);
    const reg = buildRegistry(se('old.example.com'));
    const r1 = reg.apply({ upsert: se('new.example.com') });
    expect(summary(r1.changes)).toEqual(['updated ServiceEntry ext [new.example.com,old.example.com]']);
    expect(r1.registry.service('old.example.com')).toBeUndefined();
    const r2 = r1.registry.apply({
      upsert: yaml(`
apiVersion: v1
kind: Endpoints
metadata: { name: manual }
subsets: [{ addresses: [{ ip: 192.0.2.1 }], ports: [{ port: 8080 }] }]
`),
    });
    expect(summary(r2.changes)).toEqual(['added Endpoints manual [manual.default.svc.cluster.local]']);
    expect(r2.registry.endpointsFor('manual.default.svc.cluster.local', 80).map((e) => e.port)).toEqual([
      8080,
    ]);
  });

  it('rejects a key both upserted and removed, and a key upserted twice', async () => {
    const reg = await base();
    const dr = (await bookinfo('networking/destination-rule-reviews.yaml'))[0]!;
    const act = () => reg.apply({ upsert: [dr], remove: [resourceKey(dr)] });
    expect(act).toThrow(RegistryError);
    expect(act).toThrow(expect.objectContaining({ code: 'MM_REGISTRY_CONFLICT' }));
    expect(() => reg.apply({ upsert: [dr, dr] })).toThrow(
      expect.objectContaining({ code: 'MM_REGISTRY_DUPLICATE' }),
    );
    expect(() => buildRegistry([dr, dr])).toThrow(expect.objectContaining({ code: 'MM_REGISTRY_DUPLICATE' }));
    expect(() => buildRegistry([], { domainSuffix: '' })).toThrow(
      expect.objectContaining({ code: 'MM_REGISTRY_INVALID_OPTION' }),
    );
  });
});

describe('immutability', () => {
  it('returned arrays and objects are frozen; mutating them throws and the registry is unchanged', async () => {
    const reg = buildRegistry(await bookinfo('platform/kube/bookinfo.yaml'), {
      workloads: [{ name: 'reviews-0', address: '127.0.0.2', labels: { app: 'reviews' } }],
    });
    const services = reg.services() as unknown as unknown[];
    expect(() => services.push({})).toThrow(TypeError);
    expect(() => services.pop()).toThrow(TypeError);
    const reviews = reg.service(REVIEWS)!;
    expect(() => Object.assign(reviews, { hostname: 'x' })).toThrow(TypeError);
    expect(() => (reviews.ports as unknown as unknown[]).push({})).toThrow(TypeError);
    expect(() => Object.assign(reviews.labels, { app: 'x' })).toThrow(TypeError);
    const eps = reg.endpointsFor(REVIEWS, 9080) as unknown as unknown[];
    expect(() => eps.splice(0, 1)).toThrow(TypeError);
    expect(() => Object.assign(reg.instances()[0]!, { address: '1.2.3.4' })).toThrow(TypeError);
    const configs = reg.configs(MeshKind.Service);
    expect(() => (configs as unknown as unknown[]).reverse()).toThrow(TypeError);
    const svc = configs[0]!;
    expect(() => Object.assign(svc.object.metadata, { name: 'x' })).toThrow(TypeError);
    expect(reg.services()).toHaveLength(4);
    expect(reg.service(REVIEWS)?.hostname).toBe(REVIEWS);
    expect(reg.endpointsFor(REVIEWS, 9080)).toHaveLength(1);
    expect(reg.configs(MeshKind.Service).map((s) => s.name)).toEqual([
      'details',
      'productpage',
      'ratings',
      'reviews',
    ]);
  });
});

describe('registry immutability at run time', () => {
  it('refuses reassignment of its public fields', () => {
    const registry = buildRegistry([]);
    expect(() => {
      (registry as { version: number }).version = 99;
    }).toThrow(TypeError);
    expect(registry.version).toBe(1);
  });
});
