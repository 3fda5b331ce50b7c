// The ADS client against a real XdsServer over gRPC: Istio node identity, ACKs, NACKs with a precise error_detail
// while the last good config keeps serving, dynamic updates, and reconnection with the last config serving while
// the server is down.
import { anyOf, TypeUrl } from '@minimesh/model';
import { XdsServer } from '@minimesh/xds-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type Resources, send, startHarness, waitFor } from '../helpers/harness.js';
import {
  assignment,
  edsCluster,
  hcm,
  httpListener,
  ROUTER,
  routeConfig,
  routeTo,
  staticCluster,
  vhost,
} from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';

let h: Harness;
let v1: Upstream;
let v2: Upstream;

function good(target: string, port: number): Resources {
  return {
    clusters: [edsCluster('reviews')],
    endpoints: [assignment('reviews', [port])],
    listeners: [httpListener('l9080', 9080, hcm({ rds: 'r9080' }))],
    routes: [routeConfig('r9080', [vhost('reviews', ['*'], [routeTo('reviews', '/', { name: target })])])],
  };
}

function typeStatus(typeUrl: string) {
  return h.server.proxyStatus()[0]?.types.find((t) => t.typeUrl === typeUrl);
}

const port = () => h.proxy.listenerPort('l9080') ?? 0;

beforeAll(async () => {
  v1 = await startUpstream('v1');
  v2 = await startUpstream('v2');
  h = await startHarness(good('v1', v1.port));
}, 15_000);

afterAll(async () => {
  await h?.close();
  await v1?.close();
  await v2?.close();
});

