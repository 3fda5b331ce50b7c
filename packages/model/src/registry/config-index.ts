// Validated resources by kind key and namespace, in namespace/name order; frozen lists. Resources the loader did
// not validate (`known: false`) are left out: the registry never interprets an unchecked shape.
import type { LoadedResource } from '../loader/loaded-resource.js';
import { compareByNamespaceName, kindOf, namespaceOf } from './mesh-kinds.js';

const EMPTY: readonly never[] = Object.freeze([]);

export class ConfigIndex {
  readonly #byKind = new Map<string, readonly LoadedResource[]>();
  readonly #byKindNs = new Map<string, Map<string, readonly LoadedResource[]>>();

  constructor(resources: Iterable<LoadedResource>) {
    const byKind = new Map<string, LoadedResource[]>();
    for (const r of resources) if (r.known) push(byKind, kindOf(r), r);
    for (const [kind, list] of byKind) {
      list.sort(compareByNamespaceName);
      this.#byKind.set(kind, Object.freeze(list));
      const byNs = new Map<string, LoadedResource[]>();
      for (const r of list) push(byNs, namespaceOf(r), r);
      for (const l of byNs.values()) Object.freeze(l);
      this.#byKindNs.set(kind, byNs);
    }
  }

  /** Every validated resource of a kind key. */
  of(kind: string): readonly LoadedResource[] {
    return this.#byKind.get(kind) ?? EMPTY;
  }

  /** Validated resources of a kind key in one namespace ('' for cluster-scoped kinds). */
  in(kind: string, namespace: string): readonly LoadedResource[] {
    return this.#byKindNs.get(kind)?.get(namespace) ?? EMPTY;
  }
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
