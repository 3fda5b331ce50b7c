// IST0111 MultipleSidecarsWithoutWorkloadSelectors: more than one Sidecar without workloadSelector in a
// namespace. Each is the namespace default; proxies use the first by name and ignore the others.
import { type LoadedResource, MeshKind, type Sidecar } from '@minimesh/model';
import { type AnalysisContext, type Analyzer, quote } from '../analyzer.js';

export const sidecarDefault: Analyzer = {
  code: 'IST0111',
  name: 'sidecar.MultipleDefaults',
  description: 'Checks that each namespace has at most one Sidecar without workloadSelector',
  run(ctx: AnalysisContext): void {
    const byNamespace = new Map<string, LoadedResource<Sidecar>[]>();
    for (const s of ctx.registry.configs(MeshKind.Sidecar)) {
      if (Object.keys(s.object.spec.workloadSelector?.labels ?? {}).length > 0) continue;
      const ns = s.namespace ?? 'default';
      byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), s]);
    }
    for (const [ns, list] of byNamespace) {
      if (list.length < 2) continue;
      const names = list.map((s) => `${s.namespace}/${s.name}`).sort();
      for (const s of list)
        ctx.report(
          s,
          'IST0111',
          'Error',
          `The Sidecars [${names.join(' ')}] in namespace ${quote(ns)} have no workload selector, which can lead to undefined behavior.`,
          ['metadata', 'name'],
        );
    }
  },
};
