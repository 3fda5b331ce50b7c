// The inbound clusters of Sidecar ingress listeners (istiod 1.30 cluster.go buildInboundClustersFromSidecar,
// cluster_builder.go buildInboundCluster): `inbound|<port>||` per ingress port, STATIC to its defaultEndpoint
// (loopback, the pod IP, or a unix socket) or ORIGINAL_DST without one; connections leave from 127.0.0.6 (which
// iptables does not capture again) unless the endpoint is loopback. They replace the Service-derived inbound
// clusters, as the ingress ports replace the Service ports on virtualInbound. Lives beside the listener side it
// mirrors; build-clusters.ts calls it.
import type { Cluster, MeshServicePort } from '@minimesh/model';
import type { ClusterBuilder } from '../cluster/cluster-builder.js';
import { finishCluster } from '../cluster/cluster-draft.js';
import { INBOUND_PASSTHROUGH_BIND_IPV4, MAX_CLEANUP_INTERVAL_SECONDS } from '../cluster/cluster-names.js';
import { inboundClusterName } from '../naming.js';
import { type IngressPort, ingressPorts } from './sidecar-ingress.js';

const LOOPBACK = new Set(['127.0.0.1', '::1']);

function loadAssignment(name: string, p: IngressPort): Cluster['load_assignment'] | undefined {
  const e = p.endpoint;
  if (e.kind === 'original_dst') return undefined;
  const address =
    e.kind === 'pipe'
      ? { pipe: { path: e.path } }
      : { socket_address: { address: e.address, port_value: e.port } };
  return { cluster_name: name, endpoints: [{ lb_endpoints: [{ endpoint: { address } }] }] };
}

/** The clusters of the ingress ports, or undefined when the proxy's Sidecar declares none. */
export function ingressClusters(b: ClusterBuilder): Cluster[] | undefined {
  const ports = ingressPorts(b.proxy, b.push);
  if (ports === undefined) return undefined;
  return ports.map((p) => {
    const name = inboundClusterName(p.port);
    const inline = loadAssignment(name, p);
    const port: MeshServicePort = { name: p.name, port: p.port, protocol: p.protocol };
    const draft = b.newCluster(
      name,
      inline === undefined ? 'ORIGINAL_DST' : 'STATIC',
      undefined,
      port,
      inline,
    );
    if (inline === undefined) draft.cluster.cleanup_interval = { seconds: MAX_CLEANUP_INTERVAL_SECONDS };
    b.applyTrafficPolicy(draft, undefined, {
      direction: 'inbound',
      serviceAccounts: [],
      istioMtlsSni: '',
      mtlsMode: 'unknown',
      drWithSelector: false,
    });
    const e = p.endpoint;
    if (!(e.kind === 'socket' && LOOPBACK.has(e.address)))
      draft.cluster.upstream_bind_config = {
        source_address: { address: INBOUND_PASSTHROUGH_BIND_IPV4, port_value: 0 },
      };
    return finishCluster(draft);
  });
}
