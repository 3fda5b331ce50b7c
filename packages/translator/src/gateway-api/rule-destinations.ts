// The destinations of one HTTPRoute or GRPCRoute rule (istiod conversion.go buildHTTPDestination): each backendRef
// resolved to a Service (or ServiceEntry host) with its weight and its header-modifier filters. A backend that
// cannot be used keeps its place in the problems (`backendErrors`); a rule whose backends all dangle answers 500.
import type { IstioHTTPRoute } from '@minimesh/model';
import { type BackendRefLike, resolveBackend, weightedRefs } from './backends.js';
import type { ConversionContext } from './conversion-context.js';
import { headerOperations } from './filters.js';
import type { LocatedBackendError, RuleConversion } from './http-rules.js';

type Path = (string | number)[];

/** A backendRef with the filters Gateway API allows on it. */
interface FilteredBackendRef extends BackendRefLike {
  readonly filters?: readonly {
    readonly type: string;
    readonly requestHeaderModifier?: Parameters<typeof headerOperations>[0];
    readonly responseHeaderModifier?: Parameters<typeof headerOperations>[0];
  }[];
}

/**
 * Completes `out` with the rule's destinations (or a 500 direct response when none is usable) and returns the
 * conversion. `kind` names the route kind for ReferenceGrant checks.
 */
export function ruleDestinations(
  ctx: ConversionContext,
  backendRefs: readonly FilteredBackendRef[],
  rulePath: Path,
  ns: string,
  kind: 'HTTPRoute' | 'GRPCRoute',
  enforceGrant: boolean,
  out: IstioHTTPRoute,
  backendErrors: LocatedBackendError[],
): RuleConversion {
  const dests: NonNullable<IstioHTTPRoute['route']> = [];
  let usable = 0;
  for (const { ref, weight } of weightedRefs(backendRefs)) {
    const at: Path = [...rulePath, 'backendRefs', backendRefs.indexOf(ref)];
    const r = resolveBackend(ctx, ref, ns, kind, enforceGrant);
    if (r.error !== undefined) {
      if (!r.error.invalid) return { backendErrors, fatal: { message: r.error.message, path: at } };
      backendErrors.push({ error: r.error, path: at });
    } else usable++;
    // A backend without a usable host has no destination to keep (Istio keeps an empty one that answers 500).
    if (r.destination === undefined) continue;
    const d: NonNullable<IstioHTTPRoute['route']>[number] = { destination: r.destination };
    if (weight !== 0) d.weight = weight;
    for (const f of ref.filters ?? []) {
      if (f.type === 'RequestHeaderModifier' && f.requestHeaderModifier)
        d.headers = { ...d.headers, request: headerOperations(f.requestHeaderModifier) };
      else if (f.type === 'ResponseHeaderModifier' && f.responseHeaderModifier)
        d.headers = { ...d.headers, response: headerOperations(f.responseHeaderModifier) };
      else
        return {
          backendErrors,
          fatal: { message: `unsupported filter type "${f.type}"`, path: [...at, 'filters'] },
        };
    }
    dests.push(d);
  }
  // Every backend dangling: Istio's route reaches no cluster and answers 500 (cluster_not_found_response_code);
  // the same answer is written here as a direct response, which the route builders know.
  if (usable === 0) out.directResponse = { status: 500 };
  else out.route = dests;
  return { route: out, backendErrors };
}
