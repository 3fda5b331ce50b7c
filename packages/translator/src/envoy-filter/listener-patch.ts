// LISTENER and FILTER_CHAIN patches (istiod 1.30 listener_patch.go patchListeners, patchListener,
// patchFilterChains, patchFilterChain, mergeTransportSocketListener), then the listener filter, network filter and
// HTTP filter patches below them. Per listener: REMOVE drops it, MERGE merges the value into it; then its listener
// filters; then each filter chain (and the default one): REMOVE drops the chain, MERGE merges into it (a transport
// socket of the same name is merged by typed_config instead, and then only it); then its network filters; then the
// FILTER_CHAIN ADDs. Listener ADDs come last, when the caller allows them (not for virtualInbound/virtualOutbound,
// which istiod patches on their own without adds).
import type { Listener } from '@minimesh/model';
import {
  addContextMatches,
  type CompiledPatch,
  contextMatches,
  type PatchContext,
} from './compile-patches.js';
import { type PatchesByType, patchListenerFilters, patchNetworkFilters } from './filter-patch.js';
import { filterChainMatches, listenerMatches } from './listener-match.js';
import { PatchRun } from './patch-run.js';
import { mergeAnyWithAny, mergeMessage, type ObjectForm } from './proto-merge.js';

const LISTENER = 'envoy.config.listener.v3.Listener';
const LISTENER_FAMILY = [
  'LISTENER',
  'LISTENER_FILTER',
  'FILTER_CHAIN',
  'NETWORK_FILTER',
  'HTTP_FILTER',
] as const;
const FILTER_CHAIN = 'envoy.config.listener.v3.FilterChain';

function obj(v: unknown): ObjectForm | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as ObjectForm) : undefined;
}

/** Patches `listeners` in the given context; returns the patched list (removed ones gone, added ones last). */
export function patchListeners(
  run: PatchRun,
  context: PatchContext,
  patches: PatchesByType,
  listeners: readonly Listener[],
  allowAdds: boolean,
): Listener[] {
  const out: Listener[] = [];
  const family = LISTENER_FAMILY.flatMap((t) => patches.get(t) ?? []);
  for (const original of listeners) {
    // A listener no patch can touch is kept as it is, without a copy.
    if (!family.some((p) => contextMatches(p, context) && listenerMatches(original as ObjectForm, p))) {
      out.push(original);
      continue;
    }
    const patched = run.guard(LISTENER, original, `listener ${original.name ?? ''}`, (copy) =>
      patchListener(run, context, patches, copy as ObjectForm) ? copy : undefined,
    );
    if (patched !== undefined) out.push(patched);
  }
  if (!allowAdds) return out;
  for (const p of patches.get('LISTENER') ?? []) {
    if (p.operation !== 'ADD' || !addContextMatches(p, context)) continue;
    // The value decoded as a Listener, so the copy encodes.
    out.push(PatchRun.copy<Listener>(p));
  }
  return out;
}

/** Patches one listener in place; false when a REMOVE drops it. */
function patchListener(
  run: PatchRun,
  context: PatchContext,
  patches: PatchesByType,
  listener: ObjectForm,
): boolean {
  for (const p of patches.get('LISTENER') ?? []) {
    if (!contextMatches(p, context) || !listenerMatches(listener, p)) continue;
    if (p.operation === 'REMOVE') {
      run.applied(p);
      return false;
    }
    if (p.operation === 'MERGE' || p.operation === 'MERGE_AND_REPLACE_LIST') {
      mergeMessage(LISTENER, listener, p.value ?? {}, { replaceLists: p.operation !== 'MERGE' });
      run.applied(p);
    }
  }
  patchListenerFilters(run, context, patches, listener);
  patchFilterChains(run, context, patches, listener);
  return true;
}

function patchFilterChains(
  run: PatchRun,
  context: PatchContext,
  patches: PatchesByType,
  listener: ObjectForm,
): void {
  const chains = Array.isArray(listener.filter_chains) ? (listener.filter_chains as ObjectForm[]) : [];
  // istiod patches only chains that have a filter list, and at the end drops the chains without one: those a
  // REMOVE took it from (and any that never had one). A chain whose filters were all removed keeps an empty list.
  const removed = new Set<ObjectForm>();
  for (const fc of chains)
    if (hasFilters(fc) && !patchFilterChain(run, context, patches, listener, fc)) removed.add(fc);
  const defaultChain = obj(listener.default_filter_chain);
  if (defaultChain !== undefined && hasFilters(defaultChain)) {
    if (!patchFilterChain(run, context, patches, listener, defaultChain))
      delete listener.default_filter_chain;
  }
  const added: ObjectForm[] = [];
  for (const p of patches.get('FILTER_CHAIN') ?? []) {
    if (p.operation !== 'ADD' || !contextMatches(p, context) || !listenerMatches(listener, p)) continue;
    added.push(PatchRun.copy<ObjectForm>(p));
    run.applied(p);
  }
  const out = [...chains, ...added].filter((fc) => !removed.has(fc) && hasFilters(fc));
  if (out.length > 0 || chains.length > 0) listener.filter_chains = out;
}

/** The chain has a filter list (istiod: Filters != nil), possibly empty. */
function hasFilters(chain: ObjectForm): boolean {
  return Array.isArray(chain.filters);
}

/** Patches one filter chain in place; false when a REMOVE drops it. */
function patchFilterChain(
  run: PatchRun,
  context: PatchContext,
  patches: PatchesByType,
  listener: ObjectForm,
  chain: ObjectForm,
): boolean {
  for (const p of patches.get('FILTER_CHAIN') ?? []) {
    if (
      !contextMatches(p, context) ||
      !listenerMatches(listener, p) ||
      !filterChainMatches(listener, chain, p)
    )
      continue;
    if (p.operation === 'REMOVE') {
      run.applied(p);
      return false;
    }
    if (p.operation !== 'MERGE' && p.operation !== 'MERGE_AND_REPLACE_LIST') continue;
    const ts = mergeTransportSocket(run, p, chain);
    if (ts === 'skip') continue;
    if (ts === 'not-merged')
      mergeMessage(FILTER_CHAIN, chain, p.value ?? {}, { replaceLists: p.operation !== 'MERGE' });
    run.applied(p);
  }
  patchNetworkFilters(run, context, patches, listener, chain);
  return true;
}

/**
 * istiod mergeTransportSocketListener: when the patch and the chain both have a transport socket of one name, only
 * the sockets' typed_configs are merged ('merged'); otherwise the whole value is merged ('not-merged'). Sockets of
 * different types are reported and the patch skipped on this chain ('skip').
 */
function mergeTransportSocket(
  run: PatchRun,
  patch: CompiledPatch,
  chain: ObjectForm,
): 'merged' | 'not-merged' | 'skip' {
  const given = obj(patch.value?.transport_socket);
  const existing = obj(chain.transport_socket);
  if (given === undefined || existing === undefined || given.name !== existing.name) return 'not-merged';
  const dst = obj(existing.typed_config);
  const src = obj(given.typed_config);
  if (dst !== undefined && src !== undefined) {
    const merged = mergeAnyWithAny(dst, src);
    if (merged === undefined) {
      run.typeMismatch(patch, `transport socket ${String(existing.name)}`, dst['@type'], src['@type']);
      return 'skip';
    }
    existing.typed_config = merged;
  }
  return 'merged';
}
