// A cluster under construction (istiod's clusterWrapper): the Envoy Cluster plus the upstream HTTP protocol
// options, which several steps fill in and `finishCluster` packs into typed_extension_protocol_options.
import {
  anyOf,
  type Cluster,
  isHttp2,
  isUnsupported,
  type MeshProtocol,
  TypeUrl,
  type UpstreamHttpProtocolOptions,
} from '@minimesh/model';
import type { ProxyType } from '../proxy.js';
import { HTTP_PROTOCOL_OPTIONS_KEY } from './cluster-names.js';

export interface ClusterDraft {
  readonly cluster: Cluster;
  /** Upstream HTTP protocol options; undefined until a step needs them (then the cluster carries them). */
  http?: UpstreamHttpProtocolOptions;
}

export function draftOf(cluster: Cluster): ClusterDraft {
  return { cluster };
}

function httpOptions(draft: ClusterDraft): UpstreamHttpProtocolOptions {
  draft.http ??= {};
  return draft.http;
}

/** HTTP/2 to the upstream (setH2Options), unless the upstream protocol is already chosen. */
export function setH2Options(draft: ClusterDraft): void {
  const options = httpOptions(draft);
  if (options.explicit_http_config === undefined && options.use_downstream_protocol_config === undefined) {
    options.explicit_http_config = { http2_protocol_options: {} };
  }
}

/** The downstream's protocol to the upstream (setUseDownstreamProtocol): HTTP/1.1 options kept, HTTP/2 added. */
export function setUseDownstreamProtocol(draft: ClusterDraft): void {
  const options = httpOptions(draft);
  const http1 = options.explicit_http_config?.http_protocol_options ?? {};
  delete options.explicit_http_config;
  options.use_downstream_protocol_config = { http_protocol_options: http1, http2_protocol_options: {} };
}

/** True when the cluster speaks HTTP/2 explicitly (isHttp2Cluster). */
export function isHttp2Draft(draft: ClusterDraft): boolean {
  return draft.http?.explicit_http_config?.http2_protocol_options != null;
}

/**
 * The upstream protocol of a service port (setUpstreamProtocol): HTTP/2 for HTTP2 and gRPC ports; for sidecars,
 * the downstream's protocol for ports whose protocol is sniffed. HTTP/1.1 ports need nothing (Envoy's default);
 * Istio's preserve-header-case proxy option is not supported.
 */
export function setUpstreamProtocol(draft: ClusterDraft, protocol: MeshProtocol, proxyType: ProxyType): void {
  if (isHttp2(protocol)) {
    setH2Options(draft);
    return;
  }
  if (proxyType === 'sidecar' && isUnsupported(protocol)) setUseDownstreamProtocol(draft);
}

/** The Cluster, with the HTTP protocol options packed (plain HTTP/1.1 when no protocol was chosen). */
export function finishCluster(draft: ClusterDraft): Cluster {
  const options = draft.http;
  if (options === undefined) return draft.cluster;
  if (options.explicit_http_config === undefined && options.use_downstream_protocol_config === undefined) {
    options.explicit_http_config = { http_protocol_options: {} };
  }
  draft.cluster.typed_extension_protocol_options = {
    [HTTP_PROTOCOL_OPTIONS_KEY]: anyOf(TypeUrl.UPSTREAM_HTTP_PROTOCOL_OPTIONS, options),
  };
  return draft.cluster;
}
