// IST0101 on a destination subset that no DestinationRule defines for the destination's host (Istio's
// DestinationRuleAnalyzer). Envoy gets a route to a cluster that is never built: requests fail with 503 NC.
import { hostMatches, type LoadedResource, MeshKind, type VirtualService } from '@minimesh/model';
import { type AnalysisContext, type Analyzer, quote } from '../analyzer.js';
import { destinationsOf } from '../destinations.js';

export const vsSubset: Analyzer = {
  code: 'IST0101',
  name: 'virtualservice.DestinationSubset',
  description: 'Checks that the subsets VirtualServices route to are defined by a DestinationRule',
  run(ctx: AnalysisContext): void {
    // host (resolved in the rule's namespace; may be a wildcard) -> subset names it defines
    const defined: { host: string; subsets: Set<string> }[] = ctx.registry
      .configs(MeshKind.DestinationRule)
      .map((dr) => ({
        host: ctx.fqdn(dr.object.spec.host, dr.namespace),
        subsets: new Set((dr.object.spec.subsets ?? []).map((s) => s.name)),
      }));
    for (const vs of ctx.registry.configs(MeshKind.VirtualService)) check(ctx, vs, defined);
  },
};

function check(
  ctx: AnalysisContext,
  vs: LoadedResource<VirtualService>,
  defined: readonly { host: string; subsets: Set<string> }[],
): void {
  for (const d of destinationsOf(vs)) {
    const subset = d.destination.subset;
    if (subset === undefined || subset === '') continue;
    const host = ctx.fqdn(d.destination.host, vs.namespace);
    if (defined.some((r) => r.subsets.has(subset) && hostMatches(host, r.host))) continue;
    const what = d.mirror ? 'mirror+subset' : 'host+subset';
    ctx.report(
      vs,
      'IST0101',
      'Error',
      `Referenced ${what} in destinationrule not found: ${quote(`${d.destination.host}+${subset}`)}`,
      [...d.path, 'subset'],
    );
  }
}
