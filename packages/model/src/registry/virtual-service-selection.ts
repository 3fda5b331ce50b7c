// The VirtualServices one namespace and gateway select, indexed for lookup by host: exact (resolved) hosts in a
// map, wildcard hosts in a list, and each VirtualService's position (istiod's order: oldest first, then name).
import type { LoadedResource } from '../loader/loaded-resource.js';
import type { VirtualService } from '../schema/istio/virtual-service.js';
import { isWildcardHost } from './hostname.js';
import { virtualServiceHosts } from './scope.js';

export interface VirtualServiceSelection {
  readonly all: readonly LoadedResource<VirtualService>[];
  /** Exact (resolved) host -> the VirtualServices naming it, in `all` order. */
  readonly byHost: ReadonlyMap<string, readonly LoadedResource<VirtualService>[]>;
  /** VirtualServices with at least one wildcard host. */
  readonly wildcards: readonly LoadedResource<VirtualService>[];
  readonly order: ReadonlyMap<LoadedResource<VirtualService>, number>;
}

/** Indexes `selected` (already in istiod's order); frozen. */
export function indexVirtualServices(
  selected: readonly LoadedResource<VirtualService>[],
  domainSuffix: string,
): VirtualServiceSelection {
  const all = Object.freeze([...selected]);
  const byHost = new Map<string, LoadedResource<VirtualService>[]>();
  const wildcards: LoadedResource<VirtualService>[] = [];
  const order = new Map<LoadedResource<VirtualService>, number>();
  all.forEach((vs, i) => {
    order.set(vs, i);
    let wildcard = false;
    for (const host of new Set(virtualServiceHosts(vs, domainSuffix))) {
      if (isWildcardHost(host)) wildcard = true;
      else {
        const list = byHost.get(host);
        if (list) list.push(vs);
        else byHost.set(host, [vs]);
      }
    }
    if (wildcard) wildcards.push(vs);
  });
  for (const list of byHost.values()) Object.freeze(list);
  return { all, byHost, wildcards, order };
}
