// virtualInbound (15006), istiod 1.30 listener_builder.go buildInboundListeners / listener_inbound.go: iptables
// redirects inbound connections here; filter chains match the original destination port. Per inbound port (the
// Sidecar's ingress ports when it declares any, else the targetPort of each Service port selecting the workload):
// HTTP chains (HCM with an inline route config `inbound|<port>||` sending everything to `inbound|<port>||`), TCP
// chains (tcp_proxy to it), or for a port without a declared protocol both, told apart by the ALPN the HTTP
// inspector sets (protocol sniffing). Then the passthrough chain (InboundPassthroughCluster) for other ports, and
// a blackhole for 15006 itself. An ingress port with captureMode NONE gets a listener of its own instead.
// Each port gets the chains of its PeerAuthentication mode (mtls.ts): PERMISSIVE (the default) accepts Istio mTLS
// (ALPN istio*) and plaintext, STRICT only mTLS, DISABLE only plaintext.
import {
  anyOf,
  isGrpc,
  isHttp,
  isUnsupported,
  type Listener,
  type LoadedResource,
  labelsMatch,
  type MeshProtocol,
  type RouteConfiguration,
  type Sidecar,
  TypeUrl,
} from '@minimesh/model';
import { MessageCode, type MessageSink } from '../messages.js';
import {
  BLACKHOLE_CLUSTER,
  INBOUND_PASSTHROUGH_CLUSTER,
  inboundClusterName,
  listenerName,
  VIRTUAL_INBOUND_LISTENER,
  VIRTUAL_INBOUND_PORT,
  WILDCARD_ADDRESS,
} from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { DEFAULT_RETRY_ATTEMPTS, INBOUND_RETRY_ON } from '../route/route-action.js';
import { DEFAULT_ROUTE_NAME, decoratorOperation, inboundVirtualHostName } from '../route/route-names.js';
import { hcmFilter } from './http-connection-manager.js';
import {
  HTTP_INSPECTOR,
  inboundStatPrefix,
  ORIGINAL_DST,
  TLS_INSPECTOR,
  TLS_INSPECTOR_BUFFER_BYTES,
  VIRTUAL_INBOUND_BLACKHOLE_CHAIN,
  VIRTUAL_INBOUND_PASSTHROUGH_CHAIN,
} from './listener-names.js';
import {
  chainVariants,
  type InboundKind,
  inboundTlsContext,
  type MtlsMode,
  mtlsModeFor,
  peerAuthenticationScope,
} from './mtls.js';
import { socketAddress } from './outbound-listener.js';
import { ingressPorts, sidecarConfigPath } from './sidecar-ingress.js';
import { tcpProxyFilter } from './tcp-proxy.js';

/** A port the workload listens on, with the service that exposes it (the first, by hostname). */
export interface WorkloadPort {
  readonly port: number;
  readonly protocol: MeshProtocol;
  readonly hostname: string;
}

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

/** The inline route config of an inbound HTTP chain. */
export function inboundRouteConfig(wp: WorkloadPort): RouteConfiguration {
  const cluster = inboundClusterName(wp.port);
  return {
    name: cluster,
    virtual_hosts: [
      {
        name: inboundVirtualHostName(wp.port),
        domains: ['*'],
        routes: [
          {
            name: DEFAULT_ROUTE_NAME,
            match: { prefix: '/' },
            // istiod BuildDefaultHTTPInboundRoute: no timeout, max_stream_duration instead of max_grpc_timeout, and
            // (not for gRPC) retries of requests reset before they reached the application.
            route: {
              cluster,
              timeout: { seconds: '0' },
              max_stream_duration: {
                max_stream_duration: { seconds: '0' },
                grpc_timeout_header_max: { seconds: '0' },
              },
              ...(isGrpc(wp.protocol)
                ? {}
                : {
                    retry_policy: {
                      retry_on: INBOUND_RETRY_ON,
                      num_retries: { value: DEFAULT_RETRY_ATTEMPTS },
                    },
                  }),
            },
            decorator: { operation: decoratorOperation(wp.hostname, wp.port, '/*') },
          },
        ],
      },
    ],
    validate_clusters: { value: false },
  };
}

