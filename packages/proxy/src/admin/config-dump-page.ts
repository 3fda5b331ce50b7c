// GET /config_dump: the sections Envoy prints, in its order (bootstrap, clusters, [endpoints with ?include_eds],
// listeners, routes), built with the model's config_dump builders and printed byte for byte as Envoy does
// (configDumpToString). Dynamic resources carry the version_info and time they were accepted.
import type { Bootstrap, Node } from '@minimesh/model/xds';
import {
  bootstrapConfigDump,
  buildConfigDump,
  clustersConfigDump,
  configDumpToString,
  endpointsConfigDump,
  listenersConfigDump,
  routesConfigDump,
} from '@minimesh/model/xds';
import type { ProxyConfig } from '../proxy-config.js';

export interface BootstrapInfo {
  readonly node: Node;
  /** HOST:PORT of the ADS server. */
  readonly xdsAddress: string;
  readonly adminPort: number;
  readonly startedAt: Date;
}

/** The Bootstrap the proxy runs with, as if it had been given as a file: ADS over the xds-grpc cluster. */
export function bootstrapOf(info: BootstrapInfo): Bootstrap {
  const colon = info.xdsAddress.lastIndexOf(':');
  const host = info.xdsAddress.slice(0, colon).replace(/^\[|\]$/g, '');
  const port = Number(info.xdsAddress.slice(colon + 1));
  const ads = { ads: {}, resource_api_version: 'V3' as const };
  return {
    node: info.node,
    static_resources: {
      clusters: [
        {
          name: 'xds-grpc',
          type: 'STRICT_DNS',
          connect_timeout: { seconds: '1' },
          load_assignment: {
            cluster_name: 'xds-grpc',
            endpoints: [
              {
                lb_endpoints: [
                  { endpoint: { address: { socket_address: { address: host, port_value: port } } } },
                ],
              },
            ],
          },
        },
      ],
    },
    dynamic_resources: {
      lds_config: ads,
      cds_config: ads,
      ads_config: {
        api_type: 'GRPC',
        transport_api_version: 'V3',
        grpc_services: [{ envoy_grpc: { cluster_name: 'xds-grpc' } }],
      },
    },
    admin: { address: { socket_address: { address: '127.0.0.1', port_value: info.adminPort } } },
  };
}

export function configDumpText(config: ProxyConfig, info: BootstrapInfo, includeEds: boolean): string {
  const clusters = config.clusters.all();
  const dump = buildConfigDump({
    bootstrap: bootstrapConfigDump(bootstrapOf(info), info.startedAt),
    clusters: clustersConfigDump({
      versionInfo: config.clusters.versionInfo,
      dynamicActiveClusters: clusters.map((c) => ({
        resource: c.config,
        versionInfo: c.versionInfo,
        lastUpdated: c.lastUpdated,
      })),
    }),
    ...(includeEds
      ? {
          endpoints: endpointsConfigDump({
            dynamicEndpointConfigs: config.clusters
              .assignments()
              .map((a) => ({ resource: a.cla, versionInfo: a.versionInfo, lastUpdated: a.lastUpdated })),
          }),
        }
      : {}),
    listeners: listenersConfigDump({
      versionInfo: config.listeners.versionInfo,
      dynamicListeners: config.listeners.all().map((l) => ({
        resource: l.compiled.listener,
        versionInfo: l.versionInfo,
        lastUpdated: l.lastUpdated,
      })),
    }),
    routes: routesConfigDump({
      dynamicRouteConfigs: [...config.routes.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, r]) => ({
          resource: r.table.config,
          versionInfo: r.versionInfo,
          lastUpdated: r.lastUpdated,
        })),
    }),
  });
  return configDumpToString(dump);
}
