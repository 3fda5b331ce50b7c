// The translation cache a caller (the control plane) keeps across pushes, as istiod keeps its XdsCache: Envoy
// resources built for one registry version are reused by the next as long as nothing they depend on changed.
// Entries are keyed by the proxy's scope key (what about a proxy a resource depends on) and a unit key (a service
// port, a cluster name...), anchored to the input object they were built from, and indexed by the dependency keys
// (`channel:hostname`, see dirty-hosts.ts) they were built from, as istiod's XdsCache indexes entries by config
// key: moving to the next registry version drops exactly the entries indexed under a key the applies touched (or
// every entry), so an entry is valid exactly while none of its dependencies changed, and a lookup is one map get.
//
// Usage:
//   const cache = new TranslationCache();
//   let push = new PushContext(registry, mesh, { cache });       // first push: everything is built
//   const result = registry.apply(update);
//   cache.advance(registry, result);                             // what changed, from the apply itself
//   push = new PushContext(result.registry, mesh, { cache });    // only what depends on the change is rebuilt
//
// A push whose registry the cache cannot reach by advances from the one it holds resets the cache (correct,
// just not incremental); a push of an older version than the cache holds gets a private cache of its own.
import type { Registry, RegistryApplyResult } from '@minimesh/model';
import { advanceGatewayApiView, gatewayApiView } from '../gateway-api/registry-view.js';
import type { TranslationMessage } from '../messages.js';
import { type DirtyHosts, dirtyHosts, mergeDirty } from './dirty-hosts.js';

/** One cached value with what it was built from. */
export interface CacheEntry {
  readonly value: unknown;
  /** The input object (or objects, compared one by one) the value was built from. */
  readonly anchor: unknown;
  /** Dependency keys (`channel:hostname`) of the value: a change to any of them drops the entry. */
  readonly deps: readonly string[];
  /** Messages building it reported, replayed on every reuse. */
  readonly messages: readonly TranslationMessage[];
  /** Where the entry is stored, to drop it. */
  readonly scope: Map<string, CacheEntry>;
  readonly unitKey: string;
}

/** How many entries one cache keeps at most before it starts over (a bound on memory, not on correctness). */
const MAX_ENTRIES = 2_000_000;

