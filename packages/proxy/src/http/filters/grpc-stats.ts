// envoy.filters.http.grpc_stats (istiod adds it to every HTTP connection manager): counts gRPC requests
// (content-type application/grpc...) in the route target cluster's `grpc.` namespace, per method
// (cluster.<cluster>.grpc.<service>.<method>.<stat>) when stats_for_all_methods is set or the method is in
// individual_method_stats_allowlist, else without the method (cluster.<cluster>.grpc.<stat>). Stats: `total` when
// the request arrives; when the stream is over, `success` (grpc-status 0) or `failure`, and one counter per status
// code (`.14`), from the grpc-status the response carries (trailers, or a Trailers-Only answer's headers; none: not
// counted, as Envoy's chargeStat); codes above 16 count as failures without a counter of their own, so a peer
// cannot create unbounded stat names. Other requests pass untouched. Message counts (request_message_count /
// response_message_count) and upstream_rq_time are not kept.
import type { GrpcStatsFilterConfig } from '@minimesh/model/xds';
import { TypeUrl } from '@minimesh/model/xds';
import type { StatsStore } from '../../stats/stats-store.js';
import { boolValue } from '../../util/proto-values.js';
import { sentGrpcStatusOf } from '../grpc-status.js';
import type { HttpStream } from '../http-stream.js';
import type { FilterStatus, HttpFilter, HttpFilterPlugin } from './http-filter.js';

/** What `complete` needs of a gRPC stream the filter counted: its cluster and stat scope. */
interface Counted {
  readonly cluster: string;
  readonly scope: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** Which methods get their own stats: all, an allowlist (`package.Service/Method`), or none. */
type MethodStats = { readonly all: true } | { readonly all: false; readonly allow: ReadonlySet<string> };

class GrpcStatsFilter implements HttpFilter {
  /** Streams counted at decode, until complete (a WeakMap: a stream reset before complete leaks nothing). */
  readonly #counted = new WeakMap<HttpStream, Counted>();

  constructor(
    readonly name: string,
    private readonly stats: StatsStore,
    private readonly methods: MethodStats,
  ) {}

  decode(stream: HttpStream): FilterStatus {
    const type = stream.req.headers['content-type'];
    const cluster = stream.clusterName;
    if (cluster === undefined || typeof type !== 'string' || !type.startsWith('application/grpc'))
      return 'continue';
    // :path is /<package.Service>/<Method>.
    const m = /^\/([^/?]+)\/([^/?]+)/.exec(stream.path);
    const perMethod =
      m !== null && (this.methods.all || this.methods.allow.has(`${m[1] ?? ''}/${m[2] ?? ''}`));
    const scope = perMethod ? `grpc.${m?.[1]}.${m?.[2]}` : 'grpc';
    const labels: Record<string, string> = { envoy_cluster_name: cluster };
    if (perMethod) {
      labels.envoy_grpc_bridge_service = m?.[1] ?? '';
      labels.envoy_grpc_bridge_method = m?.[2] ?? '';
    }
    this.stats.inc(`cluster.${cluster}.${scope}.total`, 'envoy_cluster_grpc_total', labels);
    this.#counted.set(stream, { cluster, scope, labels });
    return 'continue';
  }

  complete(stream: HttpStream): void {
    const c = this.#counted.get(stream);
    if (c === undefined) return;
    this.#counted.delete(stream);
    const status = sentGrpcStatusOf(stream);
    if (status === undefined) return;
    const outcome = status === 0 ? 'success' : 'failure';
    this.stats.inc(`cluster.${c.cluster}.${c.scope}.${outcome}`, `envoy_cluster_grpc_${outcome}`, c.labels);
    if (status > 16) return;
    // Envoy's tag extraction has no rule for the status: it stays in the Prometheus name (envoy_cluster_grpc_14).
    this.stats.inc(`cluster.${c.cluster}.${c.scope}.${status}`, `envoy_cluster_grpc_${status}`, c.labels);
  }
}

export function grpcStatsPlugin(stats: StatsStore): HttpFilterPlugin {
  return {
    typeUrls: [TypeUrl.GRPC_STATS],
    perRouteTypeUrls: [],
    terminal: false,
    create: (name, config) => {
      const cfg = config as GrpcStatsFilterConfig;
      const allowlist = cfg.individual_method_stats_allowlist?.services;
      const methods: MethodStats = boolValue(cfg.stats_for_all_methods, false)
        ? { all: true }
        : {
            all: false,
            allow: new Set(
              (allowlist ?? []).flatMap((svc) =>
                (svc.method_names ?? []).map((method) => `${svc.name ?? ''}/${method}`),
              ),
            ),
          };
      return new GrpcStatsFilter(name, stats, methods);
    },
  };
}
