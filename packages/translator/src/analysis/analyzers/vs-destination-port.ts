// IST0112 VirtualServiceDestinationPortSelectorRequired: a destination without `port` to a service with several
// ports. The route then applies on every port of the service, which is rarely what the author meant.
import { type LoadedResource, MeshKind, type VirtualService } from '@minimesh/model';
import { type AnalysisContext, type Analyzer, quote } from '../analyzer.js';
import { destinationsOf } from '../destinations.js';

export const vsDestinationPort: Analyzer = {
  code: 'IST0112',
  name: 'virtualservice.DestinationPortSelector',
  description: 'Checks that destinations to a service with several ports name the port',
  run(ctx: AnalysisContext): void {
    for (const vs of ctx.registry.configs(MeshKind.VirtualService)) check(ctx, vs);
  },
};

function check(ctx: AnalysisContext, vs: LoadedResource<VirtualService>): void {
  for (const d of destinationsOf(vs)) {
    if (d.destination.port !== undefined) continue;
    const svc = ctx.serviceFor(d.destination.host, vs.namespace);
    if (svc === undefined || svc.ports.length < 2) continue;
    const ports = svc.ports.map((p) => p.port).join(' ');
    ctx.report(
      vs,
      'IST0112',
      'Error',
      `This VirtualService routes to a service ${quote(d.destination.host)} that exposes multiple ports [${ports}]. Specifying a port in the destination is required to disambiguate.`,
      [...d.path, 'host'],
    );
  }
}
