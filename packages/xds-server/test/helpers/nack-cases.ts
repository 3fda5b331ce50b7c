// The NACK suite's cases: resources our server accepts but @grpc/grpc-js-xds refuses, each with the error text the
// client reports, built on the conformance snapshot (see grpc-js-xds-nack.test.ts).
import {
  anyOf,
  type Cluster,
  type ClusterLoadAssignment,
  type Listener,
  type Route,
  type RouteConfiguration,
  TypeUrl,
} from '@minimesh/model';
import type { SnapshotResources } from '../../src/index.js';
import { cluster, echoRoute, faultFilter, listener, routerFilter, TARGET } from './conformance.js';

export const NODE_ID = 'grpc-nack';

export interface NackCase {
  name: string;
  typeUrl: string;
  /** A text the client's error_detail must contain. */
  error: string;
  /** The good resources with the bad one in place. */
  resources(good: SnapshotResources): SnapshotResources;
}

const echoA = (good: SnapshotResources): ClusterLoadAssignment => {
  const a = good.endpoints?.find((e) => e.cluster_name === 'echo-a');
  if (a === undefined) throw new Error('no echo-a assignment');
  return a;
};
const port = (good: SnapshotResources): number =>
  echoA(good).endpoints?.[0]?.lb_endpoints?.[0]?.endpoint?.address?.socket_address?.port_value as number;

/** echo-a (the cluster every plain call goes to) replaced by `bad`. */
const badCluster = (name: string, error: string, bad: Partial<Cluster>): NackCase => ({
  name: `CDS: ${name}`,
  typeUrl: TypeUrl.CLUSTER,
  error,
  resources: (good) => ({
    ...good,
    clusters: [{ name: 'echo-a', ...bad }, cluster('echo-b')],
  }),
});

/** echo-a's endpoints replaced by `bad(port)`. */
const badEndpoints = (
  name: string,
  error: string,
  bad: (port: number) => ClusterLoadAssignment['endpoints'],
): NackCase => ({
  name: `EDS: ${name}`,
  typeUrl: TypeUrl.CLUSTER_LOAD_ASSIGNMENT,
  error,
  resources: (good) => ({
    ...good,
    endpoints: [
      { cluster_name: 'echo-a', endpoints: bad(port(good)) },
      ...(good.endpoints ?? []).filter((e) => e.cluster_name !== 'echo-a'),
    ],
  }),
});

const badListener = (name: string, error: string, bad: Listener): NackCase => ({
  name: `LDS: ${name}`,
  typeUrl: TypeUrl.LISTENER,
  error,
  resources: (good) => ({ ...good, listeners: [bad] }),
});

const hcmListener = (hcm: Record<string, unknown>): Listener => ({
  name: TARGET,
  api_listener: { api_listener: anyOf(TypeUrl.HTTP_CONNECTION_MANAGER, hcm) },
});
const rds = { route_config_name: 'echo-route', config_source: { ads: {} } };

/** echo-route with `bad` in front of its routes (matching only x-case: bad, were it accepted). */
const badRoute = (name: string, error: string, bad: Route): NackCase => ({
  name: `RDS: ${name}`,
  typeUrl: TypeUrl.ROUTE_CONFIGURATION,
  error,
  resources: (good) => ({ ...good, routes: [echoRoute({ a: 100, b: 0 }, [bad])] }),
});
const onBadHeader = { prefix: '', headers: [{ name: 'x-case', string_match: { exact: 'bad' } }] };

const badRouteConfig = (name: string, error: string, bad: RouteConfiguration): NackCase => ({
  name: `RDS: ${name}`,
  typeUrl: TypeUrl.ROUTE_CONFIGURATION,
  error,
  resources: (good) => ({ ...good, routes: [bad] }),
});

const eds = { eds_config: { ads: {} } };
const socket = (address: string, port: number) => ({
  endpoint: { address: { socket_address: { address, port_value: port } } },
});

