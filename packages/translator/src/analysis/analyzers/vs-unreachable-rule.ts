// IST0130 VirtualServiceUnreachableRule: a rule an earlier rule always takes first (see route-order.ts). Istio
// reports it as a warning of its validation; so do we.
import { MeshKind } from '@minimesh/model';
import type { AnalysisContext, Analyzer } from '../analyzer.js';
import { routeOrderFindings } from '../route-order.js';

export const vsUnreachableRule: Analyzer = {
  code: 'IST0130',
  name: 'virtualservice.UnreachableRule',
  description: 'Checks for VirtualService rules that an earlier rule always takes first',
  run(ctx: AnalysisContext): void {
    for (const vs of ctx.registry.configs(MeshKind.VirtualService))
      for (const f of routeOrderFindings(vs))
        if (f.kind === 'rule')
          ctx.report(
            vs,
            'IST0130',
            'Warning',
            `VirtualService rule ${f.rule} not used (${f.reason}).`,
            f.path,
          );
  },
};
