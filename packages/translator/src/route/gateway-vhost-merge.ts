// Pieces of istiod 1.30's buildGatewayHTTPRouteConfig (gateway.go) that merge the virtual hosts of the servers
// sharing one gateway route config: which hostnames a VirtualService gets on a server (host intersection), the
// httpsRedirect pass, and the collapse of virtual hosts with identical routes. The merge itself (one virtual host
// per lower-cased hostname, vHostDedupMap) is in build-routes.ts, which builds the routes.
import {
  compareHostSpecificity,
  hostMatches,
  type LoadedResource,
  type VirtualHost,
  type VirtualService,
} from '@minimesh/model';
import type { GatewayServer } from './gateway-servers.js';
import { gatewayVirtualHostName } from './route-names.js';

/** Server hosts as `ns/host` pairs (`*` namespace when not given). */
function serverHosts(s: GatewayServer): { ns: string; host: string }[] {
  return s.server.hosts.map((h) => {
    const slash = h.indexOf('/');
    if (slash < 0) return { ns: '*', host: h };
    const ns = h.slice(0, slash);
    return { ns: ns === '.' ? (s.gateway.namespace ?? 'default') : ns, host: h.slice(slash + 1) };
  });
}

/**
 * istiod's `serverHosts.Intersection(vsHosts)`: for each server host visible to the VirtualService's namespace and
 * each VirtualService host, the more specific of the two when one covers the other; in that order, without repeats.
 */
export function intersectingHosts(s: GatewayServer, vs: LoadedResource<VirtualService>): string[] {
  const out: string[] = [];
  const add = (h: string) => {
    if (!out.includes(h)) out.push(h);
  };
  for (const sh of serverHosts(s)) {
    if (sh.ns !== '*' && sh.ns !== vs.namespace) continue;
    for (const vsHost of vs.object.spec.hosts ?? []) {
      if (hostMatches(sh.host, vsHost)) add(sh.host);
      else if (hostMatches(vsHost, sh.host)) add(vsHost);
    }
  }
  return out;
}

/**
 * istiod's collapseDuplicateRoutes (PILOT_ENABLE_ROUTE_COLLAPSE_OPTIMIZATION, default on): virtual hosts holding the
 * very same route list (same route objects, as built once per VirtualService) and the same require_tls are one
 * virtual host; the most specific hostname (Istio's MoreSpecific order) keeps its name and gets the others' domains.
 */
export function collapseDuplicateRoutes(byHost: ReadonlyMap<string, VirtualHost>): VirtualHost[] {
  const out: VirtualHost[] = [];
  for (const hostname of [...byHost.keys()].sort(compareHostSpecificity)) {
    const vh = byHost.get(hostname);
    if (vh === undefined) continue;
    const same = out.find(
      (o) =>
        o.require_tls === vh.require_tls &&
        o.routes?.length === vh.routes?.length &&
        (o.routes ?? []).every((r, i) => r === vh.routes?.[i]),
    );
    if (same === undefined) out.push(vh);
    else same.domains = [...(same.domains ?? []), ...(vh.domains ?? [])];
  }
  return out;
}

/**
 * istiod's httpsRedirect pass over a server's hosts: a host that has a virtual host gets require_tls ALL, any other
 * gets a virtual host of its own without routes that redirects every plain-HTTP request to HTTPS. istiod 1.30 keys
 * this by the server host as MergeGateways left it (sanitizeServerHostNamespace: a `.` namespace becomes the
 * gateway's, a `*` namespace is dropped), lower-cased, so a host written `ns/h` never finds the virtual host of its
 * VirtualServices and gets a redirect-only virtual host `ns/h:<port>` beside it (one no request's Host matches);
 * minimesh does the same.
 */
export function redirectOnlyHosts(s: GatewayServer, port: number, hosts: Map<string, VirtualHost>): void {
  for (const written of s.server.hosts) {
    const slash = written.indexOf('/');
    const ns = written.slice(0, Math.max(slash, 0));
    const raw =
      slash < 0
        ? written
        : ns === '*'
          ? written.slice(slash + 1)
          : ns === '.'
            ? `${s.gateway.namespace ?? 'default'}${written.slice(slash)}`
            : written;
    const hostname = raw.toLowerCase();
    const vh = hosts.get(hostname);
    if (vh !== undefined) vh.require_tls = 'ALL';
    else
      hosts.set(hostname, {
        name: gatewayVirtualHostName(hostname, port),
        domains: [hostname],
        include_request_attempt_count: true,
        require_tls: 'ALL',
      });
  }
}

/** Milliseconds of a creationTimestamp; 0 (Go's zero time sorts first as well) when absent or unparsable. */
function createdAt(s: GatewayServer): number {
  const t = s.gateway.object.metadata.creationTimestamp;
  const ms = typeof t === 'string' ? Date.parse(t) : Number.NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

/**
 * istiod's gateway order (push_context.go initGateways, sortConfigByCreationTime): oldest Gateway first, then by
 * name, then by namespace; a stable sort, so each Gateway's servers keep their order. The first server processed
 * names a merged virtual host and fixes the port its VirtualServices' routes are built for.
 */
export function byGatewayCreation(a: GatewayServer, b: GatewayServer): number {
  const t = createdAt(a) - createdAt(b);
  if (t !== 0) return t;
  const name = a.gateway.name < b.gateway.name ? -1 : a.gateway.name > b.gateway.name ? 1 : 0;
  if (name !== 0) return name;
  const an = a.gateway.namespace ?? 'default';
  const bn = b.gateway.namespace ?? 'default';
  return an < bn ? -1 : an > bn ? 1 : 0;
}
