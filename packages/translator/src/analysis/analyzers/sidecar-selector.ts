// IST0101 on a Sidecar workloadSelector that matches no workload of its namespace: it configures nothing.
import {
  type LoadedResource,
  labelsMatch,
  MeshKind,
  type Sidecar,
  type WorkloadInstance,
} from '@minimesh/model';
import { type AnalysisContext, type Analyzer, quote, selectorString } from '../analyzer.js';

/** Sidecars with a non-empty selector, each with the workloads of its namespace it selects. */
export function selections(
  ctx: AnalysisContext,
): { sidecar: LoadedResource<Sidecar>; selected: WorkloadInstance[] }[] {
  return ctx.registry
    .configs(MeshKind.Sidecar)
    .filter((s) => Object.keys(s.object.spec.workloadSelector?.labels ?? {}).length > 0)
    .map((sidecar) => ({
      sidecar,
      selected: ctx
        .workloads()
        .filter(
          (w) =>
            w.namespace === sidecar.namespace &&
            labelsMatch(sidecar.object.spec.workloadSelector?.labels, w.labels),
        ),
    }));
}

export const sidecarSelector: Analyzer = {
  code: 'IST0101',
  name: 'sidecar.Selector',
  description: 'Checks that the workloadSelector of each Sidecar matches a workload',
  run(ctx: AnalysisContext): void {
    for (const { sidecar, selected } of selections(ctx)) {
      if (selected.length > 0) continue;
      const labels = sidecar.object.spec.workloadSelector?.labels ?? {};
      const first = Object.keys(labels).sort()[0] ?? '';
      ctx.report(
        sidecar,
        'IST0101',
        'Error',
        `Referenced selector not found: ${quote(selectorString(labels))}`,
        ['spec', 'workloadSelector', 'labels', first],
      );
    }
  },
};
