// IST0101 on a VirtualService gateway that does not exist (Istio's GatewayAnalyzer): the routes bind to no
// listener. `mesh` is the sidecars' pseudo gateway and always exists; Gateway API Gateways count too.
import { type LoadedResource, MeshKind, resolveGatewayName, type VirtualService } from '@minimesh/model';
import { type AnalysisContext, type Analyzer, quote } from '../analyzer.js';

export const vsGateway: Analyzer = {
  code: 'IST0101',
  name: 'virtualservice.Gateway',
  description: 'Checks that the gateways VirtualServices bind to exist',
  run(ctx: AnalysisContext): void {
    const known = new Set(ctx.registry.configs(MeshKind.Gateway).map((g) => `${g.namespace}/${g.name}`));
    for (const vs of ctx.registry.configs(MeshKind.VirtualService)) check(ctx, vs, known);
  },
};

function check(ctx: AnalysisContext, vs: LoadedResource<VirtualService>, known: ReadonlySet<string>): void {
  (vs.object.spec.gateways ?? []).forEach((name, i) => {
    if (name === 'mesh') return;
    const ref = resolveGatewayName(name, vs.namespace ?? 'default');
    if (known.has(ref) || ctx.registry.resource(`gateway.networking.k8s.io/Gateway/${ref}`) !== undefined)
      return;
    ctx.report(vs, 'IST0101', 'Error', `Referenced gateway not found: ${quote(name)}`, [
      'spec',
      'gateways',
      i,
    ]);
  });
}
