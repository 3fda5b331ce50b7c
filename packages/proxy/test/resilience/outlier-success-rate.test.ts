// The interval sweep's ejections (Envoy's success-rate and failure-percentage outlier detection): five hosts, one
// answering 500 to every request; consecutive 5xx ejection is detected but not enforced (enforcing 0), so only
// the sweep can eject. Success rate: mean 80 %, stdev 40, threshold 80 - 1.9 x 40 = 4 %: the failing host (0 %)
// is below it. Failure percentage: 100 % failures >= the 85 % threshold.
import type { Cluster } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, send, startHarness } from '../helpers/harness.js';
import { hcm, httpListener, routeConfig, routeTo, staticCluster, vhost } from '../helpers/resources.js';
import { type ControlledUpstream, startControlled } from './outlier-upstreams.js';

let h: Harness;
let ups: ControlledUpstream[];
const port = () => h.proxy.listenerPort('l') ?? 0;
const stat = (name: string) => h.proxy.stats.value(name);

const sweepOnly = {
  interval: { nanos: 300_000_000 },
  base_ejection_time: { seconds: '30' },
  max_ejection_percent: { value: 100 },
  enforcing_consecutive_5xx: { value: 0 },
};

/**
 * Requests in bursts until `done` (each burst gives every host at least 10 requests in some 300 ms interval);
 * `look` runs after each burst, before its pause and before `done` is asked.
 */
async function driveUntil(path: string, done: () => boolean, look?: () => Promise<void>): Promise<void> {
  for (let round = 0; round < 12 && !done(); round++) {
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        for (let i = 0; i < 12; i++) await send(port(), path);
      }),
    );
    await look?.();
    await new Promise((r) => setTimeout(r, 350));
  }
}

beforeAll(async () => {
  ups = await Promise.all(
    ['a', 'b', 'c', 'd', 'failing'].map((n) => startControlled(n, n === 'failing' ? 500 : 200)),
  );
  const ports = ups.map((u) => u.port);
  const clusters: Cluster[] = [
    staticCluster('sr', ports, {
      outlier_detection: { ...sweepOnly, success_rate_request_volume: { value: 10 } },
    }),
    staticCluster('fp', ports, {
      outlier_detection: {
        ...sweepOnly,
        enforcing_success_rate: { value: 0 },
        enforcing_failure_percentage: { value: 100 },
        failure_percentage_request_volume: { value: 10 },
      },
    }),
  ];
  h = await startHarness({
    clusters,
    listeners: [httpListener('l', 9080, hcm({ rds: 'r' }))],
    routes: [routeConfig('r', [vhost('all', ['*'], [routeTo('sr', '/sr'), routeTo('fp', '/fp')])])],
  });
}, 15_000);

afterAll(async () => {
  await h?.close();
  for (const u of ups ?? []) await u.close();
});

describe('success-rate and failure-percentage ejection', () => {
  it('ejects the host whose success rate is below mean - 1.9 stdev', async () => {
    await driveUntil('/sr', () => stat('cluster.sr.outlier_detection.ejections_active') > 0);
    expect(stat('cluster.sr.outlier_detection.ejections_enforced_success_rate')).toBe(1);
    expect(stat('cluster.sr.outlier_detection.ejections_enforced_consecutive_5xx')).toBe(0);
    expect(stat('cluster.sr.outlier_detection.ejections_detected_consecutive_5xx')).toBeGreaterThan(0);
    const text = (await send(h.proxy.adminPort, '/clusters')).body;
    const failing = ups[4]?.port ?? 0;
    expect(text).toContain(`sr::127.0.0.1:${failing}::health_flags::/failed_outlier_check`);
    const served = ups[4]?.served ?? 0;
    for (let i = 0; i < 10; i++) expect((await send(port(), '/sr')).status).toBe(200);
    expect(ups[4]?.served).toBe(served);
  });

  it('ejects the host whose failure percentage reaches failure_percentage_threshold', async () => {
    await driveUntil('/fp', () => stat('cluster.fp.outlier_detection.ejections_active') > 0);
    expect(stat('cluster.fp.outlier_detection.ejections_enforced_failure_percentage')).toBe(1);
    expect(stat('cluster.fp.outlier_detection.ejections_enforced_success_rate')).toBe(0);
    const text = (await send(h.proxy.adminPort, '/clusters')).body;
    expect(text).toContain(`fp::127.0.0.1:${ups[4]?.port ?? 0}::health_flags::/failed_outlier_check`);
    for (let i = 0; i < 10; i++) expect((await send(port(), '/fp')).status).toBe(200);
  });

  it("shows each host's success rate of the last interval in /clusters", async () => {
    const good = ups[0]?.port ?? 0;
    const line = `fp::127.0.0.1:${good}::success_rate::100`;
    let text = '';
    await driveUntil(
      '/fp',
      () => text.includes(line),
      async () => {
        text = (await send(h.proxy.adminPort, '/clusters')).body;
      },
    );
    expect(text).toContain(line);
    expect(text).toContain(`fp::127.0.0.1:${good}::local_origin_success_rate::-1`);
  });
});
