// IST0132 VirtualServiceHostNotFoundInGateway: a VirtualService bound to an Istio Gateway none of whose server
// hosts (as seen from the VirtualService's namespace) intersects any of its hosts. The gateway then never routes
// a request with this VirtualService.
import {
  type Gateway,
  hostsIntersect,
  type LoadedResource,
  MeshKind,
  resolveGatewayName,
  type VirtualService,
} from '@minimesh/model';
import type { AnalysisContext, Analyzer } from '../analyzer.js';

export const vsGatewayHost: Analyzer = {
  code: 'IST0132',
  name: 'virtualservice.GatewayHost',
  description: 'Checks that the hosts of VirtualServices bound to a Gateway are served by that Gateway',
  run(ctx: AnalysisContext): void {
    const gateways = new Map(
      ctx.registry.configs(MeshKind.Gateway).map((g) => [`${g.namespace}/${g.name}`, g]),
    );
    for (const vs of ctx.registry.configs(MeshKind.VirtualService)) check(ctx, vs, gateways);
  },
};

/**
 * The server hosts of `gw` a VirtualService of `namespace` may bind to (Istio's sanitizeServerHostNamespace and
 * NamesForNamespace): `host` and `*​/host` for everyone, `./host` and `ns/host` for that namespace only.
 */
export function gatewayHostsFor(gw: LoadedResource<Gateway>, namespace: string): string[] {
  const out: string[] = [];
  for (const server of gw.object.spec.servers)
    for (const h of server.hosts) {
      const slash = h.indexOf('/');
      if (slash < 0) {
        out.push(h);
        continue;
      }
      const ns = h.slice(0, slash);
      const name = h.slice(slash + 1);
      const owner = ns === '.' ? gw.namespace : ns;
      if (owner === '*' || owner === namespace) out.push(name);
    }
  return out;
}

function check(
  ctx: AnalysisContext,
  vs: LoadedResource<VirtualService>,
  gateways: ReadonlyMap<string, LoadedResource<Gateway>>,
): void {
  const namespace = vs.namespace ?? 'default';
  const hosts = vs.object.spec.hosts ?? [];
  (vs.object.spec.gateways ?? []).forEach((name, i) => {
    if (name === 'mesh') return;
    const ref = resolveGatewayName(name, namespace);
    const gw = gateways.get(ref);
    // A missing gateway is IST0101 (vs-gateway.ts); Gateway API Gateways are not checked here.
    if (gw === undefined) return;
    const served = gatewayHostsFor(gw, namespace);
    if (served.some((g) => hosts.some((h) => hostsIntersect(g, h)))) return;
    ctx.report(
      vs,
      'IST0132',
      'Warning',
      `one or more host [${hosts.join(' ')}] defined in VirtualService ${namespace}/${vs.name} not found in Gateway ${ref}.`,
      ['spec', 'gateways', i],
    );
  });
}
