// One outbound listener from its entry (istiod 1.30 listener.go buildListenerFromEntry): `<bind>_<port>`, not bound
// to the port unless the Sidecar asks (iptables hands connections over from virtualOutbound); a TLS inspector when
// a chain matches SNI, an HTTP inspector when a chain matches ALPN (sniffing); the match-all chain becomes the
// default chain when there are others, and a listener without one gets `PassthroughFilterChain` (PassthroughCluster,
// or BlackHoleCluster under REGISTRY_ONLY) so unmatched traffic is not reset.
import { anyOf, type Listener, TypeUrl } from '@minimesh/model';
import type { OutboundTrafficPolicyMode } from '../mesh-config.js';
import { BLACKHOLE_CLUSTER, listenerName, PASSTHROUGH_CLUSTER } from '../naming.js';
import {
  HTTP_INSPECTOR,
  MAX_CONNECTIONS_PER_SOCKET_EVENT,
  TLS_INSPECTOR,
  TLS_INSPECTOR_BUFFER_BYTES,
  TRANSPORT_SOCKET_CONNECT_TIMEOUT,
} from './listener-names.js';
import { chainFilters, isMatchAll } from './outbound-chains.js';
import type { OutboundEntry } from './outbound-entries.js';
import { tcpProxyFilter } from './tcp-proxy.js';

type FilterChain = NonNullable<Listener['filter_chains']>[number];

/** The default chain istiod adds to outbound listeners without a match-all chain. */
export const PASSTHROUGH_FILTER_CHAIN = 'PassthroughFilterChain';

/** A socket address in the codec's input form. */
export function socketAddress(address: string, port: number): NonNullable<Listener['address']> {
  return { socket_address: { address, port_value: port } };
}

function chainMatch(c: OutboundEntry['chains'][number]): NonNullable<FilterChain['filter_chain_match']> {
  const sni = c.sniHosts ?? [];
  const cidrs = [...(c.destinationCidrs ?? [])].sort();
  return {
    ...(sni.length > 0 && !sni.includes('*') ? { server_names: [...sni].sort() } : {}),
    ...(c.transportProtocol ? { transport_protocol: c.transportProtocol } : {}),
    ...((c.applicationProtocols ?? []).length > 0
      ? { application_protocols: [...(c.applicationProtocols ?? [])] }
      : {}),
    ...(cidrs.length > 0
      ? {
          prefix_ranges: cidrs.map((cidr) => {
            const [address = cidr, len] = cidr.split('/');
            const bits = len === undefined ? (address.includes(':') ? 128 : 32) : Number(len);
            return { address_prefix: address, prefix_len: { value: bits } };
          }),
        }
      : {}),
  };
}

export function listenerFromEntry(e: OutboundEntry, policy: OutboundTrafficPolicyMode): Listener {
  const name = listenerName(e.bind, e.port);
  const chains: FilterChain[] = [];
  let fallback: FilterChain | undefined;
  // Every chain built from an entry (not the PassthroughFilterChain below) gets the transport socket connect
  // timeout (istiod buildListenerFromEntry).
  const timeout = { transport_socket_connect_timeout: TRANSPORT_SOCKET_CONNECT_TIMEOUT };
  for (const c of e.chains) {
    const filters = chainFilters(c, e.bind, e.port);
    if (isMatchAll(c)) fallback = { filters, ...timeout };
    else chains.push({ filter_chain_match: chainMatch(c), filters, ...timeout });
  }
  let filterChains = chains;
  let defaultChain: FilterChain | undefined;
  if (fallback !== undefined && chains.length === 0) filterChains = [fallback];
  else if (fallback !== undefined) defaultChain = fallback;
  else {
    const cluster = policy === 'REGISTRY_ONLY' ? BLACKHOLE_CLUSTER : PASSTHROUGH_CLUSTER;
    defaultChain = {
      filter_chain_match: {},
      name: PASSTHROUGH_FILTER_CHAIN,
      filters: [tcpProxyFilter(cluster)],
    };
  }
  const needTls = e.chains.some((c) => (c.sniHosts ?? []).length > 0);
  const needHttp = e.chains.some((c) => (c.applicationProtocols ?? []).length > 0);
  const listenerFilters: NonNullable<Listener['listener_filters']> = [];
  if (needTls)
    listenerFilters.push({
      name: TLS_INSPECTOR,
      typed_config: anyOf(TypeUrl.TLS_INSPECTOR, {
        initial_read_buffer_size: { value: TLS_INSPECTOR_BUFFER_BYTES },
      }),
    });
  if (needHttp)
    listenerFilters.push({ name: HTTP_INSPECTOR, typed_config: anyOf(TypeUrl.HTTP_INSPECTOR, {}) });
  return {
    name,
    address: socketAddress(e.bind, e.port),
    filter_chains: filterChains,
    ...(defaultChain === undefined ? {} : { default_filter_chain: defaultChain }),
    ...(listenerFilters.length > 0 ? { listener_filters: listenerFilters } : {}),
    // Only listeners that bind a socket accept connections themselves (istiod: max accepts per socket event).
    ...(e.bindToPort
      ? { max_connections_to_accept_per_socket_event: { value: MAX_CONNECTIONS_PER_SOCKET_EVENT } }
      : { bind_to_port: { value: false } }),
    traffic_direction: 'OUTBOUND',
    // MeshConfig.protocolDetectionTimeout defaults to 0s (no timeout) since Istio 1.10; without an HTTP inspector
    // istiod writes 0s as well.
    listener_filters_timeout: { seconds: '0' },
    continue_on_listener_filters_timeout: true,
  };
}
