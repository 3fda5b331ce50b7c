// The DNS resolver istiod 1.30 gives every STRICT_DNS / LOGICAL_DNS cluster (cluster_builder.go buildCluster):
// Envoy's c-ares resolver with `udp_max_queries` from PILOT_DNS_CARES_UDP_MAX_QUERIES (default 100), so one UDP
// socket sends at most 100 queries before Envoy opens a new one.
import { anyOf, type Cluster, TypeUrl } from '@minimesh/model';

/** Envoy's extension name of the c-ares DNS resolver, as istiod writes it. */
export const CARES_DNS_RESOLVER_NAME = 'envoy.network.dns_resolver.cares';

/** istiod's PILOT_DNS_CARES_UDP_MAX_QUERIES default: queries per UDP socket. */
export const CARES_UDP_MAX_QUERIES = 100;

/** A fresh `typed_dns_resolver_config` (a new object each time: clusters never share mutable parts). */
export function caresDnsResolver(): NonNullable<Cluster['typed_dns_resolver_config']> {
  return {
    name: CARES_DNS_RESOLVER_NAME,
    typed_config: anyOf(TypeUrl.CARES_DNS_RESOLVER, { udp_max_queries: { value: CARES_UDP_MAX_QUERIES } }),
  };
}
