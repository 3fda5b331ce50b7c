// RDS for one proxy (istiod 1.30 httproute.go BuildHTTPRoutes): sidecars get one route config per HTTP service
// port (`9080`), gateways one per HTTP server port (`http.8080`) and per terminated HTTPS server
// (`https.443.https.<gw>.<ns>`). Output is deterministic: configs sorted by name, virtual hosts by name with the
// catch-all last. Bad input becomes messages in `sink`; nothing here throws for it.
import {
  compareHostSpecificity,
  hostsIntersect,
  isHttpOrSniffed,
  isUnsupported,
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
import {
  gatewayHttpRouteName,
  gatewayHttpsRouteName,
  sidecarRouteName,
  sniffedRouteName,
  virtualHostName,
} from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { routeConfigAllows } from '../sidecar-egress.js';
import { type GatewayServer, gatewayServers, serverProtocol, terminatesTls } from './gateway-servers.js';
import {
  byGatewayCreation,
  collapseDuplicateRoutes,
  intersectingHosts,
  redirectOnlyHosts,
} from './gateway-vhost-merge.js';
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
  // Route configs `<host>:<port>` of sniffed ports on a VIP (listener/outbound-entries.ts); undefined: the port's
  // egress listener does not import the service, so istiod's config has no virtual host.
  const sniffed = new Map<string, VirtualHost | undefined>();
  for (const svc of scope.services) {
    for (const port of svc.ports) {
      if (!isHttpOrSniffed(port.protocol)) continue;
      const ownRoute =
        isUnsupported(port.protocol) && svc.addresses.some((a) => !a.includes('/'))
          ? sniffedRouteName(svc.hostname, port.port)
          : undefined;
      if (!routeConfigAllows(scope.sidecar, proxy.namespace, port.port, svc)) {
        if (ownRoute !== undefined) sniffed.set(ownRoute, undefined);
        continue;
      }
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
      if (ownRoute !== undefined) sniffed.set(ownRoute, vh);
    }
  }
  const catchAll = sharedCatchAllVirtualHost(push, proxy, sink, () =>
    catchAllVirtualHost(scope.outboundTrafficPolicy),
  );
  const perPort = [...byPort.entries()].map(([port, hosts]) => {
    const virtualHosts = [...hosts.sort(byName), catchAll];
    const name = sidecarRouteName(port);
    return sharedRouteConfig(push, proxy, name, virtualHosts, sink, () => routeConfig(name, virtualHosts));
  });
  // istiod getVirtualHostsForSniffedServicePort: the service's virtual host alone, every Host matches it (the
  // listener already chose the service by its VIP), and no catch-all virtual host.
  const own = [...sniffed.entries()].map(([name, vh]) => {
    const hosts = vh === undefined ? [] : [vh];
    return sharedRouteConfig(push, proxy, name, hosts, sink, () =>
      routeConfig(
        name,
        hosts.map((h) => ({ ...h, domains: ['*'] })),
      ),
    );
  });
  return [...perPort, ...own];
}

/**
 * Virtual hosts of the servers sharing one gateway route config (istiod 1.30 gateway.go buildGatewayHTTPRouteConfig):
 * one virtual host per lower-cased hostname across all those servers (vHostDedupMap; Envoy rejects a route config
 * with a duplicate domain), named `<host>:<port>` after the first server that produced it, the routes of every
 * later server and VirtualService for that hostname appended in order.
 */
function gatewayVirtualHosts(
  servers: readonly GatewayServer[],
  proxy: MeshProxy,
  push: PushContext,
  sink: MessageSink,
): VirtualHost[] {
  const hosts = new Map<string, VirtualHost>();
  // istiod gatewayRoutes: a VirtualService's routes are built once per gateway (for the port of the first server
  // that gets any from it: no routes is not remembered) and shared by every virtual host they go to.
  const built = new Map<string, Route[]>();
  const ordered = [...servers].sort(byGatewayCreation);
  for (const s of ordered) {
    const port = s.server.port.number;
    const redirect = s.server.tls?.httpsRedirect === true;
    const vss = push.registry.virtualServicesFor(s.gateway.namespace ?? 'default', s.gatewayName);
    for (const vs of vss) {
      const names = intersectingHosts(s, vs);
      if (names.length === 0) continue;
      const key = `${s.gatewayName}|${vs.namespace}/${vs.name}`;
      let routes = built.get(key);
      if (routes === undefined) {
        const env = envFor(proxy, push, sink, s.gatewayName, port, () => vs.namespace ?? 'default');
        routes = routesOf([vs], env);
        if (routes.length > 0) built.set(key, routes);
      }
      if (routes.length === 0) continue;
      for (const name of names) {
        const hostname = name.toLowerCase();
        const vh = hosts.get(hostname) ?? {
          name: gatewayVirtualHostName(hostname, port),
          domains: [hostname],
          routes: [],
          include_request_attempt_count: true,
        };
        vh.routes = [...(vh.routes ?? []), ...routes];
        // A server with httpsRedirect makes its virtual hosts answer plain HTTP with a redirect to HTTPS.
        if (redirect) vh.require_tls = 'ALL';
        hosts.set(hostname, vh);
      }
    }
    if (redirect) redirectOnlyHosts(s, port, hosts);
  }
  if (hosts.size === 0) {
    // No routes: Envoy answers 404 (NR) for every request.
    const port = ordered[0]?.server.port.number ?? 0;
    return [{ name: gatewayBlackholeVirtualHostName(port), domains: ['*'], routes: [] }];
  }
  const virtualHosts = collapseDuplicateRoutes(hosts);
  // istiod's SortVHostRoutes: catch-all routes move after the others, keeping their order. Routes shared by
  // several virtual hosts are copied, so no two resources share a mutable object.
  const seen = new Set<Route>();
  for (const vh of virtualHosts) {
    const routes = (vh.routes ?? []).map((r) => {
      if (seen.has(r)) return structuredClone(r);
      seen.add(r);
      return r;
    });
    const catchAll = (r: Route) => r.match !== undefined && r.match !== null && isCatchAll(r.match);
    vh.routes = [...routes.filter((r) => !catchAll(r)), ...routes.filter(catchAll)];
  }
  // istiod SortVirtualHosts: by name.
  return virtualHosts.sort(byName);
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
