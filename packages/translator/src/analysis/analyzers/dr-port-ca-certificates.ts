// IST0129 NoServerCertificateVerificationPortLevel: port-level TLS origination without caCertificates (the same
// rule as IST0128, see dr-ca-certificates.ts, for one port of the service).
import { MeshKind } from '@minimesh/model';
import type { AnalysisContext, Analyzer } from '../analyzer.js';
import { unverified } from './dr-ca-certificates.js';

export const drPortCaCertificates: Analyzer = {
  code: 'IST0129',
  name: 'destinationrule.PortCaCertificates',
  description: 'Checks that port-level TLS origination in DestinationRules sets caCertificates',
  run(ctx: AnalysisContext): void {
    for (const dr of ctx.registry.configs(MeshKind.DestinationRule))
      (dr.object.spec.trafficPolicy?.portLevelSettings ?? []).forEach((p, i) => {
        const mode = unverified(dr, p.tls);
        if (mode === undefined) return;
        ctx.report(
          dr,
          'IST0129',
          'Warning',
          `DestinationRule ${dr.namespace}/${dr.name} in namespace ${dr.namespace} has TLS mode set to ${mode} but no caCertificates are set to validate server identity for host: ${dr.object.spec.host} at port ${p.port?.number ?? 0}`,
          ['spec', 'trafficPolicy', 'portLevelSettings', i, 'tls', 'mode'],
        );
      });
  },
};
