// The `istio.workload` endpoint metadata names the workload as istiod does (IstioEndpoint.WorkloadName, 1.30): a
// Deployment's pod by its Deployment (ownerReferences: ReplicaSet `<deployment>-<pod-template-hash>`), a pod without
// a controller by its own name, a caller workload by its `workloadName`.
import { type ClusterLoadAssignment, encode, type LoadedResource } from '@minimesh/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEndpoints } from '../../src/endpoint/build-endpoints.js';
import { loadSample, manifests, sidecarOf, world } from '../cluster/fixtures.js';

/** A running pod of bookinfo's details-v1 Deployment, as the API server shows it. */
const DETAILS_POD = `apiVersion: v1
kind: Pod
metadata:
  name: details-v1-65cfcf56f9-x2k9p
  generateName: details-v1-65cfcf56f9-
  namespace: default
  labels: { app: details, version: v1, pod-template-hash: 65cfcf56f9 }
  ownerReferences:
  - { apiVersion: apps/v1, kind: ReplicaSet, name: details-v1-65cfcf56f9, controller: true, uid: u-1 }
spec:
  serviceAccountName: bookinfo-details
  containers: [{ name: details, image: details, ports: [{ containerPort: 9080 }] }]
status: { phase: Running, podIP: 10.0.0.12 }
---
apiVersion: v1
kind: Pod
metadata:
  name: ratings-debug
  namespace: default
  labels: { app: ratings, version: v1, pod-template-hash: 65cfcf56f9 }
spec:
  serviceAccountName: bookinfo-ratings
  containers: [{ name: ratings, image: ratings, ports: [{ containerPort: 9080 }] }]
status: { phase: Running, podIP: 10.0.0.32 }
`;

const workloadOf = (eds: readonly ClusterLoadAssignment[], cluster: string, address: string) =>
  eds
    .find((e) => e.cluster_name === cluster)
    ?.endpoints?.flatMap((g) => g.lb_endpoints ?? [])
    .find((e) => e.endpoint?.address?.socket_address?.address === address)?.metadata?.filter_metadata?.istio
    ?.fields?.workload;

describe('istio.workload endpoint metadata', () => {
  let bookinfo: LoadedResource[] = [];
  beforeAll(async () => {
    bookinfo = await loadSample('platform/kube/bookinfo.yaml');
  });

  it('names pods after their Deployment, others after themselves, caller workloads by workloadName', () => {
    const w = world(
      [...bookinfo, ...manifests(DETAILS_POD)],
      [
        {
          name: 'reviews-v2-7d79d5bd5d-abcde',
          workloadName: 'reviews-v2',
          address: '10.0.0.42',
          labels: { app: 'reviews', version: 'v2' },
          serviceAccount: 'bookinfo-reviews',
        },
        { name: 'productpage-v1-0', address: '10.0.0.21', labels: { app: 'productpage', version: 'v1' } },
      ],
    );
    const eds = buildEndpoints(sidecarOf('productpage-v1-0'), w.push, w.sink);
    for (const cla of eds)
      expect(() => encode('envoy.config.endpoint.v3.ClusterLoadAssignment', cla)).not.toThrow();
    const C = (svc: string) => `outbound|9080||${svc}.default.svc.cluster.local`;
    expect(workloadOf(eds, C('details'), '10.0.0.12')).toEqual({
      stringValue: 'details-v1;default;details;v1;Kubernetes',
    });
    // No generateName / controller: istiod keeps the pod name, whatever its labels say.
    expect(workloadOf(eds, C('ratings'), '10.0.0.32')).toEqual({
      stringValue: 'ratings-debug;default;ratings;v1;Kubernetes',
    });
    expect(workloadOf(eds, C('reviews'), '10.0.0.42')).toEqual({
      stringValue: 'reviews-v2;default;reviews;v2;Kubernetes',
    });
    expect(workloadOf(eds, C('productpage'), '10.0.0.21')).toEqual({
      stringValue: 'productpage-v1-0;default;productpage;v1;Kubernetes',
    });
  });
});
