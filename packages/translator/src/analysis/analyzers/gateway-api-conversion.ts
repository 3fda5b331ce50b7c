// What the Kubernetes Gateway API conversion could not honour (a backendRef to a missing Service, a parentRef to
// no Gateway, a cross-namespace reference without ReferenceGrant, an unsupported filter...), as analysis
// messages at the route's file and line: the same conversion the translator runs (memoized per registry), so
// `mesh analyze` shows what the routes' status conditions would say.
import { convertGatewayApi, hasGatewayApi } from '../../gateway-api/registry-view.js';
import type { AnalysisContext, Analyzer } from '../analyzer.js';

export const gatewayApiConversion: Analyzer = {
  code: 'MM_GWAPI',
  name: 'gatewayapi.Conversion',
  description: 'Checks that every Gateway API Gateway and route converts into Istio configuration',
  run(ctx: AnalysisContext): void {
    if (!hasGatewayApi(ctx.registry)) return;
    for (const m of convertGatewayApi(ctx.registry).messages) ctx.add(m);
  },
};