export const cases: NackCase[] = [
  // Clusters.
  badCluster('unsupported lb_policy LEAST_REQUEST', 'unsupported lb_policy: LEAST_REQUEST', {
    type: 'EDS',
    lb_policy: 'LEAST_REQUEST',
    eds_cluster_config: eds,
  }),
  badCluster('unsupported lb_policy MAGLEV', 'unsupported lb_policy: MAGLEV', {
    type: 'EDS',
    lb_policy: 'MAGLEV',
    eds_cluster_config: eds,
  }),
  badCluster('ring hash with MURMUR_HASH_2', 'unsupported ring_hash_lb_config.hash_function: MURMUR_HASH_2', {
    type: 'EDS',
    lb_policy: 'RING_HASH',
    ring_hash_lb_config: { hash_function: 'MURMUR_HASH_2' },
    eds_cluster_config: eds,
  }),
  badCluster('ring hash minimum ring size too large', 'ring_hash_lb_config.minimum_ring_size is too large', {
    type: 'EDS',
    lb_policy: 'RING_HASH',
    ring_hash_lb_config: { minimum_ring_size: { value: '10000000' } },
    eds_cluster_config: eds,
  }),
  badCluster(
    'EDS cluster whose eds_config is a file, not ADS',
    'eds_cluster_config.eds_config.ads and eds_cluster_config.eds_config.self both unset',
    {
      type: 'EDS',
      lb_policy: 'ROUND_ROBIN',
      eds_cluster_config: { eds_config: { path_config_source: { path: '/etc/envoy/eds.yaml' } } },
    },
  ),
  badCluster('EDS cluster without eds_cluster_config', 'type == EDS but eds_cluster_config is unset', {
    type: 'EDS',
    lb_policy: 'ROUND_ROBIN',
  }),
  badCluster('LRS server other than self', 'lrs_server set but lrs_server.self unset', {
    type: 'EDS',
    eds_cluster_config: eds,
    lrs_server: { ads: {} },
  }),
  badCluster(
    'outlier detection ejection percent 150',
    'outlier_detection.max_ejection_percent out of range',
    {
      type: 'EDS',
      eds_cluster_config: eds,
      outlier_detection: { max_ejection_percent: { value: 150 } },
    },
  ),
  badCluster('STATIC cluster', 'Unsupported type STATIC', {
    type: 'STATIC',
    load_assignment: { cluster_name: 'echo-a', endpoints: [{ lb_endpoints: [socket('127.0.0.1', 1)] }] },
  }),
  badCluster('LOGICAL_DNS cluster without load_assignment', 'load_assignment unset', { type: 'LOGICAL_DNS' }),
  badCluster('transport socket that is not TLS', 'Unexpected transport_socket.typed_config.type_url', {
    type: 'EDS',
    eds_cluster_config: eds,
    transport_socket: { name: 'raw', typed_config: anyOf(TypeUrl.RAW_BUFFER, {}) },
  }),
  badCluster('custom cluster type that is not aggregate', 'Unexpected cluster_type.typed_config.type_url', {
    cluster_type: { name: 'envoy.clusters.custom', typed_config: anyOf(TypeUrl.ROUTER, {}) },
  }),

  // Endpoints.
  badEndpoints(
    'host name instead of an IP',
    'address is not a valid IPv4 or IPv6 address: echo.local',
    (p) => [
      {
        locality: { zone: 'z0' },
        load_balancing_weight: { value: 1 },
        lb_endpoints: [socket('echo.local', p)],
      },
    ],
  ),
  badEndpoints('the same locality twice', 'locality is a duplicate of another locality', (p) => [
    { locality: { zone: 'z0' }, load_balancing_weight: { value: 1 }, lb_endpoints: [socket('127.0.0.1', p)] },
    { locality: { zone: 'z0' }, load_balancing_weight: { value: 1 }, lb_endpoints: [socket('127.0.0.2', p)] },
  ]),
  badEndpoints('the same address twice', 'is a duplicate of another address', (p) => [
    {
      locality: { zone: 'z0' },
      load_balancing_weight: { value: 1 },
      lb_endpoints: [socket('127.0.0.1', p), socket('127.0.0.1', p)],
    },
  ]),
  badEndpoints('priority 1 without priority 0', 'Endpoints have priority 1 but not 0', (p) => [
    {
      locality: { zone: 'z0' },
      load_balancing_weight: { value: 1 },
      priority: 1,
      lb_endpoints: [socket('127.0.0.1', p)],
    },
  ]),
  badEndpoints('unix socket endpoint', 'socket_address not set', () => [
    {
      locality: { zone: 'z0' },
      load_balancing_weight: { value: 1 },
      lb_endpoints: [{ endpoint: { address: { pipe: { path: '/run/echo.sock' } } } }],
    },
  ]),
  badEndpoints('named port', 'Unsupported port_specifier: named_port', () => [
    {
      locality: { zone: 'z0' },
      load_balancing_weight: { value: 1 },
      lb_endpoints: [
        { endpoint: { address: { socket_address: { address: '127.0.0.1', named_port: 'grpc' } } } },
      ],
    },
  ]),

  // Listeners.
  badListener(
    'listener without api_listener',
    'No api_listener and no filter_chains and no default_filter_chain',
    {
      name: TARGET,
    },
  ),
  badListener('api_listener that is not an HttpConnectionManager', 'api_listener.api_listener.type_url !=', {
    name: TARGET,
    api_listener: { api_listener: anyOf(TypeUrl.TCP_PROXY, { stat_prefix: 'tcp', cluster: 'echo-a' }) },
  }),
  badListener(
    'HttpConnectionManager without the router filter',
    `final filter is ${TypeUrl.HTTP_FAULT}`,
    hcmListener({ rds, http_filters: [faultFilter] }),
  ),
  badListener(
    'router filter before the end',
    'router filter is before the end of the list',
    hcmListener({ rds, http_filters: [routerFilter, faultFilter] }),
  ),
  badListener(
    'duplicate HTTP filter names',
    'duplicate HTTP filter name: router',
    hcmListener({ rds, http_filters: [{ ...faultFilter, name: 'router' }, routerFilter] }),
  ),
  badListener(
    'unknown HTTP filter not marked optional',
    'envoy.filters.http.cors filter validation failed',
    hcmListener({
      rds,
      http_filters: [
        { name: 'envoy.filters.http.cors', typed_config: anyOf(TypeUrl.CORS, {}) },
        routerFilter,
      ],
    }),
  ),
  badListener(
    'RDS over a file, not ADS',
    'rds.config_source.ads and rds.config_source.self both unset',
    hcmListener({
      rds: {
        route_config_name: 'echo-route',
        config_source: { path_config_source: { path: '/etc/rds.yaml' } },
      },
      http_filters: [routerFilter],
    }),
  ),
  badListener('use_original_dst', 'use_original_dst.value == true', {
    ...listener(),
    use_original_dst: { value: true },
  }),
  badListener(
    'inline route configuration with a redirect',
    'route_config: virtual_hosts[vh].routes[]: unsupported action: redirect',
    listener({
      name: 'inline',
      virtual_hosts: [
        {
          name: 'vh',
          domains: [TARGET],
          routes: [{ match: { prefix: '' }, redirect: { host_redirect: 'x' } }],
        },
      ],
    }),
  ),

  // Route configurations.
  badRoute('weighted clusters with a total weight of 0', 'route.weighted_clusters sum of weights is 0', {
    match: onBadHeader,
    route: { weighted_clusters: { clusters: [{ name: 'echo-a', weight: { value: 0 } }] } },
  }),
  badRoute('path_separated_prefix', 'unsupported path_specifier: path_separated_prefix', {
    match: { path_separated_prefix: '/minimesh.test.Echo' },
    route: { cluster: 'echo-a' },
  }),
  badRoute('match without a path specifier', 'match: no path_specifier set', {
    match: { headers: [{ name: 'x-case', string_match: { exact: 'bad' } }] },
    route: { cluster: 'echo-a' },
  }),
  badRoute('cluster specifier plugin', 'unsupported route.cluster_specifier: cluster_specifier_plugin', {
    match: onBadHeader,
    route: { cluster_specifier_plugin: 'lookup' },
  }),
  badRoute('redirect action', 'unsupported action: redirect', {
    match: onBadHeader,
    redirect: { host_redirect: 'elsewhere.test' },
  }),
  badRoute('retry policy with 0 retries', 'Invalid policy.num_retries.value: 0', {
    match: onBadHeader,
    route: { cluster: 'echo-a', retry_policy: { retry_on: 'unavailable', num_retries: { value: 0 } } },
  }),
  badRoute(
    'retry back-off maximum below its base',
    'retry_back_off.max_interval < retry_back_off.base_interval',
    {
      match: onBadHeader,
      route: {
        cluster: 'echo-a',
        retry_policy: {
          retry_on: 'unavailable',
          retry_back_off: { base_interval: { seconds: '2' }, max_interval: { seconds: '1' } },
        },
      },
    },
  ),
  badRoute(
    'unknown per-route filter config',
    'typed_per_filter_config[envoy.filters.http.cors] validation failed',
    {
      match: onBadHeader,
      route: { cluster: 'echo-a' },
      typed_per_filter_config: { 'envoy.filters.http.cors': anyOf(TypeUrl.CORS_POLICY, {}) },
    },
  ),
  badRouteConfig('a domain with two wildcards', 'domains entry has multiple wildcards: *.*.test', {
    ...echoRoute({ a: 100, b: 0 }),
    virtual_hosts: [
      ...(echoRoute({ a: 100, b: 0 }).virtual_hosts ?? []),
      {
        name: 'wild',
        domains: ['*.*.test'],
        routes: [{ match: { prefix: '' }, route: { cluster: 'echo-b' } }],
      },
    ],
  }),
  badRouteConfig(
    'a domain with a wildcard in the middle',
    'domains entry has wildcard in the middle: echo.*.test',
    {
      ...echoRoute({ a: 100, b: 0 }),
      virtual_hosts: [
        ...(echoRoute({ a: 100, b: 0 }).virtual_hosts ?? []),
        {
          name: 'mid',
          domains: ['echo.*.test'],
          routes: [{ match: { prefix: '' }, route: { cluster: 'echo-b' } }],
        },
      ],
    },
  ),
];
