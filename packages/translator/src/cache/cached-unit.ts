// Running one unit of translation (the clusters of a service port, one virtual host, ...) through the cache: reuse
// the cached value when still valid, else build it with a sink of its own and keep value and messages. Messages
// are replayed into the translation's sink in the order a build would report them, and that sink deduplicates,
// so a translation from the cache and a fresh one report the same messages in the same order.
import { MessageSink, type TranslationMessage } from '../messages.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { scopeKeyOf } from './scope-key.js';
import { type CacheEntry, TranslationCache } from './translation-cache.js';

/** The cache a push uses: the caller's when it holds (or can advance to) the push's registry, else a private one. */
interface PushStore {
  readonly shared: TranslationCache | undefined;
  private: TranslationCache | undefined;
  readonly scopeKeys: WeakMap<MeshProxy, string>;
  /** The scope entries each proxy used last, while still the ones cacheFor would give (see scopeEntries). */
  readonly entries: WeakMap<MeshProxy, ScopeView>;
  readonly meshKey: string;
}

interface ScopeView {
  readonly cache: TranslationCache;
  readonly entries: Map<string, CacheEntry>;
  readonly generation: number;
}

const stores = new WeakMap<PushContext, PushStore>();

/** Every value a cache entry holds: shared resources that must not be interned per proxy (see intern.ts). */
export const cachedValues = new WeakSet<object>();

function storeOf(push: PushContext): PushStore {
  let s = stores.get(push);
  if (s === undefined) {
    s = {
      shared: push.translationCache,
      private: undefined,
      scopeKeys: new WeakMap(),
      entries: new WeakMap(),
      meshKey: JSON.stringify(push.mesh),
    };
    stores.set(push, s);
  }
  return s;
}

/** The cache to use for `push` now (the shared one stops being usable once it moves to a newer version). */
export function cacheFor(push: PushContext): TranslationCache {
  const s = storeOf(push);
  if (s.shared?.sync(push.registry, s.meshKey) === true) return s.shared;
  if (s.private === undefined) {
    s.private = TranslationCache.forOnePush();
    s.private.sync(push.registry, s.meshKey);
  }
  return s.private;
}

/** The scope key of `proxy` in `push`, memoized per proxy object. */
export function scopeKey(push: PushContext, proxy: MeshProxy): string {
  const s = storeOf(push);
  let key = s.scopeKeys.get(proxy);
  if (key === undefined) {
    key = scopeKeyOf(push.registry, proxy);
    s.scopeKeys.set(proxy, key);
  }
  return key;
}

/**
 * The entries of `proxy`'s scope in the cache `push` uses. Asked for every unit: the answer is kept per proxy while
 * its cache still holds the push's registry and has not been cleared since.
 */
export function scopeEntries(push: PushContext, proxy: MeshProxy): ScopeView {
  const s = storeOf(push);
  const last = s.entries.get(proxy);
  if (
    last !== undefined &&
    last.cache.registry === push.registry &&
    last.generation === last.cache.generation &&
    (last.cache === s.shared || s.shared?.registry !== push.registry)
  )
    return last;
  const cache = cacheFor(push);
  const view = { cache, entries: cache.scope(scopeKey(push, proxy)), generation: cache.generation };
  s.entries.set(proxy, view);
  return view;
}

function replay(messages: readonly TranslationMessage[], sink: MessageSink): void {
  for (const m of messages) sink.add(m);
}

function remember(value: unknown): void {
  if (Array.isArray(value)) for (const v of value) remember(v);
  else if (value !== null && typeof value === 'object') cachedValues.add(value);
}

/**
 * The value of one unit: the cached one while `anchor` is the same and none of its hostnames changed, else
 * `build(unitSink)`. `deps(value)` names the hostnames the value depends on; undefined means "do not cache".
 */
export function cachedUnit<T>(
  push: PushContext,
  proxy: MeshProxy,
  unitKey: string,
  anchor: unknown,
  sink: MessageSink,
  deps: (value: T) => readonly string[] | undefined,
  build: (unitSink: MessageSink) => T,
): T {
  const { cache, entries } = scopeEntries(push, proxy);
  const hit = cache.get(entries, unitKey, anchor);
  if (hit !== undefined) {
    replay(hit.messages, sink);
    return hit.value as T;
  }
  const unitSink = new MessageSink();
  const value = build(unitSink);
  const messages = unitSink.list();
  replay(messages, sink);
  const d = deps(value);
  if (d !== undefined) {
    cache.set(entries, unitKey, anchor, d, value, messages);
    remember(value);
  }
  return value;
}
