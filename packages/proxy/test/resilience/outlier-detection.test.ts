// Outlier detection as Envoy does it (Cluster.outlier_detection), through a real proxy to real upstreams: a host
// answering 500 is ejected after consecutive_5xx errors, gets no request while ejected (clients see no error),
// shows /failed_outlier_check in /clusters and is counted in outlier_detection stats, then returns after
// base_ejection_time; consecutive gateway failures and (with split_external_local_origin_errors) consecutive
// connect failures eject too; max_ejection_percent caps ejections (ejections_overflow); the panic threshold
// sends traffic to every host when too few are healthy, and with healthy_panic_threshold 0 none is chosen (503 UH).
import { performance } from 'node:perf_hooks';
import type { Cluster } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XdsType } from '../../src/xds/ads-method.js';
import { type Harness, type Resources, send, startHarness, waitFor } from '../helpers/harness.js';
import { hcm, httpListener, routeConfig, routeTo, staticCluster, vhost } from '../helpers/resources.js';
import { type ControlledUpstream, deadPort, startControlled } from './outlier-upstreams.js';

let h: Harness;
let ok1: ControlledUpstream;
let ok2: ControlledUpstream;
let bad: ControlledUpstream;
let bad2: ControlledUpstream;
let gw: ControlledUpstream;
let dead: number;
let resources: Resources;
const port = () => h.proxy.listenerPort('l') ?? 0;

function ms(n: number) {
  return { seconds: String(Math.floor(n / 1000)), nanos: (n % 1000) * 1_000_000 };
}

type Outlier = NonNullable<Cluster['outlier_detection']>;

function cluster(name: string, ports: number[], od: Outlier, extra: Partial<Cluster> = {}): Cluster {
  return staticCluster(name, ports, { outlier_detection: { interval: ms(100), ...od }, ...extra });
}

async function admin(path: string): Promise<string> {
  return (await send(h.proxy.adminPort, path)).body;
}

function stat(name: string): number {
  return h.proxy.stats.value(name);
}

/** The health_flags line of host `p` in cluster `c` (text /clusters). */
async function flags(c: string, p: number): Promise<string> {
  const line = (await admin('/clusters'))
    .split('\n')
    .find((l) => l.startsWith(`${c}::127.0.0.1:${p}::health_flags::`));
  return line?.split('::')[3] ?? '';
}

/** `n` requests one after the other; statuses and who answered. */
async function burst(path: string, n: number): Promise<{ status: number; upstream: string }[]> {
  const out: { status: number; upstream: string }[] = [];
  for (let i = 0; i < n; i++) {
    const r = await send(port(), path);
    out.push({ status: r.status, upstream: String(r.headers['x-upstream'] ?? '') });
  }
  return out;
}

beforeAll(async () => {
  [ok1, ok2, bad, bad2, gw] = await Promise.all([
    startControlled('ok1'),
    startControlled('ok2'),
    startControlled('bad', 500),
    startControlled('bad2', 500),
    startControlled('gw', 502),
  ]);
  dead = await deadPort();
  const clusters: Cluster[] = [
    // Istio's circuit breaking task: consecutive5xxErrors 1..., maxEjectionPercent 100; here 3 errors, 2 s.
    cluster('c5xx', [ok1.port, ok2.port, bad.port], {
      consecutive_5xx: { value: 3 },
      base_ejection_time: ms(2000),
      max_ejection_percent: { value: 100 },
    }),
    cluster('cgw', [ok1.port, gw.port], {
      consecutive_5xx: { value: 1000 },
      consecutive_gateway_failure: { value: 2 },
      enforcing_consecutive_gateway_failure: { value: 100 },
      base_ejection_time: ms(30_000),
      max_ejection_percent: { value: 100 },
    }),
    cluster('clocal', [ok1.port, dead], {
      split_external_local_origin_errors: true,
      consecutive_local_origin_failure: { value: 2 },
      consecutive_5xx: { value: 1000 },
      base_ejection_time: ms(30_000),
      max_ejection_percent: { value: 100 },
    }),
    // Two failing hosts of three, max_ejection_percent 50: the second ejection would make 67 %.
    cluster('cmep', [ok1.port, bad.port, bad2.port], {
      consecutive_5xx: { value: 2 },
      base_ejection_time: ms(30_000),
      max_ejection_percent: { value: 50 },
    }),
    // The default max_ejection_percent (10 %) refuses even one ejection of three hosts...
    cluster('cdefault', [ok1.port, ok2.port, bad.port], { consecutive_5xx: { value: 2 } }),
    // ... unless always_eject_one_host.
    cluster('cone', [ok1.port, ok2.port, bad.port], {
      consecutive_5xx: { value: 2 },
      always_eject_one_host: { value: true },
      base_ejection_time: ms(30_000),
    }),
    // Every host failing and ejected: panic (default threshold 50 %) balances over all of them...
    cluster('cpanic', [bad.port, bad2.port], {
      consecutive_5xx: { value: 2 },
      base_ejection_time: ms(30_000),
      max_ejection_percent: { value: 100 },
    }),
    // ... and with healthy_panic_threshold 0 (Istio's, without minHealthPercent) there is no healthy upstream.
    cluster(
      'cnopanic',
      [bad.port, bad2.port],
      { consecutive_5xx: { value: 2 }, base_ejection_time: ms(30_000), max_ejection_percent: { value: 100 } },
      { common_lb_config: { healthy_panic_threshold: { value: 0 } } },
    ),
    // A host ejected again right after it returned (before the next sweep lowers its multiplier) stays out twice
    // as long: base_ejection_time x the multiplier.
    cluster('cback', [ok1.port, bad.port], {
      interval: ms(300),
      consecutive_5xx: { value: 2 },
      base_ejection_time: ms(1000),
      max_ejection_percent: { value: 100 },
    }),
    // Panic applies to EDS health too: both hosts UNHEALTHY (0 % healthy) still get the traffic.
    staticCluster('cedspanic', [ok1.port, ok2.port], {
      load_assignment: {
        cluster_name: 'cedspanic',
        endpoints: [
          {
            lb_endpoints: [ok1.port, ok2.port].map((p) => ({
              endpoint: { address: { socket_address: { address: '127.0.0.1', port_value: p } } },
              health_status: 'UNHEALTHY' as const,
            })),
          },
        ],
      },
    }),
  ];
  resources = {
    clusters,
    listeners: [httpListener('l', 9080, hcm({ rds: 'r' }))],
    routes: [
      routeConfig('r', [
        vhost(
          'all',
          ['*'],
          clusters.map((c) => routeTo(c.name ?? '', `/${c.name}`)),
        ),
      ]),
    ],
  };
  h = await startHarness(resources);
}, 15_000);

