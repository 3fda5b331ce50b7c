// Sidecar outbound listeners (istiod 1.30 listener.go buildSidecarOutboundListeners): one `0.0.0.0_<port>` per
// HTTP service port (HCM with RDS `<port>`), one `<VIP>_<port>` per TCP service port (tcp_proxy to
// `outbound|<port>||<host>`; `0.0.0.0_<port>` when the service has no VIP), none bound to the port (iptables
// sends traffic to virtualOutbound, which hands it over by original destination), and virtualOutbound itself.
// A port taken twice keeps its first owner (HTTP before TCP, services in hostname order) and the loser becomes a
// message, as istiod's listener conflict handling does.
import { isHttpOrSniffed, isTcp, type Listener, type NetworkFilter } from '@minimesh/model';
import type { MessageSink } from '../messages.js';
import {
  BLACKHOLE_CLUSTER,
  listenerName,
  sidecarRouteName,
  VIRTUAL_OUTBOUND_LISTENER,
  VIRTUAL_OUTBOUND_PORT,
  WILDCARD_ADDRESS,
} from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { catchAllCluster } from '../route/virtual-host.js';
import { hcmFilter } from './http-connection-manager.js';
import {
  outboundStatPrefix,
  VIRTUAL_OUTBOUND_BLACKHOLE_CHAIN,
  VIRTUAL_OUTBOUND_CATCHALL_CHAIN,
} from './listener-names.js';
import { tcpProxyFilter } from './tcp-proxy.js';
import { outboundTcpFilter } from './tcp-routes.js';

/** A socket address in the codec's input form. */
export function socketAddress(address: string, port: number): NonNullable<Listener['address']> {
  return { socket_address: { address, port_value: port } };
}

function httpListener(port: number): Listener {
  const name = listenerName(WILDCARD_ADDRESS, port);
  return {
    name,
    address: socketAddress(WILDCARD_ADDRESS, port),
    // A match-all chain: istiod writes it as the only filter chain, unnamed (buildListenerFromEntry).
    filter_chains: [
      {
        filters: [
          hcmFilter({
            statPrefix: outboundStatPrefix(WILDCARD_ADDRESS, port),
            side: 'outbound',
            rds: sidecarRouteName(port),
          }),
        ],
      },
    ],
    bind_to_port: { value: false },
    traffic_direction: 'OUTBOUND',
    // No HTTP inspector on these listeners, so istiod sets no listener filter timeout at all.
    listener_filters_timeout: { seconds: '0' },
    continue_on_listener_filters_timeout: true,
  };
}

function tcpListener(address: string, port: number, filter: NetworkFilter): Listener {
  const name = listenerName(address, port);
  return {
    name,
    address: socketAddress(address, port),
    filter_chains: [{ filters: [filter] }],
    bind_to_port: { value: false },
    traffic_direction: 'OUTBOUND',
    listener_filters_timeout: { seconds: '0' },
    continue_on_listener_filters_timeout: true,
  };
}

/** virtualOutbound (15001): takes every captured connection, hands it to the listener of its original destination. */
export function virtualOutboundListener(push: PushContext, proxy: MeshProxy): Listener {
  const fallback = catchAllCluster(push.sidecarScope(proxy).outboundTrafficPolicy);
  return {
    name: VIRTUAL_OUTBOUND_LISTENER,
    address: socketAddress(WILDCARD_ADDRESS, VIRTUAL_OUTBOUND_PORT),
    filter_chains: [
      {
        // Connections to 15001 itself would loop: they are dropped.
        name: VIRTUAL_OUTBOUND_BLACKHOLE_CHAIN,
        filter_chain_match: { destination_port: { value: VIRTUAL_OUTBOUND_PORT } },
        filters: [tcpProxyFilter(BLACKHOLE_CLUSTER)],
      },
      { name: VIRTUAL_OUTBOUND_CATCHALL_CHAIN, filters: [tcpProxyFilter(fallback)] },
    ],
    use_original_dst: { value: true },
    traffic_direction: 'OUTBOUND',
  };
}

export function outboundListeners(proxy: MeshProxy, push: PushContext, sink: MessageSink): Listener[] {
  const scope = push.sidecarScope(proxy);
  const taken = new Map<string, string>(); // listener name -> what owns it
  const out: Listener[] = [];
  for (const svc of scope.services)
    for (const p of svc.ports) {
      if (!isHttpOrSniffed(p.protocol)) continue;
      const name = listenerName(WILDCARD_ADDRESS, p.port);
      if (taken.has(name)) continue; // one HTTP listener serves every service of the port (RDS picks the host)
      taken.set(name, 'HTTP');
      out.push(httpListener(p.port));
    }
  for (const svc of scope.services)
    for (const p of svc.ports) {
      if (isHttpOrSniffed(p.protocol) || !isTcp(p.protocol)) continue;
      const address = svc.addresses.find((a) => !a.includes('/')) ?? WILDCARD_ADDRESS;
      const name = listenerName(address, p.port);
      const owner = taken.get(name);
      if (owner !== undefined) {
        sink.add({
          code: 'MM_TR_LISTENER_CONFLICT',
          severity: 'Warning',
          message: `listener ${name} of TCP service ${svc.hostname} port ${p.port} conflicts with ${owner}; ${owner} keeps it`,
          resource: svc.origin,
        });
        continue;
      }
      taken.set(name, `${p.protocol} service ${svc.hostname}`);
      out.push(tcpListener(address, p.port, outboundTcpFilter(proxy, push, sink, svc, p.port)));
    }
  return out;
}
