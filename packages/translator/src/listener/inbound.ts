// virtualInbound (15006), istiod 1.30 listener_builder.go buildInboundListeners / listener_inbound.go: iptables
// redirects inbound connections here; filter chains match the original destination port. Per inbound port (the
// Sidecar's ingress ports when it declares any, else the targetPort of each Service port selecting the workload):
// HTTP chains (HCM with an inline route config `inbound|<port>||` sending everything to `inbound|<port>||`), TCP
// chains (tcp_proxy to it), or for a port without a declared protocol both, told apart by the ALPN the HTTP
// inspector sets (protocol sniffing). Before them the blackhole chain for 15006 itself and the passthrough chains
// (InboundPassthroughCluster) for other ports (inbound-passthrough.ts). An ingress port with captureMode NONE gets
// a listener of its own instead.
// Each port gets the chains of its PeerAuthentication mode (mtls.ts): PERMISSIVE (the default) accepts Istio mTLS
// (ALPN istio*) and plaintext, STRICT only mTLS, DISABLE only plaintext.
import { type Listener, type LoadedResource, labelsMatch, type Sidecar } from '@minimesh/model';
import { MessageCode, type MessageSink } from '../messages.js';
import {
  inboundClusterName,
  listenerName,
  VIRTUAL_INBOUND_LISTENER,
  VIRTUAL_INBOUND_PORT,
  WILDCARD_ADDRESS,
} from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { hcmFilter } from './http-connection-manager.js';
import { type FilterChain, inboundChains, inboundKindOf } from './inbound-chains.js';
import { inboundListenerFilters } from './inbound-listener-filters.js';
import { inboundPassthroughChains } from './inbound-passthrough.js';
import { inboundRouteConfig, type WorkloadPort } from './inbound-route.js';
import { inboundStatPrefix, MAX_CONNECTIONS_PER_SOCKET_EVENT } from './listener-names.js';
import { type MtlsMode, mtlsModeFor, peerAuthenticationScope } from './mtls.js';
import { socketAddress } from './outbound-listener.js';
import { ingressPorts, sidecarConfigPath } from './sidecar-ingress.js';
import { tcpProxyFilter } from './tcp-proxy.js';

export { inboundRouteConfig, type WorkloadPort } from './inbound-route.js';

/** Workload ports: numeric targetPorts (else the port) of services of the proxy's namespace selecting it. */
export function workloadPorts(proxy: MeshProxy, push: PushContext): WorkloadPort[] {
  const byPort = new Map<number, WorkloadPort>();
  for (const svc of push.registry.servicesInNamespace(proxy.namespace)) {
    if (svc.selector === undefined || !labelsMatch(svc.selector, proxy.labels)) continue;
    for (const p of svc.ports) {
      const port = typeof p.targetPort === 'number' ? p.targetPort : p.port;
      if (!byPort.has(port)) byPort.set(port, { port, protocol: p.protocol, hostname: svc.hostname });
    }
  }
  return [...byPort.values()].sort((a, b) => a.port - b.port);
}

/** One inbound port's chains to build (istiod inboundChainConfig). */
export interface InboundChainConfig extends WorkloadPort {
  /** The chains' address: names them `<bind>_<port>`. */
  readonly bind: string;
  readonly bindToPort: boolean;
  /** The Sidecar whose ingress listener this is (its API path goes in the chains' metadata). */
  readonly sidecar?: LoadedResource<Sidecar>;
}

/** The inbound ports: the Sidecar's ingress ports when it declares any (they replace the Services'), else these. */
export function inboundChainConfigs(
  proxy: MeshProxy,
  push: PushContext,
  sink: MessageSink,
): InboundChainConfig[] {
  const ingress = ingressPorts(proxy, push);
  if (ingress === undefined)
    return workloadPorts(proxy, push).map((wp) => ({ ...wp, bind: WILDCARD_ADDRESS, bindToPort: false }));
  const sidecar = push.sidecarScope(proxy).sidecar;
  return ingress.map((p) => {
    if (p.listener.tls !== undefined && sidecar !== undefined)
      // istiod applies ingress tls only with ENABLE_TLS_ON_SIDECAR_INGRESS, off by default in 1.30.
      sink.about(
        sidecar,
        MessageCode.TlsNotApplied,
        'Info',
        `ingress listener on port ${p.port}: tls is applied only with istiod's ENABLE_TLS_ON_SIDECAR_INGRESS (off by default); the port keeps mesh mTLS`,
        ['spec', 'ingress', p.index, 'tls'],
      );
    return {
      port: p.port,
      protocol: p.protocol,
      hostname: p.hostname,
      bind: p.bind,
      bindToPort: p.bindToPort,
      ...(sidecar === undefined ? {} : { sidecar }),
    };
  });
}

