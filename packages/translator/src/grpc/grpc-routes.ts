// RDS for proxyless gRPC (istiod 1.30 grpcgen/rds.go buildHTTPRoute): a route config per requested name
// `outbound|<port>||<hostname>`, holding only the virtual host of that service and port (filterVirtualHostsForHostname),
// built by the sidecar virtual host builder for a proxyless node: domains carry `:port` variants
// (SidecarIgnorePort is false for gRPC, which matches the authority with its port), VirtualService timeouts go to
// max_stream_duration, and the route config has only a name and virtual hosts. No catch-all virtual host.
import {
  isHttpOrSniffed,
  type LoadedResource,
  type MeshService,
  type RouteConfiguration,
  type VirtualHost,
  type VirtualService,
} from '@minimesh/model';
import type { MessageSink } from '../messages.js';
import { parseSubsetKey, sidecarRouteName, virtualHostName } from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { buildRoutes } from '../route/build-routes.js';
import { servicePortHashPolicy } from '../route/route-action.js';
import { defaultRoute, virtualHostDomains } from '../route/virtual-host.js';
import { joinHostPort } from './grpc-names.js';
import { grpcRoute } from './grpc-route-compat.js';

/**
 * Domains of a service's virtual host for gRPC (generateVirtualHostDomains with the port appended): each domain of
 * the sidecar form followed by its `:port` form (`reviews`, `reviews:9080`, ...), as appendDomainPort writes them.
 */
export function grpcVirtualHostDomains(service: MeshService, proxyDnsDomain: string, port: number): string[] {
  const out: string[] = [];
  for (const d of virtualHostDomains(service, proxyDnsDomain)) out.push(d, joinHostPort(d, port));
  return [...new Set(out)];
}

/** A VirtualService of the registry by namespace and name (the routes' metadata names it). */
function virtualService(
  push: PushContext,
  namespace: string,
  name: string,
): LoadedResource<VirtualService> | undefined {
  const r = push.registry.resource(`networking.istio.io/VirtualService/${namespace}/${name}`);
  return r?.kind === 'VirtualService' ? (r as LoadedResource<VirtualService>) : undefined;
}

/** The service a route config name is for, in the proxy's scope, or why not. */
function serviceOf(
  name: string,
  proxy: MeshProxy,
  push: PushContext,
): { service: MeshService; port: number } | string {
  const key = parseSubsetKey(name);
  if (key === undefined || key.hostname === '' || key.port === 0)
    return `is not a route name gRPC asks for (outbound|<port>||<hostname>)`;
  const service = push.sidecarScope(proxy).serviceByHost.get(key.hostname);
  if (service === undefined) return `names ${key.hostname}, which is not a service this proxy sees`;
  if (!service.ports.some((p) => p.port === key.port))
    return `names port ${key.port}, which ${key.hostname} does not have`;
  return { service, port: key.port };
}

/**
 * The gRPC virtual host of `service` on `port`: its sidecar virtual host (routes from the VirtualService, else the
 * default route) with gRPC's domains and routes made gRPC-safe (grpc-route-compat.ts). `sidecar` holds the sidecar
 * route configs already built for this proxy, by name.
 */
function grpcVirtualHost(
  service: MeshService,
  port: number,
  proxy: MeshProxy,
  push: PushContext,
  sink: MessageSink,
  sidecar: ReadonlyMap<string, RouteConfiguration>,
): VirtualHost {
  const name = virtualHostName(service.hostname, port);
  const built = sidecar.get(sidecarRouteName(port))?.virtual_hosts?.find((vh) => vh.name === name);
  // Non-HTTP ports have no sidecar route config; istiod still builds gRPC a default route for them.
  const routes = built?.routes ?? [
    defaultRoute(
      service.hostname,
      port,
      servicePortHashPolicy(
        push.registry.destinationRuleFor(proxy.namespace, service.hostname, proxy.labels),
        port,
      ),
    ),
  ];
  return {
    ...(built ?? { include_request_attempt_count: true }),
    name,
    domains: grpcVirtualHostDomains(service, proxy.dnsDomain, port),
    routes: routes.flatMap((r) => grpcRoute(r, sink, (ns, n) => virtualService(push, ns, n)) ?? []),
  };
}

/**
 * The route configs of the requested names, in request order (deduplicated); a name that is not a service port of
 * the proxy's scope gets no config and a message, as istiod logs and skips it.
 */
export function buildGrpcRoutes(
  proxy: MeshProxy,
  push: PushContext,
  sink: MessageSink,
  names: readonly string[],
): RouteConfiguration[] {
  const wanted = [...new Set(names)];
  const resolved = wanted.map((name) => ({ name, target: serviceOf(name, proxy, push) }));
  const ports = new Set<string>();
  for (const r of resolved)
    if (typeof r.target !== 'string' && r.target.service.ports.some((p) => isHttpOrSniffed(p.protocol)))
      ports.add(sidecarRouteName(r.target.port));
  const sidecar = new Map(
    ports.size === 0 ? [] : buildRoutes(proxy, push, sink, [...ports]).map((rc) => [rc.name ?? '', rc]),
  );
  const out: RouteConfiguration[] = [];
  for (const { name, target } of resolved) {
    if (typeof target === 'string') {
      sink.add({
        code: 'MM_GRPC_ROUTE',
        severity: 'Warning',
        message: `proxyless gRPC: route config "${name}" ${target}; none is sent`,
      });
      continue;
    }
    out.push({
      name,
      virtual_hosts: [grpcVirtualHost(target.service, target.port, proxy, push, sink, sidecar)],
    });
  }
  return out;
}
