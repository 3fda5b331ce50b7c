// NETWORK_FILTER, HTTP_FILTER and LISTENER_FILTER patches (istiod 1.30 listener_patch.go patchNetworkFilters,
// patchNetworkFilter, patchHTTPFilters, mergeHTTPFilter, patchListenerFilters): list operations first, in patch
// order, then MERGE into each remaining filter. A filter MERGE may rename the filter and merges its typed_config
// with the patch's when both are of one type; a filter without typed_config is not merged (as istiod).
// HTTP filters live in the http_connection_manager's typed_config, which is patched in place.
import { TypeUrl } from '@minimesh/model';
import { HCM_FILTER } from '../listener/listener-names.js';
import { type CompiledPatch, contextMatches, type PatchContext } from './compile-patches.js';
import { applyFilterListOperation } from './list-ops.js';
import {
  filterChainMatches,
  hasHttpFilterMatch,
  hasListenerFilterMatch,
  hasNetworkFilterMatch,
  httpFilterMatches,
  listenerFilterMatches,
  listenerMatches,
  networkFilterMatches,
} from './listener-match.js';
import { PatchRun } from './patch-run.js';
import { mergeAnyWithAny, type ObjectForm } from './proto-merge.js';

/** Patches of one proxy by applyTo, each list in application order. */
export type PatchesByType = ReadonlyMap<CompiledPatch['applyTo'], readonly CompiledPatch[]>;

function list(v: unknown): ObjectForm[] {
  return Array.isArray(v) ? (v as ObjectForm[]) : [];
}

function typedConfig(v: ObjectForm): ObjectForm | undefined {
  const tc = v.typed_config;
  return typeof tc === 'object' && tc !== null ? (tc as ObjectForm) : undefined;
}

/**
 * The MERGE of one filter (network, HTTP or listener): a non-empty name in the patch renames it (not a listener
 * filter: istiod 1.30 writes that name back into the patch value instead); a typed_config in the patch merges into
 * the filter's when both have one type. Filters without typed_config are left alone.
 */
function mergeFilter(run: PatchRun, patch: CompiledPatch, filter: ObjectForm, what: string): void {
  const existing = typedConfig(filter);
  if (existing === undefined) return;
  const value = patch.value ?? {};
  const given = typedConfig(value);
  let merged: ObjectForm | undefined;
  if (given !== undefined) {
    merged = mergeAnyWithAny(existing, given);
    if (merged === undefined) {
      run.typeMismatch(patch, `${what} ${String(filter.name)}`, existing['@type'], given['@type']);
      return;
    }
  }
  const rename = typeof value.name === 'string' && value.name !== '' && what !== LISTENER_FILTER;
  if (rename) filter.name = value.name;
  if (merged !== undefined) filter.typed_config = merged;
  run.applied(patch);
}

/** Network filter patches on one filter chain of `listener` (already matched by listener and context). */
export function patchNetworkFilters(
  run: PatchRun,
  context: PatchContext,
  patches: PatchesByType,
  listener: ObjectForm,
  chain: ObjectForm,
): void {
  const relevant = (patches.get('NETWORK_FILTER') ?? []).filter(
    (p) =>
      contextMatches(p, context) && listenerMatches(listener, p) && filterChainMatches(listener, chain, p),
  );
  for (const p of relevant) {
    const r = applyFilterListOperation(list(chain.filters), {
      operation: p.operation,
      hasTarget: hasNetworkFilterMatch(p),
      isTarget: (f) => networkFilterMatches(f, p),
      make: () => PatchRun.copy<ObjectForm>(p),
    });
    chain.filters = r.list;
    if (r.applied) run.applied(p);
  }
  for (const filter of list(chain.filters)) {
    for (const p of relevant)
      if (p.operation === 'MERGE' && networkFilterMatches(filter, p))
        mergeFilter(run, p, filter, 'network filter');
    if (filter.name === HCM_FILTER) patchHttpFilters(run, context, patches, listener, chain, filter);
  }
}

/** HTTP filter patches inside one http_connection_manager network filter. */
function patchHttpFilters(
  run: PatchRun,
  context: PatchContext,
  patches: PatchesByType,
  listener: ObjectForm,
  chain: ObjectForm,
  filter: ObjectForm,
): void {
  const hcm = typedConfig(filter);
  // istiod gives up on an HCM it cannot unmarshal; ours are always of the HCM type.
  if (hcm === undefined || hcm['@type'] !== TypeUrl.HTTP_CONNECTION_MANAGER) return;
  const relevant = (patches.get('HTTP_FILTER') ?? []).filter(
    (p) =>
      contextMatches(p, context) &&
      listenerMatches(listener, p) &&
      filterChainMatches(listener, chain, p) &&
      networkFilterMatches(filter, p),
  );
  for (const p of relevant) {
    const r = applyFilterListOperation(list(hcm.http_filters), {
      operation: p.operation,
      hasTarget: hasHttpFilterMatch(p),
      isTarget: (f) => httpFilterMatches(f, p),
      make: () => PatchRun.copy<ObjectForm>(p),
    });
    hcm.http_filters = r.list;
    if (r.applied) run.applied(p);
  }
  for (const httpFilter of list(hcm.http_filters))
    for (const p of relevant)
      if (p.operation === 'MERGE' && httpFilterMatches(httpFilter, p))
        mergeFilter(run, p, httpFilter, 'HTTP filter');
}

const LISTENER_FILTER = 'listener filter';

/**
 * Listener filter patches of one listener (already matched by context). A MERGE needs a listener filter match;
 * istiod 1.30 then merges it into every listener filter, not only the named one (which panics on the first filter
 * of another type and drops all listener patches); minimesh merges into the named filter only.
 */
export function patchListenerFilters(
  run: PatchRun,
  context: PatchContext,
  patches: PatchesByType,
  listener: ObjectForm,
): void {
  const relevant = (patches.get('LISTENER_FILTER') ?? []).filter(
    (p) => contextMatches(p, context) && listenerMatches(listener, p),
  );
  for (const p of relevant) {
    if (p.operation === 'MERGE') {
      if (!hasListenerFilterMatch(p)) continue;
      for (const f of list(listener.listener_filters))
        if (listenerFilterMatches(f, p)) mergeFilter(run, p, f, LISTENER_FILTER);
      continue;
    }
    const r = applyFilterListOperation(list(listener.listener_filters), {
      operation: p.operation,
      hasTarget: hasListenerFilterMatch(p),
      isTarget: (f) => listenerFilterMatches(f, p),
      make: () => PatchRun.copy<ObjectForm>(p),
    });
    listener.listener_filters = r.list;
    if (r.applied) run.applied(p);
  }
}
