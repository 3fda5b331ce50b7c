// PeerAuthentication (security.istio.io): the mutual-TLS mode a workload's sidecar accepts, for the mesh (root
// namespace), a namespace, or selected workloads, optionally per port of those workloads.
import { z } from 'zod';
import { resourceEnvelope } from '../common.js';
import { defineKind } from '../kind-definition.js';
import { describe } from '../validate.js';
import { addIssue, checkDryRun, policySelector } from './security-common.js';

/** UNSET inherits from the parent scope; DISABLE plaintext; PERMISSIVE both; STRICT mTLS only. */
export const mtlsMode = z.enum(['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT']);
export type MtlsMode = z.infer<typeof mtlsMode>;

export const peerAuthenticationMtls = z.strictObject({ mode: mtlsMode.optional() });
export type PeerAuthenticationMtls = z.infer<typeof peerAuthenticationMtls>;

/** Per-port mTLS: keys are workload (container) port numbers 1-65535, written as map keys; at least one entry. */
export const portLevelMtls = z.record(z.string(), peerAuthenticationMtls).superRefine((ports, ctx) => {
  const keys = Object.keys(ports);
  if (keys.length === 0) addIssue(ctx, [], 'expected at least one port in portLevelMtls');
  for (const key of keys) {
    if (!/^[0-9]{1,5}$/.test(key) || Number(key) < 1 || Number(key) > 65535)
      addIssue(ctx, [key], `expected a port number from 1 to 65535 as the key, got ${describe(key)}`);
  }
});

export const peerAuthenticationSpec = z
  .strictObject({
    selector: policySelector.optional(),
    mtls: peerAuthenticationMtls.optional(),
    portLevelMtls: portLevelMtls.optional(),
  })
  .superRefine((spec, ctx) => {
    // Ports are those of selected workloads: a mesh- or namespace-wide policy cannot name them.
    if (spec.portLevelMtls !== undefined && Object.keys(spec.selector?.matchLabels ?? {}).length === 0)
      addIssue(
        ctx,
        ['portLevelMtls'],
        'expected a selector with matchLabels: portLevelMtls applies only to selected workloads',
      );
  });
export type PeerAuthenticationSpec = z.infer<typeof peerAuthenticationSpec>;

export const peerAuthenticationSchema = resourceEnvelope(peerAuthenticationSpec.optional()).superRefine(
  (pa, ctx) => checkDryRun(ctx, pa.metadata.annotations, null),
);
export type PeerAuthentication = z.infer<typeof peerAuthenticationSchema>;

export const peerAuthenticationKind = defineKind({
  group: 'security.istio.io',
  kind: 'PeerAuthentication',
  versions: ['v1', 'v1beta1'],
  namespaced: true,
  schema: peerAuthenticationSchema,
});
