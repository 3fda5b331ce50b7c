// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/filters/http/lua/v3/lua.proto

import type { DataSource as _envoy_config_core_v3_DataSource, DataSource__Output as _envoy_config_core_v3_DataSource__Output } from '../../../../../../envoy/config/core/v3/DataSource.js';

export interface LuaPerRoute {
  /**
   * Disable the Lua filter for this particular vhost or route. If disabled is specified in
   * multiple per-filter-configs, the most specific one will be used.
   */
  'disabled'?: (boolean);
  /**
   * A name of a Lua source code stored in
   * :ref:`Lua.source_codes <envoy_v3_api_field_extensions.filters.http.lua.v3.Lua.source_codes>`.
   */
  'name'?: (string);
  /**
   * A configured per-route Lua source code that can be served by RDS or provided inline.
   */
  'source_code'?: (_envoy_config_core_v3_DataSource | null);
  'override'?: "disabled"|"name"|"source_code";
}

export interface LuaPerRoute__Output {
  /**
   * Disable the Lua filter for this particular vhost or route. If disabled is specified in
   * multiple per-filter-configs, the most specific one will be used.
   */
  'disabled'?: (boolean);
  /**
   * A name of a Lua source code stored in
   * :ref:`Lua.source_codes <envoy_v3_api_field_extensions.filters.http.lua.v3.Lua.source_codes>`.
   */
  'name'?: (string);
  /**
   * A configured per-route Lua source code that can be served by RDS or provided inline.
   */
  'source_code'?: (_envoy_config_core_v3_DataSource__Output);
  'override'?: "disabled"|"name"|"source_code";
}
