// Sidecar virtual hosts (istiod 1.30 httproute.go BuildSidecarOutboundVirtualHosts, generateVirtualHostDomains):
// one per service with an HTTP port, named `<hostname>:<port>`, with the hostname's alternate forms as domains,
// then the catch-all `allow_any` or `block_all` per the outbound traffic policy. Since Istio 1.16 istiod writes no
// `host:port` domain variants (route configs set ignore_port_in_host_matching instead); we follow 1.30.
import type { MeshService, Route, RouteAction, VirtualHost } from '@minimesh/model';
import type { OutboundTrafficPolicyMode } from '../mesh-config.js';
import {
  ALLOW_ANY_VHOST,
  BLACKHOLE_CLUSTER,
  BLOCK_ALL_VHOST,
  PASSTHROUGH_CLUSTER,
  subsetKey,
} from '../naming.js';
import { retryPolicy, timeoutFields } from './route-action.js';

type HashPolicy = NonNullable<RouteAction['hash_policy']>[number];

import { DEFAULT_ROUTE_NAME, decoratorOperation } from './route-names.js';

/**
 * Domains of a service's virtual host (istiod generateVirtualHostDomains / GenerateAltVirtualHosts, 1.30): the
 * hostname, its absolute form with a trailing dot (PILOT_ENABLE_ABSOLUTE_FQDN_VHOST_DOMAIN, on by default), then,
 * for a hostname under the proxy's `svc.<suffix>` domain, `name` (same namespace only), `name.ns.svc`, `name.ns`
 * (other namespaces: `name.ns`, `name.ns.svc`); a headless Kubernetes service also gets `*.` of each; then the
 * service's addresses. No `:port` variants since 1.16 (route configs set ignore_port_in_host_matching).
 */
export function virtualHostDomains(service: MeshService, proxyDnsDomain: string): string[] {
  const host = service.hostname;
  const out = [host, `${host}.`];
  const svcAt = proxyDnsDomain.indexOf('.svc.');
  const ih = host.indexOf('.svc.');
  if (svcAt > 0 && ih > 0 && host.endsWith(proxyDnsDomain.slice(svcAt + 1))) {
    const dot = host.indexOf('.');
    if (dot + 1 < host.length && dot + 1 <= ih) {
      const base = host.slice(0, ih); // `name.ns`
      if (host.slice(dot + 1, ih) === proxyDnsDomain.slice(0, svcAt))
        out.push(host.slice(0, dot), `${base}.svc`, base);
      else out.push(base, `${base}.svc`);
    }
  }
  if (service.resolution === 'Passthrough' && service.source === 'kubernetes')
    for (const d of [...out]) out.push(`*.${d}`);
  for (const a of service.addresses) if (a !== '' && a !== '0.0.0.0' && !a.includes('/')) out.push(a);
  return [...new Set(out)];
}

/**
 * istiod's default route for a service port without VirtualService (BuildDefaultHTTPOutboundRoute): everything to
 * the port's cluster, the mesh default retry policy (with previous_hosts even under a consistent hash, as istiod),
 * the DestinationRule's hash policy when it has one.
 */
export function defaultRoute(hostname: string, port: number, hash?: HashPolicy): Route {
  const retry = retryPolicy(undefined, false);
  return {
    name: DEFAULT_ROUTE_NAME,
    match: { prefix: '/' },
    route: {
      cluster: subsetKey('outbound', '', hostname, port),
      ...timeoutFields(undefined),
      ...(retry === undefined ? {} : { retry_policy: retry }),
      ...(hash === undefined ? {} : { hash_policy: [hash] }),
    },
    decorator: { operation: decoratorOperation(hostname, port, '/*') },
  };
}

/** The catch-all virtual host: PassthroughCluster (ALLOW_ANY) or a 502 (REGISTRY_ONLY). */
export function catchAllVirtualHost(policy: OutboundTrafficPolicyMode): VirtualHost {
  if (policy === 'REGISTRY_ONLY') {
    return {
      name: BLOCK_ALL_VHOST,
      domains: ['*'],
      routes: [{ name: BLOCK_ALL_VHOST, match: { prefix: '/' }, direct_response: { status: 502 } }],
      include_request_attempt_count: true,
    };
  }
  return {
    name: ALLOW_ANY_VHOST,
    domains: ['*'],
    routes: [
      {
        name: ALLOW_ANY_VHOST,
        match: { prefix: '/' },
        route: { cluster: PASSTHROUGH_CLUSTER, ...timeoutFields(undefined) },
      },
    ],
    include_request_attempt_count: true,
  };
}

/** The cluster unknown traffic goes to under `policy` (virtualOutbound's default chain uses it too). */
export function catchAllCluster(policy: OutboundTrafficPolicyMode): string {
  return policy === 'REGISTRY_ONLY' ? BLACKHOLE_CLUSTER : PASSTHROUGH_CLUSTER;
}
