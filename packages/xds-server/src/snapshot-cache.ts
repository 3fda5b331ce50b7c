// Snapshots by node key, apart from any server (go-control-plane's pkg/cache/v3 SnapshotCache): the cache stores
// consistent snapshots and tells watchers which keys changed; it knows nothing of gRPC or of the protocol.
// Endpoints may also live in one fleet-wide collection that every node sees, so that one endpoint change is
// stored once instead of in every node's snapshot.
import type { ClusterLoadAssignment } from '@minimesh/model';
import { checkConsistency, checkLocalityWeights } from './consistency.js';
import { type DebounceOptions, Debouncer } from './debounce.js';
import { InconsistentSnapshotError } from './errors.js';
import { type NodeHash, nodeIdHash } from './node-hash.js';
import { ResourceTypeUrl } from './resource-types.js';
import {
  prepareAll,
  type ResourceMap,
  Snapshot,
  type SnapshotResources,
  versionOf,
  versionOfMap,
} from './snapshot.js';

export interface SnapshotCacheOptions {
  /** Key of a node's snapshot (default: node.id). */
  nodeHash?: NodeHash;
  /** Coalescing of change notifications (default 100 ms quiet, 1 s at most). `{ delayMs: 0 }` turns it off. */
  debounce?: DebounceOptions;
}

/** Called after the resources of a watched key changed (after debouncing). */
export type CacheWatcher = () => void;

interface Merged {
  readonly sharedGeneration: number;
  readonly map: ResourceMap;
  readonly version: string;
}

export class SnapshotCache {
  readonly nodeHash: NodeHash;
  readonly #snapshots = new Map<string, Snapshot>();
  readonly #watchers = new Map<string, Set<CacheWatcher>>();
  readonly #debouncer: Debouncer<string>;
  /** Fleet-wide ClusterLoadAssignments by name; a node's own endpoints of the same name win. */
  #shared: ResourceMap = new Map();
  #sharedVersion = versionOf([]);
  /** Bumped on every change of the shared endpoints; invalidates the merged views. */
  #sharedGeneration = 0;
  readonly #merged = new WeakMap<Snapshot, Merged>();

  constructor(options: SnapshotCacheOptions = {}) {
    this.nodeHash = options.nodeHash ?? nodeIdHash;
    this.#debouncer = new Debouncer(options.debounce ?? {}, (keys) => this.#notify(keys));
  }

  /**
   * Replaces the snapshot of a key after checking it. Throws InconsistentSnapshotError (XDS_INCONSISTENT_SNAPSHOT)
   * or InvalidResourceError (XDS_INVALID_RESOURCE), and then the previous snapshot keeps being served. Given
   * resources (not a built Snapshot) are built on the key's previous snapshot: a resource equal to the previous
   * one of its name keeps its encoding (so resource objects given to the cache must not be changed afterwards).
   */
  setSnapshot(key: string, snapshot: Snapshot | SnapshotResources): Snapshot {
    const s = snapshot instanceof Snapshot ? snapshot : Snapshot.create(snapshot, this.#snapshots.get(key));
    const problems = checkConsistency(s, this.#shared);
    if (problems.length > 0) throw new InconsistentSnapshotError(problems);
    this.#snapshots.set(key, s);
    this.#debouncer.add(key);
    return s;
  }

  /** The snapshot of a key, if any. */
  getSnapshot(key: string): Snapshot | undefined {
    return this.#snapshots.get(key);
  }

  /** Removes the snapshot of a key; watchers of the key then see no resources. */
  clearSnapshot(key: string): void {
    if (this.#snapshots.delete(key)) this.#debouncer.add(key);
  }

  /** Keys that have a snapshot. */
  keys(): string[] {
    return [...this.#snapshots.keys()];
  }

  /**
   * Replaces the fleet-wide endpoints. Refused (InconsistentSnapshotError) when a name is given twice, a
   * locality weight is missing, or a stored snapshot's EDS cluster would lose its endpoints.
   */
  setSharedEndpoints(endpoints: readonly ClusterLoadAssignment[]): void {
    const prepared = prepareAll(ResourceTypeUrl.endpoint, endpoints, this.#shared);
    const problems = prepared.duplicates.map(
      (n) => `shared endpoints ${JSON.stringify(n)} given more than once`,
    );
    for (const cla of prepared.map.values()) problems.push(...checkLocalityWeights(cla.name, cla.resource));
    for (const [key, snapshot] of this.#snapshots) {
      for (const p of checkConsistency(snapshot, prepared.map))
        problems.push(`snapshot ${JSON.stringify(key)}: ${p}`);
    }
    if (problems.length > 0) throw new InconsistentSnapshotError(problems);
    if (prepared.map === this.#shared) return; // nothing changed
    this.#shared = prepared.map;
    this.#sharedVersion = versionOfMap(prepared.map);
    this.#sharedGeneration++;
    for (const key of this.#snapshots.keys()) this.#debouncer.add(key);
  }

  /** The resources of a type a key sees: its snapshot's, plus the shared endpoints for EDS. */
  resources(key: string, typeUrl: string): ResourceMap | undefined {
    const snapshot = this.#snapshots.get(key);
    if (snapshot === undefined) return undefined;
    if (typeUrl !== ResourceTypeUrl.endpoint) return snapshot.resources(typeUrl);
    return this.#endpointsOf(snapshot).map;
  }

  /** Version of the resources of a type a key sees; undefined when the key has no snapshot. */
  version(key: string, typeUrl: string): string | undefined {
    const snapshot = this.#snapshots.get(key);
    if (snapshot === undefined) return undefined;
    if (typeUrl !== ResourceTypeUrl.endpoint) return snapshot.version(typeUrl);
    return this.#endpointsOf(snapshot).version;
  }

  /** Calls `watcher` whenever the resources of `key` change. Returns the function that stops watching. */
  watch(key: string, watcher: CacheWatcher): () => void {
    let set = this.#watchers.get(key);
    if (set === undefined) {
      set = new Set();
      this.#watchers.set(key, set);
    }
    set.add(watcher);
    return () => {
      const s = this.#watchers.get(key);
      s?.delete(watcher);
      if (s?.size === 0) this.#watchers.delete(key);
    };
  }

  /** Delivers pending (debounced) notifications now. */
  flush(): void {
    this.#debouncer.flushNow();
  }

  /** Stops the debounce timer; pending notifications are dropped. */
  close(): void {
    this.#debouncer.cancel();
  }

  #endpointsOf(snapshot: Snapshot): Merged {
    const own = snapshot.resources(ResourceTypeUrl.endpoint);
    // No own endpoints: the shared map itself, not a copy.
    if (own.size === 0) {
      return { sharedGeneration: this.#sharedGeneration, map: this.#shared, version: this.#sharedVersion };
    }
    if (this.#shared.size === 0) {
      return {
        sharedGeneration: this.#sharedGeneration,
        map: own,
        version: snapshot.version(ResourceTypeUrl.endpoint),
      };
    }
    const cached = this.#merged.get(snapshot);
    if (cached !== undefined && cached.sharedGeneration === this.#sharedGeneration) return cached;
    const map = new Map([...this.#shared, ...own]);
    const merged = { sharedGeneration: this.#sharedGeneration, map, version: versionOfMap(map) };
    this.#merged.set(snapshot, merged);
    return merged;
  }

  #notify(keys: ReadonlySet<string>): void {
    for (const key of keys) {
      for (const watcher of [...(this.#watchers.get(key) ?? [])]) watcher();
    }
  }
}
