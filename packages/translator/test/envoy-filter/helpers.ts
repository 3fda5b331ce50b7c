// EnvoyFilter test helpers: bookinfo (Istio's sample) + bookinfo-gateway + inline EnvoyFilter YAML loaded through the
// model's loader (so messages carry real file:line), translated for productpage's sidecar or the ingress gateway.
import { buildRegistry, encode } from '@minimesh/model';
import { expect } from 'vitest';
import { formatMessage, type TranslationMessage } from '../../src/messages.js';
import { type MeshProxy, parseProxy } from '../../src/proxy.js';
import { PushContext } from '../../src/push-context.js';
import { type Translation, translate } from '../../src/translate.js';
import { BOOKINFO, INGRESS_SERVICE, ingress, load, net, productpage, WORKLOADS } from '../route/fixtures.js';

export type ProxyKind = 'sidecar' | 'gateway';

/** Indents a YAML block under `spec:`. */
function indent(text: string, by: number): string {
  const pad = ' '.repeat(by);
  return text
    .trim()
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

/** An EnvoyFilter document; `body` is YAML of spec fields (configPatches, priority, workloadSelector). */
export function envoyFilter(name: string, body: string, namespace = 'default'): string {
  return `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
${indent(body, 2)}
`;
}

/** One-patch EnvoyFilter: applyTo, match (YAML) and patch (YAML). */
export function onePatch(
  name: string,
  applyTo: string,
  match: string,
  patch: string,
  namespace = 'default',
): string {
  return envoyFilter(
    name,
    `configPatches:
- applyTo: ${applyTo}
  match:
${indent(match, 4)}
  patch:
${indent(patch, 4)}`,
    namespace,
  );
}

/**
 * Translation of bookinfo + bookinfo-gateway + Istio networking `files` + `inline` documents for the sidecar or the
 * gateway (or `proxy`).
 */
export async function translateWith(
  kind: ProxyKind,
  inline: readonly string[] = [],
  proxy?: MeshProxy,
  files: readonly string[] = [],
): Promise<Translation> {
  const paths = [BOOKINFO, net('bookinfo-gateway.yaml'), ...files.map(net)];
  const resources = await load(paths, [INGRESS_SERVICE, ...inline]);
  const registry = buildRegistry(resources, { workloads: WORKLOADS });
  return translate(proxy ?? (kind === 'sidecar' ? productpage : ingress), new PushContext(registry));
}

/** productpage's proxy reporting an Istio version. */
export function productpageAt(istioVersion: string): MeshProxy {
  return parseProxy({ id: productpage.id, labels: productpage.labels, istioVersion });
}

/** Every listener, route and cluster strictly encodes. */
export function expectEncodes(t: Translation): void {
  for (const l of t.listeners)
    expect(() => encode('envoy.config.listener.v3.Listener', l), l.name).not.toThrow();
  for (const r of t.routes)
    expect(() => encode('envoy.config.route.v3.RouteConfiguration', r), r.name).not.toThrow();
  for (const c of t.clusters)
    expect(() => encode('envoy.config.cluster.v3.Cluster', c), c.name).not.toThrow();
}

/** Messages of EnvoyFilters only, formatted. */
export function envoyFilterMessages(t: Translation): string[] {
  return t.messages
    .filter((m: TranslationMessage) => m.resource?.startsWith('EnvoyFilter'))
    .map(formatMessage);
}

type Obj = Record<string, unknown>;

export function listener(t: Translation, name: string): Obj | undefined {
  return t.listeners.find((l) => l.name === name) as Obj | undefined;
}

/** Filter chains of a listener. */
export function chains(t: Translation, name: string): Obj[] {
  return (listener(t, name)?.filter_chains as Obj[] | undefined) ?? [];
}

/** The HCM typed_config of the first HCM filter of the listener's chain `index`. */
export function hcm(t: Translation, name: string, index = 0): Obj | undefined {
  const filters = (chains(t, name)[index]?.filters as Obj[] | undefined) ?? [];
  const f = filters.find((x) => x.name === 'envoy.filters.network.http_connection_manager');
  return f?.typed_config as Obj | undefined;
}

/** Names of the HTTP filters of the listener's first HCM. */
export function httpFilterNames(t: Translation, name: string, index = 0): string[] {
  return ((hcm(t, name, index)?.http_filters as Obj[] | undefined) ?? []).map((f) => String(f.name));
}

/** Names of the network filters of the listener's chain `index`. */
export function networkFilterNames(t: Translation, name: string, index = 0): string[] {
  return ((chains(t, name)[index]?.filters as Obj[] | undefined) ?? []).map((f) => String(f.name));
}

export function routeConfig(t: Translation, name: string): Obj | undefined {
  return t.routes.find((r) => r.name === name) as Obj | undefined;
}

export function virtualHost(t: Translation, rc: string, vh: string): Obj | undefined {
  return ((routeConfig(t, rc)?.virtual_hosts as Obj[] | undefined) ?? []).find((v) => v.name === vh);
}

export function cluster(t: Translation, name: string): Obj | undefined {
  return t.clusters.find((c) => c.name === name) as Obj | undefined;
}