/**
 * The chains of one inbound port, one per variant of its mTLS mode and protocol (see mtls.ts), all named
 * `<bind>_<port>` as istiod names them and matched on the original destination port.
 */
function portChains(cc: InboundChainConfig, mode: MtlsMode): FilterChain[] {
  const name = listenerName(cc.bind, cc.port);
  const metadata =
    cc.sidecar === undefined
      ? undefined
      : {
          filter_metadata: {
            istio: {
              fields: {
                config: {
                  stringValue: sidecarConfigPath(cc.sidecar.namespace ?? 'default', cc.sidecar.name),
                },
              },
            },
          },
        };
  const spec = {
    destinationPort: cc.port,
    httpName: name,
    tcpName: name,
    httpFilters: () => [
      hcmFilter({
        statPrefix: inboundStatPrefix(cc.port, cc.bind),
        side: 'inbound',
        routeConfig: inboundRouteConfig(cc),
      }),
    ],
    tcpFilters: () => [tcpProxyFilter(inboundClusterName(cc.port))],
    ...(metadata === undefined ? {} : { metadata }),
  };
  return inboundChains(spec, mode, inboundKindOf(cc.protocol));
}

/**
 * The fields istiod's buildInboundListener writes on every inbound listener: continue after a listener filter
 * timeout of MeshConfig.protocolDetectionTimeout (0s: none), and MAX_CONNECTIONS_PER_SOCKET_EVENT_LOOP (1) accepts
 * per socket event, virtualInbound included (1.30 sets it in the listener literal, not only when bound).
 */
function inboundListener(
  name: string,
  address: string,
  port: number,
  bindToPort: boolean,
  chains: FilterChain[],
): Listener {
  return {
    name,
    address: socketAddress(address, port),
    filter_chains: chains,
    listener_filters: inboundListenerFilters(chains, bindToPort),
    traffic_direction: 'INBOUND',
    listener_filters_timeout: { seconds: '0' },
    continue_on_listener_filters_timeout: true,
    max_connections_to_accept_per_socket_event: { value: MAX_CONNECTIONS_PER_SOCKET_EVENT },
  };
}

/**
 * virtualInbound, then a bound listener per ingress port with captureMode NONE (istiod inboundCustomListener).
 * virtualInbound's chains: the passthrough chains (inbound-passthrough.ts) first, then the ports' chains, as
 * istiod's inboundVirtualListener orders them. It has no use_original_dst (1.30 sets that on virtualOutbound only;
 * the original_dst listener filter recovers the destination).
 */
export function inboundListeners(proxy: MeshProxy, push: PushContext, sink: MessageSink): Listener[] {
  const scope = peerAuthenticationScope(proxy, push);
  const configs = inboundChainConfigs(proxy, push, sink);
  const bound: Listener[] = configs
    .filter((cc) => cc.bindToPort)
    .map((cc) =>
      inboundListener(
        listenerName(cc.bind, cc.port),
        cc.bind,
        cc.port,
        true,
        portChains(cc, mtlsModeFor(scope, cc.port)),
      ),
    );
  const declared = new Set(configs.map((cc) => cc.port));
  const chains = [
    ...inboundPassthroughChains(scope, declared),
    ...configs.filter((cc) => !cc.bindToPort).flatMap((cc) => portChains(cc, mtlsModeFor(scope, cc.port))),
  ];
  const virtual = inboundListener(
    VIRTUAL_INBOUND_LISTENER,
    WILDCARD_ADDRESS,
    VIRTUAL_INBOUND_PORT,
    false,
    chains,
  );
  return [virtual, ...bound];
}
