// Kubernetes kinds a mesh reads, one file per kind (workload controllers share workload.ts).
import type { KindDefinition } from '../kind-definition.js';
import { endpointSliceKind, endpointsKind } from './endpoints.js';
import { namespaceKind } from './namespace.js';
import { podKind } from './pod.js';
import { secretKind } from './secret.js';
import { serviceKind } from './service.js';
import { serviceAccountKind } from './service-account.js';
import {
  cronJobKind,
  daemonSetKind,
  deploymentKind,
  jobKind,
  replicaSetKind,
  replicationControllerKind,
  statefulSetKind,
} from './workload.js';

export * from './endpoints.js';
export * from './namespace.js';
export * from './pod.js';
export * from './pod-template.js';
export * from './secret.js';
export * from './service.js';
export * from './service-account.js';
export * from './workload.js';

export const KUBE_KINDS: readonly KindDefinition[] = [
  namespaceKind,
  serviceKind,
  serviceAccountKind,
  secretKind,
  podKind,
  deploymentKind,
  replicaSetKind,
  statefulSetKind,
  daemonSetKind,
  replicationControllerKind,
  jobKind,
  cronJobKind,
  endpointsKind,
  endpointSliceKind,
];
