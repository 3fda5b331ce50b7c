// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/extensions/network/dns_resolver/cares/v3/cares_dns_resolver.proto

import type { Address as _envoy_config_core_v3_Address, Address__Output as _envoy_config_core_v3_Address__Output } from '../../../../../../envoy/config/core/v3/Address.js';
import type { DnsResolverOptions as _envoy_config_core_v3_DnsResolverOptions, DnsResolverOptions__Output as _envoy_config_core_v3_DnsResolverOptions__Output } from '../../../../../../envoy/config/core/v3/DnsResolverOptions.js';
import type { UInt32Value as _google_protobuf_UInt32Value, UInt32Value__Output as _google_protobuf_UInt32Value__Output } from '../../../../../../google/protobuf/UInt32Value.js';

/**
 * Configuration for c-ares DNS resolver.
 * [#next-free-field: 6]
 */
export interface CaresDnsResolverConfig {
  /**
   * A list of dns resolver addresses.
   * :ref:`use_resolvers_as_fallback<envoy_v3_api_field_extensions.network.dns_resolver.cares.v3.CaresDnsResolverConfig.use_resolvers_as_fallback>`
   * below dictates if the DNS client should override system defaults or only use the provided
   * resolvers if the system defaults are not available, i.e., as a fallback.
   */
  'resolvers'?: (_envoy_config_core_v3_Address)[];
  /**
   * Configuration of DNS resolver option flags which control the behavior of the DNS resolver.
   */
  'dns_resolver_options'?: (_envoy_config_core_v3_DnsResolverOptions | null);
  /**
   * If true use the resolvers listed in the
   * :ref:`resolvers<envoy_v3_api_field_extensions.network.dns_resolver.cares.v3.CaresDnsResolverConfig.resolvers>`
   * field only if c-ares is unable to obtain a
   * nameserver from the system (e.g., /etc/resolv.conf).
   * Otherwise, the resolvers listed in the resolvers list will override the default system
   * resolvers. Defaults to false.
   */
  'use_resolvers_as_fallback'?: (boolean);
  /**
   * The resolver will query available network interfaces and determine if there are no available
   * interfaces for a given IP family. It will then filter these addresses from the results it
   * presents. e.g., if there are no available IPv4 network interfaces, the resolver will not
   * provide IPv4 addresses.
   */
  'filter_unroutable_families'?: (boolean);
  /**
   * This option allows for number of UDP based DNS queries to be capped. Note, this
   * is only applicable to c-ares DNS resolver currently.
   */
  'udp_max_queries'?: (_google_protobuf_UInt32Value | null);
}

/**
 * Configuration for c-ares DNS resolver.
 * [#next-free-field: 6]
 */
export interface CaresDnsResolverConfig__Output {
  /**
   * A list of dns resolver addresses.
   * :ref:`use_resolvers_as_fallback<envoy_v3_api_field_extensions.network.dns_resolver.cares.v3.CaresDnsResolverConfig.use_resolvers_as_fallback>`
   * below dictates if the DNS client should override system defaults or only use the provided
   * resolvers if the system defaults are not available, i.e., as a fallback.
   */
  'resolvers'?: (_envoy_config_core_v3_Address__Output)[];
  /**
   * Configuration of DNS resolver option flags which control the behavior of the DNS resolver.
   */
  'dns_resolver_options'?: (_envoy_config_core_v3_DnsResolverOptions__Output);
  /**
   * If true use the resolvers listed in the
   * :ref:`resolvers<envoy_v3_api_field_extensions.network.dns_resolver.cares.v3.CaresDnsResolverConfig.resolvers>`
   * field only if c-ares is unable to obtain a
   * nameserver from the system (e.g., /etc/resolv.conf).
   * Otherwise, the resolvers listed in the resolvers list will override the default system
   * resolvers. Defaults to false.
   */
  'use_resolvers_as_fallback'?: (boolean);
  /**
   * The resolver will query available network interfaces and determine if there are no available
   * interfaces for a given IP family. It will then filter these addresses from the results it
   * presents. e.g., if there are no available IPv4 network interfaces, the resolver will not
   * provide IPv4 addresses.
   */
  'filter_unroutable_families'?: (boolean);
  /**
   * This option allows for number of UDP based DNS queries to be capped. Note, this
   * is only applicable to c-ares DNS resolver currently.
   */
  'udp_max_queries'?: (_google_protobuf_UInt32Value__Output);
}
