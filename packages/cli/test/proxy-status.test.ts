// `mesh proxy-status` against a real control plane over bookinfo's manifests and real proxies (productpage-v1's
// and reviews-v1's sidecars, the ingress gateway) connected to it over gRPC: the istioctl table from /status, the
// per-proxy comparison of the control plane's config with the proxy's own /config_dump, and the failures (unknown
// proxy, no control plane), through the exported function and the built binary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigDump, proxyConfigCommand, proxyStatusCommand } from '../src/index.js';
import { compareDumps } from '../src/output/istioctl-compare.js';
import { statusRows, statusTable, typeCell } from '../src/output/istioctl-status.js';
import { unifiedDiff } from '../src/output/unified-diff.js';
import { waitFor } from './control-plane-helpers.js';
import { applySample, type ProxyMesh, runMesh, startProxyMesh } from './proxy-tools-helpers.js';

let mesh: ProxyMesh;

beforeAll(async () => {
  mesh = await startProxyMesh();
}, 60_000);

afterAll(async () => {
  await mesh?.close();
});

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('mesh proxy-status (table)', () => {
  it('lists every connected proxy as pod.namespace, SYNCED on CDS, LDS, EDS and RDS', async () => {
    const out = await proxyStatusCommand({ controlPlane: mesh.api, color: false });
    expect(out.exitCode).toBe(0);
    const [header, ...rows] = lines(out.stdout);
    expect(header?.split(/ {2,}/)).toEqual([
      'NAME',
      'CLUSTER',
      'CDS',
      'LDS',
      'EDS',
      'RDS',
      'ECDS',
      'ISTIOD',
      'VERSION',
    ]);
    expect(rows).toHaveLength(3);
    const names = rows.map((r) => r.split(/ +/)[0]);
    expect(names).toEqual([
      `${mesh.podOf('istio-ingressgateway')}.istio-system`,
      `${mesh.podOf('productpage-v1')}.default`,
      `${mesh.podOf('reviews-v1')}.default`,
    ]);
    for (const r of rows)
      expect(r.split(/ +/).slice(1)).toEqual([
        'Kubernetes',
        'SYNCED',
        'SYNCED',
        'SYNCED',
        'SYNCED',
        'IGNORED',
        'mesh-dev',
        '1.30.0',
      ]);
  });

  it('aligns columns as Go tabwriter with padding 5 (every column starts at the same offset)', async () => {
    const out = await proxyStatusCommand({ controlPlane: mesh.api, color: false });
    const [header = '', ...rows] = lines(out.stdout);
    const widest = Math.max(...lines(out.stdout).map((l) => l.split(' ')[0]?.length ?? 0));
    expect(header.indexOf('CLUSTER')).toBe(widest + 5);
    for (const r of rows) expect(r.indexOf('Kubernetes')).toBe(widest + 5);
    expect(header.indexOf('CDS')).toBe(widest + 5 + 'Kubernetes'.length + 5);
  });

  it('paints SYNCED only when colour is on', async () => {
    const plain = await proxyStatusCommand({ controlPlane: mesh.api, color: false });
    expect(plain.stdout).not.toContain('\u001b[');
    const painted = await proxyStatusCommand({ controlPlane: mesh.api, color: true });
    expect(painted.stdout).toContain('\u001b[32mSYNCED\u001b[0m');
  });

  it('-o json prints the control plane status with every proxy and its xDS types', async () => {
    const out = await proxyStatusCommand({ controlPlane: mesh.api, output: 'json' });
    expect(out.exitCode).toBe(0);
    const status = JSON.parse(out.stdout) as {
      proxies: { pod: string; xds: Record<string, { status: string }> }[];
    };
    expect(status.proxies.map((p) => p.pod).sort()).toEqual(
      [mesh.podOf('istio-ingressgateway'), mesh.podOf('productpage-v1'), mesh.podOf('reviews-v1')].sort(),
    );
    expect(status.proxies.every((p) => p.xds.CDS?.status === 'SYNCED')).toBe(true);
  });

  it('refuses an unknown -o format', async () => {
    const out = await proxyStatusCommand({ controlPlane: mesh.api, output: 'xml' });
    expect(out.exitCode).toBe(1);
    expect(out.stderr.join('\n')).toMatch(/-o xml: unknown output format; expected one of table, json, yaml/);
  });
});

