// IST0128 NoServerCertificateVerificationDestinationLevel: TLS origination (SIMPLE or MUTUAL) without
// caCertificates, so the server's certificate is not verified against a chosen CA. A credentialName on a rule
// with a workloadSelector carries the CA, and insecureSkipVerify says the author chose not to verify: neither is
// reported.
import { type ClientTLSSettings, type DestinationRule, type LoadedResource, MeshKind } from '@minimesh/model';
import type { AnalysisContext, Analyzer, FieldPath } from '../analyzer.js';

/** The TLS mode when `tls` originates TLS without verifying the server against a chosen CA. */
export function unverified(
  dr: LoadedResource<DestinationRule>,
  tls: ClientTLSSettings | undefined,
): string | undefined {
  const mode = tls?.mode;
  if (tls === undefined || (mode !== 'SIMPLE' && mode !== 'MUTUAL')) return undefined;
  if (tls.caCertificates !== undefined && tls.caCertificates !== '') return undefined;
  if (tls.insecureSkipVerify === true) return undefined;
  if (tls.credentialName !== undefined && dr.object.spec.workloadSelector !== undefined) return undefined;
  return mode;
}

export const drCaCertificates: Analyzer = {
  code: 'IST0128',
  name: 'destinationrule.CaCertificates',
  description: 'Checks that DestinationRules originating TLS set caCertificates',
  run(ctx: AnalysisContext): void {
    for (const dr of ctx.registry.configs(MeshKind.DestinationRule)) {
      const mode = unverified(dr, dr.object.spec.trafficPolicy?.tls);
      if (mode === undefined) continue;
      const path: FieldPath = ['spec', 'trafficPolicy', 'tls', 'mode'];
      ctx.report(
        dr,
        'IST0128',
        'Warning',
        `DestinationRule ${dr.namespace}/${dr.name} in namespace ${dr.namespace} has TLS mode set to ${mode} but no caCertificates are set to validate server identity for host: ${dr.object.spec.host}`,
        path,
      );
    }
  },
};