describe('ADS client', () => {
  it('presents the node in Istio form', () => {
    const status = h.server.proxyStatus()[0];
    expect(status?.nodeId).toBe('sidecar~10.0.0.1~productpage-v1-abc.default~default.svc.cluster.local');
    const fields = status?.node?.metadata?.fields ?? {};
    expect(fields.NAMESPACE).toEqual({ stringValue: 'default' });
    expect(fields.NAME).toEqual({ stringValue: 'productpage-v1-abc' });
    expect(fields.INSTANCE_IPS).toEqual({ stringValue: '10.0.0.1' });
    expect(fields.ISTIO_VERSION?.stringValue).toMatch(/^1\.30/);
  });

  it('ACKs every type: the server sees all four SYNCED', async () => {
    // The last ACK may still be on its way when the proxy turns ready.
    await waitFor(
      () => h.server.proxyStatus()[0]?.types.every((t) => t.status === 'SYNCED') === true,
      5_000,
      'SYNCED',
    );
    const types = h.server.proxyStatus()[0]?.types ?? [];
    const synced = types.filter((t) => t.status === 'SYNCED').map((t) => t.typeUrl.split('.').at(-1));
    expect(synced.sort()).toEqual(['Cluster', 'ClusterLoadAssignment', 'Listener', 'RouteConfiguration']);
  });

  it('applies a dynamic update to new requests', async () => {
    expect((await send(port(), '/')).json().upstream).toBe('v1');
    await h.push(good('v2', v2.port));
    expect((await send(port(), '/')).json().upstream).toBe('v2');
    await h.push(good('v1', v1.port));
    expect((await send(port(), '/')).json().upstream).toBe('v1');
  });

  it('NACKs an unknown non-optional HTTP filter with the reason and keeps serving the old config', async () => {
    const bad = good('v2', v2.port);
    const rbac = { name: 'envoy.filters.http.rbac', typed_config: anyOf(TypeUrl.HTTP_RBAC, {}) };
    bad.listeners = [httpListener('l9080', 9080, hcm({ rds: 'r9080' }, [rbac, ROUTER]))];
    bad.endpoints = [assignment('reviews', [v1.port])];
    const ackedBefore = typeStatus(TypeUrl.LISTENER)?.ackedVersion;
    await h.push(bad);
    await waitFor(() => typeStatus(TypeUrl.LISTENER)?.status === 'NACK', 5_000, 'LDS NACK');
    const st = typeStatus(TypeUrl.LISTENER);
    expect(st?.nackMessage).toBe(
      'Listener "l9080": filter_chains[0].filters[0]: http_filters[0] "envoy.filters.http.rbac": unknown HTTP filter type type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC (not marked is_optional)',
    );
    expect(st?.ackedVersion).toBe(ackedBefore);
    expect(h.proxy.xds.typeState(TypeUrl.LISTENER).lastNack).toBe(st?.nackMessage);
    expect(h.proxy.stats.value('listener_manager.lds.update_rejected')).toBeGreaterThan(0);
    // The old listener still serves.
    expect((await send(port(), '/')).status).toBe(200);
  });

  it('accepts an unknown filter marked is_optional', async () => {
    const ok = good('v1', v1.port);
    const rbac = {
      name: 'envoy.filters.http.rbac',
      typed_config: anyOf(TypeUrl.HTTP_RBAC, {}),
      is_optional: true,
    };
    ok.listeners = [httpListener('l9080', 9080, hcm({ rds: 'r9080' }, [rbac, ROUTER]))];
    await h.push(ok);
    await waitFor(() => typeStatus(TypeUrl.LISTENER)?.status === 'SYNCED', 5_000, 'LDS SYNCED');
    expect((await send(port(), '/')).json().upstream).toBe('v1');
  });

  it('NACKs a route configuration with an invalid RE2 regex, naming the field', async () => {
    const bad = good('v1', v1.port);
    bad.routes = [
      routeConfig('r9080', [
        vhost('reviews', ['*'], [{ match: { safe_regex: { regex: '(a' } }, route: { cluster: 'reviews' } }]),
      ]),
    ];
    await h.push(bad);
    await waitFor(() => typeStatus(TypeUrl.ROUTE_CONFIGURATION)?.status === 'NACK', 5_000, 'RDS NACK');
    expect(typeStatus(TypeUrl.ROUTE_CONFIGURATION)?.nackMessage).toMatch(
      /^RouteConfiguration "r9080": virtual_hosts\[0\]\.routes\[0\]\.match\.safe_regex/,
    );
    expect((await send(port(), '/')).json().upstream).toBe('v1');
  });

  it('NACKs a cluster with an unsupported lb_policy', async () => {
    const bad = good('v1', v1.port);
    bad.clusters = [edsCluster('reviews', { lb_policy: 'MAGLEV' })];
    await h.push(bad);
    await waitFor(() => typeStatus(TypeUrl.CLUSTER)?.status === 'NACK', 5_000, 'CDS NACK');
    expect(typeStatus(TypeUrl.CLUSTER)?.nackMessage).toBe(
      'Cluster "reviews": lb_policy MAGLEV is not supported',
    );
    expect((await send(port(), '/')).json().upstream).toBe('v1');
    await h.push(good('v1', v1.port));
    await waitFor(
      () => h.server.proxyStatus()[0]?.types.every((t) => t.status === 'SYNCED') === true,
      5_000,
      'SYNCED',
    );
  });

  it('keeps serving while the server is down and resyncs after it comes back', async () => {
    const address = h.server.address;
    const xdsPort = h.server.port;
    await h.server.close(100);
    await waitFor(() => !h.proxy.xds.connected, 5_000, 'disconnect');
    expect(h.proxy.stats.value('control_plane.connected_state')).toBe(0);
    expect((await send(port(), '/')).json().upstream).toBe('v1');
    h.server = await XdsServer.start({ cache: h.cache, port: xdsPort, endpointWaitMs: 200 });
    expect(h.server.address).toBe(address);
    await waitFor(() => h.proxy.xds.connected, 5_000, 'reconnect');
    await h.push(good('v2', v2.port));
    expect((await send(port(), '/')).json().upstream).toBe('v2');
  }, 15_000);

  it('removes a listener that leaves LDS', async () => {
    const r = good('v2', v2.port);
    const before = port();
    r.listeners = [httpListener('other', 9081, hcm({ rds: 'r9080' }), false)];
    await h.push(r);
    expect(h.proxy.listenerPort('l9080')).toBeUndefined();
    await expect(send(before, '/')).rejects.toThrow();
    // A STATIC cluster needs no EDS.
    await h.push({ ...good('v1', v1.port), clusters: [staticCluster('reviews', [v1.port])], endpoints: [] });
    expect((await send(port(), '/')).json().upstream).toBe('v1');
  });
});
