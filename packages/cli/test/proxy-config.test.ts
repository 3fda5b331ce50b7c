// `mesh proxy-config` against real proxies (productpage-v1's and reviews-v1's sidecars, the ingress gateway) fed by a
// real control plane over bookinfo's manifests: istioctl's clusters, listeners, routes, endpoints, secret,
// bootstrap and all tables read from each proxy's admin API, their filters, -o json|yaml, PROXY resolution through
// the control plane or --admin, the failures, and the built binary.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { proxyConfigCommand, resolveProxy } from '../src/index.js';
import { goSort, tabwrite } from '../src/output/istioctl-tabwriter.js';
import { waitFor } from './control-plane-helpers.js';
import { applySample, type ProxyMesh, runMesh, startProxyMesh } from './proxy-tools-helpers.js';

let mesh: ProxyMesh;

beforeAll(async () => {
  mesh = await startProxyMesh();
}, 60_000);

afterAll(async () => {
  await mesh?.close();
});

const cells = (line: string) => line.split(/ {2,}/);
const config = (section: string, proxy: string | undefined, extra: Record<string, unknown> = {}) =>
  proxyConfigCommand({
    controlPlane: mesh.api,
    section,
    ...(proxy === undefined ? {} : { proxy }),
    ...extra,
  });
const rows = (text: string) => text.split('\n').filter((l) => l !== '');

/** The reviews-v1 sidecar's inbound capture port for 9080 (where every endpoint of reviews-v1 points). */
function reviewsV1InboundPort(): number {
  const w = mesh.plane.cp.workloadPlan.instances.find((i) => i.workloadName === 'reviews-v1');
  const a = mesh.plane.cp.addressPlan.pod(w?.podName ?? '', 'default');
  return a?.inboundPorts[9080] ?? 0;
}

describe('the istioctl tabwriter', () => {
  it('pads every cell but the last to the widest in its column plus the padding', () => {
    expect(
      tabwrite(
        [
          ['A', 'BB', 'C'],
          ['AAAA', 'B', ''],
        ],
        3,
      ),
    ).toBe('A      BB   C\nAAAA   B    \n');
    expect(goSort([3, 1, 2], (a, b) => a < b)).toEqual([1, 2, 3]);
  });
});

