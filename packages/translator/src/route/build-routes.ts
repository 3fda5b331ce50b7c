// RDS for one proxy (istiod 1.30 httproute.go BuildHTTPRoutes): sidecars get one route config per HTTP service
// port (`9080`), gateways one per HTTP server port (`http.8080`) and per terminated HTTPS server
// (`https.443.https.<gw>.<ns>`). Output is deterministic: configs sorted by name, virtual hosts by name with the
// catch-all last. Bad input becomes messages in `sink`; nothing here throws for it.
import {
  compareHostSpecificity,
  hostMatches,
  hostsIntersect,
  isHttpOrSniffed,
  type LoadedResource,
  MESH_GATEWAY_NAME,
  type Route,
  type RouteConfiguration,
  resolveGatewayName,
  resolveShortName,
  type VirtualHost,
  type VirtualService,
} from '@minimesh/model';
import {
  sharedCatchAllVirtualHost,
  sharedRouteConfig,
  sharedVirtualHost,
} from '../cache/shared-resources.js';
import type { MessageSink } from '../messages.js';
import { gatewayHttpRouteName, gatewayHttpsRouteName, sidecarRouteName, virtualHostName } from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { routeConfigAllows } from '../sidecar-egress.js';
import { type GatewayServer, gatewayServers, serverProtocol, terminatesTls } from './gateway-servers.js';
import { type RouteEnv, translateHttpRoute } from './http-route.js';
import { servicePortHashPolicy } from './route-action.js';
import { isCatchAll } from './route-match.js';
import { gatewayBlackholeVirtualHostName, gatewayVirtualHostName } from './route-names.js';
import { catchAllVirtualHost, defaultRoute, virtualHostDomains } from './virtual-host.js';

/** istiod's DefaultMaxDirectResponseBodySizeBytes: 1 MiB, so directResponse bodies up to that size are sent. */
export const MAX_DIRECT_RESPONSE_BODY_BYTES = 1024 * 1024;

