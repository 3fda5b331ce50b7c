// The cluster the gRPC access loggers stream to. istiod leaves it to the bootstrap (envoy_bootstrap.json writes it
// when envoy_accesslog_service_address is set); minimesh proxies are configured only by xDS, so the translator sends
// it over CDS instead, with the bootstrap's fields: HTTP/2 only, a 1s connect timeout, round robin, and the address
// as its one endpoint. An IP address gives a STATIC cluster; a DNS name gives STRICT_DNS as the bootstrap writes.
import { anyOf, type Cluster, TypeUrl } from '@minimesh/model';
import { altStatName, HTTP_PROTOCOL_OPTIONS_KEY } from '../cluster/cluster-names.js';
import { durationMs } from '../cluster/xds-values.js';
import { ACCESS_LOG_CONNECT_TIMEOUT_MS, ENVOY_ACCESS_LOG_CLUSTER } from './access-log-names.js';
import type { AccessLogServiceTarget } from './access-log-service.js';

export function accessLogCluster(target: AccessLogServiceTarget): Cluster {
  const cluster: Cluster = {
    name: ENVOY_ACCESS_LOG_CLUSTER,
    alt_stat_name: altStatName(ENVOY_ACCESS_LOG_CLUSTER),
    type: target.isIp ? 'STATIC' : 'STRICT_DNS',
    connect_timeout: durationMs(ACCESS_LOG_CONNECT_TIMEOUT_MS),
    lb_policy: 'ROUND_ROBIN',
    // gRPC needs HTTP/2 upstream, written as the translator writes every explicit h2 cluster.
    typed_extension_protocol_options: {
      [HTTP_PROTOCOL_OPTIONS_KEY]: anyOf(TypeUrl.UPSTREAM_HTTP_PROTOCOL_OPTIONS, {
        explicit_http_config: { http2_protocol_options: {} },
      }),
    },
    load_assignment: {
      cluster_name: ENVOY_ACCESS_LOG_CLUSTER,
      endpoints: [
        {
          lb_endpoints: [
            { endpoint: { address: { socket_address: { address: target.host, port_value: target.port } } } },
          ],
        },
      ],
    },
  };
  if (!target.isIp) {
    cluster.respect_dns_ttl = true;
    cluster.dns_lookup_family = 'V4_ONLY';
  }
  return cluster;
}
