// Endpoints (core/v1) and EndpointSlice (discovery.k8s.io/v1): explicit instances behind a Service, used when
// a Service has no selector or when the cluster, not the mesh, decides membership.
import { z } from 'zod';
import { objectMeta, portNumber } from '../common.js';
import { defineKind } from '../kind-definition.js';

const objectReference = z.looseObject({
  kind: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
});

const endpointAddress = z.strictObject({
  ip: z.string(),
  hostname: z.string().optional(),
  nodeName: z.string().optional(),
  targetRef: objectReference.optional(),
});

const endpointPort = z.strictObject({
  name: z.string().optional(),
  port: portNumber,
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(),
  appProtocol: z.string().optional(),
});

export const endpointsSchema = z.strictObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: objectMeta,
  subsets: z
    .array(
      z.strictObject({
        addresses: z.array(endpointAddress).optional(),
        notReadyAddresses: z.array(endpointAddress).optional(),
        ports: z.array(endpointPort).optional(),
      }),
    )
    .optional(),
});
export type Endpoints = z.infer<typeof endpointsSchema>;

export const endpointSliceSchema = z.strictObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: objectMeta,
  addressType: z.enum(['IPv4', 'IPv6', 'FQDN']),
  endpoints: z.array(
    z.strictObject({
      addresses: z.array(z.string()).min(1),
      conditions: z
        .strictObject({
          ready: z.boolean().optional(),
          serving: z.boolean().optional(),
          terminating: z.boolean().optional(),
        })
        .optional(),
      hostname: z.string().optional(),
      targetRef: objectReference.optional(),
      nodeName: z.string().optional(),
      zone: z.string().optional(),
      hints: z.looseObject({}).optional(),
      deprecatedTopology: z.record(z.string(), z.string()).optional(),
    }),
  ),
  ports: z
    .array(
      z.strictObject({
        name: z.string().optional(),
        port: portNumber.optional(),
        protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(),
        appProtocol: z.string().optional(),
      }),
    )
    .optional(),
});
export type EndpointSlice = z.infer<typeof endpointSliceSchema>;

export const endpointsKind = defineKind({
  group: '',
  kind: 'Endpoints',
  versions: ['v1'],
  namespaced: true,
  schema: endpointsSchema,
});
export const endpointSliceKind = defineKind({
  group: 'discovery.k8s.io',
  kind: 'EndpointSlice',
  versions: ['v1'],
  namespaced: true,
  schema: endpointSliceSchema,
});
