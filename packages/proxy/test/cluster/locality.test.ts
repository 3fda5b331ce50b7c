// Locality-weighted load balancing (common_lb_config.locality_weighted_lb_config): traffic split across localities
// by their load_balancing_weight, and a locality's share scaled by its healthy hosts. (A locality without a weight
// beside weighted ones cannot be tested: the xds-server refuses such a ClusterLoadAssignment.)
import type { ClusterLoadAssignment } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, send, startHarness } from '../helpers/harness.js';
import { edsCluster, hcm, httpListener, routeConfig, routeTo, vhost } from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';

let h: Harness;
let ups: Upstream[];
const port = () => h.proxy.listenerPort('l') ?? 0;

function locality(zone: string, ports: number[], weight?: number, unhealthy: number[] = []) {
  return {
    locality: { region: 'r', zone },
    ...(weight === undefined ? {} : { load_balancing_weight: { value: weight } }),
    lb_endpoints: ports.map((p) => ({
      endpoint: { address: { socket_address: { address: '127.0.0.1', port_value: p } } },
      ...(unhealthy.includes(p) ? { health_status: 'UNHEALTHY' as const } : {}),
    })),
  };
}

async function spread(path: string, n: number): Promise<Record<string, number>> {
  const count: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const who = (await send(port(), path)).json<{ upstream: string }>().upstream;
    count[who] = (count[who] ?? 0) + 1;
  }
  return count;
}

beforeAll(async () => {
  ups = await Promise.all(['z1', 'z2', 'z2b'].map((n) => startUpstream(n)));
  const [z1, z2, z2b] = ups.map((u) => u.port) as [number, number, number];
  const weighted = { common_lb_config: { locality_weighted_lb_config: {} } };
  const endpoints: ClusterLoadAssignment[] = [
    { cluster_name: 'split', endpoints: [locality('a', [z1], 1), locality('b', [z2], 3)] },
    // Zone b has one of its two hosts unhealthy: its effective weight is halved (3 x 1/2 against 1.5 for a).
    { cluster_name: 'scaled', endpoints: [locality('a', [z1], 3), locality('b', [z2, z2b], 3, [z2b])] },
  ];
  h = await startHarness({
    clusters: [edsCluster('split', weighted), edsCluster('scaled', weighted)],
    endpoints,
    listeners: [httpListener('l', 9080, hcm({ rds: 'r' }))],
    routes: [
      routeConfig('r', [vhost('all', ['*'], [routeTo('split', '/split'), routeTo('scaled', '/scaled')])]),
    ],
  });
}, 15_000);

afterAll(async () => {
  await h?.close();
  for (const u of ups ?? []) await u.close();
});

describe('locality-weighted load balancing', () => {
  it('splits by locality weight', async () => {
    const count = await spread('/split', 200);
    // 1:3 expected (50 / 150); bounds about 4 standard deviations wide.
    expect(count.z2 ?? 0).toBeGreaterThan(125);
    expect(count.z2 ?? 0).toBeLessThan(175);
  });
  it('scales a locality by its share of healthy hosts', async () => {
    const count = await spread('/scaled', 200);
    expect(count.z2b).toBeUndefined();
    // 3 x 1 against 3 x 1/2: two thirds to z1 (133 of 200 expected).
    expect(count.z1 ?? 0).toBeGreaterThan(108);
    expect(count.z1 ?? 0).toBeLessThan(160);
  });
});
