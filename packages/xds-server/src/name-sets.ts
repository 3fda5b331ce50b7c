// The set of names a state-of-the-world request subscribes to, shared between requests and streams: the
// request reader interns long name lists (wire-request.ts), and each interned (frozen) list maps to one set,
// built once, that every stream subscribing to exactly those names holds. Such sets are never changed (a stream
// replaces its set when its subscription changes), so sharing them is safe and costs nothing per stream.
import { WILDCARD } from './resource-types.js';
import type { ResourceMap } from './snapshot.js';

/** Sets of interned lists, by list. */
const sets = new WeakMap<readonly string[], ReadonlySet<string>>();
/** Per set, the last cache map checked for being wholly subscribed, and the answer. */
const coverage = new WeakMap<ReadonlySet<string>, { map: ResourceMap; covers: boolean }>();

/** The names of a request, wildcard left out; one shared set per interned list. */
export function nameSet(names: readonly string[]): ReadonlySet<string> {
  const frozen = Object.isFrozen(names);
  if (frozen) {
    const shared = sets.get(names);
    if (shared !== undefined) return shared;
  }
  const set = new Set(names.includes(WILDCARD) ? names.filter((n) => n !== WILDCARD) : names);
  if (frozen) sets.set(names, set);
  return set;
}

/** Whether two sets hold the same names. */
export function sameNames(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const n of a) if (!b.has(n)) return false;
  return true;
}

/** Whether `names` holds every name of `map` (remembered per set for the last map asked about). */
export function coversAll(names: ReadonlySet<string>, map: ResourceMap): boolean {
  const cached = coverage.get(names);
  if (cached?.map === map) return cached.covers;
  let covers = names.size >= map.size;
  if (covers) {
    for (const name of map.keys()) {
      if (!names.has(name)) {
        covers = false;
        break;
      }
    }
  }
  coverage.set(names, { map, covers });
  return covers;
}
