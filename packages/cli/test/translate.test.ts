// `mesh translate`: the config_dump of a planned workload's sidecar or of the gateway, over examples/bookinfo and
// Istio's own bookinfo samples, through translateCommand() and through the built binary.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { translateCommand } from '../src/index.js';
import {
  ISTIO_BOOKINFO,
  ISTIO_NETWORKING,
  MANIFESTS,
  mesh,
  OUR_NETWORKING,
  SAMPLES,
} from './offline-fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'mesh-translate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Dump = { configs: Record<string, unknown>[] };
const TYPE = 'type.googleapis.com/envoy.admin.v3.';
const section = (dump: Dump, kind: string) =>
  dump.configs.find((c) => c['@type'] === `${TYPE}${kind}`) as never;
const clusterNames = (dump: Dump): string[] =>
  (
    section(dump, 'ClustersConfigDump') as { dynamic_active_clusters: { cluster: { name: string } }[] }
  ).dynamic_active_clusters.map((c) => c.cluster.name);
const routeConfigs = (dump: Dump) =>
  (
    section(dump, 'RoutesConfigDump') as {
      dynamic_route_configs: { route_config: Record<string, unknown> }[];
    }
  ).dynamic_route_configs.map(
    (r) => r.route_config as { name: string; virtual_hosts: { name: string; routes: unknown[] }[] },
  );
const vhost = (dump: Dump, routeConfig: string, name: string) =>
  routeConfigs(dump)
    .find((r) => r.name === routeConfig)
    ?.virtual_hosts.find((v) => v.name === name);

const base = [MANIFESTS, `${OUR_NETWORKING}/destination-rule-all.yaml`];
const istio = (...files: string[]) => [
  ISTIO_BOOKINFO,
  `${ISTIO_NETWORKING}/destination-rule-all.yaml`,
  ...files.map((f) => `${ISTIO_NETWORKING}/${f}`),
];