afterAll(async () => {
  await h?.close();
  for (const u of [ok1, ok2, bad, bad2, gw]) await u?.close();
});

describe('outlier detection', () => {
  it('ejects a host after consecutive 5xx, sends it nothing while ejected, then returns it', async () => {
    const before = bad.served;
    // Round robin over three hosts: the failing one has had its 3 errors after at most 9 requests (+ 2 slack).
    for (let i = 0; i < 11 && bad.served - before < 3; i++) await send(port(), '/c5xx');
    expect(bad.served - before).toBe(3);
    expect(await flags('c5xx', bad.port)).toBe('/failed_outlier_check');
    expect(stat('cluster.c5xx.outlier_detection.ejections_active')).toBe(1);
    expect(stat('cluster.c5xx.outlier_detection.ejections_enforced_total')).toBe(1);
    expect(stat('cluster.c5xx.outlier_detection.ejections_enforced_consecutive_5xx')).toBe(1);
    expect(stat('cluster.c5xx.outlier_detection.ejections_detected_consecutive_5xx')).toBe(1);
    // While it is ejected the clients see no error at all.
    const during = await burst('/c5xx', 20);
    expect(stat('cluster.c5xx.outlier_detection.ejections_active')).toBe(1); // still ejected after the burst
    expect(during.filter((r) => r.status !== 200)).toEqual([]);
    expect(new Set(during.map((r) => r.upstream))).toEqual(new Set(['ok1', 'ok2']));
    expect(bad.served - before).toBe(3);
    expect(await admin('/stats/prometheus')).toMatch(
      /envoy_cluster_outlier_detection_ejections_active\{envoy_cluster_name="c5xx"\} 1/,
    );
    // After base_ejection_time (2 s; the 100 ms sweep returns it) the host is back and gets requests again.
    await waitFor(() => stat('cluster.c5xx.outlier_detection.ejections_active') === 0, 5_000, 'uneject');
    expect(await flags('c5xx', bad.port)).toBe('healthy');
    const after = await burst('/c5xx', 6);
    expect(after.filter((r) => r.upstream === 'bad').length).toBeGreaterThan(0);
  });

  it('ejects on consecutive gateway failures (502, 503, 504)', async () => {
    for (let i = 0; i < 8 && stat('cluster.cgw.outlier_detection.ejections_active') === 0; i++) {
      await send(port(), '/cgw');
    }
    expect(stat('cluster.cgw.outlier_detection.ejections_enforced_consecutive_gateway_failure')).toBe(1);
    expect(stat('cluster.cgw.outlier_detection.ejections_enforced_consecutive_5xx')).toBe(0);
    expect(await flags('cgw', gw.port)).toBe('/failed_outlier_check');
    expect((await burst('/cgw', 10)).every((r) => r.status === 200 && r.upstream === 'ok1')).toBe(true);
  });

  it('ejects on consecutive local origin failures (connection refused) with the split', async () => {
    const seen: number[] = [];
    for (let i = 0; i < 8 && stat('cluster.clocal.outlier_detection.ejections_active') === 0; i++) {
      seen.push((await send(port(), '/clocal')).status);
    }
    expect(seen.filter((s) => s === 503).length).toBe(2); // the two connect failures (503 UF) before it
    expect(stat('cluster.clocal.outlier_detection.ejections_enforced_consecutive_local_origin_failure')).toBe(
      1,
    );
    expect(await flags('clocal', dead)).toBe('/failed_outlier_check');
    expect((await burst('/clocal', 10)).every((r) => r.status === 200)).toBe(true);
  });

  it('max_ejection_percent caps the ejected share (ejections_overflow)', async () => {
    await burst('/cmep', 12);
    expect(stat('cluster.cmep.outlier_detection.ejections_active')).toBe(1);
    expect(stat('cluster.cmep.outlier_detection.ejections_overflow')).toBeGreaterThan(0);
    const ejected = [await flags('cmep', bad.port), await flags('cmep', bad2.port)];
    expect(ejected.filter((f) => f === '/failed_outlier_check').length).toBe(1);
    // Default 10 % of three hosts: not even one is ejected; always_eject_one_host ejects one.
    await burst('/cdefault', 9);
    expect(stat('cluster.cdefault.outlier_detection.ejections_active')).toBe(0);
    expect(stat('cluster.cdefault.outlier_detection.ejections_overflow')).toBeGreaterThan(0);
    await burst('/cone', 9);
    expect(stat('cluster.cone.outlier_detection.ejections_active')).toBe(1);
    expect(await flags('cone', bad.port)).toBe('/failed_outlier_check');
  });

  it('panic threshold: with every host ejected traffic goes to all of them; with 0, none (503 UH)', async () => {
    await burst('/cpanic', 6);
    expect(stat('cluster.cpanic.outlier_detection.ejections_active')).toBe(2);
    const panic = await burst('/cpanic', 6);
    expect(new Set(panic.map((r) => r.upstream))).toEqual(new Set(['bad', 'bad2']));
    await burst('/cnopanic', 6);
    expect(stat('cluster.cnopanic.outlier_detection.ejections_active')).toBe(2);
    const none = await send(port(), '/cnopanic');
    expect(none.status).toBe(503);
    expect(none.body).toBe('no healthy upstream');
    expect(h.logs.at(-1)?.responseFlags).toContain('UH');
    const eds = await burst('/cedspanic', 4);
    expect(eds.every((r) => r.status === 200)).toBe(true);
    expect(new Set(eds.map((r) => r.upstream))).toEqual(new Set(['ok1', 'ok2']));
    expect(await flags('cedspanic', ok1.port)).toBe('/failed_eds_health');
  });

  it('shows the outlier lines and flags in /clusters JSON', async () => {
    const doc = JSON.parse(await admin('/clusters?format=json')) as {
      cluster_statuses: { name: string; host_statuses: { health_status: Record<string, unknown> }[] }[];
    };
    const cgw = doc.cluster_statuses.find((c) => c.name === 'cgw');
    expect(cgw?.host_statuses.map((s) => s.health_status.failed_outlier_check === true)).toEqual([
      false,
      true,
    ]);
    expect(await admin('/clusters')).toContain('cgw::outlier::success_rate_ejection_threshold::-1');
  });

  it('ejects for base_ejection_time x the ejection multiplier (a second ejection in a row lasts twice as long)', async () => {
    const active = () => stat('cluster.cback.outlier_detection.ejections_active');
    const eject = async () => {
      for (let i = 0; i < 8 && active() === 0; i++) await send(port(), '/cback');
      expect(active()).toBe(1);
      return performance.now();
    };
    const back = async () => {
      await waitFor(() => active() === 0, 6_000, 'the host to return');
      return performance.now();
    };
    const ejected1 = await eject();
    const first = (await back()) - ejected1;
    const ejected2 = await eject();
    const second = (await back()) - ejected2;
    // Lower bounds only (a slow machine makes ejections look longer, never shorter).
    expect(first).toBeGreaterThanOrEqual(990);
    expect(second).toBeGreaterThanOrEqual(1990);
    expect(stat('cluster.cback.outlier_detection.ejections_enforced_consecutive_5xx')).toBe(2);
  });

  it('NACKs an outlier_detection it cannot honour, keeping the last good config', async () => {
    const nacks = h.proxy.xds.typeState(XdsType.cluster).nacks;
    await h.push({
      ...resources,
      clusters: [
        ...(resources.clusters ?? []),
        cluster('cbad', [ok1.port], { base_ejection_time: ms(60_000), max_ejection_time: ms(10_000) }),
      ],
    });
    expect(h.proxy.xds.typeState(XdsType.cluster).nacks).toBe(nacks + 1);
    const status = h.server.proxyStatus()[0]?.types.find((t) => t.typeUrl === XdsType.cluster);
    expect(status?.nackMessage).toMatch(
      /Cluster "cbad": outlier_detection.max_ejection_time must not be below base_ejection_time/,
    );
    expect((await send(port(), '/cgw')).status).toBe(200);
  });
});
