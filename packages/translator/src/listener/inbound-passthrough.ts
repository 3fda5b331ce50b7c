// The passthrough chains of virtualInbound (istiod 1.30 listener_inbound.go buildInboundPassthroughChains,
// buildInboundBlackhole): they take inbound traffic to ports no Service (or Sidecar ingress listener) declares and
// send it to InboundPassthroughCluster (ORIGINAL_DST: the address the peer dialled). First the blackhole chain
// (destination port 15006: traffic to virtualInbound itself would loop), then, per mTLS setting of
// authn ForPassthrough, the chains of the sniffed ("auto") protocol for that mode:
// - port 0 (every port): the workload's mode without port-level overrides;
// - each portLevelMtls port of the workload's PeerAuthentication that no declared chain serves, with its mode and
//   a destination_port match (sorted by port; istiod walks a map).
// PERMISSIVE gives 5 chains: `virtualInbound-catchall-http` for mTLS HTTP (istio-http/* ALPN, terminated) and
// plaintext HTTP (http/1.1, h2c), and `virtualInbound` for mTLS TCP (istio-peer-exchange, istio; terminated),
// plaintext TCP, and other TLS (not terminated: the application's own TLS). STRICT gives 2 (both terminated),
// DISABLE 2 (plaintext). The HTTP chains run an HCM with an inline route config `InboundPassthroughCluster`
// (vhost `inbound|http|0`, decorator `:0/*`: istiod's port 0) and stat prefix `InboundPassthroughCluster;`; the TCP
// chains a tcp_proxy. Since Istio 1.1x there are no prefix_ranges on these chains (older releases matched
// 0.0.0.0/0); 1.30's match has only the destination port (per-port chains), transport protocol and ALPN.
import { MeshProtocol } from '@minimesh/model';
import { BLACKHOLE_CLUSTER, INBOUND_PASSTHROUGH_CLUSTER, VIRTUAL_INBOUND_PORT } from '../naming.js';
import { hcmFilter } from './http-connection-manager.js';
import { type FilterChain, inboundChains } from './inbound-chains.js';
import { inboundRouteConfig, type WorkloadPort } from './inbound-route.js';
import {
  STAT_PREFIX_DELIMITER,
  VIRTUAL_INBOUND_BLACKHOLE_CHAIN,
  VIRTUAL_INBOUND_CATCHALL_HTTP_CHAIN,
  VIRTUAL_INBOUND_PASSTHROUGH_CHAIN,
} from './listener-names.js';
import { mtlsModeFor, type PeerAuthenticationScope } from './mtls.js';
import { tcpProxyFilter } from './tcp-proxy.js';

/** istiod's port-0 passthrough chain config: no service, sniffed protocol. */
const PASSTHROUGH_PORT: WorkloadPort = { port: 0, protocol: MeshProtocol.Unsupported, hostname: '' };

/** The chain that drops connections to virtualInbound's own port. */
function blackholeChain(): FilterChain {
  return {
    name: VIRTUAL_INBOUND_BLACKHOLE_CHAIN,
    filter_chain_match: { destination_port: { value: VIRTUAL_INBOUND_PORT } },
    filters: [tcpProxyFilter(BLACKHOLE_CLUSTER)],
  };
}

/** portLevelMtls ports of the workload policy that no declared inbound port serves (needPerPortPassthroughFilterChain). */
function perPortPassthroughPorts(scope: PeerAuthenticationScope, declared: ReadonlySet<number>): number[] {
  const keys = Object.keys(scope.workload?.object.spec?.portLevelMtls ?? {});
  const ports = keys.map(Number).filter((p) => Number.isInteger(p) && p > 0 && !declared.has(p));
  return [...new Set(ports)].sort((a, b) => a - b);
}

/** Blackhole, then the passthrough chains of each mTLS setting; `declared`: ports that have chains of their own. */
export function inboundPassthroughChains(
  scope: PeerAuthenticationScope,
  declared: ReadonlySet<number>,
): FilterChain[] {
  const chains: FilterChain[] = [blackholeChain()];
  const spec = (destinationPort?: number) => ({
    ...(destinationPort === undefined ? {} : { destinationPort }),
    httpName: VIRTUAL_INBOUND_CATCHALL_HTTP_CHAIN,
    tcpName: VIRTUAL_INBOUND_PASSTHROUGH_CHAIN,
    httpFilters: () => [
      hcmFilter({
        statPrefix: `${INBOUND_PASSTHROUGH_CLUSTER}${STAT_PREFIX_DELIMITER}`,
        side: 'inbound',
        routeConfig: inboundRouteConfig(PASSTHROUGH_PORT, INBOUND_PASSTHROUGH_CLUSTER),
      }),
    ],
    tcpFilters: () => [tcpProxyFilter(INBOUND_PASSTHROUGH_CLUSTER)],
  });
  // Port 0: the workload's mode; a port-level override keyed "0" cannot exist (ports are 1-65535).
  chains.push(...inboundChains(spec(), mtlsModeFor(scope, 0), 'auto'));
  for (const port of perPortPassthroughPorts(scope, declared))
    chains.push(...inboundChains(spec(port), mtlsModeFor(scope, port), 'auto'));
  return chains;
}
