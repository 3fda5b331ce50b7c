// envoy.filters.http.grpc_stats (istiod adds it to every HTTP connection manager): counts gRPC requests
// (content-type application/grpc...) per method under Envoy's name cluster.<cluster>.grpc.<service>.<method>.total
// when stats_for_all_methods is set, else cluster.<cluster>.grpc.total. Other requests pass untouched. Message
// counts, response statuses and the allowlist are not kept yet (the allowlist is read as "all methods").
import type { GrpcStatsFilterConfig } from '@minimesh/model/xds';
import { TypeUrl } from '@minimesh/model/xds';
import type { StatsStore } from '../../stats/stats-store.js';
import { boolValue } from '../../util/proto-values.js';
import type { HttpStream } from '../http-stream.js';
import type { FilterStatus, HttpFilter, HttpFilterPlugin } from './http-filter.js';

class GrpcStatsFilter implements HttpFilter {
  constructor(
    readonly name: string,
    private readonly stats: StatsStore,
    private readonly perMethod: boolean,
  ) {}

  decode(stream: HttpStream): FilterStatus {
    const type = stream.req.headers['content-type'];
    const cluster = stream.clusterName;
    if (cluster === undefined || typeof type !== 'string' || !type.startsWith('application/grpc'))
      return 'continue';
    // :path is /<package.Service>/<Method>.
    const m = /^\/([^/?]+)\/([^/?]+)/.exec(stream.path);
    const scope = this.perMethod && m !== null ? `grpc.${m[1]}.${m[2]}` : 'grpc';
    this.stats.inc(`cluster.${cluster}.${scope}.total`, 'envoy_cluster_grpc_total', {
      envoy_cluster_name: cluster,
      ...(this.perMethod && m !== null
        ? { envoy_grpc_bridge_service: m[1] ?? '', envoy_grpc_bridge_method: m[2] ?? '' }
        : {}),
    });
    return 'continue';
  }
}

export function grpcStatsPlugin(stats: StatsStore): HttpFilterPlugin {
  return {
    typeUrls: [TypeUrl.GRPC_STATS],
    perRouteTypeUrls: [],
    terminal: false,
    create: (name, config) => {
      const cfg = config as GrpcStatsFilterConfig;
      const perMethod =
        boolValue(cfg.stats_for_all_methods, false) ||
        (cfg.individual_method_stats_allowlist !== undefined &&
          cfg.individual_method_stats_allowlist !== null);
      return new GrpcStatsFilter(name, stats, perMethod);
    },
  };
}
