// IST0131 VirtualServiceIneffectiveMatch: a match that duplicates a match of an earlier rule, or whose requests an
// earlier URI prefix always takes (see route-order.ts). It never decides where a request goes.
import { MeshKind } from '@minimesh/model';
import type { AnalysisContext, Analyzer } from '../analyzer.js';
import { routeOrderFindings } from '../route-order.js';

export const vsIneffectiveMatch: Analyzer = {
  code: 'IST0131',
  name: 'virtualservice.IneffectiveMatch',
  description: 'Checks for VirtualService matches that duplicate a match of an earlier rule',
  run(ctx: AnalysisContext): void {
    for (const vs of ctx.registry.configs(MeshKind.VirtualService))
      for (const f of routeOrderFindings(vs))
        if (f.kind === 'match')
          ctx.report(
            vs,
            'IST0131',
            'Info',
            `VirtualService rule ${f.rule} match ${f.match} is not used (duplicate/overlapping match in rule ${f.earlier}).`,
            f.path,
          );
  },
};
