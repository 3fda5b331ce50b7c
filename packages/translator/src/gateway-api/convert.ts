// The whole Gateway API conversion of one registry version (istiod 1.30 pilot/pkg/config/kube/gateway): Kubernetes
// Gateways -> Istio Gateways, HTTPRoutes / GRPCRoutes / TCPRoutes -> VirtualServices (HTTP and gRPC routes of one
// gateway listener (or mesh port) and host merged into one, routes sorted as the spec orders them), plus messages
// and route status. Pure; memoized per registry and, per generated object, by source resource identity.
import type {
  Gateway,
  GRPCRoute,
  HTTPRoute,
  IstioHTTPRoute,
  IstioTCPRoute,
  LoadedResource,
  Registry,
  TCPRoute,
  VirtualService,
} from '@minimesh/model';
import type { TranslationMessage } from '../messages.js';
import { ConversionContext, GATEWAY_API_GROUP, type RouteStatus } from './conversion-context.js';
import { convertGateways } from './gateways.js';
import { convertGrpcRule } from './grpc-rules.js';
import { convertHttpRule, type LocatedBackendError } from './http-rules.js';
import {
  type ConvertedRule,
  convertRoute,
  type RulesResult,
  type VirtualServiceDraft,
} from './route-conversion.js';
import { sortGatewayRoutes } from './route-order.js';
import type { Origin, SyntheticCache } from './synthetic.js';
import { convertTcpRule } from './tcp-rules.js';

export interface GatewayApiConversion {
  readonly gateways: readonly LoadedResource<Gateway>[];
  readonly virtualServices: readonly LoadedResource<VirtualService>[];
  /** What could not be converted (dangling refs, refused parents, unsupported fields), in `istioctl analyze` form. */
  readonly messages: readonly TranslationMessage[];
  /** The status Istio would write on each route, by route (namespace/name order within each kind). */
  readonly statuses: readonly RouteStatus[];
}

/** A TCPRoute read where routes with hostnames are expected (it has none). */
type TcpAsRoute = LoadedResource<{
  spec: { parentRefs?: TCPRoute['spec']['parentRefs']; hostnames?: undefined };
}>;

/** Annotations Istio writes on generated VirtualServices (route-semantics gateway: Gateway API behaviour). */
const ROUTE_SEMANTICS = 'internal.istio.io/route-semantics';
const PARENTS = 'internal.istio.io/parents';

function rulesOf<R>(
  convert: (
    i: number,
    m: number | undefined,
  ) => {
    route?: R;
    backendErrors: readonly LocatedBackendError[];
    fatal?: { message: string; path: (string | number)[] };
  },
  rules: readonly { matches?: readonly unknown[] | undefined; name?: string | undefined }[],
): RulesResult<R> {
  const out: ConvertedRule<R>[] = [];
  const backendErrors: LocatedBackendError[] = [];
  for (const [i, rule] of rules.entries()) {
    const matches = rule.matches ?? [];
    // One generated route per match (Istio sorts them one by one); a rule without matches gives one route.
    const indexes = matches.length === 0 ? [undefined] : matches.map((_, m) => m);
    for (const m of indexes) {
      const r = convert(i, m);
      backendErrors.push(...r.backendErrors);
      if (r.fatal !== undefined) return { rules: [], backendErrors, fatal: r.fatal };
      if (r.route !== undefined)
        out.push({
          route: r.route,
          path: m === undefined ? ['spec', 'rules', i] : ['spec', 'rules', i, 'matches', m],
        });
    }
  }
  return { rules: out, backendErrors };
}

