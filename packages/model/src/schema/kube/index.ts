// Kubernetes kinds a mesh reads, one file per kind.
import type { KindDefinition } from '../kind-definition.js';

export const KUBE_KINDS: readonly KindDefinition[] = [];