type FilterChain = NonNullable<Listener['filter_chains']>[number];

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

function kindOf(p: MeshProtocol): InboundKind {
  if (isHttp(p)) return 'http';
  return isUnsupported(p) ? 'auto' : 'tcp';
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
  return chainVariants(mode, kindOf(cc.protocol)).map((v) => {
    const http = v.protocol === 'http';
    const filter = http
      ? hcmFilter({
          statPrefix: inboundStatPrefix(cc.port, cc.bind),
          side: 'inbound',
          routeConfig: inboundRouteConfig(cc),
        })
      : tcpProxyFilter(inboundClusterName(cc.port));
    return {
      name,
      filter_chain_match: {
        destination_port: { value: cc.port },
        transport_protocol: v.transportProtocol,
        ...(v.applicationProtocols === undefined
          ? {}
          : { application_protocols: [...v.applicationProtocols] }),
      },
      filters: [filter],
      ...(v.terminateTls
        ? {
            transport_socket: {
              name: 'envoy.transport_sockets.tls',
              typed_config: anyOf(TypeUrl.DOWNSTREAM_TLS_CONTEXT, inboundTlsContext(http)),
            },
          }
        : {}),
      ...(metadata === undefined ? {} : { metadata }),
    };
  });
}

function inboundListenerFilters(withOriginalDst: boolean): NonNullable<Listener['listener_filters']> {
  return [
    ...(withOriginalDst ? [{ name: ORIGINAL_DST, typed_config: anyOf(TypeUrl.ORIGINAL_DST, {}) }] : []),
    {
      name: TLS_INSPECTOR,
      typed_config: anyOf(TypeUrl.TLS_INSPECTOR, {
        initial_read_buffer_size: { value: TLS_INSPECTOR_BUFFER_BYTES },
      }),
    },
    { name: HTTP_INSPECTOR, typed_config: anyOf(TypeUrl.HTTP_INSPECTOR, {}) },
  ];
}

/** virtualInbound, then a bound listener per ingress port with captureMode NONE (istiod inboundCustomListener). */
export function inboundListeners(proxy: MeshProxy, push: PushContext, sink: MessageSink): Listener[] {
  const scope = peerAuthenticationScope(proxy, push);
  const configs = inboundChainConfigs(proxy, push, sink);
  const bound: Listener[] = configs
    .filter((cc) => cc.bindToPort)
    .map((cc) => ({
      name: listenerName(cc.bind, cc.port),
      address: socketAddress(cc.bind, cc.port),
      filter_chains: portChains(cc, mtlsModeFor(scope, cc.port)),
      listener_filters: inboundListenerFilters(false),
      traffic_direction: 'INBOUND',
      listener_filters_timeout: { seconds: '0' },
      continue_on_listener_filters_timeout: true,
    }));
  const virtual: Listener = {
    name: VIRTUAL_INBOUND_LISTENER,
    address: socketAddress(WILDCARD_ADDRESS, VIRTUAL_INBOUND_PORT),
    filter_chains: [
      {
        name: VIRTUAL_INBOUND_BLACKHOLE_CHAIN,
        filter_chain_match: { destination_port: { value: VIRTUAL_INBOUND_PORT } },
        filters: [tcpProxyFilter(BLACKHOLE_CLUSTER)],
      },
      ...configs.filter((cc) => !cc.bindToPort).flatMap((cc) => portChains(cc, mtlsModeFor(scope, cc.port))),
      {
        name: VIRTUAL_INBOUND_PASSTHROUGH_CHAIN,
        filter_chain_match: {
          prefix_ranges: [{ address_prefix: WILDCARD_ADDRESS, prefix_len: { value: 0 } }],
        },
        filters: [tcpProxyFilter(INBOUND_PASSTHROUGH_CLUSTER)],
      },
    ],
    listener_filters: inboundListenerFilters(true),
    use_original_dst: { value: true },
    traffic_direction: 'INBOUND',
  };
  return [virtual, ...bound];
}
