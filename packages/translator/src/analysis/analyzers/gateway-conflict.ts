// IST0145 ConflictingGateways: two Gateways that select the same workloads and have a server on the same port
// with the same host (and bind address). The gateway proxy gets one filter chain for the pair and only one
// Gateway's settings apply.
import { type Gateway, type LoadedResource, labelsMatch, MeshKind } from '@minimesh/model';
import { type AnalysisContext, type Analyzer, selectorString } from '../analyzer.js';

export const gatewayConflict: Analyzer = {
  code: 'IST0145',
  name: 'gateway.Conflicting',
  description:
    'Checks that Gateways selecting the same workloads do not serve the same host on the same port',
  run(ctx: AnalysisContext): void {
    const gateways = ctx.registry.configs(MeshKind.Gateway);
    for (const gw of gateways) {
      gw.object.spec.servers.forEach((server, i) => {
        const conflicts = gateways
          .filter((other) => other !== gw && sameWorkloads(ctx, gw, other))
          .filter((other) =>
            other.object.spec.servers.some(
              (s) =>
                s.port.number === server.port.number &&
                (s.bind ?? '') === (server.bind ?? '') &&
                s.hosts.some((h) => server.hosts.includes(h)),
            ),
          )
          .map((other) => `${other.namespace}/${other.name}`)
          .sort();
        if (conflicts.length === 0) return;
        ctx.report(
          gw,
          'IST0145',
          'Error',
          `Conflict with gateways ${conflicts.join(',')} (workload selector ${selectorString(gw.object.spec.selector)}, port ${server.port.number}, hosts ${server.hosts.join(',')}).`,
          ['spec', 'servers', i, 'port', 'number'],
        );
      });
    }
  },
};

/** Equal selectors, or selectors that both select one existing workload. */
function sameWorkloads(
  ctx: AnalysisContext,
  a: LoadedResource<Gateway>,
  b: LoadedResource<Gateway>,
): boolean {
  const sa = a.object.spec.selector;
  const sb = b.object.spec.selector;
  if (selectorString(sa) === selectorString(sb)) return true;
  return ctx.workloads().some((w) => labelsMatch(sa, w.labels) && labelsMatch(sb, w.labels));
}
