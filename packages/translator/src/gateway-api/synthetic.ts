// The converted configs as LoadedResources the registry and the route builders read: typed Istio objects whose
// `source` is the Gateway API object they came from, so route metadata and messages point at the HTTPRoute's (or
// Gateway's) file and line. Memoized by source resource identity (WeakMap): an unchanged input gives the same
// converted object across pushes, which lets translation be incremental by input identity.
import type { Gateway, LoadedResource, Located, ResourceSource, VirtualService } from '@minimesh/model';

type Path = (string | number)[];

/** Where each generated list item came from: `spec.http[i]` -> a resource and a path inside it. */
export interface Origin {
  readonly resource: LoadedResource;
  readonly path: Path;
}

const ISTIO_GROUP = 'networking.istio.io';
const ISTIO_VERSION = 'v1';

/**
 * A source that reads as the primary resource's and maps generated paths back: `['spec', list, i, ...]` with an
 * origin in the primary's file -> that origin's path; anything else -> the primary's document.
 */
function mappedSource(
  primary: LoadedResource,
  origins: Readonly<Record<string, readonly Origin[]>>,
): ResourceSource {
  const src = primary.source;
  const located = new Map<string, Located>();
  return {
    file: src.file,
    line: src.line,
    column: src.column,
    documentIndex: src.documentIndex,
    ...(src.listIndex === undefined ? {} : { listIndex: src.listIndex }),
    locate(path) {
      // Memoized: route builders ask once per generated route per proxy, and locating re-reads the YAML source.
      const key = path.join('\u0000');
      const hit = located.get(key);
      if (hit !== undefined) return hit;
      const [spec, list, index] = path;
      let at: Located | undefined;
      if (spec === 'spec' && typeof list === 'string' && typeof index === 'number') {
        const o = origins[list]?.[index];
        if (o !== undefined && o.resource.source.file === src.file) at = o.resource.source.locate(o.path);
      }
      at ??= src.locate([]);
      located.set(key, at);
      return at;
    },
  };
}

/** What a memo entry must match to be reused: the object and where every part of it came from. */
function fingerprint(object: unknown, origins: Readonly<Record<string, readonly Origin[]>>): string {
  const where = Object.entries(origins).map(([k, list]) => [
    k,
    list.map((o) => `${o.resource.source.file}:${o.resource.source.line}:${o.path.join('.')}`),
  ]);
  return JSON.stringify([object, where]);
}

/** Memo of generated resources: by primary source object, then by generated kind/name. */
export class SyntheticCache {
  readonly #memo = new WeakMap<LoadedResource, Map<string, { fp: string; res: LoadedResource }>>();

  #make<T>(
    kind: 'Gateway' | 'VirtualService',
    primary: LoadedResource,
    name: string,
    namespace: string,
    object: T,
    origins: Readonly<Record<string, readonly Origin[]>>,
  ): LoadedResource<T> {
    const fp = fingerprint(object, origins);
    let byName = this.#memo.get(primary);
    if (byName === undefined) {
      byName = new Map();
      this.#memo.set(primary, byName);
    }
    const key = `${kind}/${namespace}/${name}`;
    const hit = byName.get(key);
    if (hit !== undefined && hit.fp === fp) return hit.res as LoadedResource<T>;
    const res: LoadedResource<T> = {
      apiVersion: `${ISTIO_GROUP}/${ISTIO_VERSION}`,
      group: ISTIO_GROUP,
      version: ISTIO_VERSION,
      kind,
      name,
      namespace,
      known: true,
      object,
      source: mappedSource(primary, origins),
    };
    byName.set(key, { fp, res });
    return res;
  }

  virtualService(
    primary: LoadedResource,
    name: string,
    namespace: string,
    annotations: Record<string, string>,
    spec: VirtualService['spec'],
    origins: Readonly<Record<string, readonly Origin[]>>,
  ): LoadedResource<VirtualService> {
    const object: VirtualService = {
      apiVersion: `${ISTIO_GROUP}/${ISTIO_VERSION}`,
      kind: 'VirtualService',
      metadata: { name, namespace, annotations },
      spec,
    };
    return this.#make('VirtualService', primary, name, namespace, object, origins);
  }

  gateway(
    primary: LoadedResource,
    name: string,
    namespace: string,
    annotations: Record<string, string>,
    spec: Gateway['spec'],
    listenerPath: Path,
  ): LoadedResource<Gateway> {
    const object: Gateway = {
      apiVersion: `${ISTIO_GROUP}/${ISTIO_VERSION}`,
      kind: 'Gateway',
      metadata: { name, namespace, annotations },
      spec,
    };
    return this.#make('Gateway', primary, name, namespace, object, {
      servers: [{ resource: primary, path: listenerPath }],
    });
  }
}
