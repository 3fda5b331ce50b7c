// ReferenceGrant (gateway.networking.k8s.io): a namespace's permission for objects of other namespaces to refer to
// its objects. Without one, a route's backendRef (or a Gateway's certificateRef) across namespaces is refused
// (Istio 1.30 gatewaycommon.ReferenceGrants: BackendAllowed / SecretAllowed).
import type { LoadedResource, ReferenceGrant, Registry } from '@minimesh/model';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** One side of a reference: group ('' for core), kind, namespace, and (for the target) name. */
export interface ReferenceEnd {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
}

export class ReferenceGrants {
  readonly #byNamespace = new Map<string, LoadedResource<ReferenceGrant>[]>();

  constructor(registry: Registry) {
    for (const g of registry.configs(
      `${GATEWAY_GROUP}/ReferenceGrant`,
    ) as readonly LoadedResource<ReferenceGrant>[]) {
      const ns = g.namespace ?? 'default';
      const list = this.#byNamespace.get(ns) ?? [];
      list.push(g);
      this.#byNamespace.set(ns, list);
    }
  }

  /** True when a grant in `to.namespace` lets objects like `from` refer to the object `name` of `to`'s kind. */
  allows(from: ReferenceEnd, to: ReferenceEnd, name: string): boolean {
    if (from.namespace === to.namespace) return true;
    for (const g of this.#byNamespace.get(to.namespace) ?? []) {
      const { spec } = g.object;
      const fromOk = spec.from.some(
        (f) => f.group === from.group && f.kind === from.kind && f.namespace === from.namespace,
      );
      if (!fromOk) continue;
      // `to.name` unset grants every object of the kind.
      if (spec.to.some((t) => t.group === to.group && t.kind === to.kind && (t.name ?? name) === name))
        return true;
    }
    return false;
  }

  /** The grant list is part of what a conversion depends on (memo fingerprints). */
  fingerprint(): string {
    return [...this.#byNamespace.values()]
      .flat()
      .map((g) => `${g.namespace}/${g.name}:${JSON.stringify(g.object.spec)}`)
      .sort()
      .join('|');
  }
}
