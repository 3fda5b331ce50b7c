// Bookinfo with Istio's reviews samples for a proxyless gRPC client: the resources a client of
// `xds:///reviews.default.svc.cluster.local:9080` subscribes to, compared with a golden file, and calls routed through
// them with the model's matching functions (the proxy's own code): `end-user: jason` lands on v2, others on v1.
import { toProto3Json } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { grpcClusterNamesOf, translateGrpc } from '../../src/grpc/grpc-translate.js';
import { translate } from '../../src/translate.js';
import { expectEncodes, grpcCall, grpcClient, REVIEWS, REVIEWS_ROUTE, world } from './helpers.js';

const FILES = ['virtual-service-reviews-test-v2.yaml', 'destination-rule-reviews.yaml'];
const TARGET = `xds:///${REVIEWS}:9080`;
const V1 = `outbound|9080|v1|${REVIEWS}`;
const V2 = `outbound|9080|v2|${REVIEWS}`;

async function reviewsClient(listeners: string[] = [`${REVIEWS}:9080`]) {
  const w = await world(FILES);
  const t = translateGrpc(grpcClient, w.push, { listeners });
  expectEncodes(t);
  return t;
}

describe('bookinfo reviews for a proxyless gRPC client', () => {
  it('subscribes its way from the listener to the endpoints of v1 and v2', async () => {
    const t = await reviewsClient();
    expect(t.listeners.map((l) => l.name)).toEqual([`${REVIEWS}:9080`]);
    expect(t.routes.map((r) => r.name)).toEqual([REVIEWS_ROUTE]);
    expect(t.clusters.map((c) => c.name)).toEqual([V1, V2]);
    expect(t.endpoints.map((e) => e.cluster_name)).toEqual([V1, V2]);
  });

  it('matches its golden file (listener, route config, clusters, endpoints)', async () => {
    const t = await reviewsClient();
    const out = {
      listeners: t.listeners.map((l) => toProto3Json('envoy.config.listener.v3.Listener', l)),
      routes: t.routes.map((r) => toProto3Json('envoy.config.route.v3.RouteConfiguration', r)),
      clusters: t.clusters.map((c) => toProto3Json('envoy.config.cluster.v3.Cluster', c)),
      endpoints: t.endpoints.map((e) => toProto3Json('envoy.config.endpoint.v3.ClusterLoadAssignment', e)),
      messages: t.messages,
    };
    await expect(`${JSON.stringify(out, null, 2)}\n`).toMatchFileSnapshot('./__golden__/reviews-grpc.json');
  });

  it('routes end-user jason to v2 and everyone else to v1', async () => {
    const t = await reviewsClient();
    expect(grpcCall(t, TARGET, { 'end-user': 'jason' })).toEqual({
      listener: `${REVIEWS}:9080`,
      routeConfig: REVIEWS_ROUTE,
      route: 0,
      cluster: V2,
      addresses: ['10.0.0.4'],
    });
    const others: Record<string, string>[] = [
      {},
      { 'end-user': 'json' },
      { 'end-user': 'Jason' },
      { 'x-user': 'jason' },
    ];
    for (const headers of others)
      expect(grpcCall(t, TARGET, headers)).toMatchObject({ route: 1, cluster: V1, addresses: ['10.0.0.3'] });
  });

  it('routes the same for a client that dials the short name', async () => {
    const t = await reviewsClient(['reviews:9080']);
    expect(t.listeners.map((l) => l.name)).toEqual(['reviews:9080']);
    expect(grpcCall(t, 'xds:///reviews:9080', { 'end-user': 'jason' }).addresses).toEqual(['10.0.0.4']);
    expect(grpcCall(t, 'xds:///reviews:9080').addresses).toEqual(['10.0.0.3']);
  });

  it('splits 50/50 between v1 and v3 with reviews-50-v3 by the request random value', async () => {
    const w = await world(['virtual-service-reviews-50-v3.yaml', 'destination-rule-reviews.yaml']);
    const t = translateGrpc(grpcClient, w.push, { listeners: [`${REVIEWS}:9080`] });
    expectEncodes(t);
    const landed = { v1: 0, v3: 0 };
    for (let i = 0; i < 100; i++) {
      const c = grpcCall(t, TARGET, {}, '/reviews.Reviews/GetReviews', i);
      if (c.addresses[0] === '10.0.0.3') landed.v1++;
      else if (c.addresses[0] === '10.0.0.5') landed.v3++;
    }
    expect(landed).toEqual({ v1: 50, v3: 50 });
  });

  it('carries the same route config inline with inlineRoutes, and routes the same', async () => {
    const w = await world(FILES);
    const rds = translateGrpc(grpcClient, w.push, { listeners: [`${REVIEWS}:9080`] });
    const inline = translateGrpc(
      grpcClient,
      w.push,
      { listeners: [`${REVIEWS}:9080`] },
      { inlineRoutes: true },
    );
    expectEncodes(inline);
    expect(inline.routes).toEqual([]);
    const hcm = inline.listeners[0]?.api_listener?.api_listener as Record<string, unknown>;
    expect(hcm.rds).toBeUndefined();
    expect(hcm.route_config).toEqual(rds.routes[0]);
    expect(inline.clusters).toEqual(rds.clusters);
    expect(grpcCall(inline, TARGET, { 'end-user': 'jason' }).addresses).toEqual(['10.0.0.4']);
  });

  it("translate() of the proxyless node gives every service's closure, byte-identical on a second run", async () => {
    const w = await world(FILES);
    const a = translate(grpcClient, w.push);
    expectEncodes(a);
    expect(grpcCall(a, TARGET, { 'end-user': 'jason' }).addresses).toEqual(['10.0.0.4']);
    expect(grpcCall(a, 'xds:///productpage.default.svc.cluster.local:9080').cluster).toBe(
      'outbound|9080||productpage.default.svc.cluster.local',
    );
    // Every cluster a route names is there, and every EDS cluster has its assignment.
    expect(a.clusters.map((c) => c.name)).toEqual(grpcClusterNamesOf(a.routes));
    expect(a.endpoints.map((e) => e.cluster_name)).toEqual(a.clusters.map((c) => c.name));
    const b = translate(grpcClient, (await world(FILES)).push);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
