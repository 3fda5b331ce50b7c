// Names and fixed strings istiod (1.30) writes into clusters that naming.ts does not own: stats prefixes, the
// Istio mTLS SNI, metadata keys, SDS and transport socket names. Everything here is what Istio users see in
// `istioctl proxy-config cluster -o json`, so it follows istiod exactly.
import type { TrafficDirection } from '../naming.js';

/** Istio's stat prefix delimiter: `alt_stat_name` is the cluster name followed by `;` (DelimitedStatsPrefix). */
export function altStatName(clusterName: string): string {
  return `${clusterName};`;
}

/**
 * Istio's BuildDNSSrvSubsetKey, the SNI of Istio mTLS to a service:
 * `outbound_.9080_.v1_.reviews.default.svc.cluster.local` (subset '' gives `outbound_.9080_._.reviews...`).
 */
export function istioMtlsSni(
  direction: TrafficDirection,
  subset: string,
  hostname: string,
  port: number,
): string {
  return `${direction}_.${port}_.${subset}_.${hostname}`;
}

/** SPIFFE identity of a service account: `spiffe://cluster.local/ns/default/sa/bookinfo-details`. */
export function spiffeIdentity(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `spiffe://${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}

/** `metadata.filter_metadata.istio.config` of a cluster configured by a DestinationRule (AddConfigInfoMetadata). */
export function destinationRuleConfigPath(apiVersion: string, namespace: string, name: string): string {
  return `/apis/${apiVersion}/namespaces/${namespace}/destination-rule/${name}`;
}

/** The filter metadata namespace Istio uses for its own keys. */
export const ISTIO_METADATA_KEY = 'istio';
/** The filter metadata namespace Envoy matches transport_socket_matches against. */
export const TRANSPORT_SOCKET_MATCH_KEY = 'envoy.transport_socket_match';
/** Endpoint/transport-socket-match label and the value of mTLS-capable workloads. */
export const TLS_MODE_KEY = 'tlsMode';
export const TLS_MODE_ISTIO = 'istio';
export const TLS_MODE_DISABLED = 'disabled';
/** Workload label the injector sets (`security.istio.io/tlsMode: istio`). */
export const TLS_MODE_LABEL = 'security.istio.io/tlsMode';

/** The names of Istio's two transport_socket_matches for auto mTLS. */
export const TLS_MODE_ISTIO_MATCH = 'tlsMode-istio';
export const TLS_MODE_DISABLED_MATCH = 'tlsMode-disabled';

/** Envoy transport socket names. */
export const TRANSPORT_SOCKET_TLS = 'envoy.transport_sockets.tls';
export const TRANSPORT_SOCKET_RAW_BUFFER = 'envoy.transport_sockets.raw_buffer';

/** The key of Envoy's upstream HTTP protocol options in typed_extension_protocol_options. */
export const HTTP_PROTOCOL_OPTIONS_KEY = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions';

/** The bootstrap cluster of the agent's SDS server. */
export const SDS_CLUSTER_NAME = 'sds-grpc';

/** Source address of inbound passthrough traffic, so iptables does not capture it again (Istio >= 1.10). */
export const INBOUND_PASSTHROUGH_BIND_IPV4 = '127.0.0.6';

/** ALPN of Istio mTLS (ALPNInMeshWithMxc / ALPNInMeshH2WithMxc: metadata exchange on, MX ALPN not disabled). */
export const ALPN_IN_MESH = ['istio-peer-exchange', 'istio'] as const;
export const ALPN_IN_MESH_H2 = ['istio-peer-exchange', 'istio', 'h2'] as const;
/** ALPN of user TLS (SIMPLE, MUTUAL) to an HTTP/2 cluster. */
export const ALPN_H2_ONLY = ['h2'] as const;

/** Istio's maxSecondsValue (about 292 years): the cleanup interval of inbound ORIGINAL_DST clusters. */
export const MAX_CLEANUP_INTERVAL_SECONDS = '9223372035';

/** 2^32 - 1: the circuit breaker thresholds istiod writes when a DestinationRule sets none. */
export const MAX_UINT32 = 4_294_967_295;
