// The workload a pod belongs to, as Istio's kube.GetDeployMetaFromPod guesses it from the pod alone: the
// controller owner reference, with a ReplicaSet named `<deployment>-<pod-template-hash>` taken as its
// Deployment and a Job named `<cronjob>-<8 to 10 digits>` as its CronJob.
import type { ObjectMetaLike } from '../types.js';
import type { DeployMeta, TypeMeta } from './template-input.js';

const CRON_JOB_NAME = /^(.+)-\d{8,10}$/;

export function deployMetaFromPod(
  meta: ObjectMetaLike,
  namespace: string,
): { deploy: DeployMeta; type: TypeMeta } {
  const deploy: DeployMeta = { name: meta.name ?? '', namespace };
  const type: TypeMeta = { kind: 'Pod', apiVersion: 'v1' };
  if (meta.generateName) {
    const ref = (meta.ownerReferences ?? []).find((r) => r.controller === true);
    if (ref !== undefined) {
      type.apiVersion = ref.apiVersion;
      type.kind = ref.kind;
      deploy.name = ref.name;
      const labels = meta.labels ?? {};
      const hash = labels['pod-template-hash'];
      const rolloutHash = labels['rollouts-pod-template-hash'];
      if (ref.kind === 'ReplicaSet' && hash && ref.name.endsWith(hash)) {
        // Go's TrimSuffix("-" + hash): unchanged when the dash is missing.
        if (ref.name.endsWith(`-${hash}`)) deploy.name = ref.name.slice(0, ref.name.length - hash.length - 1);
        type.kind = 'Deployment';
      } else if (ref.kind === 'ReplicaSet' && rolloutHash && ref.name.endsWith(rolloutHash)) {
        if (ref.name.endsWith(`-${rolloutHash}`)) {
          deploy.name = ref.name.slice(0, ref.name.length - rolloutHash.length - 1);
        }
        type.kind = 'Rollout';
        type.apiVersion = 'v1alpha1';
      } else if (ref.kind === 'ReplicationController' && labels.deploymentconfig) {
        deploy.name = labels.deploymentconfig;
        type.kind = 'DeploymentConfig';
      } else if (ref.kind === 'Job') {
        const m = CRON_JOB_NAME.exec(ref.name);
        if (m?.[1] !== undefined) {
          deploy.name = m[1];
          type.kind = 'CronJob';
          type.apiVersion = 'batch/v1';
        }
      }
    }
  }
  if (deploy.name === '') deploy.name = meta.name ?? '';
  return { deploy, type };
}
