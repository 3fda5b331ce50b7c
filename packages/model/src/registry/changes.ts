// Which service hostnames one resource change touches, judged in the version before (with the old resource)
// and the version after (with the new one), so that a push can rebuild only what depends on them.
import type { LoadedResource } from '../loader/loaded-resource.js';
import type { DestinationRule } from '../schema/istio/destination-rule.js';
import type { VirtualService } from '../schema/istio/virtual-service.js';
import type { EndpointSlice } from '../schema/kube/endpoints.js';
import type { DerivationCache } from './derive.js';
import { sliceServiceName } from './endpoints.js';
import { hostsIntersect, resolveShortName } from './hostname.js';
import { labelsMatch } from './labels.js';
import { kindOf, MeshKind, namespaceOf, typed } from './mesh-kinds.js';
import type { Registry } from './registry.js';
import { virtualServiceHosts } from './scope.js';

/** Sorted, unique, frozen hostnames affected by replacing `before` with `after` (either may be absent). */
export function affectedHostnames(
  prev: Registry,
  next: Registry,
  cache: DerivationCache,
  before: LoadedResource | undefined,
  after: LoadedResource | undefined,
): readonly string[] {
  const out = new Set<string>();
  const sides: [Registry, LoadedResource | undefined][] = [
    [prev, before],
    [next, after],
  ];
  for (const [registry, r] of sides) {
    if (r?.known) collect(registry, cache, r, out);
  }
  return Object.freeze([...out].sort());
}

function collect(registry: Registry, cache: DerivationCache, r: LoadedResource, out: Set<string>): void {
  const namespace = namespaceOf(r);
  switch (kindOf(r)) {
    case MeshKind.Service:
    case MeshKind.ServiceEntry:
      for (const s of cache.services(r)) out.add(s.hostname);
      return;
    case MeshKind.Pod:
    case MeshKind.WorkloadEntry:
      for (const instance of cache.instances(r)) {
        for (const s of registry.servicesInNamespace(instance.namespace)) {
          if (s.selector !== undefined) {
            if (labelsMatch(s.selector, instance.labels)) out.add(s.hostname);
          } else if (s.source === 'kubernetes' && s.externalName === undefined) {
            // Selector-less: listed by its Endpoints or EndpointSlices.
            if (registry.serviceEndpoints(s).some((e) => e.instance.origin === instance.origin))
              out.add(s.hostname);
          }
        }
      }
      return;
    case MeshKind.Endpoints:
      addKubeService(registry, namespace, r.name, out);
      return;
    case MeshKind.EndpointSlice: {
      const name = sliceServiceName(typed<EndpointSlice>(r));
      if (name !== undefined) addKubeService(registry, namespace, name, out);
      return;
    }
    case MeshKind.VirtualService:
      addCovered(registry, virtualServiceHosts(typed<VirtualService>(r), registry.domainSuffix), out);
      return;
    case MeshKind.DestinationRule: {
      const host = resolveShortName(
        typed<DestinationRule>(r).object.spec.host,
        namespace,
        registry.domainSuffix,
      );
      addCovered(registry, [host], out);
      return;
    }
    default:
      return;
  }
}

function addKubeService(registry: Registry, namespace: string, name: string, out: Set<string>): void {
  for (const s of registry.servicesInNamespace(namespace)) {
    if (s.source === 'kubernetes' && s.name === name) out.add(s.hostname);
  }
}

/** Services whose hostname intersects one of `hosts` (a config's hosts, wildcards allowed). */
function addCovered(registry: Registry, hosts: readonly string[], out: Set<string>): void {
  for (const s of registry.services()) {
    if (hosts.some((h) => hostsIntersect(h, s.hostname))) out.add(s.hostname);
  }
}
