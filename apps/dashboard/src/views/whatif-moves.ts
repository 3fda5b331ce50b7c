// Counts of the requests a what-if moves, per (before, after) destination pair.
import type { WhatIfChange, WhatIfOutcome } from '@minimesh/cli/dashboard-protocol';

/** Where a request went: its cluster, or the outcome when it reached none. */
export function where(o: WhatIfOutcome): string {
  return o.cluster ?? o.outcome;
}

/** `before cluster -> after cluster` pairs with how many changed requests took each, most first. */
export function countMoves(changes: readonly WhatIfChange[]): { from: string; to: string; count: number }[] {
  const counts = new Map<string, { from: string; to: string; count: number }>();
  for (const c of changes) {
    const from = where(c.before);
    const to = where(c.after);
    const key = `${from}\u0000${to}`;
    const entry = counts.get(key) ?? { from, to, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from));
}
