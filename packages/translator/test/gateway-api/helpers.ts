// Gateway API test inputs: Istio's real samples (bookinfo, httpbin, tcp-echo gateway-api files) loaded with the
// model's loader, a registry with workloads for each app and the auto-deployed gateway pods, and the proxies.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildRegistry,
  encode,
  type LoadedResource,
  type Registry,
  type WorkloadInput,
} from '@minimesh/model';
import { expect } from 'vitest';
import { formatProxyId, type MeshProxy, parseProxy } from '../../src/proxy.js';
import { PushContext } from '../../src/push-context.js';
import { type Translation, translate } from '../../src/translate.js';
import { load } from '../route/fixtures.js';

// Relative to the package directory (vitest's cwd) so recorded file names are the same on every machine.
export const SAMPLES = relative(
  process.cwd(),
  fileURLToPath(new URL('../../../../../shared/istio-samples/samples', import.meta.url)),
);
export const sample = (path: string): string => `${SAMPLES}/${path}`;
export const BOOKINFO = [
  sample('bookinfo/platform/kube/bookinfo.yaml'),
  sample('bookinfo/platform/kube/bookinfo-versions.yaml'),
];
export const BOOKINFO_GATEWAY = sample('bookinfo/gateway-api/bookinfo-gateway.yaml');

export const WORKLOADS: WorkloadInput[] = [
  { name: 'productpage-v1-abc', address: '10.0.0.1', labels: { app: 'productpage', version: 'v1' } },
  { name: 'details-v1-abc', address: '10.0.0.2', labels: { app: 'details', version: 'v1' } },
  { name: 'reviews-v1-abc', address: '10.0.0.3', labels: { app: 'reviews', version: 'v1' } },
  { name: 'reviews-v2-abc', address: '10.0.0.4', labels: { app: 'reviews', version: 'v2' } },
  { name: 'reviews-v3-abc', address: '10.0.0.5', labels: { app: 'reviews', version: 'v3' } },
  { name: 'ratings-v1-abc', address: '10.0.0.6', labels: { app: 'ratings', version: 'v1' } },
  { name: 'httpbin-abc', address: '10.0.0.7', labels: { app: 'httpbin', version: 'v1' } },
  { name: 'tcp-echo-v1-abc', address: '10.0.0.11', labels: { app: 'tcp-echo', version: 'v1' } },
  { name: 'tcp-echo-v2-abc', address: '10.0.0.12', labels: { app: 'tcp-echo', version: 'v2' } },
  { name: 'echo-abc', namespace: 'other', address: '10.0.2.1', labels: { app: 'echo' } },
];

/** A pod of the auto-deployed gateway `name` (namespace default), labelled as istiod labels it. */
export function gatewayProxy(name: string): MeshProxy {
  return parseProxy({
    id: formatProxyId('router', '10.0.1.1', `${name}-istio-abc`, 'default'),
    labels: { 'gateway.networking.k8s.io/gateway-name': name },
  });
}

export const productpage: MeshProxy = parseProxy({
  id: formatProxyId('sidecar', '10.0.0.1', 'productpage-v1-abc', 'default'),
  labels: { app: 'productpage', version: 'v1' },
});

export interface World {
  readonly resources: readonly LoadedResource[];
  readonly registry: Registry;
  readonly push: PushContext;
}

/**
 * Loads files and inline YAML into a registry. `drop` removes loaded resources by `<file suffix>:Kind/name` (two
 * samples that both define `TCPRoute tcp-echo` cannot be applied together).
 */
export async function world(
  files: readonly string[],
  inline: readonly string[] = [],
  drop: readonly string[] = [],
): Promise<World> {
  const all = await load(files, inline);
  const dropped = (r: LoadedResource) =>
    drop.some((d) => {
      const [file = '', what = ''] = d.split(':');
      return r.source.file.endsWith(file) && what === `${r.kind}/${r.name}`;
    });
  const resources = all.filter((r) => !dropped(r));
  const registry = buildRegistry(resources, { workloads: WORKLOADS });
  return { resources, registry, push: new PushContext(registry) };
}

const cache = new Map<string, Promise<Translation>>();

/** The translation of `proxy` for files + inline documents, cached per input (a table translates each once). */
export function translated(
  proxy: MeshProxy,
  files: readonly string[],
  inline: readonly string[] = [],
  drop: readonly string[] = [],
): Promise<Translation> {
  const key = JSON.stringify([proxy.id, files, inline, drop]);
  let t = cache.get(key);
  if (t === undefined) {
    t = world(files, inline, drop).then((w) => translate(proxy, w.push));
    cache.set(key, t);
  }
  return t;
}

/** Every generated resource strictly encodes with the model's codec. */
export function expectEncodes(t: Translation): void {
  const groups: [string, readonly unknown[]][] = [
    ['envoy.config.listener.v3.Listener', t.listeners],
    ['envoy.config.route.v3.RouteConfiguration', t.routes],
    ['envoy.config.cluster.v3.Cluster', t.clusters],
    ['envoy.config.endpoint.v3.ClusterLoadAssignment', t.endpoints],
  ];
  for (const [type, list] of groups)
    for (const r of list) expect(() => encode(type, r as never)).not.toThrow();
}
