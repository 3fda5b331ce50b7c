// Fixture builders for the xds-match tests: plain functions returning fresh generated-type objects.
import type { FilterChain } from '../../src/generated/types/envoy/config/listener/v3/FilterChain.js';
import type { FilterChainMatch } from '../../src/generated/types/envoy/config/listener/v3/FilterChainMatch.js';
import type { Listener } from '../../src/generated/types/envoy/config/listener/v3/Listener.js';
import type { Route } from '../../src/generated/types/envoy/config/route/v3/Route.js';
import type { RouteConfiguration } from '../../src/generated/types/envoy/config/route/v3/RouteConfiguration.js';
import type { RouteMatch } from '../../src/generated/types/envoy/config/route/v3/RouteMatch.js';
import type { VirtualHost } from '../../src/generated/types/envoy/config/route/v3/VirtualHost.js';
import type { ConnectionInfo, HttpRequest } from '../../src/xds-match/index.js';

/** A route to cluster `cluster` (default: the route's name, else "backend"). */
export function makeRoute(match: RouteMatch, extra: Partial<Route> & { cluster?: string } = {}): Route {
  const { cluster, ...rest } = extra;
  return { match, route: { cluster: cluster ?? rest.name ?? 'backend' }, ...rest };
}

export function makeVirtualHost(
  name: string,
  domains: string[],
  routes: Route[] = [makeRoute({ prefix: '/' })],
): VirtualHost {
  return { name, domains, routes };
}

export function makeRouteConfig(
  virtualHosts: VirtualHost[],
  extra: Partial<RouteConfiguration> = {},
): RouteConfiguration {
  return { name: 'test', virtual_hosts: virtualHosts, ...extra };
}

export function makeRequest(overrides: Partial<HttpRequest> = {}): HttpRequest {
  return { authority: 'example.com', path: '/', method: 'GET', headers: {}, ...overrides };
}

export function makeChain(name: string, match: FilterChainMatch = {}): FilterChain {
  return { name, filter_chain_match: match, filters: [] };
}

export function makeListener(chains: FilterChain[], defaultChain?: FilterChain): Listener {
  return {
    name: 'virtualInbound',
    filter_chains: chains,
    ...(defaultChain ? { default_filter_chain: defaultChain } : {}),
  };
}

export function makeConnection(overrides: Partial<ConnectionInfo> = {}): ConnectionInfo {
  return {
    destinationPort: 15006,
    destinationIp: '10.0.0.5',
    sourceIp: '10.0.0.9',
    sourcePort: 40000,
    ...overrides,
  };
}

/** A CidrRange literal. */
export function cidr(
  address: string,
  len: number,
): { address_prefix: string; prefix_len: { value: number } } {
  return { address_prefix: address, prefix_len: { value: len } };
}
