// Inputs of the cache tests: bookinfo + Istio's networking samples (the variants of one VirtualService or
// DestinationRule are real edits of one resource), generated extra services, WorkloadEntries as endpoint changes,
// and a seeded random walk of such changes; plus the proxies the tests translate for.
import {
  encode,
  type LoadedResource,
  loadManifests,
  MeshKind,
  type Registry,
  type RegistryUpdate,
  resourceKey,
} from '@minimesh/model';
import { expect } from 'vitest';
import { formatProxyId, type MeshProxy, parseProxy } from '../../src/proxy.js';
import type { Translation } from '../../src/translate.js';
import { BOOKINFO, INGRESS_SERVICE, load, net } from '../route/fixtures.js';

/** Parses inline YAML (one file name per call, so messages name it). */
export function yaml(text: string, file = 'cache-test.yaml'): LoadedResource[] {
  const r = loadManifests(text, { file });
  if (r.errors.length > 0) throw new Error(JSON.stringify(r.errors));
  return r.resources;
}

/** A Service `name` in `namespace` selecting `app: name`, optionally visible only in its own namespace. */
export function serviceYaml(name: string, namespace: string, privateToNamespace = false): string {
  const annotations = privateToNamespace ? ', annotations: { networking.istio.io/exportTo: "." }' : '';
  return `apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: ${namespace}${annotations} }
spec: { ports: [{ port: 9080, name: http }, { port: 3306, name: tcp-db }], selector: { app: ${name} } }`;
}

/** A WorkloadEntry (an endpoint) for `app` in `namespace`. */
export function workloadEntryYaml(
  name: string,
  namespace: string,
  app: string,
  version: string,
  address: string,
): string {
  return `apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: { name: ${name}, namespace: ${namespace} }
spec: { address: ${address}, labels: { app: ${app}, version: ${version} }, locality: us-east/zone-${version} }`;
}

const OTHER_NAMESPACE_CONFIG = `apiVersion: v1
kind: Service
metadata: { name: inventory, namespace: shop }
spec: { ports: [{ port: 9080, name: http }], selector: { app: inventory } }
---
${workloadEntryYaml('inventory-1', 'shop', 'inventory', 'v1', '10.2.0.1')}`;

/** Locality failover with outlier detection, and a consistent hash: DestinationRule edits beyond the samples. */
const RULE_VARIANTS = [
  `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: default }
spec:
  host: reviews
  trafficPolicy:
    outlierDetection: { consecutive5xxErrors: 3, interval: 5s }
    loadBalancer: { simple: ROUND_ROBIN, localityLbSetting: { enabled: true, failover: [{ from: us-east, to: us-west }] } }
  subsets:
  - { name: v1, labels: { version: v1 } }
  - { name: v2, labels: { version: v2 } }`,
  `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: ratings, namespace: default }
spec:
  host: ratings
  trafficPolicy: { loadBalancer: { consistentHash: { httpHeaderName: x-user } } }
  subsets:
  - { name: v1, labels: { version: v1 } }`,
];

