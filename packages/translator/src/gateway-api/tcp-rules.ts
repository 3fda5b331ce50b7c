// One TCPRoute rule -> one VirtualService TCP route (istiod 1.30 conversion.go convertTCPRoute /
// buildTCPDestination): weighted destinations; a rule whose backends all weigh 0 goes to Istio's placeholder
// `internal.cluster.local` subset `zero-weight` port 65535 (no such cluster: connections are refused).
import type { IstioTCPRoute, LoadedResource, TCPRoute, TCPRouteRule } from '@minimesh/model';
import { resolveBackend, weightedRefs, weightSum } from './backends.js';
import type { ConversionContext } from './conversion-context.js';
import type { LocatedBackendError } from './http-rules.js';

export interface TcpRuleConversion {
  readonly route?: IstioTCPRoute;
  readonly backendErrors: readonly LocatedBackendError[];
  readonly fatal?: { readonly message: string; readonly path: (string | number)[] };
}

export function convertTcpRule(
  ctx: ConversionContext,
  route: LoadedResource<TCPRoute>,
  rule: TCPRouteRule,
  ruleIndex: number,
  enforceGrant: boolean,
): TcpRuleConversion {
  const ns = route.namespace ?? 'default';
  if (weightSum(rule.backendRefs) === 0)
    return {
      route: {
        route: [
          { destination: { host: 'internal.cluster.local', subset: 'zero-weight', port: { number: 65535 } } },
        ],
      },
      backendErrors: [],
    };
  const backendErrors: LocatedBackendError[] = [];
  const dests: IstioTCPRoute['route'] = [];
  for (const { ref, weight } of weightedRefs(rule.backendRefs)) {
    const at = ['spec', 'rules', ruleIndex, 'backendRefs', rule.backendRefs.indexOf(ref)];
    const r = resolveBackend(ctx, ref, ns, 'TCPRoute', enforceGrant);
    if (r.error !== undefined) {
      if (!r.error.invalid) return { backendErrors, fatal: { message: r.error.message, path: at } };
      backendErrors.push({ error: r.error, path: at });
    }
    if (r.destination === undefined) continue;
    dests.push({ destination: r.destination, ...(weight !== 0 ? { weight } : {}) });
  }
  if (dests.length === 0) return { backendErrors };
  return { route: { route: dests }, backendErrors };
}
