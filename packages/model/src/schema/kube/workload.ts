// Controllers that stamp out pods from a template: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
// CronJob, ReplicationController. The mesh reads their pod template (labels, service account, containers); the
// controller-specific fields are listed so a typo is caught, and their sub-objects pass through untouched.
import { z } from 'zod';
import { objectMeta } from '../common.js';
import { defineKind } from '../kind-definition.js';
import { labelSelector, podTemplateSpec } from './pod-template.js';

const loose = z.looseObject({});

function workloadSchema<S extends z.ZodRawShape>(specShape: S) {
  return z.strictObject({
    apiVersion: z.string(),
    kind: z.string(),
    metadata: objectMeta,
    spec: z.strictObject(specShape),
    status: z.unknown().optional(),
  });
}

export const deploymentSchema = workloadSchema({
  replicas: z.number().int().min(0).optional(),
  selector: labelSelector,
  template: podTemplateSpec,
  strategy: loose.optional(),
  minReadySeconds: z.number().int().optional(),
  revisionHistoryLimit: z.number().int().optional(),
  paused: z.boolean().optional(),
  progressDeadlineSeconds: z.number().int().optional(),
});
export type Deployment = z.infer<typeof deploymentSchema>;

export const replicaSetSchema = workloadSchema({
  replicas: z.number().int().min(0).optional(),
  selector: labelSelector,
  template: podTemplateSpec,
  minReadySeconds: z.number().int().optional(),
});
export type ReplicaSet = z.infer<typeof replicaSetSchema>;

export const statefulSetSchema = workloadSchema({
  replicas: z.number().int().min(0).optional(),
  selector: labelSelector,
  template: podTemplateSpec,
  serviceName: z.string().optional(),
  volumeClaimTemplates: z.array(loose).optional(),
  podManagementPolicy: z.enum(['OrderedReady', 'Parallel']).optional(),
  updateStrategy: loose.optional(),
  revisionHistoryLimit: z.number().int().optional(),
  minReadySeconds: z.number().int().optional(),
  persistentVolumeClaimRetentionPolicy: loose.optional(),
  ordinals: loose.optional(),
});
export type StatefulSet = z.infer<typeof statefulSetSchema>;

export const daemonSetSchema = workloadSchema({
  selector: labelSelector,
  template: podTemplateSpec,
  updateStrategy: loose.optional(),
  minReadySeconds: z.number().int().optional(),
  revisionHistoryLimit: z.number().int().optional(),
});
export type DaemonSet = z.infer<typeof daemonSetSchema>;

/** ReplicationController's selector is a plain label map, not a LabelSelector. */
export const replicationControllerSchema = workloadSchema({
  replicas: z.number().int().min(0).optional(),
  selector: z.record(z.string(), z.string()).optional(),
  template: podTemplateSpec,
  minReadySeconds: z.number().int().optional(),
});
export type ReplicationController = z.infer<typeof replicationControllerSchema>;

const jobSpecShape = {
  template: podTemplateSpec,
  parallelism: z.number().int().optional(),
  completions: z.number().int().optional(),
  completionMode: z.enum(['NonIndexed', 'Indexed']).optional(),
  activeDeadlineSeconds: z.number().int().optional(),
  backoffLimit: z.number().int().optional(),
  backoffLimitPerIndex: z.number().int().optional(),
  maxFailedIndexes: z.number().int().optional(),
  selector: labelSelector.optional(),
  manualSelector: z.boolean().optional(),
  ttlSecondsAfterFinished: z.number().int().optional(),
  suspend: z.boolean().optional(),
  podFailurePolicy: loose.optional(),
  podReplacementPolicy: z.string().optional(),
  successPolicy: loose.optional(),
  managedBy: z.string().optional(),
};
export const jobSchema = workloadSchema(jobSpecShape);
export type Job = z.infer<typeof jobSchema>;

export const cronJobSchema = workloadSchema({
  schedule: z.string(),
  timeZone: z.string().optional(),
  startingDeadlineSeconds: z.number().int().optional(),
  concurrencyPolicy: z.enum(['Allow', 'Forbid', 'Replace']).optional(),
  suspend: z.boolean().optional(),
  successfulJobsHistoryLimit: z.number().int().optional(),
  failedJobsHistoryLimit: z.number().int().optional(),
  jobTemplate: z.strictObject({ metadata: objectMeta.optional(), spec: z.strictObject(jobSpecShape) }),
});
export type CronJob = z.infer<typeof cronJobSchema>;

const apps = (kind: string, schema: z.ZodType) =>
  defineKind({ group: 'apps', kind, versions: ['v1'], namespaced: true, schema });
export const deploymentKind = apps('Deployment', deploymentSchema);
export const replicaSetKind = apps('ReplicaSet', replicaSetSchema);
export const statefulSetKind = apps('StatefulSet', statefulSetSchema);
export const daemonSetKind = apps('DaemonSet', daemonSetSchema);
export const replicationControllerKind = defineKind({
  group: '',
  kind: 'ReplicationController',
  versions: ['v1'],
  namespaced: true,
  schema: replicationControllerSchema,
});
export const jobKind = defineKind({
  group: 'batch',
  kind: 'Job',
  versions: ['v1'],
  namespaced: true,
  schema: jobSchema,
});
export const cronJobKind = defineKind({
  group: 'batch',
  kind: 'CronJob',
  versions: ['v1'],
  namespaced: true,
  schema: cronJobSchema,
});