describe('translateCommand', () => {
  it("prints the sidecar's config_dump as Envoy's admin does, with the subset clusters of destination-rule-all", async () => {
    const out = await translateCommand({ files: base, proxy: 'reviews-v1' });
    expect(out.exitCode).toBe(0);
    const dump = JSON.parse(out.stdout) as Dump;
    expect(dump.configs.map((c) => c['@type'])).toEqual([
      `${TYPE}ClustersConfigDump`,
      `${TYPE}EndpointsConfigDump`,
      `${TYPE}ListenersConfigDump`,
      `${TYPE}RoutesConfigDump`,
    ]);
    expect(clusterNames(dump)).toContain('outbound|9080|v1|reviews.default.svc.cluster.local');
    expect(clusterNames(dump)).toContain('outbound|9080|v2|reviews.default.svc.cluster.local');
    expect(out.stdout.startsWith('{\n "configs": [\n  {\n   "@type"')).toBe(true); // Envoy's one-space indent
    const listeners = section(dump, 'ListenersConfigDump') as {
      dynamic_listeners: { name: string; active_state: { listener: { '@type': string } } }[];
    };
    expect(listeners.dynamic_listeners.map((l) => l.name)).toEqual(
      expect.arrayContaining(['virtualOutbound', 'virtualInbound', '0.0.0.0_9080']),
    );
    expect(listeners.dynamic_listeners[0]?.active_state.listener['@type']).toBe(
      'type.googleapis.com/envoy.config.listener.v3.Listener',
    );
    expect(out.result?.instance.workloadName).toBe('reviews-v1');
  });

  it("puts the planned pods' addresses in the EDS assignments", async () => {
    const out = await translateCommand({ files: base, proxy: 'productpage-v1' });
    const v2 = out.result!.plan.instances.find((i) => i.workloadName === 'reviews-v2')!;
    const eds = section(JSON.parse(out.stdout) as Dump, 'EndpointsConfigDump') as {
      dynamic_endpoint_configs: {
        endpoint_config: {
          cluster_name: string;
          endpoints: {
            lb_endpoints: {
              endpoint: { address: { socket_address: { address: string; port_value: number } } };
            }[];
          }[];
        };
      }[];
    };
    const cla = eds.dynamic_endpoint_configs.find(
      (e) => e.endpoint_config.cluster_name === 'outbound|9080|v2|reviews.default.svc.cluster.local',
    );
    const addr = cla?.endpoint_config.endpoints[0]?.lb_endpoints[0]?.endpoint.address.socket_address;
    expect(addr).toEqual({ address: v2.address, port_value: 9080 });
  });

  it("routes jason by the end-user header with Istio's virtual-service-reviews-test-v2.yaml", async () => {
    const out = await translateCommand({
      files: istio('virtual-service-reviews-test-v2.yaml'),
      proxy: 'productpage',
    });
    expect(out.exitCode).toBe(0);
    const reviews = vhost(JSON.parse(out.stdout) as Dump, '9080', 'reviews.default.svc.cluster.local:9080');
    const first = reviews?.routes[0] as { match: { headers: unknown[] }; route: { cluster: string } };
    expect(first.match.headers).toEqual([{ name: 'end-user', string_match: { exact: 'jason' } }]);
    expect(first.route.cluster).toBe('outbound|9080|v2|reviews.default.svc.cluster.local');
  });

  it('applies the files in order: a later VirtualService replaces an earlier one of the same name', async () => {
    const out = await translateCommand({
      files: istio('virtual-service-all-v1.yaml', 'virtual-service-reviews-v3.yaml'),
      proxy: 'productpage-v1',
    });
    const reviews = vhost(JSON.parse(out.stdout) as Dump, '9080', 'reviews.default.svc.cluster.local:9080');
    expect(JSON.stringify(reviews?.routes)).toContain('outbound|9080|v3|reviews');
    expect(JSON.stringify(reviews?.routes)).not.toContain('outbound|9080|v1|reviews');
  });

  it("prints the gateway's listener on 8080 and its http.8080 routes to productpage", async () => {
    const out = await translateCommand({ files: [MANIFESTS], gateway: 'bookinfo-gateway' });
    expect(out.exitCode).toBe(0);
    const dump = JSON.parse(out.stdout) as Dump;
    const listeners = section(dump, 'ListenersConfigDump') as { dynamic_listeners: { name: string }[] };
    expect(listeners.dynamic_listeners.map((l) => l.name)).toEqual(['0.0.0.0_8080']);
    expect(JSON.stringify(vhost(dump, 'http.8080', '*:8080'))).toContain(
      'outbound|9080||productpage.default.svc.cluster.local',
    );
    expect(out.result?.instance.proxyType).toBe('router');
  });

  it("translates the `<name>-istio` gateway of Istio's Gateway API bookinfo-gateway.yaml", async () => {
    const out = await translateCommand({
      files: [ISTIO_BOOKINFO, `${SAMPLES}/bookinfo/gateway-api/bookinfo-gateway.yaml`],
      gateway: 'bookinfo-gateway',
    });
    expect(out.exitCode).toBe(0);
    expect(out.result?.instance.workloadName).toBe('bookinfo-gateway-istio');
    const dump = JSON.parse(out.stdout) as Dump;
    const listeners = section(dump, 'ListenersConfigDump') as { dynamic_listeners: { name: string }[] };
    expect(listeners.dynamic_listeners.map((l) => l.name)).toEqual(['0.0.0.0_80']);
    expect(JSON.stringify(vhost(dump, 'http.80', '*:80'))).toContain(
      'outbound|9080||productpage.default.svc.cluster.local',
    );
  });

  it('prints YAML with -o yaml, the same document as the JSON', async () => {
    const json = await translateCommand({ files: base, proxy: 'ratings-v1' });
    const yaml = await translateCommand({ files: base, proxy: 'ratings-v1', output: 'yaml' });
    expect(yaml.stdout.startsWith('configs:\n')).toBe(true);
    expect(parse(yaml.stdout)).toEqual(JSON.parse(json.stdout));
  });

  it("sends the translator's messages to stderr and still prints the dump", async () => {
    const bad = join(tmp, 'vs-v9.yaml');
    writeFileSync(
      bad,
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: { host: reviews, subset: v9 }\n',
    );
    const out = await translateCommand({ files: [...base, bad], proxy: 'productpage-v1' });
    expect(out.exitCode).toBe(0);
    expect(out.stderr.join('\n')).toMatch(
      /^Error \[IST0101\] \(VirtualService default\/reviews .*vs-v9\.yaml:9\)/m,
    );
    expect(JSON.parse(out.stdout)).toHaveProperty('configs');
  });

  it('names a missing file and translates nothing', async () => {
    const out = await translateCommand({ files: [join(tmp, 'absent.yaml')], proxy: 'x' });
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr[0]).toContain(`${join(tmp, 'absent.yaml')} does not exist`);
    expect(out.stderr.at(-1)).toMatch(/^mesh translate: 1 error\(s\) loading/);
  });

  it('reports a YAML error with its file:line', async () => {
    const broken = join(tmp, 'broken.yaml');
    writeFileSync(
      broken,
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports: [ { port: 80 }\n',
    );
    const out = await translateCommand({ files: [broken], proxy: 'x' });
    expect(out.exitCode).toBe(1);
    expect(out.stderr[0]).toMatch(new RegExp(`^error: ${broken.replace(/[.]/g, '\\.')}:\\d+:\\d+ `));
  });

  it('lists the candidates for an unknown or ambiguous proxy', async () => {
    const unknown = await translateCommand({ files: [MANIFESTS], proxy: 'nosuch' });
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr.join('\n')).toMatch(/--proxy nosuch: no workload matches[\s\S]*productpage-v1-/);
    const several = await translateCommand({ files: [MANIFESTS], proxy: 'reviews' });
    expect(several.exitCode).toBe(1);
    expect(several.stderr.join('\n')).toMatch(/--proxy reviews matches 3 workloads/);
  });

  it('wants exactly one of --proxy and --gateway, and json or yaml', async () => {
    expect((await translateCommand({ files: [MANIFESTS] })).stderr).toEqual([
      'mesh translate: expected --proxy WORKLOAD[.NS] or --gateway NAME[.NS]',
    ]);
    const both = await translateCommand({ files: [MANIFESTS], proxy: 'a', gateway: 'b' });
    expect(both.stderr[0]).toMatch(/exclusive/);
    const table = await translateCommand({ files: [MANIFESTS], proxy: 'ratings', output: 'table' });
    expect(table).toMatchObject({
      exitCode: 1,
      stderr: ['mesh translate: -o table: unknown output format; expected one of json, yaml'],
    });
  });
});

describe('mesh translate (binary)', () => {
  it('prints the config_dump on stdout and exits 0', async () => {
    const r = await mesh([
      'translate',
      '-f',
      MANIFESTS,
      '-f',
      `${OUR_NETWORKING}/destination-rule-all.yaml`,
      '--proxy',
      'reviews-v1',
    ]);
    expect(r.code).toBe(0);
    expect(clusterNames(JSON.parse(r.stdout) as Dump)).toContain(
      'outbound|9080|v1|reviews.default.svc.cluster.local',
    );
  });

  it('exits 1 with the reason for a missing file', async () => {
    const r = await mesh(['translate', '-f', join(tmp, 'nope'), '--proxy', 'x']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('does not exist');
  });

  it('has --help', async () => {
    const r = await mesh(['translate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--proxy <workload>[\s\S]*--gateway <name>[\s\S]*-o, --output <format>/);
  });
});
