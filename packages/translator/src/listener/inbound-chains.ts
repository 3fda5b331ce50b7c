// Inbound filter chains from an mTLS mode (istiod 1.30 listener_inbound.go inboundChainForOpts): one chain per
// filter chain match option of the mode and protocol (mtls.ts chainVariants), matched only on what istiod's
// ToFilterChainMatch sets (destination port when there is one, transport protocol, ALPN), running an HCM for HTTP
// options and a tcp_proxy for TCP ones, and terminating mTLS with the workload certificate when the option says so.
// Both the per-port service chains (inbound.ts) and the passthrough chains (inbound-passthrough.ts) are built here.
import {
  anyOf,
  isHttp,
  isUnsupported,
  type Listener,
  type MeshProtocol,
  type NetworkFilter,
  TypeUrl,
} from '@minimesh/model';
import { chainVariants, type InboundKind, inboundTlsContext, type MtlsMode } from './mtls.js';

export type FilterChain = NonNullable<Listener['filter_chains']>[number];
type Metadata = NonNullable<FilterChain['metadata']>;

/** The listener protocol of an inbound port: HTTP, TCP, or sniffed (both, told apart by ALPN). */
export function inboundKindOf(p: MeshProtocol): InboundKind {
  if (isHttp(p)) return 'http';
  return isUnsupported(p) ? 'auto' : 'tcp';
}

/** What the chains of one inbound chain config are made of. */
export interface InboundChainSpec {
  /** The original destination port the chains match; undefined (port 0 in istiod) matches every port. */
  readonly destinationPort?: number;
  /** Chain names by protocol (istiod inboundChainConfig.Name). */
  readonly httpName: string;
  readonly tcpName: string;
  /** The network filters of an HTTP chain (its HCM) and of a TCP chain (its tcp_proxy). */
  readonly httpFilters: () => NetworkFilter[];
  readonly tcpFilters: () => NetworkFilter[];
  /** `istio.config` metadata of the chains (a Sidecar's ingress listener). */
  readonly metadata?: Metadata;
}

/** The chains of `spec` for an mTLS mode and protocol kind, in istiod's option order. */
export function inboundChains(spec: InboundChainSpec, mode: MtlsMode, kind: InboundKind): FilterChain[] {
  return chainVariants(mode, kind).map((v) => {
    const http = v.protocol === 'http';
    return {
      name: http ? spec.httpName : spec.tcpName,
      filter_chain_match: {
        ...(spec.destinationPort === undefined ? {} : { destination_port: { value: spec.destinationPort } }),
        transport_protocol: v.transportProtocol,
        ...(v.applicationProtocols === undefined
          ? {}
          : { application_protocols: [...v.applicationProtocols] }),
      },
      filters: http ? spec.httpFilters() : spec.tcpFilters(),
      ...(v.terminateTls
        ? {
            transport_socket: {
              name: 'envoy.transport_sockets.tls',
              typed_config: anyOf(TypeUrl.DOWNSTREAM_TLS_CONTEXT, inboundTlsContext(http)),
            },
          }
        : {}),
      ...(spec.metadata === undefined ? {} : { metadata: spec.metadata }),
    };
  });
}
