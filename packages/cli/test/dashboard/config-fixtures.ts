// Shared fixtures of the dashboard config tests: examples/bookinfo loaded with the model's loaders (its manifests
// and the Istio task configs under networking/), the planned proxies' node ids, and recorded requests.
import { resolve } from 'node:path';
import type { LoadedResource } from '@minimesh/model';
import type { RequestRecord, WorkloadRef } from '../../src/dashboard/protocol.js';
import { loadInputs } from '../../src/dev/load-inputs.js';
import { planWorkloads } from '../../src/dev/workloads.js';
import { MANIFESTS, OUR_NETWORKING } from '../offline-fixtures.js';

export { MANIFESTS, OUR_NETWORKING };
export const DR_ALL = `${OUR_NETWORKING}/destination-rule-all.yaml`;
export const ALL_V1 = `${OUR_NETWORKING}/request-routing/virtual-service-all-v1.yaml`;
export const TEST_V2 = `${OUR_NETWORKING}/request-routing/virtual-service-reviews-test-v2.yaml`;
export const SHIFT_50 = `${OUR_NETWORKING}/traffic-shifting/virtual-service-reviews-50-v3.yaml`;
export const ABORT = `${OUR_NETWORKING}/fault-injection/virtual-service-ratings-test-abort.yaml`;

export const reviews = (subset: string, port = 9080) =>
  `outbound|${port}|${subset}|reviews.default.svc.cluster.local`;

/** The resources of `paths` (files or directories), merged as successive applies; throws on a load error. */
export async function load(...paths: string[]): Promise<readonly LoadedResource[]> {
  const r = await loadInputs(paths.map((p) => resolve(p)));
  if (!r.ok) throw new Error(`fixtures do not load: ${JSON.stringify(r.diagnostics)}`);
  return r.resources;
}

/** Node id of the first planned instance (sidecar or gateway) whose workload is `workload`. */
export function nodeIdOf(resources: readonly LoadedResource[], workload: string): string {
  const plan = planWorkloads(resources);
  const i = [...plan.instances, ...plan.gateways].find((x) => x.workloadName === workload);
  if (i === undefined) throw new Error(`no planned instance of ${workload}`);
  return i.proxyId;
}

const ref = (workload: string, app: string, version?: string): WorkloadRef => ({
  kind: 'workload',
  namespace: 'default',
  workload,
  app,
  ...(version === undefined ? {} : { version }),
});

let nextId = 1;

/** A request productpage's sidecar reported (source) to reviews, that took `cluster`. */
export function reviewsRecord(
  proxy: string,
  cluster: string,
  time: number,
  extra: Partial<RequestRecord> = {},
): RequestRecord {
  const id = nextId++;
  const version = /\|(v\d)\|/.exec(cluster)?.[1];
  return {
    id,
    time,
    reporter: 'source',
    proxy,
    source: ref('productpage-v1', 'productpage', 'v1'),
    destination: ref(`reviews-${version ?? 'v1'}`, 'reviews', version),
    service: 'reviews.default.svc.cluster.local',
    method: 'GET',
    path: '/reviews/0',
    authority: 'reviews:9080',
    protocol: 'HTTP/1.1',
    status: 200,
    durationMs: 12,
    flags: '-',
    cluster,
    requestId: `req-${id}`,
    configVersion: 0,
    ...extra,
  };
}