const byName = <T extends { name?: string }>(a: T, b: T): number =>
  (a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0;

function routeConfig(name: string, virtualHosts: VirtualHost[]): RouteConfiguration {
  return {
    name,
    virtual_hosts: virtualHosts,
    validate_clusters: { value: false },
    max_direct_response_body_size_bytes: { value: MAX_DIRECT_RESPONSE_BODY_BYTES },
    ignore_port_in_host_matching: true,
  };
}

/** Routes of VirtualServices in order, cut after the first catch-all route (nothing after it can match). */
function routesOf(vss: readonly LoadedResource<VirtualService>[], env: RouteEnv): Route[] {
  const out: Route[] = [];
  for (const vs of vss) {
    const http = vs.object.spec.http ?? [];
    for (let i = 0; i < http.length; i++) {
      const route = http[i];
      if (route === undefined) continue;
      for (const r of translateHttpRoute(vs, i, route, env)) {
        out.push(r);
        if (r.match !== undefined && r.match !== null && isCatchAll(r.match)) return out;
      }
    }
  }
  return out;
}

function envFor(
  proxy: MeshProxy,
  push: PushContext,
  sink: MessageSink,
  gateway: string,
  port: number,
  vsNs: () => string,
): RouteEnv {
  return {
    push,
    sink,
    proxyNamespace: proxy.namespace,
    proxyLabels: proxy.labels,
    match: {
      gateway,
      resolveGateway: (g) => (g === MESH_GATEWAY_NAME ? g : resolveGatewayName(g, vsNs())),
      proxyLabels: proxy.labels,
      proxyNamespace: proxy.namespace,
      port,
    },
  };
}

/**
 * The VirtualService a sidecar uses for `hostname`: exact hosts before wildcards, then namespace/name order; the
 * others are conflicts (IST0109), reported on each VirtualService of the conflict.
 */
function pickVirtualService(
  candidates: readonly LoadedResource<VirtualService>[],
  hostname: string,
  push: PushContext,
  sink: MessageSink,
): LoadedResource<VirtualService> | undefined {
  const hostOf = (vs: LoadedResource<VirtualService>): string =>
    (vs.object.spec.hosts ?? [])
      .map((h) => resolveShortName(h, vs.namespace ?? 'default', push.mesh.domainSuffix))
      .filter((h) => hostsIntersect(h, hostname))
      .sort(compareHostSpecificity)[0] ?? hostname;
  const sorted = [...candidates].sort((a, b) => compareHostSpecificity(hostOf(a), hostOf(b)));
  const [winner, ...losers] = sorted;
  if (winner === undefined) return undefined;
  // The analyzer's message (analysis/analyzers/vs-conflicting-hosts.ts): on each VirtualService of the conflict,
  // the winner included, at its name; the sidecar uses the winner.
  const same = [winner, ...losers.filter((vs) => hostOf(vs) === hostOf(winner))];
  const names = same.map((vs) => `${vs.namespace}/${vs.name}`).sort();
  if (same.length > 1)
    for (const vs of same)
      sink.about(
        vs,
        'IST0109',
        'Error',
        `The VirtualServices ${names.join(',')} associated with mesh gateway define the same host ${hostname} which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.`,
        ['metadata', 'name'],
      );
  return winner;
}

function sidecarRoutes(proxy: MeshProxy, push: PushContext, sink: MessageSink): RouteConfiguration[] {
  const scope = push.sidecarScope(proxy);
  const byPort = new Map<number, VirtualHost[]>();
  for (const svc of scope.services) {
    for (const port of svc.ports) {
      if (!isHttpOrSniffed(port.protocol)) continue;
      if (!routeConfigAllows(scope.sidecar, proxy.namespace, port.port, svc)) continue;
      const list = byPort.get(port.port) ?? [];
      byPort.set(port.port, list);
      // Shared by the proxies of one scope and across pushes (see cache/shared-resources.ts for what it depends on).
      const vh = sharedVirtualHost(push, proxy, svc, port.port, sink, (sink) => {
        const vss = push.registry.virtualServicesForHost(proxy.namespace, svc.hostname);
        const vs = pickVirtualService(vss, svc.hostname, push, sink);
        const env = envFor(proxy, push, sink, MESH_GATEWAY_NAME, port.port, () => vs?.namespace ?? 'default');
        const routes = vs === undefined ? [] : routesOf([vs], env);
        const hash = () =>
          servicePortHashPolicy(
            push.registry.destinationRuleFor(proxy.namespace, svc.hostname, proxy.labels),
            port.port,
          );
        return {
          name: virtualHostName(svc.hostname, port.port),
          domains: virtualHostDomains(svc, proxy.dnsDomain),
          routes: routes.length > 0 ? routes : [defaultRoute(svc.hostname, port.port, hash())],
          include_request_attempt_count: true,
        };
      });
      list.push(vh);
    }
  }
  const catchAll = sharedCatchAllVirtualHost(push, proxy, sink, () =>
    catchAllVirtualHost(scope.outboundTrafficPolicy),
  );
  return [...byPort.entries()].map(([port, hosts]) => {
    const virtualHosts = [...hosts.sort(byName), catchAll];
    const name = sidecarRouteName(port);
    return sharedRouteConfig(push, proxy, name, virtualHosts, sink, () => routeConfig(name, virtualHosts));
  });
}

/** Server hosts as `ns/host` pairs (`*` namespace when not given). */
function serverHosts(s: GatewayServer): { ns: string; host: string }[] {
  return s.server.hosts.map((h) => {
    const slash = h.indexOf('/');
    if (slash < 0) return { ns: '*', host: h };
    const ns = h.slice(0, slash);
    return { ns: ns === '.' ? (s.gateway.namespace ?? 'default') : ns, host: h.slice(slash + 1) };
  });
}

/** Virtual hosts of the servers sharing one gateway route config. */
function gatewayVirtualHosts(
  servers: readonly GatewayServer[],
  proxy: MeshProxy,
  push: PushContext,
  sink: MessageSink,
): VirtualHost[] {
  const hosts = new Map<string, VirtualHost>();
  for (const s of servers) {
    const port = s.server.port.number;
    const vss = push.registry.virtualServicesFor(s.gateway.namespace ?? 'default', s.gatewayName);
    for (const vs of vss) {
      for (const vsHost of vs.object.spec.hosts ?? []) {
        for (const sh of serverHosts(s)) {
          if (sh.ns !== '*' && sh.ns !== vs.namespace) continue;
          if (!hostsIntersect(vsHost, sh.host)) continue;
          // The virtual host is the more specific of the two names (istiod's intersection of hosts).
          const host = hostMatches(vsHost, sh.host) ? vsHost : sh.host;
          const name = gatewayVirtualHostName(host, port);
          const env = envFor(proxy, push, sink, s.gatewayName, port, () => vs.namespace ?? 'default');
          const routes = routesOf([vs], env);
          if (routes.length === 0) continue;
          // Several VirtualServices for one host: their routes are appended in order (istiod's vHostDedupMap).
          const vh = hosts.get(name) ?? {
            name,
            domains: [host.toLowerCase()],
            routes: [],
            include_request_attempt_count: true,
          };
          vh.routes = [...(vh.routes ?? []), ...routes];
          // A server with httpsRedirect makes its virtual hosts answer plain HTTP with a redirect to HTTPS.
          if (s.server.tls?.httpsRedirect === true) vh.require_tls = 'ALL';
          hosts.set(name, vh);
        }
      }
    }
  }
  if (hosts.size === 0) {
    // No routes: Envoy answers 404 (NR) for every request.
    const port = servers[0]?.server.port.number ?? 0;
    return [{ name: gatewayBlackholeVirtualHostName(port), domains: ['*'], routes: [] }];
  }
  // istiod's SortVHostRoutes: catch-all routes move after the others, keeping their order.
  for (const vh of hosts.values()) {
    const routes = vh.routes ?? [];
    const catchAll = (r: Route) => r.match !== undefined && r.match !== null && isCatchAll(r.match);
    vh.routes = [...routes.filter((r) => !catchAll(r)), ...routes.filter(catchAll)];
  }
  return [...hosts.values()].sort(byName);
}

function gatewayRoutes(proxy: MeshProxy, push: PushContext, sink: MessageSink): RouteConfiguration[] {
  const groups = new Map<string, GatewayServer[]>();
  for (const s of gatewayServers(push.registry, proxy)) {
    let name: string | undefined;
    if (serverProtocol(s.server) === 'HTTP') name = gatewayHttpRouteName(s.listenPort);
    else if (terminatesTls(s.server))
      name = gatewayHttpsRouteName(
        s.server.port.number,
        s.server.port.name,
        s.gateway.name,
        s.gateway.namespace ?? 'default',
      );
    if (name === undefined) continue;
    const list = groups.get(name) ?? [];
    list.push(s);
    groups.set(name, list);
  }
  return [...groups.entries()].map(([name, servers]) =>
    routeConfig(name, gatewayVirtualHosts(servers, proxy, push, sink)),
  );
}

/**
 * The route configurations of `proxy`, sorted by name; only those in `routeNames` when given (what Envoy asked
 * for over RDS).
 */
export function buildRoutes(
  proxy: MeshProxy,
  push: PushContext,
  sink: MessageSink,
  routeNames?: readonly string[],
): RouteConfiguration[] {
  const all = proxy.type === 'router' ? gatewayRoutes(proxy, push, sink) : sidecarRoutes(proxy, push, sink);
  const wanted = routeNames === undefined ? undefined : new Set(routeNames);
  return all.filter((rc) => wanted === undefined || wanted.has(rc.name ?? '')).sort(byName);
}
