// What one resource contributes to the registry (its services, its instances), computed once per resource
// object and shared by every registry version of a lineage: an unchanged resource is the same (frozen) object
// in the next version, so `apply` reuses its services and instances instead of converting it again.
import type { LoadedResource } from '../loader/loaded-resource.js';
import type { ServiceEntry } from '../schema/istio/service-entry.js';
import type { WorkloadEntry } from '../schema/istio/workload-entry.js';
import type { Pod } from '../schema/kube/pod.js';
import type { Service } from '../schema/kube/service.js';
import { serviceFromKubernetes, servicesFromServiceEntry } from './build-services.js';
import {
  instanceFromPod,
  instanceFromWorkloadEntry,
  instancesFromServiceEntry,
  type WorkloadInstance,
} from './instances.js';
import { isKind, MeshKind, typed } from './mesh-kinds.js';
import type { MeshService } from './service.js';

const NONE: readonly never[] = Object.freeze([]);

interface Derived {
  readonly services: readonly MeshService[];
  readonly instances: readonly WorkloadInstance[];
}

/** Per-lineage cache of derivations; the domain suffix is fixed for a lineage. */
export class DerivationCache {
  readonly #domainSuffix: string;
  readonly #cache = new WeakMap<LoadedResource, Derived>();

  constructor(domainSuffix: string) {
    this.#domainSuffix = domainSuffix;
  }

  /** The services `r` declares: one for a Service, one per host for a ServiceEntry, none otherwise. */
  services(r: LoadedResource): readonly MeshService[] {
    return this.#derive(r).services;
  }

  /** The instances `r` is: a Pod with an IP, a WorkloadEntry, a ServiceEntry's inline endpoints. */
  instances(r: LoadedResource): readonly WorkloadInstance[] {
    return this.#derive(r).instances;
  }

  #derive(r: LoadedResource): Derived {
    const hit = this.#cache.get(r);
    if (hit !== undefined) return hit;
    const d = this.#compute(r);
    this.#cache.set(r, d);
    return d;
  }

  #compute(r: LoadedResource): Derived {
    if (isKind(r, MeshKind.Service)) {
      return {
        services: Object.freeze([serviceFromKubernetes(typed<Service>(r), this.#domainSuffix)]),
        instances: NONE,
      };
    }
    if (isKind(r, MeshKind.ServiceEntry)) {
      const se = typed<ServiceEntry>(r);
      return {
        services: Object.freeze(servicesFromServiceEntry(se)),
        instances: Object.freeze(instancesFromServiceEntry(se)),
      };
    }
    if (isKind(r, MeshKind.Pod)) {
      const i = instanceFromPod(typed<Pod>(r));
      return { services: NONE, instances: i === undefined ? NONE : Object.freeze([i]) };
    }
    if (isKind(r, MeshKind.WorkloadEntry)) {
      return {
        services: NONE,
        instances: Object.freeze([instanceFromWorkloadEntry(typed<WorkloadEntry>(r))]),
      };
    }
    return { services: NONE, instances: NONE };
  }
}
