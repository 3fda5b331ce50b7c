// Sidecar outbound listeners (istiod 1.30 listener.go buildSidecarOutboundListeners): per Sidecar egress listener
// (or one catch-all when the proxy has none), its services' ports become entries of the outbound listener map
// (outbound-entries.ts: `0.0.0.0_<port>` for HTTP, `<VIP>_<port>` for TCP and sniffed ports, conflicts merged or
// reported as istiod does) and then listeners (outbound-listener.ts); none is bound to the port unless the
// Sidecar asks (iptables sends traffic to virtualOutbound, which hands it over by original destination).
import {
  type IstioEgressListener,
  isTcp,
  isUnsupported,
  type Listener,
  type MeshService,
  type MeshServicePort,
  parseIp,
  parseProtocol,
  UNIX_PREFIX,
} from '@minimesh/model';
import { MessageCode, type MessageSink } from '../messages.js';
import {
  BLACKHOLE_CLUSTER,
  VIRTUAL_OUTBOUND_LISTENER,
  VIRTUAL_OUTBOUND_PORT,
  WILDCARD_ADDRESS,
} from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { catchAllCluster } from '../route/virtual-host.js';
import { egressListenerAllows } from '../sidecar-egress.js';
import {
  MAX_CONNECTIONS_PER_SOCKET_EVENT,
  VIRTUAL_OUTBOUND_BLACKHOLE_CHAIN,
  VIRTUAL_OUTBOUND_CATCHALL_CHAIN,
} from './listener-names.js';
import { OutboundEntries } from './outbound-entries.js';
import { listenerFromEntry, socketAddress } from './outbound-listener.js';
import { tcpProxyFilter } from './tcp-proxy.js';

export { socketAddress } from './outbound-listener.js';

/** Where a listener that binds a real socket listens when the Sidecar gives no address. */
export const LOCALHOST_ADDRESS = '127.0.0.1';

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
    max_connections_to_accept_per_socket_event: { value: MAX_CONNECTIONS_PER_SOCKET_EVENT },
  };
}

/**
 * istiod's headless rule: a TCP or sniffed port of a Passthrough service without an address gets one listener per
 * endpoint IP (`<podIP>_<port>`; PILOT_ENABLE_HEADLESS_FILTER_CHAIN_LISTENER, off by default, is not followed),
 * the proxy's own address excepted. A ServiceEntry with no endpoints and no selector keeps the wildcard listener
 * (undefined here). Sorted, deduplicated IPs.
 */
function headlessEndpoints(
  proxy: MeshProxy,
  push: PushContext,
  svc: MeshService,
  port: MeshServicePort,
): string[] | undefined {
  if (svc.resolution !== 'Passthrough' || svc.addresses.length > 0) return undefined;
  if (!(isTcp(port.protocol) || isUnsupported(port.protocol))) return undefined;
  const eps = push.registry.serviceEndpoints(svc).filter((e) => e.servicePort.port === port.port);
  if (svc.source !== 'kubernetes' && eps.length === 0 && svc.selector === undefined) return undefined;
  const ips = eps.map((e) => e.address).filter((a) => parseIp(a) !== undefined && a !== proxy.ipAddresses[0]);
  return [...new Set(ips)].sort();
}

/** The egress listeners of the proxy's Sidecar; without any, one catch-all listener for every visible service. */
function egressListeners(proxy: MeshProxy, push: PushContext): readonly IstioEgressListener[] {
  const egress = push.sidecarScope(proxy).sidecar?.object.spec.egress ?? [];
  return egress.length > 0 ? egress : [{ hosts: ['*/*'] }];
}

/**
 * istiod buildSidecarOutboundListeners: each egress listener with a port makes listeners for that port only, with
 * the services of its hosts; the catch-all one (no port, last) makes them per service port, leaving alone every
 * listener a declared port already made. captureMode NONE and unix sockets bind a real socket (127.0.0.1 unless
 * `bind` says otherwise); `bind` otherwise replaces the VIP / wildcard address.
 */
export function outboundListeners(proxy: MeshProxy, push: PushContext, sink: MessageSink): Listener[] {
  const scope = push.sidecarScope(proxy);
  const entries = new OutboundEntries(proxy, push, sink);
  for (const egress of egressListeners(proxy, push)) {
    const services = scope.services.filter((s) => egressListenerAllows(egress, proxy.namespace, s));
    const unix = (egress.bind ?? '').startsWith(UNIX_PREFIX);
    const bindToPort = egress.captureMode === 'NONE' || unix;
    const bind = egress.bind ?? (bindToPort ? LOCALHOST_ADDRESS : '');
    if (egress.port !== undefined) {
      const number = egress.port.number ?? 0;
      if (number === 0 || unix) {
        const origin = scope.sidecar;
        if (origin !== undefined)
          sink.about(
            origin,
            MessageCode.Unsupported,
            'Warning',
            `egress listener on ${bind} (unix domain socket) is not translated by minimesh`,
            ['spec', 'egress'],
          );
        continue;
      }
      const protocol = parseProtocol(egress.port.protocol);
      for (const svc of services) entries.add(svc, { bind, bindToPort, port: number, protocol });
      continue;
    }
    entries.lockAll();
    for (const svc of services)
      for (const p of svc.ports) {
        const at = { bind, bindToPort, port: p.port, protocol: p.protocol };
        const pods = bind === '' ? headlessEndpoints(proxy, push, svc, p) : undefined;
        if (pods === undefined) entries.add(svc, at);
        else for (const ip of pods) entries.add(svc, { ...at, bind: ip });
      }
  }
  return entries.entries().map((e) => listenerFromEntry(e, scope.outboundTrafficPolicy));
}