function sameAnchor(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class TranslationCache {
  #registry: Registry | undefined;
  #meshKey: string | undefined;
  /** Registries this cache has moved past: their pushes get a private cache. */
  readonly #past = new WeakSet<Registry>();
  /** Advances recorded but not yet applied, by the registry they start from. */
  readonly #steps = new Map<Registry, { to: Registry; dirty: DirtyHosts }>();
  /** Dependency key -> the entries built from it. */
  readonly #byDep = new Map<string, Set<CacheEntry>>();
  /** Scope key -> unit key -> entry. */
  readonly #scopes = new Map<string, Map<string, CacheEntry>>();
  #size = 0;
  #generation = 0;
  /** False for a cache of one push (never advanced): entries need no dependency index. */
  #indexed = true;
  /** Per-proxy resources, by `proxy id|type|name`: the last one built and its JSON (see intern.ts). */
  readonly interned = new Map<string, { readonly json: string; readonly value: object }>();
  /** How many entries were reused and built since construction (for tests and benchmarks). */
  hits = 0;
  misses = 0;

  /** A cache for one push only (what a push without the caller's cache shares within itself). */
  static forOnePush(): TranslationCache {
    const cache = new TranslationCache();
    cache.#indexed = false;
    return cache;
  }

  /**
   * Records what `registry.apply(...)` (= `result`) changed, so that pushes of `result.registry` rebuild only
   * what depends on it. Advances may be chained (A -> B, B -> C) before the next push.
   */
  advance(from: Registry, result: RegistryApplyResult): void {
    // Pushes translate the registry's Gateway API view (gateway-api/registry-view.ts): the step is recorded
    // between views. Undefined means the view cannot follow this apply: the next push starts afresh.
    const step = advanceGatewayApiView(from, result);
    const fromView = gatewayApiView(from);
    if (step === undefined || step.registry === fromView) return;
    this.#steps.set(fromView, { to: step.registry, dirty: dirtyHosts(fromView, step) });
  }

  /** The registry version entries are valid for. */
  get registry(): Registry | undefined {
    return this.#registry;
  }

  /** Bumped by every clear(): scope maps handed out before belong to no cache any more. */
  get generation(): number {
    return this.#generation;
  }

  /**
   * Makes this cache hold `registry` with `meshKey`; false when it cannot (`registry` is an older version than the
   * one held), in which case the caller must not use it.
   */
  sync(registry: Registry, meshKey: string): boolean {
    if (this.#registry === registry && this.#meshKey === meshKey) return true;
    if (this.#past.has(registry)) return false;
    let dirty: DirtyHosts | undefined = this.#meshKey === meshKey ? this.#pathTo(registry) : undefined;
    if (this.#registry === undefined) dirty = new Set();
    if (dirty === undefined || dirty === 'all') this.clear();
    else for (const key of dirty) this.#invalidate(key);
    if (this.#registry !== undefined) this.#past.add(this.#registry);
    this.#registry = registry;
    this.#meshKey = meshKey;
    // Advances from versions left behind can never be taken: drop them (and the registries they hold).
    for (const from of this.#steps.keys()) if (this.#past.has(from)) this.#steps.delete(from);
    return true;
  }

  /** The dirty hosts along recorded advances from the held registry to `target`, undefined when none leads there. */
  #pathTo(target: Registry): DirtyHosts | undefined {
    let at = this.#registry;
    let dirty: DirtyHosts = new Set();
    const seen = new Set<Registry>();
    while (at !== undefined && at !== target && !seen.has(at)) {
      seen.add(at);
      const step = this.#steps.get(at);
      this.#steps.delete(at);
      if (step === undefined) return undefined;
      this.#past.add(at);
      dirty = mergeDirty(dirty, step.dirty);
      at = step.to;
    }
    return at === target ? dirty : undefined;
  }

  /** Drops every entry (not the interned per-proxy resources: equal JSON is equal whatever the version). */
  clear(): void {
    this.#generation++;
    this.#scopes.clear();
    this.#byDep.clear();
    this.#size = 0;
  }

  /** Drops the entries built from `key`. */
  #invalidate(key: string): void {
    if (!this.#indexed) {
      this.clear();
      return;
    }
    const entries = this.#byDep.get(key);
    if (entries === undefined) return;
    this.#byDep.delete(key);
    for (const e of entries) this.#drop(e);
  }

  #drop(e: CacheEntry): void {
    if (e.scope.get(e.unitKey) !== e) return;
    e.scope.delete(e.unitKey);
    this.#size--;
    for (const d of e.deps) this.#byDep.get(d)?.delete(e);
  }

  /** The entries of one scope key. */
  scope(scopeKey: string): Map<string, CacheEntry> {
    let s = this.#scopes.get(scopeKey);
    if (s === undefined) {
      s = new Map();
      this.#scopes.set(scopeKey, s);
    }
    return s;
  }

  /** The entry of `unitKey` in `scope` if it is still valid for `anchor`. */
  get(scope: Map<string, CacheEntry>, unitKey: string, anchor: unknown): CacheEntry | undefined {
    const e = scope.get(unitKey);
    if (e === undefined || !sameAnchor(e.anchor, anchor)) return undefined;
    this.hits++;
    return e;
  }

  set(
    scope: Map<string, CacheEntry>,
    unitKey: string,
    anchor: unknown,
    deps: readonly string[],
    value: unknown,
    messages: readonly TranslationMessage[],
  ): void {
    this.misses++;
    if (this.#size >= MAX_ENTRIES) this.clear();
    const old = scope.get(unitKey);
    if (old !== undefined) this.#drop(old);
    const entry: CacheEntry = { value, anchor, deps, messages, scope, unitKey };
    scope.set(unitKey, entry);
    this.#size++;
    if (!this.#indexed) return;
    for (const d of deps) {
      let set = this.#byDep.get(d);
      if (set === undefined) {
        set = new Set();
        this.#byDep.set(d, set);
      }
      set.add(entry);
    }
  }
}
