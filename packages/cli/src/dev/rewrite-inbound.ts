// Post-translation rewrite, a sidecar's own inbound clusters: istiod makes `inbound|9080||` an ORIGINAL_DST cluster
// (since Istio 1.10: the connection goes on to the pod IP and port it was sent to, the app listening there). Locally
// the app listens on 127.0.0.1:appPort (address-plan.ts), so each inbound cluster of a port the plan knows becomes
// STATIC to that address, the shape istiod gives a Sidecar ingress listener's `defaultEndpoint`. The fields of
// ORIGINAL_DST (lb_policy CLUSTER_PROVIDED, cleanup_interval, original_dst_lb_config) go, and so does the upstream
// bind to 127.0.0.6 (Istio's inbound source address, which macOS's lo0 does not have). Other clusters, and inbound
// clusters of ports the plan does not know (InboundPassthroughCluster...), stay as istiod built them. Pure.
import type { Cluster } from '@minimesh/model';
import { LOCAL_HOST } from './rewrite-endpoints.js';

/** `inbound|9080||` (and istiod's `inbound|9080|http|reviews.default.svc.cluster.local` form) -> 9080. */
export function inboundClusterPort(name: string): number | undefined {
  const m = /^inbound\|(\d+)\|/.exec(name);
  return m === null ? undefined : Number(m[1]);
}

/** A sidecar's clusters with its inbound clusters sent to the app's local ports (`appPort(containerPort)`). */
export function rewriteInboundClusters(
  clusters: readonly Cluster[],
  appPort: (containerPort: number) => number | undefined,
): Cluster[] {
  return clusters.map((c) => {
    const port = inboundClusterPort(c.name ?? '');
    if (port === undefined || c.type !== 'ORIGINAL_DST') return c;
    const local = appPort(port);
    if (local === undefined) return c;
    const {
      lb_policy: _lb,
      cleanup_interval: _cleanup,
      original_dst_lb_config: _odst,
      upstream_bind_config: _bind,
      ...rest
    } = c;
    return {
      ...rest,
      type: 'STATIC',
      load_assignment: {
        cluster_name: c.name ?? '',
        endpoints: [
          {
            lb_endpoints: [
              { endpoint: { address: { socket_address: { address: LOCAL_HOST, port_value: local } } } },
            ],
          },
        ],
      },
    };
  });
}
