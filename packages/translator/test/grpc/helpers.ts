// Proxyless gRPC test inputs: bookinfo + Istio's networking samples (by path relative to this file, through the route
// fixtures), a proxyless client node (GENERATOR=grpc) beside productpage, and a strict-encoding check of every resource.
import { encode, type RouteConfiguration, routeRequest } from '@minimesh/model';
import { expect } from 'vitest';
import { formatProxyId, type MeshProxy, parseProxy } from '../../src/proxy.js';
import type { Translation } from '../../src/translate.js';
import { type World, world } from '../route/fixtures.js';

export { type World, world };

/** A proxyless gRPC client in `default`, as istio-agent's gRPC bootstrap identifies it. */
export const grpcClient: MeshProxy = parseProxy({
  id: formatProxyId('sidecar', '10.0.0.1', 'productpage-v1-abc', 'default'),
  labels: { app: 'productpage', version: 'v1' },
  generator: 'grpc',
});

/** The same client in namespace `other`: short names expand to `<name>.other.svc.cluster.local`. */
export const otherNamespaceClient: MeshProxy = parseProxy({
  id: formatProxyId('sidecar', '10.1.0.1', 'client-abc', 'other'),
  generator: 'grpc',
});

/** A proxyless gRPC server: the reviews-v2 workload, serving through `xds.istio.io/grpc/lds/inbound/...`. */
export const grpcServer: MeshProxy = parseProxy({
  id: formatProxyId('sidecar', '10.0.0.4', 'reviews-v2-abc', 'default'),
  labels: { app: 'reviews', version: 'v2' },
  generator: 'grpc',
});

export const REVIEWS = 'reviews.default.svc.cluster.local';
export const REVIEWS_ROUTE = `outbound|9080||${REVIEWS}`;

/** Every resource strictly encodes with the model's codec (what the xDS server must do before sending). */
export function expectEncodes(t: Partial<Translation>): void {
  for (const l of t.listeners ?? [])
    expect(() => encode('envoy.config.listener.v3.Listener', l), l.name).not.toThrow();
  for (const r of t.routes ?? [])
    expect(() => encode('envoy.config.route.v3.RouteConfiguration', r), r.name).not.toThrow();
  for (const c of t.clusters ?? [])
    expect(() => encode('envoy.config.cluster.v3.Cluster', c), c.name).not.toThrow();
  for (const e of t.endpoints ?? [])
    expect(() => encode('envoy.config.endpoint.v3.ClusterLoadAssignment', e), e.cluster_name).not.toThrow();
}

/** The HCM inside an API listener (the codec's unpacked Any form). */
export function apiHcm(l: { api_listener?: { api_listener?: unknown } | null }): Record<string, unknown> {
  return (l.api_listener?.api_listener ?? {}) as Record<string, unknown>;
}

/** Where one gRPC call went: the listener, route config, route, cluster and endpoint addresses. */
export interface GrpcCall {
  readonly listener: string;
  readonly routeConfig: string;
  /** Index of the matched route in its virtual host (-1: none). */
  readonly route: number;
  readonly cluster: string | undefined;
  readonly addresses: readonly string[];
}

/**
 * A call as @grpc/grpc-js-xds makes it through translated resources: the target `xds:///host:port` names the
 * listener; its RDS name (or inline config) the route config; the model's routeRequest picks the route with the
 * target as :authority (gRPC matches domains with the port) and the method path; the cluster's EDS name the endpoints.
 */
export function grpcCall(
  t: Translation,
  target: string,
  headers: Record<string, string> = {},
  path = '/reviews.Reviews/GetReviews',
  random = 0,
): GrpcCall {
  const name = target.replace(/^xds:\/\/\//, '');
  const listener = t.listeners.find((l) => l.name === name);
  if (listener === undefined) throw new Error(`no listener ${name}`);
  const hcm = apiHcm(listener) as { rds?: { route_config_name?: string }; route_config?: RouteConfiguration };
  const rc = hcm.route_config ?? t.routes.find((r) => r.name === hcm.rds?.route_config_name);
  if (rc === undefined) throw new Error(`no route config for ${name}`);
  const r = routeRequest(rc, { authority: name, path, method: 'POST', headers, scheme: 'http' }, { random });
  const clusterName = r.cluster?.name;
  const cluster = t.clusters.find((c) => c.name === clusterName);
  const edsName = cluster?.eds_cluster_config?.service_name ?? clusterName;
  const cla = t.endpoints.find((e) => e.cluster_name === edsName);
  const addresses = (cla?.endpoints ?? []).flatMap((le) =>
    (le.lb_endpoints ?? []).map((e) => e.endpoint?.address?.socket_address?.address ?? ''),
  );
  return {
    listener: name,
    routeConfig: rc.name ?? '',
    route: r.index,
    cluster: cluster?.name,
    addresses: addresses.sort(),
  };
}
