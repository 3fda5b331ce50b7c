import {
  type ClusterLoadAssignment,
  encode,
  type LoadedResource,
  toProto3Json,
  type WorkloadInput,
} from '@minimesh/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEndpoints } from '../../src/endpoint/build-endpoints.js';
import { loadSample, manifests, sidecarOf, world } from '../cluster/fixtures.js';

const REVIEWS = 'reviews.default.svc.cluster.local';
const CLA = 'envoy.config.endpoint.v3.ClusterLoadAssignment';

let bookinfo: LoadedResource[];
let drAll: LoadedResource[];
beforeAll(async () => {
  bookinfo = await loadSample('platform/kube/bookinfo.yaml');
  drAll = await loadSample('networking/destination-rule-all.yaml');
});

function productpageEds(resources: LoadedResource[], workloads?: WorkloadInput[], names?: string[]) {
  const w = world(resources, workloads);
  const proxy = sidecarOf('productpage-v1-0', {
    app: 'productpage',
    version: 'v1',
    'topology.kubernetes.io/region': 'us-west',
    'topology.kubernetes.io/zone': 'us-west-1a',
  });
  const eds = buildEndpoints(proxy, w.push, w.sink, names);
  for (const cla of eds) encode(CLA, cla);
  return eds;
}

function named(eds: readonly ClusterLoadAssignment[], name: string): ClusterLoadAssignment {
  const cla = eds.find((e) => e.cluster_name === name);
  if (cla === undefined) throw new Error(`no assignment ${name}`);
  return cla;
}

const addresses = (cla: ClusterLoadAssignment) =>
  (cla.endpoints ?? []).map((g) =>
    (g.lb_endpoints ?? []).map((e) => e.endpoint?.address?.socket_address?.address),
  );

describe('buildEndpoints for Bookinfo', () => {
  it('gives every EDS cluster of the proxy an assignment, sorted by cluster name', () => {
    const eds = productpageEds([...bookinfo, ...drAll]);
    const names = eds.map((e) => e.cluster_name);
    expect(names).toEqual([...names].sort());
    expect(names).toHaveLength(14);
    expect(names).not.toContain('inbound|9080||');
  });

  it('keeps the endpoints of the subset and writes what istiod writes for each', () => {
    const eds = productpageEds([...bookinfo, ...drAll]);
    expect(addresses(named(eds, `outbound|9080||${REVIEWS}`))).toEqual([
      ['10.0.0.41', '10.0.0.42', '10.0.0.43'],
    ]);
    const v2 = named(eds, `outbound|9080|v2|${REVIEWS}`);
    expect(toProto3Json(CLA, v2)).toEqual({
      cluster_name: `outbound|9080|v2|${REVIEWS}`,
      endpoints: [
        {
          locality: {},
          lb_endpoints: [
            {
              endpoint: { address: { socket_address: { address: '10.0.0.42', port_value: 9080 } } },
              health_status: 'HEALTHY',
              metadata: {
                filter_metadata: {
                  'envoy.transport_socket_match': { tlsMode: 'istio' },
                  istio: { workload: 'reviews-v2-0;default;reviews;v2;Kubernetes' },
                },
              },
              load_balancing_weight: 1,
            },
          ],
          load_balancing_weight: 1,
        },
      ],
    });
    // A subset whose labels select nothing is fine: an empty assignment.
    expect(named(eds, 'outbound|9080|v2-mysql|ratings.default.svc.cluster.local').endpoints).toBeUndefined();
  });

  it('answers for the names asked, with an empty assignment for unknown ones', () => {
    const eds = productpageEds([...bookinfo, ...drAll], undefined, [
      `outbound|9080|v3|${REVIEWS}`,
      'outbound|9080||nowhere.default.svc.cluster.local',
      'inbound|9080||',
      'PassthroughCluster',
      `outbound|9080|v3|${REVIEWS}`,
    ]);
    expect(eds.map((e) => e.cluster_name)).toEqual([
      `outbound|9080|v3|${REVIEWS}`,
      'outbound|9080||nowhere.default.svc.cluster.local',
    ]);
    expect(addresses(eds[0] as ClusterLoadAssignment)).toEqual([['10.0.0.43']]);
    expect(eds[1]).toEqual({ cluster_name: 'outbound|9080||nowhere.default.svc.cluster.local' });
  });

  it('is deterministic and matches the golden EDS of productpage', async () => {
    const a = productpageEds([...bookinfo, ...drAll]).map((e) => toProto3Json(CLA, e));
    const b = productpageEds([...bookinfo, ...drAll]).map((e) => toProto3Json(CLA, e));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    await expect(`${JSON.stringify(a, null, 2)}\n`).toMatchFileSnapshot(
      './__golden__/productpage-endpoints.json',
    );
  });
});

const LOCALITY_WORKLOADS: WorkloadInput[] = [
  { name: 'productpage-v1-0', labels: { app: 'productpage', version: 'v1' }, address: '10.0.0.21' },
  {
    name: 'reviews-a',
    labels: { app: 'reviews', version: 'v1' },
    address: '10.1.0.1',
    locality: 'us-west/us-west-1a',
  },
  {
    name: 'reviews-b',
    labels: { app: 'reviews', version: 'v1' },
    address: '10.1.0.2',
    locality: 'us-west/us-west-1b',
    weight: 3,
  },
  {
    name: 'reviews-c',
    labels: { app: 'reviews', version: 'v2' },
    address: '10.1.0.3',
    locality: 'us-east/us-east-1a',
  },
  {
    name: 'reviews-d',
    labels: { app: 'reviews', version: 'v2' },
    address: '10.1.0.4',
    locality: 'eu-west/eu-west-1a',
  },
  {
    name: 'reviews-e',
    labels: { app: 'reviews', version: 'v3' },
    address: '10.1.0.5',
    locality: 'us-west/us-west-1a',
    healthy: false,
  },
];

