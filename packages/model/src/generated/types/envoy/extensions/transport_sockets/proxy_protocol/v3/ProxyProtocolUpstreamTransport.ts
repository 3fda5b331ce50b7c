// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/transport_sockets/proxy_protocol/v3/upstream_proxy_protocol.proto

import type { ProxyProtocolConfig as _envoy_config_core_v3_ProxyProtocolConfig, ProxyProtocolConfig__Output as _envoy_config_core_v3_ProxyProtocolConfig__Output } from '../../../../../envoy/config/core/v3/ProxyProtocolConfig.js';
import type { TransportSocket as _envoy_config_core_v3_TransportSocket, TransportSocket__Output as _envoy_config_core_v3_TransportSocket__Output } from '../../../../../envoy/config/core/v3/TransportSocket.js';

/**
 * Configuration for PROXY protocol socket
 */
export interface ProxyProtocolUpstreamTransport {
  /**
   * The PROXY protocol settings
   */
  'config'?: (_envoy_config_core_v3_ProxyProtocolConfig | null);
  /**
   * The underlying transport socket being wrapped.
   */
  'transport_socket'?: (_envoy_config_core_v3_TransportSocket | null);
}

/**
 * Configuration for PROXY protocol socket
 */
export interface ProxyProtocolUpstreamTransport__Output {
  /**
   * The PROXY protocol settings
   */
  'config'?: (_envoy_config_core_v3_ProxyProtocolConfig__Output);
  /**
   * The underlying transport socket being wrapped.
   */
  'transport_socket'?: (_envoy_config_core_v3_TransportSocket__Output);
}
