// The request headers a proxy's access log entries carry (HttpGrpcAccessLogConfig.additional_request_headers_to_log):
// the names of every header matcher of the proxy's routes, so that whoever reads the log can replay a request's
// route match. Lowercased (Envoy matches header names case-insensitively), de-duplicated and sorted, so the same
// routes always give the same list. Route configurations and virtual hosts are mostly shared objects (see
// cache/shared-resources.ts): their names are memoized per object, and a proxy's list costs one union.
import type { RouteConfiguration, VirtualHost } from '@minimesh/model';

const byVirtualHost = new WeakMap<VirtualHost, readonly string[]>();
const byRouteConfig = new WeakMap<RouteConfiguration, readonly string[]>();

function virtualHostHeaders(vh: VirtualHost): readonly string[] {
  let names = byVirtualHost.get(vh);
  if (names === undefined) {
    const set = new Set<string>();
    for (const route of vh.routes ?? []) {
      for (const h of route.match?.headers ?? []) if (h.name) set.add(h.name.toLowerCase());
    }
    names = Object.freeze([...set]);
    byVirtualHost.set(vh, names);
  }
  return names;
}

/** The header names one route configuration matches on, sorted. */
export function routeConfigHeaders(rc: RouteConfiguration): readonly string[] {
  let names = byRouteConfig.get(rc);
  if (names === undefined) {
    const set = new Set<string>();
    for (const vh of rc.virtual_hosts ?? []) for (const n of virtualHostHeaders(vh)) set.add(n);
    names = Object.freeze([...set].sort());
    byRouteConfig.set(rc, names);
  }
  return names;
}

/** The union of the header names of `configs`, sorted by code unit (deterministic, locale-free). */
export function loggedRequestHeaders(configs: Iterable<RouteConfiguration>): string[] {
  const set = new Set<string>();
  for (const rc of configs) for (const n of routeConfigHeaders(rc)) set.add(n);
  return [...set].sort();
}
