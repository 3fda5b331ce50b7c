// Kubernetes Gateway API kinds (gateway.networking.k8s.io), one file per kind.
import type { KindDefinition } from '../kind-definition.js';

export const GATEWAY_API_KINDS: readonly KindDefinition[] = [];
