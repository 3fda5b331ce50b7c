// The scope key of a proxy: everything about the proxy that the shared (outbound) resources depend on. Two proxies
// with one scope key get the same outbound clusters, endpoints, virtual hosts, route configs and outbound
// listeners, so a push builds them once (istiod shares them the same way through its SidecarScope and XdsCache).
// The key holds the proxy type, namespace, DNS domain, address family, locality, and the proxy's labels restricted
// to the label keys some Istio config of the registry selects on (Sidecar, DestinationRule and EnvoyFilter
// workload selectors, policy selectors, VirtualService sourceLabels, locality failoverPriority): labels no config
// looks at cannot change a shared resource. Per-proxy parts (inbound) are not shared.
import { type LoadedResource, localityFromLabels, type Registry } from '@minimesh/model';
import type { MeshProxy } from '../proxy.js';

/** Property names whose object values are label selectors (keys are label names). */
const SELECTOR_FIELDS: ReadonlySet<string> = new Set(['labels', 'matchLabels', 'sourceLabels', 'selector']);

/** Kinds whose `labels` describe the workload itself or endpoints, never which proxies a config applies to. */
const SELF_LABELLED: ReadonlySet<string> = new Set(['WorkloadEntry', 'WorkloadGroup', 'ServiceEntry']);

const perResource = new WeakMap<object, readonly string[]>();
const perRegistry = new WeakMap<Registry, readonly string[]>();

function collect(value: unknown, out: Set<string>, selector: boolean): void {
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out, false);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (selector && typeof v === 'string') out.add(k);
    if (k === 'failoverPriority' && Array.isArray(v)) {
      // `label` or `label=value` entries (Istio 1.20+ allows an explicit value).
      for (const entry of v) if (typeof entry === 'string') out.add(entry.split('=')[0] ?? entry);
    }
    collect(v, out, SELECTOR_FIELDS.has(k));
  }
}

function labelKeysOf(r: LoadedResource): readonly string[] {
  let keys = perResource.get(r);
  if (keys === undefined) {
    const out = new Set<string>();
    // Only Istio configs select proxies; Kubernetes selectors (Service.spec.selector) select endpoints.
    if (r.known && r.group.endsWith('istio.io') && !SELF_LABELLED.has(r.kind))
      collect((r.object as { spec?: unknown }).spec, out, false);
    keys = Object.freeze([...out]);
    perResource.set(r, keys);
  }
  return keys;
}

/** Label keys some Istio config of `registry` selects proxies by, sorted. */
export function relevantLabelKeys(registry: Registry): readonly string[] {
  let keys = perRegistry.get(registry);
  if (keys === undefined) {
    const out = new Set<string>();
    for (const r of registry.resources()) for (const k of labelKeysOf(r)) out.add(k);
    keys = Object.freeze([...out].sort());
    perRegistry.set(registry, keys);
  }
  return keys;
}

/** The scope key of `proxy` in `registry` (see the file comment). */
export function scopeKeyOf(registry: Registry, proxy: MeshProxy): string {
  const labels: string[] = [];
  for (const k of relevantLabelKeys(registry)) {
    const v = proxy.labels[k];
    if (v !== undefined) labels.push(k, v);
  }
  const ips = proxy.ipAddresses;
  const v6 = ips.length > 0 && ips.every((ip) => ip.includes(':'));
  return JSON.stringify([
    proxy.type,
    proxy.namespace,
    proxy.dnsDomain,
    v6,
    proxy.proxyless,
    localityFromLabels(proxy.labels),
    labels,
  ]);
}