describe('proxy-config clusters', () => {
  it("lists productpage's outbound clusters and, after destination-rule-all.yaml, reviews' v1, v2, v3 subsets with reviews.default", async () => {
    const before = await config('clusters', 'productpage');
    expect(before.exitCode).toBe(0);
    expect(cells(rows(before.stdout)[0] ?? '')).toEqual([
      'SERVICE FQDN',
      'PORT',
      'SUBSET',
      'DIRECTION',
      'TYPE',
      'DESTINATION RULE',
    ]);
    expect(before.stdout).not.toContain('reviews.default.svc.cluster.local     9080      v1');
    await applySample(mesh, 'destination-rule-all.yaml');
    const after = await waitFor(async () => {
      const r = await config('clusters', 'productpage', { fqdn: 'reviews.default.svc.cluster.local' });
      return r.stdout.includes('v3') ? r : undefined;
    }, 'productpage to get the reviews subsets');
    expect(rows(after.stdout).slice(1).map(cells)).toEqual([
      ['reviews.default.svc.cluster.local', '9080', '-', 'outbound', 'EDS', 'reviews.default'],
      ['reviews.default.svc.cluster.local', '9080', 'v1', 'outbound', 'EDS', 'reviews.default'],
      ['reviews.default.svc.cluster.local', '9080', 'v2', 'outbound', 'EDS', 'reviews.default'],
      ['reviews.default.svc.cluster.local', '9080', 'v3', 'outbound', 'EDS', 'reviews.default'],
    ]);
  }, 30_000);

  it('filters by --subset, --port and --direction as istioctl does', async () => {
    const v2 = await config('clusters', 'productpage', { fqdn: 'reviews', subset: 'v2', port: 9080 });
    expect(rows(v2.stdout).slice(1).map(cells)).toEqual([
      ['reviews.default.svc.cluster.local', '9080', 'v2', 'outbound', 'EDS', 'reviews.default'],
    ]);
    const inbound = await config('clusters', 'reviews-v1', { direction: 'inbound' });
    expect(rows(inbound.stdout).slice(1)).toHaveLength(1);
    expect(rows(inbound.stdout)[1]).toMatch(/^ +9080 +- +inbound +STATIC/);
  });

  it('-o json prints the filtered Cluster messages', async () => {
    const out = await config('clusters', 'productpage', { fqdn: 'ratings', output: 'json' });
    const list = JSON.parse(out.stdout) as { name: string; type: string }[];
    expect(list.map((c) => c.name)).toContain('outbound|9080|v2-mysql|ratings.default.svc.cluster.local');
    expect(list.every((c) => c.name.includes('ratings'))).toBe(true);
    expect(out.stdout).toMatch(/^\[\n {4}\{\n {8}"/);
  });
});

describe('proxy-config listeners', () => {
  it("shows productpage's 0.0.0.0 9080 chains: HTTP to Route: 9080, the rest to PassthroughCluster", async () => {
    const out = await config('listeners', 'productpage-v1', { port: 9080 });
    expect(out.exitCode).toBe(0);
    expect(rows(out.stdout)).toEqual([
      'ADDRESSES PORT MATCH                                DESTINATION',
      '0.0.0.0   9080 Trans: raw_buffer; App: http/1.1,h2c Route: 9080',
      '0.0.0.0   9080 ALL                                  PassthroughCluster',
    ]);
  });

  it('lists the sidecar listeners in port order and filters by --type and --address', async () => {
    const all = await config('listeners', 'productpage-v1');
    const ports = rows(all.stdout)
      .slice(1)
      .map((l) => Number(l.split(/ +/)[1]));
    expect(ports).toEqual([...ports].sort((a, b) => a - b));
    expect(all.stdout).toMatch(/\n0\.0\.0\.0 +15001 Addr: \*:15001 +Non-HTTP\/Non-TCP\n/);
    expect(all.stdout).toContain('Cluster: inbound|9080||');
    const tcp = await config('listeners', 'productpage-v1', { type: 'tcp' });
    expect(
      rows(tcp.stdout)
        .slice(1)
        .every((l) => !l.includes('Route:')),
    ).toBe(true);
    const none = await config('listeners', 'productpage-v1', { address: '10.9.9.9' });
    expect(rows(none.stdout)).toEqual(['ADDRESSES PORT MATCH DESTINATION']);
  });

  it("shows the gateway's 8080 listener routing to http.8080", async () => {
    const out = await config('listeners', 'istio-ingressgateway');
    expect(rows(out.stdout)).toEqual([
      'ADDRESSES PORT MATCH DESTINATION',
      '0.0.0.0   8080 ALL   Route: http.8080',
    ]);
  });
});

describe('proxy-config routes', () => {
  it('names the VirtualService of each route after virtual-service-all-v1.yaml', async () => {
    await applySample(mesh, 'virtual-service-all-v1.yaml');
    const out = await waitFor(async () => {
      const r = await config('routes', 'productpage', { name: '9080' });
      return r.stdout.includes('reviews.default') ? r : undefined;
    }, 'productpage routes naming the VirtualServices');
    const table = rows(out.stdout);
    expect(cells(table[0] ?? '')).toEqual(['NAME', 'VHOST NAME', 'DOMAINS', 'MATCH', 'VIRTUAL SERVICE']);
    expect(table.map(cells)).toContainEqual([
      '9080',
      'reviews.default.svc.cluster.local:9080',
      'reviews.default.svc.cluster.local., reviews + 2 more...',
      '/*',
      'reviews.default',
    ]);
    expect(table.every((l) => l.startsWith('NAME') || l.startsWith('9080 '))).toBe(true);
  }, 30_000);

  it("shows the gateway's bookinfo routes by path", async () => {
    const out = await config('routes', 'istio-ingressgateway');
    expect(rows(out.stdout).slice(1).map(cells)).toEqual([
      ['http.8080', '*:8080', '*', '/productpage', 'bookinfo.default'],
      ['http.8080', '*:8080', '*', '/static*', 'bookinfo.default'],
      ['http.8080', '*:8080', '*', '/login', 'bookinfo.default'],
      ['http.8080', '*:8080', '*', '/logout', 'bookinfo.default'],
      ['http.8080', '*:8080', '*', '/api/v1/products*', 'bookinfo.default'],
    ]);
  });

  it('-o yaml and -o json print the filtered RouteConfigurations', async () => {
    const json = JSON.parse((await config('routes', 'istio-ingressgateway', { output: 'json' })).stdout) as {
      name: string;
    }[];
    expect(json.map((r) => r.name)).toEqual(['http.8080']);
    const yaml = parseYaml(
      (await config('routes', 'productpage', { name: '8000', output: 'yaml' })).stdout,
    ) as {
      name: string;
      virtual_hosts: unknown[];
    }[];
    expect(yaml.map((r) => r.name)).toEqual(['8000']);
    expect(yaml[0]?.virtual_hosts.length).toBeGreaterThan(0);
  });
});

describe('proxy-config endpoints', () => {
  it("shows reviews' endpoints as 127.0.0.1:<inbound port> HEALTHY with their clusters", async () => {
    const port = reviewsV1InboundPort();
    expect(port).toBeGreaterThan(0);
    const out = await config('endpoints', 'productpage', {
      cluster: 'outbound|9080||reviews.default.svc.cluster.local',
    });
    const table = rows(out.stdout);
    expect(cells(table[0] ?? '')).toEqual(['ENDPOINT', 'STATUS', 'OUTLIER CHECK', 'CLUSTER']);
    expect(table.map(cells)).toContainEqual([
      `127.0.0.1:${port}`,
      'HEALTHY',
      'OK',
      'outbound|9080||reviews.default.svc.cluster.local',
    ]);
    expect(table.slice(1)).toHaveLength(3);
  });

  it('filters by --port and --status, and -o json gives the matching cluster statuses', async () => {
    const port = reviewsV1InboundPort();
    const byPort = await config('endpoints', 'productpage', { port, status: 'healthy' });
    const clusters = rows(byPort.stdout)
      .slice(1)
      .map((l) => cells(l)[3]);
    expect(clusters).toContain('outbound|9080|v1|reviews.default.svc.cluster.local');
    expect(clusters.every((c) => c?.includes('reviews'))).toBe(true);
    const unhealthy = await config('endpoints', 'productpage', { status: 'UNHEALTHY' });
    expect(rows(unhealthy.stdout)).toEqual(['ENDPOINT     STATUS     OUTLIER CHECK     CLUSTER']);
    const json = JSON.parse((await config('endpoints', 'productpage', { port, output: 'json' })).stdout) as {
      name: string;
      host_statuses: unknown[];
    }[];
    expect(json.length).toBeGreaterThan(0);
    expect(json.every((c) => c.name.includes('reviews'))).toBe(true);
  });
});

describe('proxy-config secret, bootstrap and all', () => {
  it('says there are no secrets, as istioctl does for a proxy without SDS', async () => {
    const out = await config('secret', 'reviews-v1');
    expect(out.stdout).toBe('No active or warming secrets found.\n');
  });

  it('prints the bootstrap as JSON by default and a version summary with -o short', async () => {
    const json = JSON.parse((await config('bootstrap', 'reviews-v1')).stdout) as {
      bootstrap: { node: { id: string } };
    };
    expect(json.bootstrap.node.id).toContain(`${mesh.podOf('reviews-v1')}.default`);
    const short = await config('bootstrap', 'reviews-v1', { output: 'short' });
    expect(short.stdout).toMatch(/^Istio Version: 1\.30\.0\nEnvoy Version: \S+\n$/);
  });

  it('all prints every section with config types in the names; -o json is the whole config_dump', async () => {
    const out = await config('all', 'reviews-v1');
    expect(out.exitCode).toBe(0);
    for (const prefix of [
      'cluster/outbound|9080||ratings',
      'listener/virtualInbound',
      'route/9080',
      'endpoint/127.0.0.1:',
    ])
      expect(out.stdout).toContain(prefix);
    expect(out.stdout).toContain('No active or warming secrets found.');
    const dump = JSON.parse((await config('all', 'reviews-v1', { output: 'json' })).stdout) as {
      configs: { '@type': string }[];
    };
    expect(dump.configs.map((c) => c['@type'].split('.').pop())).toEqual([
      'BootstrapConfigDump',
      'ClustersConfigDump',
      'EndpointsConfigDump',
      'ListenersConfigDump',
      'RoutesConfigDump',
    ]);
  });
});

describe('resolution and failures', () => {
  it('reads a proxy straight from --admin without a control plane', async () => {
    const admin = `127.0.0.1:${mesh.proxies.get('istio-ingressgateway')?.adminPort}`;
    const out = await proxyConfigCommand({ section: 'listeners', admin, controlPlane: '127.0.0.1:1' });
    expect(out.stdout).toContain('Route: http.8080');
  });

  it('exits 1 naming the candidates for an unknown or ambiguous proxy', async () => {
    const unknown = await config('clusters', 'ratings-v9');
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr[0]).toMatch(/^mesh proxy-config clusters: no proxy "ratings-v9" is connected/);
    // Two pods of one Deployment share a prefix: resolution asks for the full name.
    const status = mesh.plane.cp.status();
    const reviews = status.proxies.find((p) => p.pod.startsWith('reviews-v1'));
    expect(reviews).toBeDefined();
    const twin = {
      ...(reviews as NonNullable<typeof reviews>),
      pod: `${reviews?.pod.slice(0, -5)}zzzzz`,
      nodeId: 'twin',
    };
    expect(() => resolveProxy({ ...status, proxies: [...status.proxies, twin] }, 'reviews-v1')).toThrow(
      /"reviews-v1" names 2 proxies \(.*\); give the full pod name/,
    );
    expect(resolveProxy({ ...status, proxies: [...status.proxies, twin] }, `${reviews?.pod}.default`)).toBe(
      reviews,
    );
  });

  it('exits 1 for an unknown section, a missing PROXY and no control plane', async () => {
    expect((await config('widgets', 'productpage')).stderr[0]).toContain(
      'unknown section "widgets"; expected one of listeners, routes, clusters, endpoints, secret, bootstrap, all',
    );
    expect((await config('routes', undefined)).stderr[0]).toContain('expected PROXY');
    const none = await proxyConfigCommand({
      section: 'routes',
      proxy: 'productpage',
      controlPlane: '127.0.0.1:1',
    });
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toEqual([
      'mesh proxy-config routes: no dev mesh at 127.0.0.1:1: start one with `mesh dev DIR`',
    ]);
  });
});

describe('the mesh binary', () => {
  it('prints the clusters table for a filter given on the command line', async () => {
    const run = await runMesh([
      'proxy-config',
      'clusters',
      'productpage-v1',
      '--control-plane',
      mesh.api,
      '--fqdn',
      'details.default.svc.cluster.local',
      '--subset',
      'v2',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(rows(run.stdout).slice(1).map(cells)).toEqual([
      ['details.default.svc.cluster.local', '9080', 'v2', 'outbound', 'EDS', 'details.default'],
    ]);
  });

  it('rejects a bad --port and an unknown proxy with exit status 1', async () => {
    const bad = await runMesh(['proxy-config', 'clusters', 'x', '--port', 'http']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--port http: expected a port number 0-65535');
    const unknown = await runMesh(['proxy-config', 'routes', 'nope', '--control-plane', mesh.api]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no proxy "nope" is connected to the control plane');
  });

  it('lists the sections and filters in --help', async () => {
    const run = await runMesh(['proxy-config', '--help']);
    expect(run.code).toBe(0);
    for (const s of [
      'listeners|routes|clusters|endpoints|secret|bootstrap|all',
      '--fqdn',
      '--direction',
      '--status',
      '--admin',
    ])
      expect(run.stdout).toContain(s);
  });
});
