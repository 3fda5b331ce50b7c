// A whole proxy's configuration fits together: what listeners reference exists in routes, what routes send to
// exists in clusters (or is reported), every EDS cluster has its assignment, and everything passes the strict
// codec. Checked for productpage's sidecar and the ingress gateway, over bookinfo and each networking file.
import { readdirSync } from 'node:fs';
import { buildRegistry, encode, type LoadedResource, loadManifests, routeRequest } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { formatProxyId, PushContext, parseProxy, translate } from '../src/index.js';
import { BOOKINFO, INGRESS_SERVICE, load, net, SAMPLES, WORKLOADS } from './route/fixtures.js';

const networking = readdirSync(`${SAMPLES}/networking`)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

const sidecar = parseProxy({
  id: formatProxyId('sidecar', '10.0.0.1', 'productpage-v1-abc', 'default'),
  labels: { app: 'productpage', version: 'v1' },
});
const gateway = parseProxy({
  id: formatProxyId('router', '10.0.0.9', 'istio-ingressgateway-abc', 'istio-system'),
  labels: { istio: 'ingressgateway' },
});

function referencedRouteNames(listeners: ReturnType<typeof translate>['listeners']): string[] {
  const names: string[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const rds = o.rds as { route_config_name?: string } | undefined;
      if (rds?.route_config_name) names.push(rds.route_config_name);
      Object.values(o).forEach(visit);
    }
  };
  visit(listeners);
  return names;
}

describe.each(networking)('bookinfo + %s', (file) => {
  it('gives productpage and the ingress gateway a consistent, strictly encodable configuration', async () => {
    const resources: LoadedResource[] = await load([BOOKINFO, net(file)], [INGRESS_SERVICE]);
    const push = new PushContext(buildRegistry(resources, { workloads: WORKLOADS }));
    for (const proxy of [sidecar, gateway]) {
      const t = translate(proxy, push);
      const routeNames = new Set(t.routes.map((r) => r.name));
      for (const name of referencedRouteNames(t.listeners))
        expect(routeNames.has(name), `route config ${name}`).toBe(true);
      const clusterNames = new Set(t.clusters.map((c) => c.name));
      const eds = t.clusters
        .filter((c) => c.type === 'EDS')
        .map((c) => c.eds_cluster_config?.service_name ?? c.name);
      const assigned = new Set(t.endpoints.map((e) => e.cluster_name));
      for (const name of eds) expect(assigned.has(name), `endpoints for ${name}`).toBe(true);
      const dangling = t.messages
        .filter((m) => m.code === 'IST0101')
        .map((m) => m.message)
        .join('\n');
      for (const rc of t.routes) {
        for (const vh of rc.virtual_hosts ?? []) {
          for (const r of vh.routes ?? []) {
            const targets = [
              r.route?.cluster,
              ...(r.route?.weighted_clusters?.clusters ?? []).map((w) => w.name),
            ].filter((x): x is string => !!x);
            for (const c of targets) {
              if (!clusterNames.has(c))
                expect(dangling, `cluster ${c} is missing and not reported`).toContain(c.split('|')[2] ?? c);
            }
          }
        }
      }
      for (const l of t.listeners) encode('envoy.config.listener.v3.Listener', l);
      for (const r of t.routes) encode('envoy.config.route.v3.RouteConfiguration', r);
      for (const c of t.clusters) encode('envoy.config.cluster.v3.Cluster', c);
      for (const e of t.endpoints) encode('envoy.config.endpoint.v3.ClusterLoadAssignment', e);
      // Deterministic: the same push translates to the same bytes.
      expect(JSON.stringify(translate(proxy, push))).toBe(JSON.stringify(t));
    }
  });
});

describe('translate', () => {
  it('routes jason to reviews v2 end to end: route, cluster and endpoints agree', async () => {
    const resources = await load([
      BOOKINFO,
      net('destination-rule-all.yaml'),
      net('virtual-service-reviews-test-v2.yaml'),
    ]);
    const t = translate(sidecar, new PushContext(buildRegistry(resources, { workloads: WORKLOADS })));
    const rc = t.routes.find((r) => r.name === '9080');
    if (!rc) throw new Error('route config 9080');
    const jason = routeRequest(rc, {
      authority: 'reviews:9080',
      path: '/reviews/0',
      method: 'GET',
      headers: { 'end-user': 'jason' },
    });
    const cluster = jason.matched?.route?.cluster;
    expect(cluster).toBe('outbound|9080|v2|reviews.default.svc.cluster.local');
    expect(t.clusters.some((c) => c.name === cluster)).toBe(true);
    const cla = t.endpoints.find((e) => e.cluster_name === cluster);
    const addresses = cla?.endpoints
      ?.flatMap((l) => l.lb_endpoints ?? [])
      .map((e) => e.endpoint?.address?.socket_address?.address);
    expect(addresses).toEqual(['10.0.0.4']);
  });

  it('never throws on a regex that does not compile: it is reported at its line and the rest translates', () => {
    const yaml = `apiVersion: v1
kind: Service
metadata: { name: reviews }
spec: { ports: [{ port: 9080, name: http }], selector: { app: reviews } }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: broken }
spec:
  hosts: [reviews]
  http:
  - match: [{ uri: { regex: "/(unclosed" } }]
    route:
    - destination: { host: reviews }
`;
    const loaded = loadManifests(yaml, { file: 'vs.yaml' });
    expect(loaded.errors).toHaveLength(1);
    expect(loaded.errors[0]).toMatchObject({ file: 'vs.yaml', line: 12 });
    expect(loaded.errors[0]?.message).toMatch(/regex|regular expression/i);
    // The broken VirtualService is left out; the Service still gets its cluster, listener and route.
    const t = translate(sidecar, new PushContext(buildRegistry(loaded.resources)));
    expect(t.clusters.map((c) => c.name)).toContain('outbound|9080||reviews.default.svc.cluster.local');
    const rc = t.routes.find((r) => r.name === '9080');
    const routed =
      rc && routeRequest(rc, { authority: 'reviews:9080', path: '/x', method: 'GET', headers: {} });
    expect(routed?.matched?.route?.cluster).toBe('outbound|9080||reviews.default.svc.cluster.local');
  });

  it('never throws on bad input: a dangling subset becomes IST0101 with file and line', () => {
    const yaml = `apiVersion: v1
kind: Service
metadata: { name: reviews }
spec: { ports: [{ port: 9080, name: http }], selector: { app: reviews } }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews }
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: { host: reviews, subset: v9 }
`;
    const { resources } = loadManifests(yaml, { file: 'vs.yaml' });
    const t = translate(sidecar, new PushContext(buildRegistry(resources)));
    const m = t.messages.find((x) => x.code === 'IST0101');
    expect(m).toMatchObject({
      severity: 'Error',
      resource: 'VirtualService default/reviews',
      file: 'vs.yaml',
    });
    expect(m?.line).toBeGreaterThanOrEqual(13);
  });
});
