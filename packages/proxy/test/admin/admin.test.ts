// The admin API compared with the config the proxy was given: /config_dump sections in Envoy's order with the
// resources as pushed (proto3 JSON) and their versions, /clusters text and JSON, /listeners, /stats and
// /stats/prometheus counters after real requests, /ready, /server_info, /logging.
import { toProto3Json } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type Resources, send, startHarness } from '../helpers/harness.js';
import {
  assignment,
  edsCluster,
  hcm,
  httpListener,
  routeConfig,
  routeTo,
  vhost,
} from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';

let h: Harness;
let a: Upstream;
let given: Resources;
const admin = (path: string, method = 'GET') => send(h.proxy.adminPort, path, { method });

beforeAll(async () => {
  a = await startUpstream('a');
  given = {
    clusters: [edsCluster('outbound|9080||a.default.svc.cluster.local')],
    endpoints: [assignment('outbound|9080||a.default.svc.cluster.local', [a.port])],
    listeners: [httpListener('0.0.0.0_9080', 9080, hcm({ rds: '9080' }))],
    routes: [
      routeConfig('9080', [
        vhost('a', ['*'], [routeTo('outbound|9080||a.default.svc.cluster.local', '/', { name: 'default' })]),
      ]),
    ],
  };
  h = await startHarness(given);
  for (let i = 0; i < 3; i++) await send(h.proxy.listenerPort('0.0.0.0_9080') ?? 0, '/');
  await send(h.proxy.listenerPort('0.0.0.0_9080') ?? 0, '/', { headers: { 'x-test-status': '503' } });
}, 15_000);

afterAll(async () => {
  await h?.close();
  await a?.close();
});

type Dump = { configs: { '@type': string; [k: string]: unknown }[] };

describe('/config_dump', () => {
  it('prints bootstrap, clusters, listeners and routes in Envoy order', async () => {
    const r = await admin('/config_dump');
    expect(r.status).toBe(200);
    expect(r.body.endsWith('}\n')).toBe(true);
    expect(r.json<Dump>().configs.map((c) => c['@type'].split('.').at(-1))).toEqual([
      'BootstrapConfigDump',
      'ClustersConfigDump',
      'ListenersConfigDump',
      'RoutesConfigDump',
    ]);
  });
  it('holds exactly the resources given, with the ACKed versions', async () => {
    const configs = (await admin('/config_dump')).json<Dump>().configs;
    const clusters = configs[1] as unknown as {
      version_info: string;
      dynamic_active_clusters: { cluster: object; version_info: string }[];
    };
    const listeners = configs[2] as unknown as {
      dynamic_listeners: { name: string; active_state: { listener: object } }[];
    };
    const routes = configs[3] as unknown as { dynamic_route_configs: { route_config: object }[] };
    const strip = (o: object) => {
      const { '@type': _t, ...rest } = o as Record<string, unknown>;
      return rest;
    };
    expect(strip(clusters.dynamic_active_clusters[0]?.cluster ?? {})).toEqual(
      toProto3Json('envoy.config.cluster.v3.Cluster', given.clusters?.[0] ?? {}),
    );
    expect(strip(listeners.dynamic_listeners[0]?.active_state.listener ?? {})).toEqual(
      toProto3Json('envoy.config.listener.v3.Listener', given.listeners?.[0] ?? {}),
    );
    expect(strip(routes.dynamic_route_configs[0]?.route_config ?? {})).toEqual(
      toProto3Json('envoy.config.route.v3.RouteConfiguration', given.routes?.[0] ?? {}),
    );
    const acked = h.server.proxyStatus()[0]?.types.find((t) => t.typeUrl.endsWith('.Cluster'))?.ackedVersion;
    expect(clusters.version_info).toBe(acked);
  });
  it('adds the endpoints section with ?include_eds', async () => {
    const configs = (await admin('/config_dump?include_eds')).json<Dump>().configs;
    const eds = configs.find((c) => c['@type'].endsWith('EndpointsConfigDump')) as unknown as {
      dynamic_endpoint_configs: { endpoint_config: { cluster_name: string } }[];
    };
    expect(eds.dynamic_endpoint_configs[0]?.endpoint_config.cluster_name).toBe(
      'outbound|9080||a.default.svc.cluster.local',
    );
  });
  it('names the node and the ADS server in the bootstrap', async () => {
    const boot = (await admin('/config_dump')).json<Dump>().configs[0] as unknown as {
      bootstrap: { node: { id: string }; static_resources: { clusters: { load_assignment: unknown }[] } };
    };
    expect(boot.bootstrap.node.id).toBe(
      'sidecar~10.0.0.1~productpage-v1-abc.default~default.svc.cluster.local',
    );
    expect(JSON.stringify(boot.bootstrap.static_resources.clusters[0]?.load_assignment)).toContain(
      String(h.server.port),
    );
  });
});

