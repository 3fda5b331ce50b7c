// An immutable set of xDS resources for one node (or group of nodes). Each resource is encoded once, when the
// snapshot is built, and its version is the hash of its bytes: versions are stable across server restarts and the
// same content always has the same version, whoever built it. A snapshot built on a previous one (its basis)
// keeps the encoding of every resource whose content did not change, and the very map of a type none of whose
// resources changed, so that streams can tell an unchanged type by identity.
import { createHash } from 'node:crypto';
import {
  type Cluster,
  type ClusterLoadAssignment,
  encode,
  type Listener,
  type PackedAny,
  type RouteConfiguration,
  type Secret,
} from '@minimesh/model';
import { InvalidResourceError } from './errors.js';
import { messageNameOf, ResourceTypeUrl } from './resource-types.js';
import { sameValue } from './same-value.js';
import { anyBytes } from './wire-response.js';

/** What a snapshot is built from. Every list may be left out (no resources of that type). */
export interface SnapshotResources {
  clusters?: readonly Cluster[];
  /** ClusterLoadAssignments, named by `cluster_name`. */
  endpoints?: readonly ClusterLoadAssignment[];
  listeners?: readonly Listener[];
  routes?: readonly RouteConfiguration[];
  secrets?: readonly Secret[];
}

/** One resource ready for the wire. */
export interface PreparedResource {
  readonly name: string;
  readonly typeUrl: string;
  /** The resource as given (never mutated). */
  readonly resource: object;
  /** The resource packed in an Any, encoded once (`any.value` is a view into `anyBytes`). */
  readonly any: PackedAny;
  /** The encoded Any message (type_url and value), as every response carries it. */
  readonly anyBytes: Buffer;
  /** First 16 hex digits of the SHA-256 of the encoded resource. */
  readonly version: string;
}

/** Resources of one type by name. */
export type ResourceMap = ReadonlyMap<string, PreparedResource>;

const EMPTY: ResourceMap = new Map();

/** 16 hex digits of SHA-256 over the given parts. */
export function hashParts(parts: Iterable<string | Uint8Array>): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(p);
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * Version of a set of resources: the hash of their names and versions in name order. Empty sets have a version
 * too, so that "no resources" is a state a client can ACK.
 */
export function versionOf(resources: Iterable<PreparedResource>): string {
  const sorted = [...resources].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return hashParts(sorted.flatMap((r) => [r.name, r.version]));
}

/** `versionOf` a map's resources, computed once per map (maps of prepared resources are never changed). */
const mapVersions = new WeakMap<ResourceMap, string>();
export function versionOfMap(map: ResourceMap): string {
  let version = mapVersions.get(map);
  if (version === undefined) {
    version = versionOf(map.values());
    mapVersions.set(map, version);
  }
  return version;
}

/** Encodes one resource of `typeUrl` named `name`. Throws InvalidResourceError when it cannot be encoded. */
export function prepareResource(typeUrl: string, name: string, resource: object): PreparedResource {
  let bytes: Uint8Array;
  try {
    bytes = encode(messageNameOf(typeUrl), resource);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new InvalidResourceError(`${messageNameOf(typeUrl)} ${JSON.stringify(name)}: ${why}`, { cause });
  }
  const wire = anyBytes(typeUrl, bytes);
  const value = wire.subarray(wire.length - bytes.length);
  return {
    name,
    typeUrl,
    resource,
    any: { type_url: typeUrl, value },
    anyBytes: wire,
    version: hashParts([value]),
  };
}

/**
 * A resource prepared again, on the basis of the previous snapshot's resource of the same name: an equal but
 * distinct object keeps the previous encoding; the same object is encoded again (the caller may have changed
 * it), and keeps the previous preparation when its bytes did not change.
 */
function prepareOn(
  typeUrl: string,
  name: string,
  resource: object,
  previous: PreparedResource | undefined,
): PreparedResource {
  if (previous === undefined) return prepareResource(typeUrl, name, resource);
  if (previous.resource !== resource && sameValue(previous.resource, resource)) return previous;
  const prepared = prepareResource(typeUrl, name, resource);
  return prepared.version === previous.version && previous.resource === resource ? previous : prepared;
}