/** A VirtualService routing productpage's calls to details by header, mirroring to ratings. */
const MIRROR_VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: details, namespace: default }
spec:
  hosts: [details]
  http:
  - match: [{ headers: { x-canary: { exact: "1" } } }]
    route: [{ destination: { host: reviews, subset: v2 } }]
  - route: [{ destination: { host: details } }]
    mirror: { host: ratings }
    mirrorPercentage: { value: 10 }`;

export interface Mesh {
  readonly base: LoadedResource[];
  /** Every version of a VirtualService or DestinationRule the walk may upsert (several per resourceKey). */
  readonly variants: LoadedResource[];
}

/** bookinfo + gateway + destination rules, a namespace `shop`, and the resources the walk draws from. */
export async function mesh(): Promise<Mesh> {
  const base = [
    ...(await load(
      [BOOKINFO, net('bookinfo-gateway.yaml'), net('destination-rule-all.yaml')],
      [INGRESS_SERVICE, OTHER_NAMESPACE_CONFIG],
    )),
  ];
  const files = [
    'virtual-service-all-v1.yaml',
    'virtual-service-reviews-50-v3.yaml',
    'virtual-service-reviews-jason-v2-v3.yaml',
    'virtual-service-reviews-v3.yaml',
    'virtual-service-ratings-test-abort.yaml',
    'virtual-service-details-v2.yaml',
    'destination-rule-all-mtls.yaml',
    'destination-rule-reviews.yaml',
  ].map(net);
  const variants = [...(await load(files, [MIRROR_VS, ...RULE_VARIANTS]))];
  return { base, variants };
}

/** A tiny seeded PRNG (mulberry32), so a failing walk replays exactly. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type ChangeKind =
  | 'vs-edit'
  | 'vs-remove'
  | 'dr-edit'
  | 'dr-remove'
  | 'service'
  | 'endpoint'
  | 'policy';

/** One random change of `kind` to `registry`, drawing from `m`. */
export function randomChange(
  kind: ChangeKind,
  registry: Registry,
  m: Mesh,
  next: () => number,
  step: number,
): RegistryUpdate {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const present = (k: string) => registry.configs(k).map((r) => resourceKey(r));
  switch (kind) {
    case 'vs-edit':
      return { upsert: [pick(m.variants.filter((r) => r.kind === 'VirtualService'))] };
    case 'dr-edit':
      return { upsert: [pick(m.variants.filter((r) => r.kind === 'DestinationRule'))] };
    case 'vs-remove':
    case 'dr-remove': {
      const keys = present(kind === 'vs-remove' ? MeshKind.VirtualService : MeshKind.DestinationRule);
      return keys.length === 0 ? {} : { remove: [pick(keys)] };
    }
    case 'service': {
      const name = `extra-${Math.floor(next() * 4)}`;
      const namespace = pick(['default', 'shop']);
      const existing = registry.configsIn(MeshKind.Service, namespace).find((s) => s.name === name);
      if (existing !== undefined) return { remove: [resourceKey(existing)] };
      return { upsert: yaml(serviceYaml(name, namespace, next() < 0.3), `service-${step}.yaml`) };
    }
    case 'endpoint': {
      const app = pick(['reviews', 'ratings', 'details', 'inventory', 'extra-0']);
      const namespace = app === 'inventory' ? 'shop' : 'default';
      const name = `we-${app}-${Math.floor(next() * 3)}`;
      const existing = registry.configsIn(MeshKind.WorkloadEntry, namespace).find((w) => w.name === name);
      if (existing !== undefined && next() < 0.5) return { remove: [resourceKey(existing)] };
      const address = `10.3.${Math.floor(next() * 200)}.${1 + Math.floor(next() * 200)}`;
      const doc = workloadEntryYaml(name, namespace, app, pick(['v1', 'v2', 'v3']), address);
      return { upsert: yaml(doc, `endpoint-${step}.yaml`) };
    }
    case 'policy':
      return {
        upsert: yaml(
          `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: default, namespace: default }
spec: { mtls: { mode: ${pick(['STRICT', 'PERMISSIVE', 'DISABLE'])} } }`,
          `policy-${step}.yaml`,
        ),
      };
  }
}

export const productpage: MeshProxy = parseProxy({
  id: formatProxyId('sidecar', '10.0.0.1', 'productpage-v1-abc', 'default'),
  labels: { app: 'productpage', version: 'v1' },
});
/** A second productpage pod: same scope as `productpage`, its own inbound side. */
export const productpage2: MeshProxy = parseProxy({
  id: formatProxyId('sidecar', '10.0.0.21', 'productpage-v1-xyz', 'default'),
  labels: { app: 'productpage', version: 'v1', 'pod-template-hash': 'xyz' },
});
export const reviewsV2: MeshProxy = parseProxy({
  id: formatProxyId('sidecar', '10.0.0.4', 'reviews-v2-abc', 'default'),
  labels: { app: 'reviews', version: 'v2', 'istio-locality': 'us-east.zone-v2' },
});
export const shopClient: MeshProxy = parseProxy({
  id: formatProxyId('sidecar', '10.2.0.9', 'client-1', 'shop'),
  labels: { app: 'client' },
});
export const ingressGateway: MeshProxy = parseProxy({
  id: formatProxyId('router', '10.0.0.9', 'istio-ingressgateway-abc', 'istio-system'),
  labels: { istio: 'ingressgateway' },
});

/** Every resource of `t` strictly encodes with the model's codec. */
export function expectEncodes(t: Translation): void {
  for (const x of t.listeners)
    expect(encode('envoy.config.listener.v3.Listener', x).length).toBeGreaterThan(0);
  for (const x of t.routes) encode('envoy.config.route.v3.RouteConfiguration', x);
  for (const x of t.clusters) expect(encode('envoy.config.cluster.v3.Cluster', x).length).toBeGreaterThan(0);
  for (const x of t.endpoints) encode('envoy.config.endpoint.v3.ClusterLoadAssignment', x);
}

/** Every resource of `t`, in one list. */
export function resourcesOf(t: Translation): readonly object[] {
  return [...t.listeners, ...t.routes, ...t.clusters, ...t.endpoints];
}
