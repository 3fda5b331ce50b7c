// The pod shape a mesh reads: containers (names, ports, probes for injection), service account, host network,
// labels and annotations of the template. Fields a mesh does not read pass through untouched (loose objects),
// since Kubernetes' PodSpec is large and versioned apart from the mesh; fields it reads are typed and checked.
import { z } from 'zod';
import { objectMeta } from '../common.js';

/** A container port: `containerPort` is required, as Kubernetes requires it. */
export const containerPort = z.strictObject({
  containerPort: z.number().int().min(1).max(65535),
  name: z.string().optional(),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(),
  hostPort: z.number().int().optional(),
  hostIP: z.string().optional(),
});

/** int-or-string, as Kubernetes' IntOrString: a port number or a named port. */
export const intOrString = z.union([z.number().int(), z.string()]);

export const container = z.looseObject({
  name: z.string(),
  image: z.string().optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  ports: z.array(containerPort).optional(),
  env: z.array(z.looseObject({ name: z.string() })).optional(),
});
export type Container = z.infer<typeof container>;

export const podSpec = z.looseObject({
  containers: z.array(container),
  initContainers: z.array(container).optional(),
  serviceAccountName: z.string().optional(),
  serviceAccount: z.string().optional(),
  hostNetwork: z.boolean().optional(),
  nodeName: z.string().optional(),
  volumes: z.array(z.looseObject({ name: z.string() })).optional(),
});
export type PodSpec = z.infer<typeof podSpec>;

export const podTemplateSpec = z.strictObject({
  metadata: objectMeta.optional(),
  spec: podSpec,
});
export type PodTemplateSpec = z.infer<typeof podTemplateSpec>;

/** A metav1.LabelSelector. */
export const labelSelector = z.strictObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z
    .array(
      z.strictObject({
        key: z.string(),
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});
export type LabelSelector = z.infer<typeof labelSelector>;
