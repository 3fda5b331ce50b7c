// IST0101 on a Gateway selector that matches no workload (Istio's IngressGatewayPortAnalyzer): no gateway proxy
// serves the Gateway, so its servers never listen. An empty selector selects every gateway workload and is not
// checked.
import { labelsMatch, MeshKind } from '@minimesh/model';
import { type AnalysisContext, type Analyzer, quote, selectorString } from '../analyzer.js';

export const gatewaySelector: Analyzer = {
  code: 'IST0101',
  name: 'gateway.Selector',
  description: 'Checks that the selector of each Gateway matches a workload',
  run(ctx: AnalysisContext): void {
    for (const gw of ctx.registry.configs(MeshKind.Gateway)) {
      const selector = gw.object.spec.selector ?? {};
      const keys = Object.keys(selector).sort();
      const first = keys[0];
      if (first === undefined) continue;
      if (ctx.workloads().some((w) => labelsMatch(selector, w.labels))) continue;
      ctx.report(
        gw,
        'IST0101',
        'Error',
        `Referenced selector not found: ${quote(selectorString(selector))}`,
        ['spec', 'selector', first],
      );
    }
  },
};
