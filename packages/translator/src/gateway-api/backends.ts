// backendRefs -> Istio destinations (istiod 1.30 conversion.go buildDestination / buildHTTPDestination): a Service
// (the default kind) becomes `<name>.<ns>.svc.<domain>` on the referenced port, an Istio `Hostname` (group
// networking.istio.io) a ServiceEntry host. Weights: a single backend gets weight 0 (unset), 0-weight backends
// are dropped. Refs across namespaces need a ReferenceGrant on gateways (mesh routes do not check it).
import type { Destination } from '@minimesh/model';
import { type ConversionContext, GATEWAY_API_GROUP } from './conversion-context.js';

/** The fields of a backend reference the conversion reads (BackendObjectReference + weight). */
export interface BackendRefLike {
  readonly group?: string | undefined;
  readonly kind?: string | undefined;
  readonly name: string;
  readonly namespace?: string | undefined;
  readonly port?: number | undefined;
  readonly weight?: number | undefined;
}

/**
 * Why a backend cannot be used. `invalid` errors (BackendNotFound, RefNotPermitted, InvalidKind) leave the rest
 * of the route working, the backend's share answered with 500; the others reject the whole route.
 */
export interface BackendError {
  readonly reason: 'BackendNotFound' | 'RefNotPermitted' | 'InvalidKind' | 'InvalidDestination';
  readonly message: string;
  readonly invalid: boolean;
}

export interface ResolvedBackend {
  /** Undefined when the backend has no usable host (not permitted, unsupported kind). */
  readonly destination?: Destination;
  readonly error?: BackendError;
}

/** `routeKind` is the referring kind (HTTPRoute, GRPCRoute, TCPRoute); `enforceGrant` is false for mesh routes. */
export function resolveBackend(
  ctx: ConversionContext,
  ref: BackendRefLike,
  routeNamespace: string,
  routeKind: string,
  enforceGrant: boolean,
): ResolvedBackend {
  const group = ref.group ?? '';
  const kind = ref.kind ?? 'Service';
  const ns = ref.namespace ?? routeNamespace;
  if (enforceGrant && ns !== routeNamespace) {
    const from = { group: GATEWAY_API_GROUP, kind: routeKind, namespace: routeNamespace };
    if (!ctx.grants.allows(from, { group, kind, namespace: ns }, ref.name))
      return {
        error: {
          reason: 'RefNotPermitted',
          message: `backendRef ${ref.name}/${ns} not accessible to a ${routeKind} in namespace "${routeNamespace}" (missing a ReferenceGrant?)`,
          invalid: true,
        },
      };
  }
  let hostname: string;
  let error: BackendError | undefined;
  if (group === '' && kind === 'Service') {
    if (ref.name.includes('.'))
      return {
        error: {
          reason: 'InvalidDestination',
          message: 'service name invalid; the name of the Service must be used, not the hostname.',
          invalid: false,
        },
      };
    hostname = `${ref.name}.${ns}.svc.${ctx.domainSuffix}`;
    if (!ctx.serviceExists(ns, ref.name))
      error = { reason: 'BackendNotFound', message: `backend(${hostname}) not found`, invalid: true };
  } else if (group === 'networking.istio.io' && kind === 'Hostname') {
    if (ref.namespace !== undefined)
      return {
        error: {
          reason: 'InvalidDestination',
          message: 'namespace may not be set with Hostname type',
          invalid: false,
        },
      };
    hostname = ref.name;
    if (!ctx.hostExists(hostname, ns))
      error = { reason: 'BackendNotFound', message: `backend(${hostname}) not found`, invalid: true };
  } else {
    return {
      error: {
        reason: 'InvalidKind',
        message: `referencing unsupported backendRef: group "${group}" kind "${kind}"`,
        invalid: true,
      },
    };
  }
  if (ref.port === undefined)
    return {
      error: { reason: 'InvalidDestination', message: 'port is required in backendRef', invalid: false },
    };
  return { destination: { host: hostname, port: { number: ref.port } }, ...(error ? { error } : {}) };
}

/** The refs that carry traffic and their weights: 0-weight refs dropped, a lone ref's weight 0 (unset). */
export function weightedRefs<T extends BackendRefLike>(refs: readonly T[]): { ref: T; weight: number }[] {
  const kept = refs.filter((r) => (r.weight ?? 1) !== 0).map((ref) => ({ ref, weight: ref.weight ?? 1 }));
  const only = kept[0];
  if (kept.length === 1 && only !== undefined) return [{ ref: only.ref, weight: 0 }];
  return kept;
}

/** Sum of the weights as written (default 1); 0 means the rule answers 500 (the spec's rule for no backends). */
export function weightSum(refs: readonly BackendRefLike[] | undefined): number {
  return (refs ?? []).reduce((n, r) => n + (r.weight ?? 1), 0);
}
