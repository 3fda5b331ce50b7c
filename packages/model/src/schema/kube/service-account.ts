import { z } from 'zod';
import { objectMeta } from '../common.js';
import { defineKind } from '../kind-definition.js';

/** A ServiceAccount: its name is the workload identity (`spiffe://cluster.local/ns/NS/sa/NAME`). */
export const serviceAccountSchema = z.strictObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: objectMeta,
  secrets: z.array(z.looseObject({})).optional(),
  imagePullSecrets: z.array(z.strictObject({ name: z.string() })).optional(),
  automountServiceAccountToken: z.boolean().optional(),
});
export type ServiceAccount = z.infer<typeof serviceAccountSchema>;

export const serviceAccountKind = defineKind({
  group: '',
  kind: 'ServiceAccount',
  versions: ['v1'],
  namespaced: true,
  schema: serviceAccountSchema,
});
