// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/admin/v3/listeners.proto

import type { Address as _envoy_config_core_v3_Address, Address__Output as _envoy_config_core_v3_Address__Output } from '../../../envoy/config/core/v3/Address.js';

/**
 * Details an individual listener's current status.
 */
export interface ListenerStatus {
  /**
   * Name of the listener
   */
  'name'?: (string);
  /**
   * The actual local address that the listener is listening on. If a listener was configured
   * to listen on port 0, then this address has the port that was allocated by the OS.
   */
  'local_address'?: (_envoy_config_core_v3_Address | null);
  /**
   * The additional addresses the listener is listening on as specified via the :ref:`additional_addresses <envoy_v3_api_field_config.listener.v3.Listener.additional_addresses>`
   * configuration.
   */
  'additional_local_addresses'?: (_envoy_config_core_v3_Address)[];
}

/**
 * Details an individual listener's current status.
 */
export interface ListenerStatus__Output {
  /**
   * Name of the listener
   */
  'name'?: (string);
  /**
   * The actual local address that the listener is listening on. If a listener was configured
   * to listen on port 0, then this address has the port that was allocated by the OS.
   */
  'local_address'?: (_envoy_config_core_v3_Address__Output);
  /**
   * The additional addresses the listener is listening on as specified via the :ref:`additional_addresses <envoy_v3_api_field_config.listener.v3.Listener.additional_addresses>`
   * configuration.
   */
  'additional_local_addresses'?: (_envoy_config_core_v3_Address__Output)[];
}
