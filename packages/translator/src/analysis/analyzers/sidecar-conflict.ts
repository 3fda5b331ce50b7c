// IST0110 ConflictingSidecarWorkloadSelectors: a workload selected by several Sidecars. The proxy uses only the
// first by namespace/name; the others are ignored for it.
import type { LoadedResource, Sidecar, WorkloadInstance } from '@minimesh/model';
import { type AnalysisContext, type Analyzer, quote } from '../analyzer.js';
import { selections } from './sidecar-selector.js';

export const sidecarConflict: Analyzer = {
  code: 'IST0110',
  name: 'sidecar.ConflictingSelectors',
  description: 'Checks that no workload is selected by several Sidecars',
  run(ctx: AnalysisContext): void {
    const byWorkload = new Map<string, { workload: WorkloadInstance; sidecars: LoadedResource<Sidecar>[] }>();
    for (const { sidecar, selected } of selections(ctx))
      for (const w of selected) {
        const key = `${w.namespace}/${w.name}`;
        const entry = byWorkload.get(key) ?? { workload: w, sidecars: [] };
        entry.sidecars.push(sidecar);
        byWorkload.set(key, entry);
      }
    for (const key of [...byWorkload.keys()].sort()) {
      const entry = byWorkload.get(key);
      if (entry === undefined || entry.sidecars.length < 2) continue;
      const names = entry.sidecars.map((s) => `${s.namespace}/${s.name}`).sort();
      for (const s of entry.sidecars)
        ctx.report(
          s,
          'IST0110',
          'Error',
          `The Sidecars [${names.join(' ')}] in namespace ${quote(entry.workload.namespace)} select the same workload pod ${quote(entry.workload.name)}, which can lead to undefined behavior.`,
          ['spec', 'workloadSelector'],
        );
    }
  },
};
