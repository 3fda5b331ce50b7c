import { z } from 'zod';
import { objectMeta } from '../common.js';
import { defineKind } from '../kind-definition.js';
import { podSpec } from './pod-template.js';

/** A Pod: a workload instance once it has `status.podIP`; its labels select Services and subsets. */
export const podSchema = z.strictObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: objectMeta,
  spec: podSpec,
  status: z
    .looseObject({
      podIP: z.string().optional(),
      podIPs: z.array(z.strictObject({ ip: z.string() })).optional(),
      hostIP: z.string().optional(),
      phase: z.string().optional(),
    })
    .optional(),
});
export type Pod = z.infer<typeof podSchema>;

export const podKind = defineKind({
  group: '',
  kind: 'Pod',
  versions: ['v1'],
  namespaced: true,
  schema: podSchema,
});
