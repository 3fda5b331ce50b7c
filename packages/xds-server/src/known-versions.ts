// What a delta client has, per type: resource name -> version. Most clients have exactly the resources of one
// of the cache's maps (everything they subscribe to, as last sent), so that case is kept as a reference to that
// map, shared by every such stream, instead of a map of its own: a stream then costs a pointer per type, and a
// push to it is the difference between two cache maps, computed once for all streams (`diffOf`). Any other
// change turns the reference into a map of the stream's own.
import type { PreparedResource, ResourceMap } from './snapshot.js';

export class KnownVersions {
  /** When set, the client has exactly these resources at these versions, and `#own` is unused. */
  #exact: ResourceMap | undefined;
  #own: Map<string, string> | undefined = new Map();

  /** The cache map whose resources the client has exactly, if that is the case. */
  get exact(): ResourceMap | undefined {
    return this.#exact;
  }

  get size(): number {
    return this.#exact?.size ?? (this.#own as Map<string, string>).size;
  }

  get(name: string): string | undefined {
    return this.#exact !== undefined ? this.#exact.get(name)?.version : this.#own?.get(name);
  }

  has(name: string): boolean {
    return this.#exact !== undefined ? this.#exact.has(name) : (this.#own?.has(name) ?? false);
  }

  set(name: string, version: string): void {
    if (this.#exact?.get(name)?.version === version) return;
    this.#writable().set(name, version);
  }

  delete(name: string): void {
    if (this.has(name)) this.#writable().delete(name);
  }

  keys(): IterableIterator<string> {
    return this.#exact !== undefined ? this.#exact.keys() : (this.#own as Map<string, string>).keys();
  }

  /** Name and version pairs, in no particular order. */
  *entries(): IterableIterator<[string, string]> {
    if (this.#exact === undefined) {
      yield* this.#own as Map<string, string>;
      return;
    }
    for (const [name, r] of this.#exact) yield [name, r.version];
  }

  /** The client now has exactly the resources of `map`. */
  setExact(map: ResourceMap): void {
    this.#exact = map;
    this.#own = undefined;
  }

  /** Switches to the shared form when the client has exactly the resources of `map`; returns whether it did. */
  compactTo(map: ResourceMap): boolean {
    if (this.#exact === map) return true;
    if (this.size !== map.size) return false;
    for (const [name, version] of this.entries()) if (map.get(name)?.version !== version) return false;
    this.setExact(map);
    return true;
  }

  #writable(): Map<string, string> {
    if (this.#exact !== undefined) {
      const own = new Map<string, string>();
      for (const [name, r] of this.#exact) own.set(name, r.version);
      this.#exact = undefined;
      this.#own = own;
    }
    return this.#own as Map<string, string>;
  }
}

/** What changed from one cache map to the next: resources new or of another version (in `to` order), names gone. */
export interface MapDiff {
  readonly changed: readonly PreparedResource[];
  /** Names of `changed` that `from` did not have. */
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** The last diff computed from each map (pushes go from the current map to the next, so one is enough). */
const diffs = new WeakMap<ResourceMap, { to: ResourceMap; diff: MapDiff }>();

/** The difference from `from` to `to`, computed once per pair and shared by every stream. */
export function diffOf(from: ResourceMap, to: ResourceMap): MapDiff {
  const cached = diffs.get(from);
  if (cached?.to === to) return cached.diff;
  const changed: PreparedResource[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  for (const [name, r] of to) {
    const before = from.get(name);
    if (before === undefined) added.push(name);
    if (before?.version !== r.version) changed.push(r);
  }
  for (const name of from.keys()) if (!to.has(name)) removed.push(name);
  const diff = { changed, added, removed };
  diffs.set(from, { to, diff });
  return diff;
}
