// virtualInbound (15006), istiod 1.30 listener_builder.go buildInboundListeners / buildSidecarInboundListeners:
// iptables redirects inbound connections here; filter chains match the original destination port. Per workload
// port (the targetPort of each Service port selecting the workload): an HTTP chain (HCM with an inline route config
// `inbound|<port>||` sending everything to `inbound|<port>||`) or a TCP chain (tcp_proxy to it). Then the
// passthrough chain (InboundPassthroughCluster) for other ports, and a blackhole for 15006 itself.
// Each port gets the chains of its PeerAuthentication mode (mtls.ts): PERMISSIVE (the default) accepts Istio mTLS
// (ALPN istio*) and plaintext, STRICT only mTLS, DISABLE only plaintext.
import {
  anyOf,
  isGrpc,
  isHttpOrSniffed,
  type Listener,
  labelsMatch,
  type MeshProtocol,
  type RouteConfiguration,
  TypeUrl,
} from '@minimesh/model';
import {
  BLACKHOLE_CLUSTER,
  INBOUND_PASSTHROUGH_CLUSTER,
  inboundClusterName,
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
  inboundChainName,
  inboundStatPrefix,
  ORIGINAL_DST,
  TLS_INSPECTOR,
  TLS_INSPECTOR_BUFFER_BYTES,
  VIRTUAL_INBOUND_BLACKHOLE_CHAIN,
  VIRTUAL_INBOUND_PASSTHROUGH_CHAIN,
} from './listener-names.js';
import {
  chainVariants,
  inboundTlsContext,
  type MtlsMode,
  mtlsModeFor,
  peerAuthenticationScope,
} from './mtls.js';
import { socketAddress } from './outbound.js';
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

/**
 * The chains of one workload port, one per variant of its mTLS mode (see mtls.ts), all named `0.0.0.0_<port>` as
 * istiod names them and matched on the original destination port.
 */
function workloadChains(wp: WorkloadPort, mode: MtlsMode): FilterChain[] {
  const http = isHttpOrSniffed(wp.protocol);
  return chainVariants(mode, http).map((v) => {
    const filter = http
      ? hcmFilter({
          statPrefix: inboundStatPrefix(wp.port),
          side: 'inbound',
          routeConfig: inboundRouteConfig(wp),
        })
      : tcpProxyFilter(inboundClusterName(wp.port));
    return {
      name: inboundChainName(wp.port),
      filter_chain_match: {
        destination_port: { value: wp.port },
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
    };
  });
}

export function virtualInboundListener(proxy: MeshProxy, push: PushContext): Listener {
  const scope = peerAuthenticationScope(proxy, push);
  return {
    name: VIRTUAL_INBOUND_LISTENER,
    address: socketAddress(WILDCARD_ADDRESS, VIRTUAL_INBOUND_PORT),
    filter_chains: [
      {
        name: VIRTUAL_INBOUND_BLACKHOLE_CHAIN,
        filter_chain_match: { destination_port: { value: VIRTUAL_INBOUND_PORT } },
        filters: [tcpProxyFilter(BLACKHOLE_CLUSTER)],
      },
      ...workloadPorts(proxy, push).flatMap((wp) => workloadChains(wp, mtlsModeFor(scope, wp.port))),
      {
        name: VIRTUAL_INBOUND_PASSTHROUGH_CHAIN,
        filter_chain_match: {
          prefix_ranges: [{ address_prefix: WILDCARD_ADDRESS, prefix_len: { value: 0 } }],
        },
        filters: [tcpProxyFilter(INBOUND_PASSTHROUGH_CLUSTER)],
      },
    ],
    listener_filters: [
      { name: ORIGINAL_DST, typed_config: anyOf(TypeUrl.ORIGINAL_DST, {}) },
      {
        name: TLS_INSPECTOR,
        typed_config: anyOf(TypeUrl.TLS_INSPECTOR, {
          initial_read_buffer_size: { value: TLS_INSPECTOR_BUFFER_BYTES },
        }),
      },
      { name: HTTP_INSPECTOR, typed_config: anyOf(TypeUrl.HTTP_INSPECTOR, {}) },
    ],
    use_original_dst: { value: true },
    traffic_direction: 'INBOUND',
  };
}
