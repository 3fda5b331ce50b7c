// Which HTTP version a cluster speaks to its hosts, from the cluster config as Envoy reads it:
// typed_extension_protocol_options["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"] with
// explicit_http_config (http_protocol_options: HTTP/1.1, http2_protocol_options: HTTP/2), or
// use_downstream_protocol_config (the downstream request's version); else the deprecated
// Cluster.http2_protocol_options; else HTTP/1.1. HTTP/2 here is h2c (no TLS). auto_config (ALPN) and HTTP/3 are
// refused.
import type { Cluster } from '@minimesh/model/xds';
import { ConfigRejectedError } from '../errors.js';

export type UpstreamProtocol = 'http1' | 'http2' | 'downstream';

const KEY = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions';

interface ProtocolOptions {
  explicit_http_config?: {
    http2_protocol_options?: object | null;
    http3_protocol_options?: object | null;
  } | null;
  use_downstream_protocol_config?: object | null;
  auto_config?: object | null;
}

export function upstreamProtocolOf(cluster: Cluster): UpstreamProtocol {
  const options = (cluster.typed_extension_protocol_options as Record<string, ProtocolOptions> | undefined)?.[
    KEY
  ];
  const name = cluster.name ?? '';
  if (options !== undefined) {
    if (options.auto_config !== undefined && options.auto_config !== null) {
      throw new ConfigRejectedError(
        'Cluster',
        name,
        'HttpProtocolOptions.auto_config (ALPN) is not supported',
      );
    }
    if (
      options.use_downstream_protocol_config !== undefined &&
      options.use_downstream_protocol_config !== null
    ) {
      return 'downstream';
    }
    const explicit = options.explicit_http_config;
    if (explicit?.http3_protocol_options !== undefined && explicit.http3_protocol_options !== null) {
      throw new ConfigRejectedError('Cluster', name, 'HTTP/3 upstreams are not supported');
    }
    if (explicit?.http2_protocol_options !== undefined && explicit.http2_protocol_options !== null)
      return 'http2';
    return 'http1';
  }
  return cluster.http2_protocol_options !== undefined && cluster.http2_protocol_options !== null
    ? 'http2'
    : 'http1';
}
