// IST0101 on VirtualService destinations: a host that is no service (Istio's DestinationHostAnalyzer), and a
// destination port the service does not expose. Such a route sends its traffic to a cluster that does not exist.
import { type LoadedResource, MeshKind, type VirtualService } from '@minimesh/model';
import { type AnalysisContext, type Analyzer, quote } from '../analyzer.js';
import { destinationsOf } from '../destinations.js';

export const vsDestinationHost: Analyzer = {
  code: 'IST0101',
  name: 'virtualservice.DestinationHost',
  description: 'Checks that the destination hosts (and ports) of each VirtualService exist',
  run(ctx: AnalysisContext): void {
    for (const vs of ctx.registry.configs(MeshKind.VirtualService)) check(ctx, vs);
  },
};

function check(ctx: AnalysisContext, vs: LoadedResource<VirtualService>): void {
  for (const d of destinationsOf(vs)) {
    const { host, port } = d.destination;
    const svc = ctx.serviceFor(host, vs.namespace);
    if (svc === undefined) {
      const what = d.mirror ? 'mirror host' : 'host';
      ctx.report(vs, 'IST0101', 'Error', `Referenced ${what} not found: ${quote(host)}`, [...d.path, 'host']);
      continue;
    }
    // A service without declared ports (a DYNAMIC_DNS wildcard, a headless Service) accepts any port.
    if (port !== undefined && svc.ports.length > 0 && !svc.ports.some((p) => p.port === port.number))
      ctx.report(
        vs,
        'IST0101',
        'Error',
        `Referenced host:port not found: ${quote(`${host}:${port.number}`)}`,
        [...d.path, 'port', 'number'],
      );
  }
}
