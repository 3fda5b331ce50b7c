// The explicit forward proxy's answer to a plain HTTP request whose destination the outbound side serves with a
// tcp_proxy chain: a port no service has (Istio's virtualOutbound passthrough chain, PassthroughCluster under
// ALLOW_ANY, BlackHoleCluster under REGISTRY_ONLY) or a TCP service. Behind iptables Envoy would proxy the
// connection's bytes to that chain's cluster; here the request is relayed as HTTP/1.1 to the same upstream host
// (the original destination for PassthroughCluster), which is what those bytes would have carried, and its
// response relayed back. No host (BlackHoleCluster, an unknown cluster) resets the connection, as Envoy's
// tcp_proxy does; so does a failed upstream.
import { PassThrough } from 'node:stream';
import type { ClusterManager } from '../cluster/cluster-manager.js';
import type { H1Request } from '../http1/server-request.js';
import type { H1Response } from '../http1/server-response.js';
import type { StatsStore } from '../stats/stats-store.js';
import { clusterStat } from '../stats/stats-store.js';
import { type CompiledTcpProxy, tcpUpstream } from './tcp-proxy.js';

/** Hop-by-hop fields (RFC 9110 7.6.1) and the forward proxy's own, not relayed. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export function relayToTcpChain(
  req: H1Request,
  res: H1Response,
  t: CompiledTcpProxy,
  clusters: ClusterManager,
  stats: StatsStore,
  target: { host: string; port: number; path: string },
): void {
  stats.inc(`tcp.${t.statPrefix}.downstream_cx_total`, 'envoy_tcp_downstream_cx_total', {
    envoy_tcp_prefix: t.statPrefix,
  });
  const { name, cluster, host } = tcpUpstream(t, clusters, target);
  if (cluster === undefined || host === undefined) {
    req.socket.destroy();
    return;
  }
  clusterStat(stats, name, 'upstream_cx_total').value++;
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
  const length = req.headers['content-length'];
  const chunked = req.headers['transfer-encoding'] !== undefined;
  const body = (length !== undefined && length !== '0') || chunked ? req.pipe(new PassThrough()) : undefined;
  if (body !== undefined && !chunked && typeof length === 'string') headers['content-length'] = length;
  host
    .pool()
    .request({
      method: req.method ?? 'GET',
      path: target.path,
      headers,
      body,
      connectTimeoutMs: cluster.connectTimeoutMs,
    })
    .then(
      (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.body.flow({
          data: (chunk) => {
            if (res.write(chunk)) return;
            r.body.pause();
            res.once('drain', () => r.body.resume());
          },
          end: () => res.end(),
          error: () => res.destroy(),
        });
      },
      () => {
        clusterStat(stats, name, 'upstream_cx_connect_fail').value++;
        req.socket.destroy();
      },
    );
}
