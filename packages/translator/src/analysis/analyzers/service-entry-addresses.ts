// IST0134 ServiceEntryAddressesRequired: a ServiceEntry without addresses with a TCP (or protocol-less) port. A
// TCP listener is chosen by destination address, so without one the sidecar cannot tell this service's traffic
// from any other on the port (minimesh allocates no addresses, as Istio without DNS auto-allocation).
import { MeshKind } from '@minimesh/model';
import type { AnalysisContext, Analyzer } from '../analyzer.js';

export const serviceEntryAddresses: Analyzer = {
  code: 'IST0134',
  name: 'serviceentry.ProtocolAddresses',
  description: 'Checks that ServiceEntries with TCP ports have addresses',
  run(ctx: AnalysisContext): void {
    for (const se of ctx.registry.configs(MeshKind.ServiceEntry)) {
      const spec = se.object.spec;
      if (spec.addresses !== undefined && spec.addresses.length > 0) continue;
      (spec.ports ?? []).forEach((port, i) => {
        if (port.protocol !== undefined && port.protocol !== '' && port.protocol.toUpperCase() !== 'TCP')
          return;
        ctx.report(se, 'IST0134', 'Warning', 'ServiceEntry addresses are required for this protocol.', [
          'spec',
          'ports',
          i,
        ]);
      });
    }
  },
};
