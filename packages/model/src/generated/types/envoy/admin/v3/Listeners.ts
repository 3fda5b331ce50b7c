// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/admin/v3/listeners.proto

import type { ListenerStatus as _envoy_admin_v3_ListenerStatus, ListenerStatus__Output as _envoy_admin_v3_ListenerStatus__Output } from '../../../envoy/admin/v3/ListenerStatus.js';

/**
 * Admin endpoint uses this wrapper for ``/listeners`` to display listener status information.
 * See :ref:`/listeners <operations_admin_interface_listeners>` for more information.
 */
export interface Listeners {
  /**
   * List of listener statuses.
   */
  'listener_statuses'?: (_envoy_admin_v3_ListenerStatus)[];
}

/**
 * Admin endpoint uses this wrapper for ``/listeners`` to display listener status information.
 * See :ref:`/listeners <operations_admin_interface_listeners>` for more information.
 */
export interface Listeners__Output {
  /**
   * List of listener statuses.
   */
  'listener_statuses'?: (_envoy_admin_v3_ListenerStatus__Output)[];
}
