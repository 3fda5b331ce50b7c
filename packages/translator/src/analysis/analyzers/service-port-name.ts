// IST0118 PortNameIsNotUnderNamingConvention: a Service port whose protocol cannot be told from its name or
// appProtocol (`web`, `8080`, unnamed). The proxy then sniffs every connection's first bytes instead of trusting a
// declaration, which delays server-first protocols and cannot tell HTTP/2 without TLS from TCP reliably.
import { detectProtocol, MeshKind, MeshProtocol } from '@minimesh/model';
import type { AnalysisContext, Analyzer } from '../analyzer.js';

export const servicePortName: Analyzer = {
  code: 'IST0118',
  name: 'service.PortName',
  description: 'Checks that Service ports declare their protocol by name or appProtocol',
  run(ctx: AnalysisContext): void {
    for (const svc of ctx.registry.configs(MeshKind.Service)) {
      const spec = svc.object.spec ?? {};
      // ExternalName Services are DNS aliases: their ports are not proxied as declared.
      if (spec.type === 'ExternalName') continue;
      (spec.ports ?? []).forEach((port, i) => {
        if (detectProtocol(port) !== MeshProtocol.Unsupported) return;
        // Kubernetes defaults an absent targetPort to the port.
        const target = port.targetPort ?? port.port;
        ctx.report(
          svc,
          'IST0118',
          'Info',
          `Port name ${port.name ?? ''} (port: ${port.port}, targetPort: ${target}) doesn't follow the naming convention of Istio port.`,
          ['spec', 'ports', i],
        );
      });
    }
  },
};
