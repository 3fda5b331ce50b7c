// Istio kinds (networking.istio.io, security.istio.io), one file per kind.
import type { KindDefinition } from '../kind-definition.js';

export const ISTIO_KINDS: readonly KindDefinition[] = [];