function nameOf(typeUrl: string, resource: object): string {
  const r = resource as { name?: unknown; cluster_name?: unknown };
  const name = typeUrl === ResourceTypeUrl.endpoint ? r.cluster_name : r.name;
  return typeof name === 'string' ? name : '';
}

/**
 * Prepares a list of resources. Returns them by name and the names given more than once (the last one wins in
 * the map; the consistency check refuses duplicates).
 */
export function prepareAll(
  typeUrl: string,
  resources: readonly object[],
  basis: ResourceMap = EMPTY,
): { map: ResourceMap; duplicates: string[]; unnamed: number } {
  const map = new Map<string, PreparedResource>();
  const duplicates: string[] = [];
  let unnamed = 0;
  let kept = 0;
  for (const resource of resources) {
    const name = nameOf(typeUrl, resource);
    if (name === '') unnamed++;
    if (map.has(name)) duplicates.push(name);
    const previous = basis.get(name);
    const prepared = prepareOn(typeUrl, name, resource, previous);
    if (prepared === previous) kept++;
    map.set(name, prepared);
  }
  // Nothing changed (same names, same preparations, same order): the basis map itself.
  const unchanged =
    duplicates.length === 0 && kept === map.size && map.size === basis.size && sameOrder(map, basis);
  return { map: unchanged ? basis : map, duplicates, unnamed };
}

function sameOrder(a: ResourceMap, b: ResourceMap): boolean {
  const names = b.keys();
  for (const name of a.keys()) if (names.next().value !== name) return false;
  return true;
}

/** An immutable, encoded set of resources with a version per type. Build it with `Snapshot.create`. */
export class Snapshot {
  readonly #byType: ReadonlyMap<string, ResourceMap>;
  readonly #versions: ReadonlyMap<string, string>;
  /** Names given twice per type URL, and resources without a name, kept for the consistency check. */
  readonly defects: { readonly duplicates: ReadonlyMap<string, readonly string[]>; readonly unnamed: number };

  private constructor(
    byType: Map<string, ResourceMap>,
    defects: { duplicates: Map<string, string[]>; unnamed: number },
  ) {
    this.#byType = byType;
    this.#versions = new Map([...byType].map(([url, m]) => [url, versionOfMap(m)]));
    this.defects = defects;
  }

  /**
   * Encodes every resource. Throws InvalidResourceError for a resource the codec refuses. With a `basis` (the
   * previous snapshot of the same key), resources equal to the basis's of the same name keep its encoding.
   */
  static create(resources: SnapshotResources, basis?: Snapshot): Snapshot {
    const lists: [string, readonly object[] | undefined][] = [
      [ResourceTypeUrl.cluster, resources.clusters],
      [ResourceTypeUrl.endpoint, resources.endpoints],
      [ResourceTypeUrl.listener, resources.listeners],
      [ResourceTypeUrl.route, resources.routes],
      [ResourceTypeUrl.secret, resources.secrets],
    ];
    const byType = new Map<string, ResourceMap>();
    const duplicates = new Map<string, string[]>();
    let unnamed = 0;
    for (const [url, list] of lists) {
      const prepared = prepareAll(url, list ?? [], basis?.resources(url));
      byType.set(url, prepared.map);
      if (prepared.duplicates.length > 0) duplicates.set(url, prepared.duplicates);
      unnamed += prepared.unnamed;
    }
    return new Snapshot(byType, { duplicates, unnamed });
  }

  /** Resources of a type URL by name (empty for a type the snapshot does not hold). */
  resources(typeUrl: string): ResourceMap {
    return this.#byType.get(typeUrl) ?? EMPTY;
  }

  /** Version of all resources of a type URL (content hash, see `versionOf`). */
  version(typeUrl: string): string {
    return this.#versions.get(typeUrl) ?? EMPTY_VERSION;
  }
}

const EMPTY_VERSION = versionOf([]);