const reviewsRule = (policy: string) =>
  manifests(`
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: default }
spec:
  host: reviews
  trafficPolicy: ${policy}
`);

describe('locality', () => {
  it('groups endpoints by locality in sorted order, sums weights and drops unhealthy endpoints', () => {
    const cla = named(productpageEds(bookinfo, LOCALITY_WORKLOADS), `outbound|9080||${REVIEWS}`);
    expect(
      (cla.endpoints ?? []).map((g) => [g.locality, g.load_balancing_weight?.value, g.priority]),
    ).toEqual([
      [{ region: 'eu-west', zone: 'eu-west-1a' }, 1, undefined],
      [{ region: 'us-east', zone: 'us-east-1a' }, 1, undefined],
      [{ region: 'us-west', zone: 'us-west-1a' }, 1, undefined],
      [{ region: 'us-west', zone: 'us-west-1b' }, 3, undefined],
    ]);
    expect(addresses(cla).flat()).not.toContain('10.1.0.5');
  });

  it('distributes load by the first rule matching the proxy locality', () => {
    const rule = reviewsRule(`
    loadBalancer:
      localityLbSetting:
        distribute:
        - { from: 'eu-west/*', to: { 'eu-west/*': 100 } }
        - { from: 'us-west/*', to: { 'us-west/us-west-1a': 60, 'us-east/*': 40 } }`);
    const cla = named(
      productpageEds([...bookinfo, ...rule], LOCALITY_WORKLOADS),
      `outbound|9080||${REVIEWS}`,
    );
    expect(
      (cla.endpoints ?? []).map((g) => [
        g.locality?.zone,
        g.load_balancing_weight?.value,
        g.lb_endpoints?.length,
      ]),
    ).toEqual([
      ['eu-west-1a', 1, 0],
      ['us-east-1a', 40, 1],
      ['us-west-1a', 60, 1],
      ['us-west-1b', 3, 0],
    ]);
  });

  it('fails over by distance from the proxy only when outlier detection is on', () => {
    const failover = `
    loadBalancer:
      localityLbSetting:
        failover: [{ from: us-west, to: eu-west }]`;
    const without = named(
      productpageEds([...bookinfo, ...reviewsRule(failover)], LOCALITY_WORKLOADS),
      `outbound|9080||${REVIEWS}`,
    );
    expect((without.endpoints ?? []).every((g) => g.priority === undefined)).toBe(true);
    const withOutlier = named(
      productpageEds(
        [...bookinfo, ...reviewsRule(`${failover}\n    outlierDetection: { consecutive5xxErrors: 5 }`)],
        LOCALITY_WORKLOADS,
      ),
      `outbound|9080||${REVIEWS}`,
    );
    // Same zone 0, same region 1 (dense), the failover region 2, any other region 3.
    expect((withOutlier.endpoints ?? []).map((g) => [g.locality?.zone, g.priority])).toEqual([
      ['eu-west-1a', 2],
      ['us-east-1a', 3],
      ['us-west-1a', 0],
      ['us-west-1b', 1],
    ]);
  });

  it('orders by shared labels with failoverPriority', () => {
    const rule = reviewsRule(`
    loadBalancer:
      localityLbSetting:
        failoverPriority: [version]
    outlierDetection: { consecutive5xxErrors: 5 }`);
    const cla = named(
      productpageEds([...bookinfo, ...rule], LOCALITY_WORKLOADS),
      `outbound|9080||${REVIEWS}`,
    );
    // The proxy is version v1: reviews-a and reviews-b share it (priority 0), the v2 ones do not (1).
    expect(
      (cla.endpoints ?? []).map((g) => [g.locality?.zone, g.priority, addresses({ endpoints: [g] }).flat()]),
    ).toEqual([
      ['eu-west-1a', 1, ['10.1.0.4']],
      ['us-east-1a', 1, ['10.1.0.3']],
      ['us-west-1a', 0, ['10.1.0.1']],
      ['us-west-1b', 0, ['10.1.0.2']],
    ]);
  });
});

describe('endpoints outside the mesh', () => {
  it('gives ServiceEntry endpoints no mTLS match and their own locality', () => {
    const entry = manifests(`
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: vms, namespace: default }
spec:
  hosts: [vm.internal]
  location: MESH_INTERNAL
  resolution: STATIC
  ports: [{ number: 8080, name: http, protocol: HTTP }]
  endpoints: [{ address: 10.20.0.2, locality: us-east/a, weight: 5 }]
`);
    const [cla] = productpageEds([...bookinfo, ...entry], undefined, ['outbound|8080||vm.internal']);
    expect(toProto3Json(CLA, cla as ClusterLoadAssignment)).toEqual({
      cluster_name: 'outbound|8080||vm.internal',
      endpoints: [
        {
          locality: { region: 'us-east', zone: 'a' },
          lb_endpoints: [
            {
              endpoint: { address: { socket_address: { address: '10.20.0.2', port_value: 8080 } } },
              health_status: 'HEALTHY',
              metadata: { filter_metadata: { istio: { workload: 'vms-0;default;vms-0;;Kubernetes' } } },
              load_balancing_weight: 5,
            },
          ],
          load_balancing_weight: 5,
        },
      ],
    });
  });
});