/** HTTP/gRPC drafts of one key -> one VirtualService (mergeHTTPRoutes); TCP drafts stay one each. */
function buildVirtualServices(
  drafts: readonly VirtualServiceDraft[],
  cache: SyntheticCache,
): LoadedResource<VirtualService>[] {
  const groups = new Map<string, VirtualServiceDraft[]>();
  for (const d of drafts) {
    const list = groups.get(d.key) ?? [];
    list.push(d);
    groups.set(d.key, list);
  }
  const out: LoadedResource<VirtualService>[] = [];
  for (const group of groups.values()) {
    // Istio merges by creation time; loaded manifests have none, so the registry's namespace/name order decides.
    const base = group[0];
    if (base === undefined) continue;
    const annotations = {
      [PARENTS]: group.map((d) => d.parentNames).join(','),
      [ROUTE_SEMANTICS]: 'gateway',
    };
    const spec: VirtualService['spec'] = { hosts: [base.host], gateways: [base.gateway] };
    const origins: Record<string, Origin[]> = {};
    if (base.tcp !== undefined) {
      spec.tcp = base.tcp.map((t) => t.route);
      origins.tcp = base.tcp.map((t) => t.origin);
    } else {
      const http = sortGatewayRoutes(group.flatMap((d) => d.http ?? []));
      spec.http = http.map((h): IstioHTTPRoute => h.route);
      origins.http = http.map((h) => h.origin);
    }
    out.push(cache.virtualService(base.route, base.name, base.namespace, annotations, spec, origins));
  }
  return out.sort((a, b) =>
    a.namespace !== b.namespace
      ? (a.namespace ?? '') < (b.namespace ?? '')
        ? -1
        : 1
      : a.name < b.name
        ? -1
        : a.name > b.name
          ? 1
          : 0,
  );
}

/** Converts every Gateway API resource of `registry` with `cache` (shared across versions for identity reuse). */
export function convertGatewayApiWith(registry: Registry, cache: SyntheticCache): GatewayApiConversion {
  const ctx = new ConversionContext(registry);
  const { drafts: gwDrafts, parents } = convertGateways(ctx);
  const gateways = gwDrafts.map((g) =>
    cache.gateway(
      g.source,
      g.name,
      g.namespace,
      {
        'internal.istio.io/gateway-semantics': 'gateway',
        [PARENTS]: `Gateway/${g.source.name}/${g.listenerName}.${g.namespace}`,
      },
      g.spec,
      ['spec', 'listeners', g.listenerIndex],
    ),
  );
  const kind = (k: string) => `${GATEWAY_API_GROUP}/${k}`;
  const httpRoutes = registry.configs(kind('HTTPRoute')) as readonly LoadedResource<HTTPRoute>[];
  const grpcRoutes = registry.configs(kind('GRPCRoute')) as readonly LoadedResource<GRPCRoute>[];
  const tcpRoutes = registry.configs(kind('TCPRoute')) as readonly LoadedResource<TCPRoute>[];
  const drafts: VirtualServiceDraft[] = [
    ...httpRoutes.flatMap((route) => {
      const rules = route.object.spec.rules ?? [];
      const convertRules = (mesh: boolean) =>
        rulesOf((i, m) => {
          const rule = rules[i];
          if (rule === undefined) return { backendErrors: [] };
          const match = m === undefined ? undefined : rule.matches?.[m];
          return convertHttpRule(ctx, route, rule, i, match, !mesh);
        }, rules);
      return convertRoute(ctx, { kind: 'HTTPRoute', route, convertRules }, parents);
    }),
    ...grpcRoutes.flatMap((route) => {
      const rules = route.object.spec.rules ?? [];
      const convertRules = (mesh: boolean) =>
        rulesOf((i, m) => {
          const rule = rules[i];
          if (rule === undefined) return { backendErrors: [] };
          const match = m === undefined ? undefined : rule.matches?.[m];
          return convertGrpcRule(ctx, route, rule, i, match, !mesh);
        }, rules);
      return convertRoute(ctx, { kind: 'GRPCRoute', route, convertRules }, parents);
    }),
    ...tcpRoutes.flatMap((route) => {
      const rules = route.object.spec.rules;
      const convertRules = (mesh: boolean) =>
        rulesOf<IstioTCPRoute>((i) => {
          const rule = rules[i];
          if (rule === undefined) return { backendErrors: [] };
          return convertTcpRule(ctx, route, rule, i, !mesh);
        }, rules);
      return convertRoute(ctx, { kind: 'TCPRoute', route: route as TcpAsRoute, convertRules }, parents);
    }),
  ];
  return {
    gateways,
    virtualServices: buildVirtualServices(drafts, cache),
    messages: ctx.sink.list(),
    statuses: ctx.statuses,
  };
}
