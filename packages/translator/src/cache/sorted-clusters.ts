// CDS output is sorted by name. Sorting a proxy's ~4,000 clusters costs more than fetching them from the cache,
// so the sorted, deduplicated outbound part is kept per scope while its units' outputs are the same arrays, and a
// proxy's own clusters (BlackHole, Passthrough, inbound) are merged into it. The result equals sorting and
// deduplicating everything at once (first of a name wins, outbound first), as istiod's normalizeClusters does.
import type { Cluster } from '@minimesh/model';
import type { MessageSink } from '../messages.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { cachedUnit } from './cached-unit.js';

const nameOf = (c: Cluster): string => c.name ?? '';
const NO_DEPS: readonly string[] = Object.freeze([]);

/** First of each name, sorted by name. */
export function dedupeAndSortClusters(clusters: readonly Cluster[]): Cluster[] {
  const byName = new Map<string, Cluster>();
  for (const c of clusters) if (!byName.has(nameOf(c))) byName.set(nameOf(c), c);
  return [...byName.values()].sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : 1));
}

/** The outbound clusters of the scope (`parts`: the outputs of its units, in scope order), deduplicated, sorted. */
export function sortedOutboundClusters(
  push: PushContext,
  proxy: MeshProxy,
  parts: readonly (readonly Cluster[])[],
  sink: MessageSink,
): readonly Cluster[] {
  return cachedUnit(
    push,
    proxy,
    'sorted-clusters',
    parts,
    sink,
    () => NO_DEPS,
    () => dedupeAndSortClusters(parts.flat()),
  );
}

function indexOf(sorted: readonly Cluster[], name: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nameOf(sorted[mid] as Cluster) < name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `sorted` (deduplicated) with `extra` merged in: names already present keep the earlier cluster. */
export function mergeClusters(sorted: readonly Cluster[], extra: readonly Cluster[]): Cluster[] {
  const added = dedupeAndSortClusters(
    extra.filter((c) => {
      const i = indexOf(sorted, nameOf(c));
      return i >= sorted.length || nameOf(sorted[i] as Cluster) !== nameOf(c);
    }),
  );
  const out: Cluster[] = [];
  let i = 0;
  for (const c of added) {
    while (i < sorted.length && nameOf(sorted[i] as Cluster) < nameOf(c)) out.push(sorted[i++] as Cluster);
    out.push(c);
  }
  while (i < sorted.length) out.push(sorted[i++] as Cluster);
  return out;
}
