// LDS for proxyless gRPC (istiod 1.30 grpcgen/lds.go). Client side: one API listener per requested name and service
// port, named as asked (`reviews.default.svc.cluster.local:9080`; gRPC may watch both `reviews:9080` and the FQDN,
// each gets its own copy), holding an HTTP connection manager with the fault and router filters and RDS over ADS for
// `outbound|<port>||<host>` (or, with `inlineRoutes`, that route config inline). Without names: every port of every
// service in scope, named by hostname. Server side: `xds.istio.io/grpc/lds/inbound/<ip>:<port>` for the workload's
// ports, with one filter chain whose HCM answers with a non-forwarding route; mTLS per PeerAuthentication, where
// PERMISSIVE becomes STRICT for workloads labelled `security.istio.io/tlsMode: istio` (auto mTLS clients) and
// plaintext otherwise (gRPC servers cannot sniff TLS).
import {
  anyOf,
  type HttpConnectionManager,
  type Listener,
  type RouteConfiguration,
  TypeUrl,
} from '@minimesh/model';
import { workloadPorts } from '../listener/inbound.js';
import { mtlsModeFor, peerAuthenticationScope } from '../listener/mtls.js';
import type { MessageSink } from '../messages.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { FAULT_FILTER, ROUTER_FILTER } from '../route/route-names.js';
import {
  GRPC_SERVER_LISTENER_PREFIX,
  grpcRouteName,
  joinHostPort,
  listenerNameFilter,
  splitHostPort,
} from './grpc-names.js';
import { GRPC_UNSUPPORTED } from './grpc-route-compat.js';
import { grpcDownstreamTlsSocket } from './grpc-tls.js';

export interface GrpcListenerOptions {
  /** Put each client listener's route config inline (route_config) instead of RDS; gRPC accepts both. */
  readonly inlineRoutes?: (routeName: string) => RouteConfiguration | undefined;
}

const routerFilter = () => ({ name: ROUTER_FILTER, typed_config: anyOf(TypeUrl.ROUTER, {}) });

/** grpcgen supportedFilters: fault injection (A33), then the router, which must be last. */
export function grpcHttpFilters(): NonNullable<HttpConnectionManager['http_filters']> {
  return [{ name: FAULT_FILTER, typed_config: anyOf(TypeUrl.HTTP_FAULT, {}) }, routerFilter()];
}

function socketAddress(address: string, port: number): NonNullable<Listener['address']> {
  return { socket_address: { address, port_value: port } };
}

function clientListener(
  name: string,
  addresses: readonly string[],
  hostname: string,
  port: number,
  opts: GrpcListenerOptions,
): Listener {
  const routeName = grpcRouteName(hostname, port);
  const inline = opts.inlineRoutes?.(routeName);
  const hcm: HttpConnectionManager = {
    http_filters: grpcHttpFilters(),
    ...(inline !== undefined
      ? { route_config: inline }
      : { rds: { config_source: { ads: {} }, route_config_name: routeName } }),
  };
  const [first, ...extra] = addresses;
  return {
    name,
    address: socketAddress(first ?? '0.0.0.0', port),
    ...(extra.length > 0
      ? { additional_addresses: extra.map((a) => ({ address: socketAddress(a, port) })) }
      : {}),
    api_listener: { api_listener: anyOf(TypeUrl.HTTP_CONNECTION_MANAGER, hcm) },
  };
}

/** Addresses of a service for the proxy (GetAddressForProxy first, then the others): VIPs, not CIDRs. */
function serviceAddresses(addresses: readonly string[]): string[] {
  return addresses.filter((a) => a !== '' && !a.includes('/'));
}

/** grpcgen buildOutboundListeners over the name filter (all services when no names, or an empty list, were given). */
function clientListeners(
  proxy: MeshProxy,
  push: PushContext,
  names: readonly string[] | undefined,
  opts: GrpcListenerOptions,
): Listener[] {
  // istiod: an empty request (a wildcard subscription) includes every service.
  const filter =
    names === undefined || names.length === 0 ? undefined : listenerNameFilter(names, proxy).byHost;
  const out: Listener[] = [];
  for (const svc of push.sidecarScope(proxy).services) {
    const entry =
      filter === undefined
        ? { requestedNames: new Set([svc.hostname]), ports: undefined }
        : filter.get(svc.hostname);
    if (entry === undefined) continue;
    for (const asked of [...entry.requestedNames].sort()) {
      for (const p of svc.ports) {
        if (entry.ports !== undefined && !entry.ports.has(String(p.port))) continue;
        out.push(
          clientListener(
            joinHostPort(asked, p.port),
            serviceAddresses(svc.addresses),
            svc.hostname,
            p.port,
            opts,
          ),
        );
      }
    }
  }
  return out;
}

