// WorkloadGroup (networking.istio.io): the template VMs join the mesh with (WorkloadEntries are made from it)
// and their readiness probe. Istio's rules (ValidateWorkloadGroup, validateReadinessProbe) are refinements.
import { z } from 'zod';
import { exactlyOne, portNumber, resourceEnvelope, stringMap } from '../common.js';
import { defineKind } from '../kind-definition.js';
import {
  labelMap,
  NETWORKING_GROUP,
  NETWORKING_VERSIONS,
  nonNegativeInt32,
  whenParsed,
} from './networking-common.js';
import { checkWorkloadEntry, workloadEntryShape } from './workload-entry.js';

/** Probe header names: letters, digits and '-' (Istio's ValidateProbeHeaderName, as Kubernetes). */
const probeHeader = z
  .strictObject({ name: z.string().optional(), value: z.string().optional() })
  .superRefine((h, ctx) => {
    if (!/^[-A-Za-z0-9]+$/.test(h.name ?? ''))
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: `expected a header name of letters, digits and "-", got ${JSON.stringify(h.name ?? '')}`,
      });
  }, whenParsed('name'));

const httpHealthCheck = z.strictObject({
  path: z.string().optional(),
  port: portNumber,
  host: z.string().optional(),
  /** "HTTP" (default) or "HTTPS". */
  scheme: z.enum(['', 'HTTP', 'HTTPS']).optional(),
  httpHeaders: z.array(probeHeader).optional(),
});

const tcpHealthCheck = z.strictObject({ host: z.string().optional(), port: portNumber });

const execHealthCheck = z.strictObject({
  command: z.array(z.string().min(1, { message: 'expected a non-empty command word' })).min(1, {
    message: 'expected a command to run',
  }),
});

const grpcHealthCheck = z.strictObject({ port: portNumber.optional(), service: z.string().optional() });

/** ReadinessProbe: how the agent on the VM checks the application; one method. */
export const readinessProbe = z
  .strictObject({
    /** Seconds; all counts and times are >= 0. */
    initialDelaySeconds: nonNegativeInt32.optional(),
    timeoutSeconds: nonNegativeInt32.optional(),
    periodSeconds: nonNegativeInt32.optional(),
    successThreshold: nonNegativeInt32.optional(),
    failureThreshold: nonNegativeInt32.optional(),
    httpGet: httpHealthCheck.optional(),
    tcpSocket: tcpHealthCheck.optional(),
    exec: execHealthCheck.optional(),
    grpc: grpcHealthCheck.optional(),
  })
  .superRefine((p, ctx) => {
    exactlyOne(ctx, p, ['httpGet', 'tcpSocket', 'exec', 'grpc']);
    // The API has grpc, but Istio's validation rejects it as an unknown method today.
    if (p.grpc !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['grpc'],
        message: 'expected httpGet, tcpSocket or exec: Istio does not accept grpc readiness probes yet',
      });
  }, whenParsed());
export type ReadinessProbe = z.infer<typeof readinessProbe>;

/** The template: a WorkloadEntry without address (each VM fills in its own). */
const template = workloadEntryShape.superRefine(
  (we, ctx) => checkWorkloadEntry(ctx, we, { addressRequired: false, address: 'any' }),
  whenParsed('address', 'network', 'ports'),
);

export const workloadGroupSpec = z.strictObject({
  /** Labels and annotations of the WorkloadEntries made from the template. */
  metadata: z.strictObject({ labels: labelMap.optional(), annotations: stringMap.optional() }).optional(),
  template,
  probe: readinessProbe.optional(),
});
export type WorkloadGroupSpec = z.infer<typeof workloadGroupSpec>;

export const workloadGroupSchema = resourceEnvelope(workloadGroupSpec);
export type WorkloadGroup = z.infer<typeof workloadGroupSchema>;

export const workloadGroupKind = defineKind({
  group: NETWORKING_GROUP,
  kind: 'WorkloadGroup',
  versions: NETWORKING_VERSIONS,
  namespaced: true,
  schema: workloadGroupSchema,
});
