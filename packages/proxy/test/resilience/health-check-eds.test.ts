// Active health checks with EDS and with outlier detection: a host EDS adds to a health-checked cluster starts
// unhealthy (FAILED_ACTIVE_HC + PENDING_ACTIVE_HC) and gets no request before it passes a check; a retriable
// status counts toward unhealthy_threshold instead of failing the host at once; a passing check returns a host
// outlier detection ejected (successful_active_health_check_uneject_host, default true), or does not when that is
// false.
import type { Cluster, ClusterLoadAssignment } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type Resources, send, startHarness, waitFor } from '../helpers/harness.js';
import {
  assignment,
  edsCluster,
  hcm,
  httpListener,
  routeConfig,
  routeTo,
  staticCluster,
  vhost,
} from '../helpers/resources.js';
import { type ControlledUpstream, startControlled } from './outlier-upstreams.js';

let h: Harness;
let a: ControlledUpstream;
let b: ControlledUpstream;
let r: ControlledUpstream;
let failing: ControlledUpstream;
const port = () => h.proxy.listenerPort('l') ?? 0;
const stat = (name: string) => h.proxy.stats.value(name);

function check(extra: Partial<NonNullable<Cluster['health_checks']>[number]> = {}) {
  return {
    timeout: { nanos: 500_000_000 },
    interval: { nanos: 100_000_000 },
    no_traffic_interval: { nanos: 100_000_000 },
    unhealthy_threshold: { value: 3 },
    healthy_threshold: { value: 1 },
    http_health_check: { path: '/healthz' },
    ...extra,
  };
}

async function flags(c: string, p: number): Promise<string> {
  const text = (await send(h.proxy.adminPort, '/clusters')).body;
  return (
    text
      .split('\n')
      .find((l) => l.startsWith(`${c}::127.0.0.1:${p}::health_flags::`))
      ?.split('::')[3] ?? ''
  );
}

async function flagsBecome(c: string, p: number, want: string): Promise<void> {
  let last = '';
  const until = Date.now() + 5_000;
  while (last !== want && Date.now() < until) {
    last = await flags(c, p);
    if (last !== want) await new Promise((res) => setTimeout(res, 20));
  }
  expect(last).toBe(want);
}

function resources(eds: ClusterLoadAssignment, steadyTimeout = '1'): Resources {
  const od = {
    consecutive_5xx: { value: 2 },
    base_ejection_time: { seconds: '60' },
    max_ejection_percent: { value: 100 },
  };
  return {
    clusters: [
      edsCluster('eds', { health_checks: [check()] }),
      staticCluster('retriable', [r.port], {
        health_checks: [
          check({
            http_health_check: { path: '/healthz', retriable_statuses: [{ start: '503', end: '504' }] },
          }),
        ],
      }),
      staticCluster('uneject', [a.port, failing.port], {
        health_checks: [check()],
        outlier_detection: od,
      }),
      // The body must contain "status" then "up" (hex payloads) within the first 64 bytes.
      staticCluster('body', [r.port], {
        health_checks: [
          check({
            http_health_check: {
              path: '/healthz',
              receive: [
                { text: Buffer.from('status').toString('hex') },
                { text: Buffer.from('up').toString('hex') },
              ],
              response_buffer_size: { value: '64' },
            },
          }),
        ],
      }),
      // No panic mode: a host that lost its health state on a cluster update would get no request at all.
      staticCluster('steady', [a.port], {
        connect_timeout: { seconds: steadyTimeout },
        // The second version checks first after a random 0 to 5 s (initial_jitter): its hosts keep their health.
        health_checks: [check(steadyTimeout === '1' ? {} : { initial_jitter: { seconds: '5' } })],
        common_lb_config: { healthy_panic_threshold: { value: 0 } },
      }),
      staticCluster('keep', [a.port, failing.port], {
        health_checks: [check()],
        outlier_detection: { ...od, successful_active_health_check_uneject_host: { value: false } },
      }),
    ],
    endpoints: [eds],
    listeners: [httpListener('l', 9080, hcm({ rds: 'r' }))],
    routes: [
      routeConfig('r', [
        vhost(
          'all',
          ['*'],
          [
            routeTo('eds', '/eds'),
            routeTo('uneject', '/uneject'),
            routeTo('keep', '/keep'),
            routeTo('steady', '/steady'),
          ],
        ),
      ]),
    ],
  };
}

