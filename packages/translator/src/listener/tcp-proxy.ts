// The tcp_proxy network filter istiod writes for opaque TCP (networkfilter.go buildOutboundNetworkFiltersWithSingle
// Destination): all bytes to one cluster, stat_prefix = the cluster name.
import { anyOf, type NetworkFilter, type TcpProxy, TypeUrl } from '@minimesh/model';
import { TCP_PROXY_FILTER } from './listener-names.js';

export function tcpProxyFilter(cluster: string, statPrefix: string = cluster): NetworkFilter {
  const config: TcpProxy = { stat_prefix: statPrefix, cluster };
  return { name: TCP_PROXY_FILTER, typed_config: anyOf(TypeUrl.TCP_PROXY, config) };
}
