// Names the listener builders write besides those of naming.ts: stat prefixes, filter chain names of the
// capture listeners, and Envoy's well-known filter names, as istiod 1.30 writes them (model/listener.go,
// wellknown filter names).
import { listenerName } from '../naming.js';

/** Network and listener filter names. */
export const HCM_FILTER = 'envoy.filters.network.http_connection_manager';
export const TCP_PROXY_FILTER = 'envoy.filters.network.tcp_proxy';
export const TLS_INSPECTOR = 'envoy.filters.listener.tls_inspector';
export const HTTP_INSPECTOR = 'envoy.filters.listener.http_inspector';
export const ORIGINAL_DST = 'envoy.filters.listener.original_dst';

/** Filter chains of virtualOutbound (15001) and virtualInbound (15006). */
export const VIRTUAL_OUTBOUND_CATCHALL_CHAIN = 'virtualOutbound-catchall-tcp';
export const VIRTUAL_OUTBOUND_BLACKHOLE_CHAIN = 'virtualOutbound-blackhole';
export const VIRTUAL_INBOUND_BLACKHOLE_CHAIN = 'virtualInbound-blackhole';
/** The inbound TCP passthrough chains carry the listener's own name. */
export const VIRTUAL_INBOUND_PASSTHROUGH_CHAIN = 'virtualInbound';
/** The inbound HTTP passthrough chains (model.VirtualInboundCatchAllHTTPFilterChainName). */
export const VIRTUAL_INBOUND_CATCHALL_HTTP_CHAIN = 'virtualInbound-catchall-http';

/** istiod ends HCM stat prefixes with this delimiter (DelimitedStatsPrefix; older releases had none). */
export const STAT_PREFIX_DELIMITER = ';';

/** HCM stat prefix of an outbound or gateway listener: `outbound_0.0.0.0_9080;`. */
export function outboundStatPrefix(address: string, port: number): string {
  return `outbound_${listenerName(address, port)}${STAT_PREFIX_DELIMITER}`;
}

/** HCM stat prefix of an inbound filter chain: `inbound_0.0.0.0_9080;` (`bind` of a Sidecar ingress port). */
export function inboundStatPrefix(port: number, bind = '0.0.0.0'): string {
  return `inbound_${listenerName(bind, port)}${STAT_PREFIX_DELIMITER}`;
}

/** The name of an inbound filter chain for a workload port: `0.0.0.0_9080`. */
export function inboundChainName(port: number): string {
  return listenerName('0.0.0.0', port);
}

/** The Server header gateways and inbound chains send (istiod's HCM server_name). */
export const ISTIO_SERVER_NAME = 'istio-envoy';

/** istiod's TLS inspector reads at most 512 bytes of ClientHello (Envoy's default is 64 KiB). */
export const TLS_INSPECTOR_BUFFER_BYTES = 512;

/**
 * istiod's MAX_CONNECTIONS_PER_SOCKET_EVENT_LOOP default (features/pilot.go): connections accepted per socket event
 * on listeners that bind a socket (virtualInbound, virtualOutbound, gateways, bound inbound / outbound listeners).
 */
export const MAX_CONNECTIONS_PER_SOCKET_EVENT = 1;

/**
 * istiod's PILOT_GATEWAY_TRANSPORT_SOCKET_CONNECT_TIMEOUT default (features/pilot.go): 15s for the transport socket
 * (TLS handshake) of sidecar outbound and gateway filter chains, against slow handshake attacks. Envoy Duration.
 */
export const TRANSPORT_SOCKET_CONNECT_TIMEOUT = { seconds: '15' } as const;
