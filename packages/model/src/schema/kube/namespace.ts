import { z } from 'zod';
import { objectMeta } from '../common.js';
import { defineKind } from '../kind-definition.js';

/** A Namespace: the mesh reads its labels (istio-injection, istio.io/rev, topology). */
export const namespaceSchema = z.strictObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: objectMeta,
  spec: z.strictObject({ finalizers: z.array(z.string()).optional() }).optional(),
  status: z.unknown().optional(),
});
export type Namespace = z.infer<typeof namespaceSchema>;

export const namespaceKind = defineKind({
  group: '',
  kind: 'Namespace',
  versions: ['v1'],
  namespaced: false,
  schema: namespaceSchema,
});
