import { z } from 'zod';
import { objectMeta, portNumber } from '../common.js';
import { defineKind } from '../kind-definition.js';
import { intOrString } from './pod-template.js';

/** A Service port. The mesh derives the protocol from `appProtocol`, else from the name prefix (`http-web`). */
export const servicePort = z.strictObject({
  name: z.string().optional(),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(),
  appProtocol: z.string().optional(),
  port: portNumber,
  targetPort: intOrString.optional(),
  nodePort: z.number().int().optional(),
});
export type ServicePort = z.infer<typeof servicePort>;

/** Every field of Kubernetes' ServiceSpec, so a typo is an error as with `kubectl --validate=strict`. */
export const serviceSpec = z.strictObject({
  ports: z.array(servicePort).optional(),
  selector: z.record(z.string(), z.string()).optional(),
  clusterIP: z.string().optional(),
  clusterIPs: z.array(z.string()).optional(),
  type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']).optional(),
  externalIPs: z.array(z.string()).optional(),
  externalName: z.string().optional(),
  sessionAffinity: z.enum(['ClientIP', 'None']).optional(),
  sessionAffinityConfig: z.looseObject({}).optional(),
  loadBalancerIP: z.string().optional(),
  loadBalancerSourceRanges: z.array(z.string()).optional(),
  loadBalancerClass: z.string().optional(),
  externalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
  internalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
  healthCheckNodePort: z.number().int().optional(),
  publishNotReadyAddresses: z.boolean().optional(),
  ipFamilies: z.array(z.enum(['IPv4', 'IPv6'])).optional(),
  ipFamilyPolicy: z.enum(['SingleStack', 'PreferDualStack', 'RequireDualStack']).optional(),
  allocateLoadBalancerNodePorts: z.boolean().optional(),
  trafficDistribution: z.string().optional(),
});

export const serviceSchema = z
  .strictObject({
    apiVersion: z.string(),
    kind: z.string(),
    metadata: objectMeta,
    spec: serviceSpec.optional(),
    status: z.unknown().optional(),
  })
  .superRefine((svc, ctx) => {
    // Kubernetes requires port names when a Service has more than one port, and names to be unique.
    const ports = svc.spec?.ports ?? [];
    const seen = new Map<string, number>();
    ports.forEach((p, i) => {
      if (ports.length > 1 && (p.name === undefined || p.name === '')) {
        ctx.addIssue({
          code: 'custom',
          path: ['spec', 'ports', i, 'name'],
          message: 'expected a port name: a Service with more than one port must name each port',
        });
      }
      if (p.name !== undefined) {
        const first = seen.get(p.name);
        if (first !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['spec', 'ports', i, 'name'],
            message: `expected a unique port name, "${p.name}" is also ports[${first}]`,
          });
        } else seen.set(p.name, i);
      }
    });
  });
export type Service = z.infer<typeof serviceSchema>;

export const serviceKind = defineKind({
  group: '',
  kind: 'Service',
  versions: ['v1'],
  namespaced: true,
  schema: serviceSchema,
});