describe('/clusters', () => {
  it('prints per-host counters in Envoy text form', async () => {
    const text = (await admin('/clusters')).body;
    const p = `outbound|9080||a.default.svc.cluster.local::127.0.0.1:${a.port}`;
    expect(text).toContain(
      'outbound|9080||a.default.svc.cluster.local::observability_name::outbound|9080||a.default.svc.cluster.local\n',
    );
    expect(text).toContain(`${p}::rq_total::4\n`);
    expect(text).toContain(`${p}::rq_success::3\n`);
    expect(text).toContain(`${p}::rq_error::1\n`);
    expect(text).toContain(`${p}::health_flags::healthy\n`);
    expect(text).toMatch(new RegExp(`${p.replace(/[|.]/g, '\\$&')}::cx_active::1\\n`));
  });
  it('prints the same as envoy.admin.v3.Clusters JSON with ?format=json', async () => {
    const doc = (await admin('/clusters?format=json')).json<{
      cluster_statuses: {
        name: string;
        host_statuses: {
          address: { socket_address: { port_value: number } };
          stats: { name: string; value?: string }[];
        }[];
      }[];
    }>();
    const host = doc.cluster_statuses[0]?.host_statuses[0];
    expect(doc.cluster_statuses[0]?.name).toBe('outbound|9080||a.default.svc.cluster.local');
    expect(host?.address.socket_address.port_value).toBe(a.port);
    expect(host?.stats.find((s) => s.name === 'rq_total')?.value).toBe('4');
  });
});

describe('/stats', () => {
  it('counts upstream and downstream requests under Envoy names', async () => {
    const text = (await admin('/stats')).body;
    expect(text).toContain('cluster.outbound|9080||a.default.svc.cluster.local.upstream_rq_total: 4\n');
    expect(text).toContain('cluster.outbound|9080||a.default.svc.cluster.local.upstream_rq_2xx: 3\n');
    expect(text).toContain('cluster.outbound|9080||a.default.svc.cluster.local.upstream_rq_503: 1\n');
    expect(text).toContain('http.outbound_0.0.0.0_9080.downstream_rq_total: 4\n');
    expect(text).toContain('control_plane.connected_state: 1\n');
  });
  it('filters by regex', async () => {
    const text = (await admin('/stats?filter=upstream_rq_total')).body;
    expect(text.trim().split('\n')).toEqual([
      'cluster.outbound|9080||a.default.svc.cluster.local.upstream_rq_total: 4',
    ]);
  });
  it('serves Prometheus text with Envoy metric names and labels', async () => {
    const text = (await admin('/stats/prometheus')).body;
    expect(text).toContain('# TYPE envoy_cluster_upstream_rq_total counter\n');
    expect(text).toContain(
      'envoy_cluster_upstream_rq_total{envoy_cluster_name="outbound|9080||a.default.svc.cluster.local"} 4\n',
    );
    expect(text).toContain(
      'envoy_cluster_upstream_rq_xx{envoy_cluster_name="outbound|9080||a.default.svc.cluster.local",envoy_response_code_class="2"} 3\n',
    );
  });
});

describe('istio standard metrics', () => {
  it('counts istio_requests_total by response code with source and destination labels', async () => {
    const text = (await admin('/stats/prometheus')).body;
    const ok = text
      .split('\n')
      .find((l) => l.startsWith('istio_requests_total{') && l.includes('response_code="200"'));
    expect(ok).toContain('reporter="source"');
    expect(ok).toContain('source_workload="productpage-v1"');
    expect(ok).toContain('source_workload_namespace="default"');
    expect(ok).toContain('destination_service="a.default.svc.cluster.local"');
    expect(ok).toContain('destination_service_name="a"');
    expect(ok?.endsWith(' 3')).toBe(true);
    expect(text).toMatch(/istio_requests_total\{[^}]*response_code="503"[^}]*\} 1\n/);
  });
  it('keeps istio_request_duration_milliseconds as a histogram', async () => {
    const text = (await admin('/stats/prometheus')).body;
    expect(text).toContain('# TYPE istio_request_duration_milliseconds histogram\n');
    expect(text).toMatch(
      /istio_request_duration_milliseconds_bucket\{[^}]*le="\+Inf"[^}]*response_code="200"[^}]*\} 3\n/,
    );
    expect(text).toMatch(/istio_request_duration_milliseconds_count\{[^}]*response_code="200"[^}]*\} 3\n/);
  });
});

describe('other admin paths', () => {
  it('/ready is LIVE', async () => {
    const r = await admin('/ready');
    expect(r.status).toBe(200);
    expect(r.body).toBe('LIVE\n');
  });
  it('/server_info reports the state and the node', async () => {
    const info = (await admin('/server_info')).json<{
      state: string;
      node: { id: string };
      version: string;
    }>();
    expect(info.state).toBe('LIVE');
    expect(info.node.id).toMatch(/^sidecar~10\.0\.0\.1~/);
  });
  it('/listeners lists names and addresses', async () => {
    expect((await admin('/listeners')).body).toBe('0.0.0.0_9080::0.0.0.0:9080\n');
    const json = (await admin('/listeners?format=json')).json<{ listener_statuses: { name: string }[] }>();
    expect(json.listener_statuses.map((l) => l.name)).toEqual(['0.0.0.0_9080']);
  });
  it('/logging shows and sets the level', async () => {
    expect((await admin('/logging?level=debug', 'POST')).body).toContain('minimesh-proxy: debug');
    expect((await admin('/logging?level=nope', 'POST')).status).toBe(400);
    await admin('/logging?level=silent', 'POST');
  });
  it('answers 404 with the list of paths', async () => {
    const r = await admin('/nope');
    expect(r.status).toBe(404);
    expect(r.body).toContain('/config_dump');
  });
});