describe('mesh proxy-status PROXY (control plane vs proxy)', () => {
  it('says Clusters, Listeners and Routes Match for a synced sidecar named by prefix', async () => {
    const out = await proxyStatusCommand({ controlPlane: mesh.api, proxy: 'productpage' });
    expect(out.stderr).toEqual([]);
    expect(out.stdout).toMatch(
      /^Clusters Match\nListeners Match\nRoutes Match \(RDS last loaded at \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} UTC\)\n$/,
    );
    expect(out.exitCode).toBe(0);
  });

  it('matches for the gateway (by pod.namespace) and for a sidecar after DestinationRules and VirtualServices', async () => {
    const gw = await proxyStatusCommand({
      controlPlane: mesh.api,
      proxy: `${mesh.podOf('istio-ingressgateway')}.istio-system`,
    });
    expect(gw.stdout.split('\n').slice(0, 2)).toEqual(['Clusters Match', 'Listeners Match']);
    expect(gw.exitCode).toBe(0);
    await applySample(mesh, 'destination-rule-all.yaml');
    await applySample(mesh, 'virtual-service-all-v1.yaml');
    // The push is asynchronous: wait until the proxy's own routes name the VirtualService.
    await waitFor(async () => {
      const r = await proxyConfigCommand({ controlPlane: mesh.api, section: 'routes', proxy: 'reviews-v1' });
      return r.stdout.includes('reviews.default');
    }, 'reviews-v1 routes from virtual-service-all-v1.yaml');
    const out = await waitFor(async () => {
      const r = await proxyStatusCommand({ controlPlane: mesh.api, proxy: 'reviews-v1' });
      return r.exitCode === 0 ? r : undefined;
    }, 'reviews-v1 to match the control plane');
    expect(out.stdout).toMatch(/^Clusters Match\nListeners Match\nRoutes Match/);
  }, 30_000);

  it('prints a unified diff under "Clusters Don\'t Match" when the proxy lacks a cluster', async () => {
    const proxy = mesh.proxies.get('productpage-v1');
    const text = await (await fetch(`http://127.0.0.1:${proxy?.adminPort}/config_dump`)).text();
    const envoy = ConfigDump.parse(text, 'productpage');
    const raw = JSON.parse(text) as { configs: Record<string, unknown>[] };
    const section = raw.configs.find((c) => String(c['@type']).endsWith('ClustersConfigDump')) as {
      dynamic_active_clusters: { cluster: { name: string } }[];
    };
    section.dynamic_active_clusters = section.dynamic_active_clusters.filter(
      (c) => c.cluster.name !== 'outbound|9080||details.default.svc.cluster.local',
    );
    const result = compareDumps(envoy, ConfigDump.parse(JSON.stringify(raw), 'edited'));
    expect(result.match).toBe(false);
    expect(result.text).toMatch(
      /^Clusters Don't Match\n--- Istiod Clusters\n\+\+\+ Envoy Clusters\n@@ -\d+,\d+ \+\d+,\d+ @@\n/,
    );
    expect(result.text).toContain(
      '-                "name": "outbound|9080||details.default.svc.cluster.local"',
    );
    expect(result.text).toContain('\nListeners Match\n');
  });

  it('names the connected proxies when PROXY matches none (exit 1)', async () => {
    const out = await proxyStatusCommand({ controlPlane: mesh.api, proxy: 'ratings-v9' });
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr[0]).toContain(
      'no proxy "ratings-v9" is connected to the control plane; expected one of:',
    );
    expect(out.stderr[0]).toContain(`${mesh.podOf('reviews-v1')}.default`);
  });

  it('says no dev mesh runs when nothing answers on the control plane address', async () => {
    const out = await proxyStatusCommand({ controlPlane: '127.0.0.1:1' });
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toEqual([
      'mesh proxy-status: no dev mesh at 127.0.0.1:1: start one with `mesh dev DIR`',
    ]);
  });
});

describe('the writers', () => {
  it("prints NACK with the proxy's error, NOT SENT, STALE and IGNORED cells", () => {
    expect(typeCell({ status: 'NACK', nackMessage: 'cluster foo:\n  bad lb_policy' })).toBe(
      'NACK: cluster foo: bad lb_policy',
    );
    expect(typeCell({ status: 'NOT_SENT' })).toBe('NOT SENT');
    expect(typeCell({ status: 'STALE' })).toBe('STALE');
    expect(typeCell(undefined)).toBe('IGNORED');
    const rows = statusRows(
      [
        {
          nodeId: 'b',
          type: 'sidecar',
          pod: 'b-1',
          namespace: 'ns',
          xds: { CDS: { status: 'NACK', nackMessage: 'no' } },
        },
        { nodeId: 'a', type: 'sidecar', pod: 'a-1', namespace: 'ns', xds: {} },
      ],
      'mesh-dev',
      new Map([['a', '1.30.0']]),
    );
    expect(statusTable(rows, false)).toBe(
      [
        'NAME       CLUSTER        CDS          LDS         EDS         RDS         ECDS        ISTIOD       VERSION',
        'a-1.ns     Kubernetes     IGNORED      IGNORED     IGNORED     IGNORED     IGNORED     mesh-dev     1.30.0',
        'b-1.ns     Kubernetes     NACK: no     IGNORED     IGNORED     IGNORED     IGNORED     mesh-dev     -',
        '',
      ].join('\n'),
    );
  });

  it("prints difflib's unified diff: hunks with 7 lines of context, deletions before insertions", () => {
    const a = Array.from({ length: 40 }, (_, i) => `line ${i}\n`);
    const b = [...a];
    b[20] = 'x\n';
    b[22] = 'y\n';
    // The expected text is Python difflib.unified_diff(a, b, 'A', 'B', n=7), which Go's difflib ports.
    expect(unifiedDiff('A', a.join(''), 'B', b.join(''))).toBe(
      `--- A\n+++ B\n@@ -14,17 +14,17 @@\n${a
        .slice(13, 20)
        .map((l) => ` ${l}`)
        .join('')}-line 20\n+x\n line 21\n-line 22\n+y\n${a
        .slice(23, 30)
        .map((l) => ` ${l}`)
        .join('')}`,
    );
    expect(unifiedDiff('A', a.join(''), 'B', a.join(''))).toBe('');
  });
});

describe('the mesh binary', () => {
  it('prints the table with NO_COLOR and exits 0', async () => {
    const run = await runMesh(['proxy-status', '--control-plane', mesh.api]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stdout.split('\n')[0]).toMatch(/^NAME {5,}CLUSTER {5,}CDS {5,}LDS/);
    expect(run.stdout).toContain(`${mesh.podOf('productpage-v1')}.default`);
  });

  it('exits 1 with one clear line when no control plane answers', async () => {
    const run = await runMesh(['proxy-status', 'productpage', '--control-plane', '127.0.0.1:1']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(
      'mesh proxy-status: no dev mesh at 127.0.0.1:1: start one with `mesh dev DIR`',
    );
  });

  it('documents its options in --help', async () => {
    const run = await runMesh(['proxy-status', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--control-plane <host:port>');
    expect(run.stdout).toContain('-o, --output <format>');
  });
});
