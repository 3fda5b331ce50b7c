// envoy.filters.network.tcp_proxy: a connection whose filter chain ends in tcp_proxy is piped to one host of the
// cluster (or of a cluster picked from weighted_clusters by weight), chosen by the cluster's load balancer (an
// ORIGINAL_DST cluster connects to the connection's original destination). A failed upstream connect closes the
// downstream connection (Envoy's UF); idle_timeout (default 1 h, 0 disables) closes both sides when no byte moves
// either way. Counts tcp.<stat_prefix>.downstream_cx_total, cluster.<name>.upstream_cx_total and
// upstream_cx_connect_fail. tunneling_config and on_demand are refused.
import { connect, type Socket } from 'node:net';
import type { TcpProxy } from '@minimesh/model/xds';
import type { ClusterManager, ClusterRuntime } from '../cluster/cluster-manager.js';
import type { Host } from '../cluster/host.js';
import { ConfigRejectedError } from '../errors.js';
import { clusterStat, type StatsStore } from '../stats/stats-store.js';
import { durationToMs } from '../util/proto-values.js';

export interface CompiledTcpProxy {
  readonly statPrefix: string;
  /** Clusters with their weights; one entry for `cluster`. */
  readonly clusters: readonly { readonly name: string; readonly weight: number }[];
  /** ms; 0 = none. */
  readonly idleTimeoutMs: number;
}

export function compileTcpProxy(cfg: TcpProxy, owner: string): CompiledTcpProxy {
  if (cfg.tunneling_config !== undefined && cfg.tunneling_config !== null) {
    throw new ConfigRejectedError('Listener', owner, 'tcp_proxy tunneling_config is not supported');
  }
  if (cfg.on_demand !== undefined && cfg.on_demand !== null) {
    throw new ConfigRejectedError('Listener', owner, 'tcp_proxy on_demand is not supported');
  }
  const weighted = cfg.weighted_clusters?.clusters ?? [];
  const clusters =
    cfg.cluster !== undefined && cfg.cluster !== ''
      ? [{ name: cfg.cluster, weight: 1 }]
      : weighted.map((c) => ({ name: c.name ?? '', weight: c.weight ?? 0 }));
  if (clusters.length === 0 || clusters.every((c) => c.weight <= 0)) {
    throw new ConfigRejectedError(
      'Listener',
      owner,
      'tcp_proxy needs cluster or weighted_clusters with a positive weight',
    );
  }
  return {
    statPrefix: cfg.stat_prefix ?? '',
    clusters,
    idleTimeoutMs: durationToMs(cfg.idle_timeout) ?? 3_600_000,
  };
}

function pickCluster(t: CompiledTcpProxy): string {
  const total = t.clusters.reduce((s, c) => s + Math.max(0, c.weight), 0);
  let point = Math.random() * total;
  for (const c of t.clusters) {
    point -= Math.max(0, c.weight);
    if (point < 0) return c.name;
  }
  return t.clusters[t.clusters.length - 1]?.name ?? '';
}

/**
 * The cluster (weighted pick) and host a tcp_proxy connection goes to: the original destination for ORIGINAL_DST
 * (PassthroughCluster), else the cluster's load balancer; no host for an unknown or empty cluster (BlackHoleCluster).
 */
export function tcpUpstream(
  t: CompiledTcpProxy,
  clusters: ClusterManager,
  original: { host: string; port: number },
): { name: string; cluster: ClusterRuntime | undefined; host: Host | undefined } {
  const name = pickCluster(t);
  const cluster = clusters.get(name);
  const host =
    cluster === undefined
      ? undefined
      : cluster.kind === 'ORIGINAL_DST'
        ? clusters.originalDestination(original.host, original.port)
        : cluster.lb.pick(cluster.hosts, cluster.health.pickOptions);
  return { name, cluster, host };
}

/** Pipes `downstream` to an upstream host; `original` is the connection's original destination. */
export function proxyTcp(
  downstream: Socket,
  t: CompiledTcpProxy,
  clusters: ClusterManager,
  stats: StatsStore,
  original: { host: string; port: number },
): void {
  stats.inc(`tcp.${t.statPrefix}.downstream_cx_total`, 'envoy_tcp_downstream_cx_total', {
    envoy_tcp_prefix: t.statPrefix,
  });
  const { name, cluster, host } = tcpUpstream(t, clusters, original);
  if (cluster === undefined || host === undefined) {
    stats.inc(`tcp.${t.statPrefix}.upstream_flush_total`, 'envoy_tcp_upstream_flush_total', {
      envoy_tcp_prefix: t.statPrefix,
    });
    downstream.destroy();
    return;
  }
  clusterStat(stats, name, 'upstream_cx_total').value++;
  const upstream = connect({ host: host.spec.address, port: host.spec.port, allowHalfOpen: true });
  upstream.setTimeout(cluster.connectTimeoutMs, () => upstream.destroy(new Error('connect timeout')));
  let connected = false;
  upstream.once('connect', () => {
    connected = true;
    // The connection is the whole exchange: outlier detection sees a success (LocalOriginConnectSuccessFinal).
    cluster.health.outlier?.putLocalOrigin(host, 'connect-success-final');
    upstream.setTimeout(t.idleTimeoutMs);
    downstream.setTimeout(t.idleTimeoutMs);
    upstream.pipe(downstream);
    downstream.pipe(upstream);
    downstream.resume();
  });
  const idle = () => {
    upstream.destroy();
    downstream.destroy();
  };
  upstream.on('timeout', idle);
  downstream.on('timeout', idle);
  upstream.on('error', () => {
    if (connected) return downstream.destroy();
    host.stats.cxConnectFail++;
    cluster.health.outlier?.putLocalOrigin(host, 'connect-failed');
    clusterStat(stats, name, 'upstream_cx_connect_fail').value++;
    downstream.destroy();
  });
  // Half-closes travel through the pipes (end follows end); an error on one side resets the other.
  upstream.on('close', (hadError) => {
    if (hadError || !connected) downstream.destroy();
  });
  downstream.on('error', () => upstream.destroy());
  downstream.on('close', (hadError) => {
    if (hadError) upstream.destroy();
  });
}
