// EDS follows the patched clusters: a cluster an EnvoyFilter removed gets no ClusterLoadAssignment (Envoy would
// never ask for it), and the other assignments are unchanged.
import { describe, expect, it } from 'vitest';
import { onePatch, translateWith } from './helpers.js';

const REVIEWS = 'outbound|9080||reviews.default.svc.cluster.local';

describe('endpoints after EnvoyFilter cluster patches', () => {
  it('builds no assignment for an EDS cluster a patch removed', async () => {
    const before = await translateWith('sidecar');
    expect(before.endpoints.map((e) => e.cluster_name)).toContain(REVIEWS);
    const after = await translateWith('sidecar', [
      onePatch(
        'drop-reviews',
        'CLUSTER',
        'context: SIDECAR_OUTBOUND\ncluster: { service: reviews.default.svc.cluster.local, portNumber: 9080 }',
        'operation: REMOVE',
      ),
    ]);
    expect(after.clusters.map((c) => c.name)).not.toContain(REVIEWS);
    expect(after.endpoints.map((e) => e.cluster_name)).not.toContain(REVIEWS);
    expect(after.endpoints.length).toBe(before.endpoints.length - 1);
  });
});
