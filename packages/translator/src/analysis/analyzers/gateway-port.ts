// IST0162 GatewayPortNotDefinedOnService: a Gateway server port that no Kubernetes Service of the gateway's
// workloads exposes (as its port or targetPort). The gateway listens there, but no client reaches it through the
// Service. Only Gateways whose selector matches a workload are checked (otherwise IST0101, gateway-selector.ts).
import { labelsMatch, MeshKind, type MeshLabels, type Registry } from '@minimesh/model';
import { type AnalysisContext, type Analyzer, selectorString } from '../analyzer.js';

export const gatewayPort: Analyzer = {
  code: 'IST0162',
  name: 'gateway.IngressGatewayPort',
  description: "Checks a Gateway's server ports against the Services of its workloads",
  run(ctx: AnalysisContext): void {
    for (const gw of ctx.registry.configs(MeshKind.Gateway)) {
      const selector = gw.object.spec.selector ?? {};
      if (Object.keys(selector).length === 0) continue;
      const selected = ctx.workloads().filter((w) => labelsMatch(selector, w.labels));
      if (selected.length === 0) continue;
      const ports = new Set<number>();
      for (const w of selected)
        for (const p of servicePorts(ctx.registry, w.namespace, w.labels)) ports.add(p);
      gw.object.spec.servers.forEach((server, i) => {
        if (ports.has(server.port.number)) return;
        ctx.report(
          gw,
          'IST0162',
          'Warning',
          `The gateway is listening on a target port (port ${server.port.number}) that is not defined in the Service associated with its workload instances (Pod selector ${selectorString(selector)}). If you need to access the gateway port through the gateway Service, it will not be available.`,
          ['spec', 'servers', i, 'port', 'number'],
        );
      });
    }
  },
};

/**
 * The TCP ports of Services of `namespace` that select a workload with `labels`: each numeric targetPort (the
 * port the gateway listens on) and each service port (Istio accepts either).
 */
function servicePorts(registry: Registry, namespace: string, labels: MeshLabels): number[] {
  const out: number[] = [];
  for (const svc of registry.configsIn(MeshKind.Service, namespace)) {
    const spec = svc.object.spec ?? {};
    if (spec.selector === undefined || Object.keys(spec.selector).length === 0) continue;
    if (!labelsMatch(spec.selector, labels)) continue;
    for (const p of spec.ports ?? []) {
      if ((p.protocol ?? 'TCP') !== 'TCP') continue;
      out.push(p.port);
      if (typeof p.targetPort === 'number') out.push(p.targetPort);
    }
  }
  return out;
}
