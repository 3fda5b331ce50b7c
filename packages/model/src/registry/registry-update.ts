// What one `Registry.apply` asks for, and the resource-level diff it amounts to.
import { type LoadedResource, resourceKey } from '../loader/loaded-resource.js';
import { RegistryError, RegistryErrorCode } from './errors.js';
import { deepEqual } from './immutable.js';

export interface RegistryUpdate {
  /** Resources to add, or to replace the resource of the same resourceKey. */
  readonly upsert?: readonly LoadedResource[];
  /** resourceKeys of resources to remove; absent keys are ignored. */
  readonly remove?: readonly string[];
}

export type RegistryChangeOp = 'added' | 'updated' | 'removed';

export interface RegistryChange {
  readonly op: RegistryChangeOp;
  /** resourceKey of the resource. */
  readonly key: string;
  /** The resource's kind (`VirtualService`), namespace (undefined when cluster-scoped) and name. */
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly name: string;
  /**
   * Hostnames of services whose view changed, before or after: a Service's or ServiceEntry's own hosts; the
   * services selecting a Pod or WorkloadEntry (by old or new labels) or listing it in their Endpoints; the
   * service of an Endpoints or EndpointSlice; the services whose hostname a VirtualService's or
   * DestinationRule's hosts cover. Empty for kinds not tied to hosts (Sidecar, Gateway, policies...). Sorted.
   */
  readonly hostnames: readonly string[];
}

/** One resource that differs between two versions. */
export type ResourceChange =
  | { readonly op: 'added'; readonly key: string; readonly before: undefined; readonly after: LoadedResource }
  | {
      readonly op: 'updated';
      readonly key: string;
      readonly before: LoadedResource;
      readonly after: LoadedResource;
    }
  | {
      readonly op: 'removed';
      readonly key: string;
      readonly before: LoadedResource;
      readonly after: undefined;
    };

/**
 * The changes `update` makes to `current`: removals first (in the order given), then upserts. An upsert whose
 * object is deep-equal to the current one (and equally validated) is no change.
 */
export function diffResources(
  current: ReadonlyMap<string, LoadedResource>,
  update: RegistryUpdate,
): ResourceChange[] {
  const upserts = new Map<string, LoadedResource>();
  for (const r of update.upsert ?? []) {
    const key = resourceKey(r);
    if (upserts.has(key))
      throw new RegistryError(RegistryErrorCode.Duplicate, `resource ${key} is upserted twice in one apply`);
    upserts.set(key, r);
  }
  const out: ResourceChange[] = [];
  const removed = new Set<string>();
  for (const key of update.remove ?? []) {
    if (upserts.has(key))
      throw new RegistryError(
        RegistryErrorCode.Conflict,
        `resource ${key} is both upserted and removed; expected one change per resource`,
      );
    const before = current.get(key);
    if (before === undefined || removed.has(key)) continue;
    removed.add(key);
    out.push({ op: 'removed', key, before, after: undefined });
  }
  for (const [key, after] of upserts) {
    const before = current.get(key);
    if (before === undefined) out.push({ op: 'added', key, before: undefined, after });
    else if (before !== after && !(before.known === after.known && deepEqual(before.object, after.object)))
      out.push({ op: 'updated', key, before, after });
  }
  return out;
}
