// IST0174 UnknownDestinationRuleHost: a DestinationRule whose host is no service visible from its namespace
// (nor, for a wildcard host, covers one). It configures no cluster.
import {
  type DestinationRule,
  hostMatches,
  type LoadedResource,
  MeshKind,
  type MeshService,
} from '@minimesh/model';
import type { AnalysisContext, Analyzer } from '../analyzer.js';

export const drHost: Analyzer = {
  code: 'IST0174',
  name: 'destinationrule.UnknownHost',
  description: 'Checks that the host of each DestinationRule is a service of the mesh',
  run(ctx: AnalysisContext): void {
    for (const dr of ctx.registry.configs(MeshKind.DestinationRule)) {
      if (servicesOf(ctx, dr).length > 0) continue;
      ctx.report(
        dr,
        'IST0174',
        'Warning',
        `The host ${dr.object.spec.host} defined in the DestinationRule does not match any services in the mesh.`,
        ['spec', 'host'],
      );
    }
  },
};

/**
 * The services a DestinationRule applies to, seen from its namespace: the service of its host, or every service
 * a wildcard host covers (or whose wildcard host covers it).
 */
export function servicesOf(ctx: AnalysisContext, dr: LoadedResource<DestinationRule>): MeshService[] {
  const host = ctx.fqdn(dr.object.spec.host, dr.namespace);
  if (!host.startsWith('*')) {
    const svc = ctx.serviceFor(host, dr.namespace);
    return svc === undefined ? [] : [svc];
  }
  return ctx.registry
    .visibleServices(dr.namespace ?? 'default')
    .filter((s) => hostMatches(s.hostname, host) || hostMatches(host, s.hostname));
}