beforeAll(async () => {
  [a, b, r, failing] = await Promise.all([
    startControlled('a'),
    startControlled('b'),
    startControlled('r'),
    startControlled('failing', 500),
  ]);
  h = await startHarness(resources(assignment('eds', [a.port])));
}, 15_000);

afterAll(async () => {
  await h?.close();
  for (const u of [a, b, r, failing]) await u?.close();
});

describe('health checks with EDS and outlier detection', () => {
  it('a host EDS adds gets no request before it passes a health check', async () => {
    await flagsBecome('eds', a.port, 'healthy');
    b.healthStatus = 503;
    await h.push(resources(assignment('eds', [a.port, b.port])));
    // Sent at once after the update: the new host is unhealthy until checked, then fails its check.
    for (let i = 0; i < 10; i++) expect((await send(port(), '/eds')).headers['x-upstream']).toBe('a');
    expect(b.served).toBe(0);
    await flagsBecome('eds', b.port, '/failed_active_hc');
    b.healthStatus = 200;
    await flagsBecome('eds', b.port, 'healthy');
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) seen.add(String((await send(port(), '/eds')).headers['x-upstream']));
    expect(seen).toEqual(new Set(['a', 'b']));
  });

  it('a retriable status counts toward unhealthy_threshold instead of failing the host at once', async () => {
    await flagsBecome('retriable', r.port, 'healthy');
    const before = stat('cluster.retriable.health_check.failure');
    r.healthStatus = 503;
    await flagsBecome('retriable', r.port, '/failed_active_hc');
    expect(stat('cluster.retriable.health_check.failure') - before).toBeGreaterThanOrEqual(3);
  });

  it('a passing health check returns a host outlier detection ejected', async () => {
    await flagsBecome('uneject', failing.port, 'healthy');
    for (let i = 0; i < 8 && stat('cluster.uneject.outlier_detection.ejections_active') === 0; i++) {
      await send(port(), '/uneject');
    }
    expect(stat('cluster.uneject.outlier_detection.ejections_enforced_consecutive_5xx')).toBe(1);
    // base_ejection_time is 60 s: only the health check (every 100 ms, /healthz answers 200) brings it back.
    await waitFor(() => stat('cluster.uneject.outlier_detection.ejections_active') === 0, 3_000, 'uneject');
    expect(await flags('uneject', failing.port)).toBe('healthy');
  });

  it('with successful_active_health_check_uneject_host false it stays ejected', async () => {
    await flagsBecome('keep', failing.port, 'healthy');
    for (let i = 0; i < 8 && stat('cluster.keep.outlier_detection.ejections_active') === 0; i++) {
      await send(port(), '/keep');
    }
    expect(stat('cluster.keep.outlier_detection.ejections_active')).toBe(1);
    const passed = stat('cluster.keep.health_check.success');
    await waitFor(() => stat('cluster.keep.health_check.success') >= passed + 6, 3_000, 'six passing checks');
    expect(stat('cluster.keep.outlier_detection.ejections_active')).toBe(1);
    expect(await flags('keep', failing.port)).toBe('/failed_outlier_check');
  });

  it('a cluster update keeps the health its hosts had (no request fails while the new version checks)', async () => {
    await flagsBecome('steady', a.port, 'healthy');
    await h.push(resources(assignment('eds', [a.port, b.port]), '2'));
    for (let i = 0; i < 5; i++) expect((await send(port(), '/steady')).status).toBe(200);
    expect(await flags('steady', a.port)).toBe('healthy');
  });

  it('HTTP receive payloads: the body must contain the blocks in order, within response_buffer_size', async () => {
    r.healthStatus = 200;
    r.healthBody = '{"status": "all up"}';
    await flagsBecome('body', r.port, 'healthy');
    r.healthBody = '{"up": "status"}'; // both blocks, in the wrong order
    await flagsBecome('body', r.port, '/failed_active_hc');
    r.healthBody = '{"status": "up"}';
    await flagsBecome('body', r.port, 'healthy');
    r.healthBody = `${' '.repeat(64)}{"status": "up"}`; // beyond the first 64 bytes
    await flagsBecome('body', r.port, '/failed_active_hc');
  });
});
