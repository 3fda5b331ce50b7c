// The two ways the gRPC tests reach their server, with istiod's route shapes (translator: route-action.ts and
// inbound-route.ts):
// - "one proxy": a client sidecar's outbound listener, its route with timeout 0, max_grpc_timeout 0 and Istio's
//   default retry policy (connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes, 2 retries),
//   to an HTTP/2 cluster of the server;
// - "two proxies": the same client sidecar sending to a second proxy's inbound listener (inline route: timeout 0,
//   max_stream_duration and grpc_timeout_header_max 0, no retries), which sends to the server (inbound|50051||).
import type { RouteAction, RouteConfiguration } from '@minimesh/model';
import { type Harness, startHarness } from '../helpers/harness.js';
import { hcm, httpListener, routeConfig, routeTo, vhost } from '../helpers/resources.js';
import { h2Cluster } from './grpc-fixture.js';

export type TopologyKind = 'one proxy' | 'two proxies';

export const OUTBOUND_CLUSTER = 'outbound|50051||echo.default.svc.cluster.local';
export const INBOUND_CLUSTER = 'inbound|50051||';

export const ISTIO_RETRY: NonNullable<RouteAction['retry_policy']> = {
  retry_on: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
  num_retries: { value: 2 },
  retry_host_predicate: [
    {
      name: 'envoy.retry_host_predicates.previous_hosts',
      typed_config: {
        '@type': 'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate',
      },
    },
  ],
  host_selection_retry_max_attempts: '5',
  retriable_status_codes: [503],
};

/** istiod's outbound route action for a VirtualService without a timeout. */
export const OUTBOUND_ACTION: RouteAction = {
  timeout: { seconds: '0' },
  max_grpc_timeout: { seconds: '0' },
  retry_policy: ISTIO_RETRY,
};

export function outboundRoutes(extra: RouteAction = {}): RouteConfiguration {
  return routeConfig('50051', [
    vhost(
      'echo.default.svc.cluster.local:50051',
      ['*'],
      [routeTo(OUTBOUND_CLUSTER, '/', { name: 'default' }, { ...OUTBOUND_ACTION, ...extra })],
    ),
  ]);
}

export function inboundRoutes(): RouteConfiguration {
  return routeConfig(INBOUND_CLUSTER, [
    vhost(
      'inbound|http|50051',
      ['*'],
      [
        routeTo(
          INBOUND_CLUSTER,
          '/',
          { name: 'default' },
          {
            timeout: { seconds: '0' },
            max_stream_duration: {
              max_stream_duration: { seconds: '0' },
              grpc_timeout_header_max: { seconds: '0' },
            },
          },
        ),
      ],
    ),
  ]);
}

export interface Topology {
  /** The port the gRPC client dials (the client sidecar's outbound listener). */
  readonly port: number;
  /** The client sidecar. */
  readonly client: Harness;
  /** The server sidecar (two proxies only). */
  readonly server: Harness | undefined;
  close(): Promise<void>;
}

export async function startTopology(kind: TopologyKind, serverPort: number): Promise<Topology> {
  let server: Harness | undefined;
  let target = serverPort;
  if (kind === 'two proxies') {
    server = await startHarness(
      {
        clusters: [h2Cluster(INBOUND_CLUSTER, [serverPort])],
        listeners: [httpListener('inbound', 15006, hcm({ inline: inboundRoutes() }))],
      },
      [15006],
    );
    target = server.proxy.listenerPort('inbound') ?? 0;
  }
  const client = await startHarness(
    {
      clusters: [h2Cluster(OUTBOUND_CLUSTER, [target])],
      listeners: [httpListener('outbound', 50051, hcm({ rds: '50051' }))],
      routes: [outboundRoutes()],
    },
    [50051],
  );
  return {
    port: client.proxy.listenerPort('outbound') ?? 0,
    client,
    server,
    async close() {
      await client.close();
      await server?.close();
    },
  };
}
