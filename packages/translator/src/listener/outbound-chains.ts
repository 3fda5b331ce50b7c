// The filter chain options of a sidecar outbound listener (istiod 1.30 listener.go filterChainOpts,
// buildSidecarOutboundHTTPListenerOpts, buildSidecarOutboundTCPListenerOpts and tls.go
// buildSidecarOutboundTLSFilterChainOpts): what a chain matches (SNI, destination CIDRs, ALPN, transport) and the
// network filters it runs. A chain without any match is "match all"; two chains conflict when their matches are the
// same sets.
import { isTls, type MeshProtocol, type MeshService, type NetworkFilter } from '@minimesh/model';
import type { MessageSink } from '../messages.js';
import { sidecarRouteName, sniffedRouteName, subsetKey, WILDCARD_ADDRESS } from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { hcmFilter } from './http-connection-manager.js';
import { outboundStatPrefix } from './listener-names.js';
import { tcpProxyFilter } from './tcp-proxy.js';
import { l4Applies, meshRouteEnv, outboundTcpFilter, routeTcpProxy } from './tcp-routes.js';

/**
 * ALPNs the HTTP inspector sets for plaintext HTTP (plaintextHTTPALPNs without PILOT_HTTP10): HTTP/1.0 is not
 * matched, so it falls through to the TCP chain instead of being rejected.
 */
export const PLAINTEXT_HTTP_ALPNS: readonly string[] = ['http/1.1', 'h2c'];
export const RAW_BUFFER = 'raw_buffer';

/** One filter chain before it becomes an Envoy FilterChain. */
export interface ChainOpts {
  readonly sniHosts?: readonly string[];
  readonly destinationCidrs?: readonly string[];
  readonly applicationProtocols?: readonly string[];
  readonly transportProtocol?: string;
  /** An HTTP chain: its HCM is built with the listener's stat prefix (RDS name here). */
  readonly rds?: string;
  /** A network chain's filters. */
  readonly filters?: readonly NetworkFilter[];
}

/** istiod isMatchAll: no SNI (or `*`), no ALPN, no transport protocol, no CIDR. */
export function isMatchAll(c: ChainOpts): boolean {
  return (
    ((c.sniHosts ?? []).length === 0 || (c.sniHosts ?? []).includes('*')) &&
    (c.applicationProtocols ?? []).length === 0 &&
    (c.transportProtocol ?? '') === '' &&
    (c.destinationCidrs ?? []).length === 0
  );
}

function sameSet(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = new Set((a ?? []).filter((s) => s !== '*' && s !== WILDCARD_ADDRESS));
  const y = new Set((b ?? []).filter((s) => s !== '*' && s !== WILDCARD_ADDRESS));
  return x.size === y.size && [...x].every((s) => y.has(s));
}

/** istiod conflictsWith: same transport, same ALPN list, same SNI set, same CIDR set. */
export function conflictsWith(a: ChainOpts, b: ChainOpts): boolean {
  if ((a.transportProtocol ?? '') !== (b.transportProtocol ?? '')) return false;
  const pa = a.applicationProtocols ?? [];
  const pb = b.applicationProtocols ?? [];
  if (pa.length !== pb.length || pa.some((p, i) => p !== pb[i])) return false;
  return sameSet(a.sniHosts, b.sniHosts) && sameSet(a.destinationCidrs, b.destinationCidrs);
}

/**
 * The HTTP chain of an outbound port: an HCM with RDS `<port>`; sniffing ALPNs when `sniff`. A sniffed service on
 * its own address (`sniffedHost`: its VIP, not the wildcard) has its own route config `<host>:<port>`, as istiod.
 */
export function httpChainOpts(port: number, sniff: boolean, sniffedHost?: string): ChainOpts {
  return {
    rds: sniffedHost === undefined ? sidecarRouteName(port) : sniffedRouteName(sniffedHost, port),
    ...(sniff ? { applicationProtocols: PLAINTEXT_HTTP_ALPNS, transportProtocol: RAW_BUFFER } : {}),
  };
}

/** The cluster port: the service's only port, else the listener's (istiod's rule for Sidecar egress ports). */
function clusterPort(service: MeshService, listenPort: number): number {
  return service.ports.length === 1 ? (service.ports[0]?.port ?? listenPort) : listenPort;
}

/** Inputs of the TCP / TLS chains of one service on one listener. */
export interface TcpChainInput {
  readonly proxy: MeshProxy;
  readonly push: PushContext;
  readonly sink: MessageSink;
  readonly service: MeshService;
  readonly listenPort: number;
  readonly protocol: MeshProtocol;
  /** The listener address ('' when not chosen by the user), and the service's address the listener is on. */
  readonly bind: string;
  readonly serviceAddress: string;
  readonly cidrs: readonly string[];
}

/**
 * TLS chains (TLS / HTTPS ports): the VirtualService TLS routes whose static match holds, one chain per distinct
 * SNI set; without any, one chain to the service's cluster, keyed by the service's hostname as SNI when the
 * listener cannot tell services apart otherwise (no VIP, or a CIDR).
 */
function tlsChainOpts(i: TcpChainInput): ChainOpts[] {
  const { proxy, push, sink, service, listenPort } = i;
  const out: ChainOpts[] = [];
  const seen = new Set<string>();
  const vss = push.registry.virtualServicesForHost(proxy.namespace, service.hostname);
  for (const vs of vss) {
    (vs.object.spec.tls ?? []).forEach((route, index) => {
      if (route.route.length === 0) return;
      for (const m of route.match) {
        if (!l4Applies(m, listenPort, proxy.labels, proxy.namespace)) continue;
        const key = JSON.stringify([[...m.sniHosts].sort(), m.destinationSubnets ?? []]);
        if (seen.has(key)) continue;
        seen.add(key);
        const cidrs = (m.destinationSubnets ?? []).length > 0 ? (m.destinationSubnets ?? []) : i.cidrs;
        const env = meshRouteEnv(proxy, push, sink, listenPort);
        out.push({
          sniHosts: m.sniHosts,
          destinationCidrs: cidrs,
          filters: [routeTcpProxy(route, vs, 'tls', index, env)],
        });
      }
    });
  }
  if (out.length > 0) return out;
  const noVip = i.serviceAddress === '' || i.serviceAddress === WILDCARD_ADDRESS;
  const bindWildcard = i.bind === '' || i.bind === WILDCARD_ADDRESS;
  const bySni = i.cidrs.length > 0 || (noVip && bindWildcard);
  const cluster = subsetKey('outbound', '', service.hostname, clusterPort(service, listenPort));
  return [
    {
      ...(bySni ? { sniHosts: [service.hostname] } : {}),
      destinationCidrs: i.cidrs,
      filters: [tcpProxyFilter(cluster)],
    },
  ];
}

/** The TCP chains of a service port: TLS chains for TLS / HTTPS, else one chain per the TCP routes. */
export function tcpChainOpts(i: TcpChainInput): ChainOpts[] {
  if (isTls(i.protocol)) return tlsChainOpts(i);
  return [
    {
      destinationCidrs: i.cidrs,
      filters: [outboundTcpFilter(i.proxy, i.push, i.sink, i.service, i.listenPort)],
    },
  ];
}

/** The network filters of an HTTP chain, given the listener it ends up in. */
export function chainFilters(c: ChainOpts, bind: string, port: number): NetworkFilter[] {
  if (c.rds === undefined) return [...(c.filters ?? [])];
  return [hcmFilter({ statPrefix: outboundStatPrefix(bind, port), side: 'outbound', rds: c.rds })];
}
