// Per-proxy resources (inbound clusters and listeners, virtualOutbound, EnvoyFilter-patched copies, gateway
// resources...) are rebuilt on every translation; with a caller's cache, one that is JSON-equal to what the same
// proxy got last time is replaced by that earlier object. So a change that touches nothing a proxy sees leaves
// every resource of its translation the same object, and an xDS server can skip it by identity.
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import type { Translation } from '../translate.js';
import { cachedValues, cacheFor } from './cached-unit.js';
import type { TranslationCache } from './translation-cache.js';

function internAll<T extends object>(
  cache: TranslationCache,
  prefix: string,
  resources: readonly T[],
  nameOf: (r: T) => string,
): T[] {
  return resources.map((r) => {
    if (cachedValues.has(r)) return r;
    const key = `${prefix}${nameOf(r)}`;
    const json = JSON.stringify(r);
    const old = cache.interned.get(key);
    if (old !== undefined && old.json === json) return old.value as T;
    cache.interned.set(key, { json, value: r });
    return r;
  });
}

/** `t` with its per-proxy resources replaced by equal ones of the proxy's previous translation. */
export function internTranslation<T extends Translation>(push: PushContext, proxy: MeshProxy, t: T): T {
  const cache = cacheFor(push);
  // Without a caller's cache there is no previous translation to keep identity with.
  if (cache !== push.translationCache) return t;
  const p = `${proxy.id}|`;
  return {
    ...t,
    listeners: internAll(cache, `${p}l|`, t.listeners, (l) => l.name ?? ''),
    routes: internAll(cache, `${p}r|`, t.routes, (r) => r.name ?? ''),
    clusters: internAll(cache, `${p}c|`, t.clusters, (c) => c.name ?? ''),
    endpoints: internAll(cache, `${p}e|`, t.endpoints, (e) => e.cluster_name ?? ''),
  };
}
