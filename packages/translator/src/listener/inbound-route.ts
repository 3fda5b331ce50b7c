// The inline route config of an inbound HTTP chain (istiod 1.30 httproute.go buildSidecarInboundHTTPRouteConfig,
// route.go BuildDefaultHTTPInboundRoute): named after the cluster it sends to, one virtual host
// `inbound|http|<port>` for every domain, one route `default` with no timeout, max_stream_duration instead of
// max_grpc_timeout, and (not for gRPC) retries of requests reset before they reached the application. The
// passthrough chains use port 0 and no host: vhost `inbound|http|0`, decorator `:0/*`, as istiod writes them.
import { isGrpc, type MeshProtocol, type RouteConfiguration } from '@minimesh/model';
import { inboundClusterName } from '../naming.js';
import { DEFAULT_RETRY_ATTEMPTS, INBOUND_RETRY_ON } from '../route/route-action.js';
import { DEFAULT_ROUTE_NAME, decoratorOperation, inboundVirtualHostName } from '../route/route-names.js';

/** A port the workload listens on, with the service that exposes it (the first, by hostname). */
export interface WorkloadPort {
  readonly port: number;
  readonly protocol: MeshProtocol;
  readonly hostname: string;
}

/** The inline route config of an inbound HTTP chain for `wp`, sending to `cluster` (`inbound|<port>||`). */
export function inboundRouteConfig(
  wp: WorkloadPort,
  cluster: string = inboundClusterName(wp.port),
): RouteConfiguration {
  return {
    name: cluster,
    virtual_hosts: [
      {
        name: inboundVirtualHostName(wp.port),
        domains: ['*'],
        routes: [
          {
            name: DEFAULT_ROUTE_NAME,
            match: { prefix: '/' },
            route: {
              cluster,
              timeout: { seconds: '0' },
              max_stream_duration: {
                max_stream_duration: { seconds: '0' },
                grpc_timeout_header_max: { seconds: '0' },
              },
              ...(isGrpc(wp.protocol)
                ? {}
                : {
                    retry_policy: {
                      retry_on: INBOUND_RETRY_ON,
                      num_retries: { value: DEFAULT_RETRY_ATTEMPTS },
                    },
                  }),
            },
            decorator: { operation: decoratorOperation(wp.hostname, wp.port, '/*') },
          },
        ],
      },
    ],
    validate_clusters: { value: false },
  };
}
