// IST0173 DestinationRuleSubsetNotSelectPods: a subset whose labels select no endpoint of the rule's service.
// Its cluster has no endpoints, so traffic routed there fails with 503 UH (no healthy upstream). Unlike Istio,
// which matches subset labels against every pod of the cluster, we match them against the service's own
// endpoints, which is what the cluster gets.
import { labelsMatch, MeshKind } from '@minimesh/model';
import type { AnalysisContext, Analyzer } from '../analyzer.js';
import { servicesOf } from './dr-host.js';

export const drSubsetPods: Analyzer = {
  code: 'IST0173',
  name: 'destinationrule.SubsetSelectPods',
  description: 'Checks that each DestinationRule subset selects endpoints of its service',
  run(ctx: AnalysisContext): void {
    for (const dr of ctx.registry.configs(MeshKind.DestinationRule)) {
      const subsets = dr.object.spec.subsets ?? [];
      if (subsets.length === 0) continue;
      const services = servicesOf(ctx, dr);
      // An unknown host is IST0174 (dr-host.ts); its subsets are not judged.
      if (services.length === 0) continue;
      const endpoints = services.flatMap((s) => ctx.registry.serviceEndpoints(s));
      subsets.forEach((subset, i) => {
        if (endpoints.some((e) => labelsMatch(subset.labels, e.instance.labels))) return;
        ctx.report(
          dr,
          'IST0173',
          'Error',
          `The Subset ${subset.name} defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).`,
          ['spec', 'subsets', i, 'name'],
        );
      });
    }
  },
};
