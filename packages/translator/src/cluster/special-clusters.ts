// The clusters every proxy gets whatever its services: PassthroughCluster and BlackHoleCluster (outbound traffic
// to unknown destinations, allowed or refused), InboundPassthroughCluster (inbound traffic to ports no service
// declares), and a sidecar's inbound clusters (istiod's buildDefaultPassthroughCluster, buildBlackHoleCluster,
// buildInboundPassthroughCluster, buildInboundCluster).
import { anyOf, type Cluster, type MeshService, type MeshServicePort, TypeUrl } from '@minimesh/model';
import {
  BLACKHOLE_CLUSTER,
  INBOUND_PASSTHROUGH_CLUSTER,
  inboundClusterName,
  PASSTHROUGH_CLUSTER,
} from '../naming.js';
import type { ClusterBuilder } from './cluster-builder.js';
import { finishCluster } from './cluster-draft.js';
import { buildIstioMetadata } from './cluster-metadata.js';
import {
  altStatName,
  HTTP_PROTOCOL_OPTIONS_KEY,
  INBOUND_PASSTHROUGH_BIND_IPV4,
  MAX_CLEANUP_INTERVAL_SECONDS,
} from './cluster-names.js';
import { applyConnectionPool } from './connection-pool.js';
import { durationMs } from './xds-values.js';

/**
 * PassthroughCluster: ORIGINAL_DST, the downstream's HTTP protocol upstream, a 5 minute idle timeout and Istio's
 * default (unlimited) circuit breakers.
 */
export function passthroughCluster(b: ClusterBuilder): Cluster {
  const cluster: Cluster = {
    name: PASSTHROUGH_CLUSTER,
    type: 'ORIGINAL_DST',
    connect_timeout: durationMs(b.push.mesh.connectTimeoutMs),
    lb_policy: 'CLUSTER_PROVIDED',
    alt_stat_name: altStatName(PASSTHROUGH_CLUSTER),
    typed_extension_protocol_options: {
      [HTTP_PROTOCOL_OPTIONS_KEY]: anyOf(TypeUrl.UPSTREAM_HTTP_PROTOCOL_OPTIONS, {
        common_http_protocol_options: { idle_timeout: durationMs(300_000) },
        use_downstream_protocol_config: { http_protocol_options: {}, http2_protocol_options: {} },
      }),
    },
  };
  applyConnectionPool({ cluster }, b.push.mesh, undefined, undefined);
  return cluster;
}

/** BlackHoleCluster: STATIC without endpoints, so every connection fails. */
export function blackHoleCluster(b: ClusterBuilder): Cluster {
  return {
    name: BLACKHOLE_CLUSTER,
    type: 'STATIC',
    connect_timeout: durationMs(b.push.mesh.connectTimeoutMs),
    lb_policy: 'ROUND_ROBIN',
    alt_stat_name: altStatName(BLACKHOLE_CLUSTER),
  };
}

/** Binds upstream connections to 127.0.0.6, which iptables does not redirect back to the sidecar. */
function bindToInboundPassthroughAddress(cluster: Cluster): void {
  cluster.upstream_bind_config = {
    source_address: { address: INBOUND_PASSTHROUGH_BIND_IPV4, port_value: 0 },
  };
}

/**
 * InboundPassthroughCluster: a copy of PassthroughCluster bound to 127.0.0.6. Its alt_stat_name stays
 * `PassthroughCluster;`, as istiod (which copies the cluster and renames it only) writes it.
 */
export function inboundPassthroughCluster(b: ClusterBuilder): Cluster {
  const cluster = passthroughCluster(b);
  cluster.name = INBOUND_PASSTHROUGH_CLUSTER;
  bindToInboundPassthroughAddress(cluster);
  return cluster;
}

/** A service port the proxy's workload serves, with the port the workload listens on. */
export interface InboundTarget {
  readonly service: MeshService;
  readonly port: MeshServicePort;
  readonly targetPort: number;
}

/**
 * The service ports whose endpoints are this proxy's workload (istiod's ServiceTargets): services of the proxy's
 * namespace with an endpoint at one of its addresses or named after its pod. Sorted by target port, hostname and
 * service port.
 */
export function inboundTargets(b: ClusterBuilder): InboundTarget[] {
  const { proxy, push } = b;
  const out: InboundTarget[] = [];
  for (const service of push.registry.servicesInNamespace(proxy.namespace)) {
    for (const ep of push.registry.serviceEndpoints(service)) {
      const mine =
        ep.instance.namespace === proxy.namespace &&
        (proxy.ipAddresses.includes(ep.address) || ep.instance.name === proxy.workloadName);
      if (mine && ep.port > 0) out.push({ service, port: ep.servicePort, targetPort: ep.port });
    }
  }
  const seen = new Set<string>();
  return out
    .filter((t) => {
      const key = `${t.service.namespace}/${t.service.hostname}:${t.port.port}:${t.targetPort}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(
      (x, y) =>
        x.targetPort - y.targetPort ||
        (x.service.hostname < y.service.hostname ? -1 : x.service.hostname > y.service.hostname ? 1 : 0) ||
        x.port.port - y.port.port,
    );
}

/**
 * One `inbound|<targetPort>||` cluster per port the workload listens on. Since Istio 1.10 (inbound traffic policy
 * PASSTHROUGH, the mesh default) these are ORIGINAL_DST clusters that connect to the pod IP the client dialled,
 * bound to 127.0.0.6, instead of STATIC clusters to 127.0.0.1. The first target (sorted) gives the port's
 * protocol; metadata lists the services that expose that service port. Inbound DestinationRules (workload
 * selector) and Sidecar ingress listeners are not applied.
 */
export function inboundClusters(b: ClusterBuilder): Cluster[] {
  const byPort = new Map<number, InboundTarget[]>();
  for (const t of inboundTargets(b)) byPort.set(t.targetPort, [...(byPort.get(t.targetPort) ?? []), t]);
  const out: Cluster[] = [];
  for (const [targetPort, targets] of byPort) {
    const [first] = targets;
    if (first === undefined) continue;
    const draft = b.newCluster(inboundClusterName(targetPort), 'ORIGINAL_DST', undefined, first.port);
    const services: MeshService[] = [];
    for (const t of targets) {
      if (t.port.port === first.port.port && !services.includes(t.service)) services.push(t.service);
    }
    draft.cluster.metadata = buildIstioMetadata({ services });
    draft.cluster.cleanup_interval = { seconds: MAX_CLEANUP_INTERVAL_SECONDS };
    b.applyTrafficPolicy(draft, undefined, {
      direction: 'inbound',
      serviceAccounts: [],
      istioMtlsSni: '',
      mtlsMode: 'unknown',
      drWithSelector: false,
    });
    bindToInboundPassthroughAddress(draft.cluster);
    out.push(finishCluster(draft));
  }
  return out;
}