function serverFilterChain(name: 'plaintext' | 'mtls'): NonNullable<Listener['filter_chains']>[number] {
  const hcm: HttpConnectionManager = {
    // gRPC servers need a route config that matches but does not forward (grpc-go#4924).
    route_config: {
      name: 'inbound',
      virtual_hosts: [{ domains: ['*'], routes: [{ match: { prefix: '/' }, non_forwarding_action: {} }] }],
    },
    // AuthorizationPolicy (RBAC filters) is not translated yet; the router alone.
    http_filters: [routerFilter()],
  };
  return {
    name: `inbound-${name}`,
    filters: [{ name: `inbound-hcm${name}`, typed_config: anyOf(TypeUrl.HTTP_CONNECTION_MANAGER, hcm) }],
    ...(name === 'mtls' ? { transport_socket: grpcDownstreamTlsSocket() } : {}),
  };
}

/**
 * istiod turns the ALLOW and DENY AuthorizationPolicies of a gRPC server into RBAC filters (grpcgen buildRBAC); that
 * is not built here yet, so each such policy is an Error: gRPC serves the requests it would deny.
 */
function reportAuthorizationPolicies(proxy: MeshProxy, push: PushContext, sink: MessageSink): void {
  for (const policy of push.registry.authorizationPoliciesFor(proxy.namespace, proxy.labels)) {
    const action = policy.object.spec?.action ?? 'ALLOW';
    if (action !== 'ALLOW' && action !== 'DENY') continue;
    sink.about(
      policy,
      GRPC_UNSUPPORTED,
      'Error',
      `proxyless gRPC: this ${action} policy is not enforced on the gRPC server listeners of ${proxy.workloadName}.${proxy.namespace}; minimesh does not build gRPC RBAC filters yet`,
      ['spec'],
    );
  }
}

/** grpcgen buildInboundListeners: the requested server names whose port is a workload (target) port. */
function serverListeners(
  proxy: MeshProxy,
  push: PushContext,
  sink: MessageSink,
  names: readonly string[],
): Listener[] {
  if (names.length === 0) return [];
  reportAuthorizationPolicies(proxy, push, sink);
  const ports = new Set(workloadPorts(proxy, push).map((wp) => wp.port));
  const scope = peerAuthenticationScope(proxy, push);
  const out: Listener[] = [];
  for (const name of names) {
    const hp = splitHostPort(name.slice(GRPC_SERVER_LISTENER_PREFIX.length));
    const port = hp === undefined || !/^\d+$/.test(hp.port) ? undefined : Number(hp.port);
    if (hp === undefined || port === undefined || !ports.has(port)) {
      sink.add({
        code: 'MM_GRPC_LISTENER',
        severity: 'Warning',
        message: `proxyless gRPC: server listener "${name}" ${hp === undefined || port === undefined ? 'has no address:port' : `is for port ${port}, which no service of ${proxy.workloadName}.${proxy.namespace} targets`}; none is sent`,
      });
      continue;
    }
    let mode = mtlsModeFor(scope, port);
    if (mode === 'PERMISSIVE' && proxy.labels['security.istio.io/tlsMode'] === 'istio') mode = 'STRICT';
    out.push({
      name,
      address: socketAddress(hp.host, port),
      filter_chains: [serverFilterChain(mode === 'STRICT' ? 'mtls' : 'plaintext')],
    });
  }
  return out;
}

/**
 * The listeners of a proxyless gRPC node: client listeners for the requested names (all, without names) and the
 * requested server listeners, in istiod's order (services by hostname, names sorted, ports in service order; then
 * server names sorted).
 */
export function buildGrpcListeners(
  proxy: MeshProxy,
  push: PushContext,
  sink: MessageSink,
  names?: readonly string[],
  opts: GrpcListenerOptions = {},
): Listener[] {
  const inbound = names === undefined ? [] : listenerNameFilter(names, proxy).inbound;
  return [...clientListeners(proxy, push, names, opts), ...serverListeners(proxy, push, sink, inbound)];
}
