import type { z } from 'zod';
import { GATEWAY_API_KINDS } from './gateway-api/index.js';
import { ISTIO_KINDS } from './istio/index.js';
import { type KindDefinition, kindKey } from './kind-definition.js';
import { KUBE_KINDS } from './kube/index.js';

/** Every kind the model validates, by `group/Kind` (`Service` for the core group). */
export const KINDS: ReadonlyMap<string, KindDefinition> = new Map(
  [...KUBE_KINDS, ...ISTIO_KINDS, ...GATEWAY_API_KINDS].map((def) => [kindKey(def.group, def.kind), def]),
);

export function findKind(group: string, kind: string): KindDefinition | undefined {
  return KINDS.get(kindKey(group, kind));
}

/** Narrows a loaded resource to the typed object of `def`: `if (isKind(r, virtualServiceKind)) r.object.spec`. */
export function isKind<S extends z.ZodType>(
  r: { group: string; kind: string; known: boolean },
  def: KindDefinition<S>,
): r is { group: string; kind: string; known: true; object: z.infer<S> } & typeof r {
  return r.known && r.group === def.group && r.kind === def.kind;
}
