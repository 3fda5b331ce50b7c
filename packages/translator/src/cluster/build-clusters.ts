// CDS for one proxy (istiod's ConfigGeneratorImpl.BuildClusters): outbound clusters of every service port the
// proxy can see (UDP ports have none), PassthroughCluster and BlackHoleCluster; for sidecars also the inbound
// clusters of the workload's ports and InboundPassthroughCluster; gateways (router) get outbound clusters and
// BlackHoleCluster only. Output is sorted by name (istiod's order differs but carries no meaning), so the same
// input gives byte-identical output. Bad input never throws: it becomes a message and the rest is translated.
import { type Cluster, isUdp } from '@minimesh/model';
import { accessLogCluster } from '../access-log/access-log-cluster.js';
import { ENVOY_ACCESS_LOG_CLUSTER } from '../access-log/access-log-names.js';
import { accessLogService } from '../access-log/access-log-service.js';
import { sharedOutboundClusters, sharedStaticCluster } from '../cache/shared-resources.js';
import { mergeClusters, sortedOutboundClusters } from '../cache/sorted-clusters.js';
import { ingressClusters } from '../listener/ingress-clusters.js';
import type { MessageSink } from '../messages.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { ClusterBuilder } from './cluster-builder.js';
import { ClusterMessageCode, reportRules } from './rule-checks.js';
import {
  blackHoleCluster,
  inboundClusters,
  inboundPassthroughCluster,
  passthroughCluster,
} from './special-clusters.js';

export { ClusterMessageCode } from './rule-checks.js';

export function buildClusters(proxy: MeshProxy, push: PushContext, sink: MessageSink): Cluster[] {
  const builder = new ClusterBuilder(proxy, push, sink);
  const scope = push.sidecarScope(proxy);
  // Outbound clusters: the outputs of the shared units, in scope order; the proxy's own clusters come after.
  const outbound: (readonly Cluster[])[] = [];
  const clusters: Cluster[] = [];
  for (const service of scope.services) {
    if (service.resolution === 'DynamicDNS' && service.hostname.startsWith('*')) {
      const origin = push.registry.resource(service.originKey);
      if (origin !== undefined)
        sink.about(
          origin,
          ClusterMessageCode.Unsupported,
          'Warning',
          `host ${service.hostname} with resolution DYNAMIC_DNS needs a dynamic forward proxy cluster, which minimesh does not build; it gets no cluster`,
          ['spec', 'resolution'],
        );
      continue;
    }
    for (const port of service.ports) {
      if (isUdp(port.protocol)) continue;
      try {
        // Shared by the proxies of one scope and across pushes while the service's hostname is unchanged.
        outbound.push(
          sharedOutboundClusters(push, proxy, service, port.port, sink, (s) =>
            new ClusterBuilder(proxy, push, s).outboundClusters(service, port),
          ),
        );
      } catch (error) {
        // A translator bug must not take the proxy's other clusters down; report it against the service.
        const origin = push.registry.resource(service.originKey);
        if (origin !== undefined)
          sink.about(
            origin,
            ClusterMessageCode.BuildFailed,
            'Error',
            `clusters for ${service.hostname}:${port.port} could not be built: ${(error as Error).message}`,
          );
      }
    }
  }
  clusters.push(sharedStaticCluster(push, proxy, 'blackhole', sink, () => blackHoleCluster(builder)));
  // The gRPC access log cluster, which istiod puts in the bootstrap, goes over CDS (access-log-cluster.ts).
  const als = accessLogService(push.mesh);
  if (als !== undefined)
    clusters.push(
      sharedStaticCluster(push, proxy, ENVOY_ACCESS_LOG_CLUSTER, sink, () => accessLogCluster(als)),
    );
  if (proxy.type === 'sidecar') {
    clusters.push(
      sharedStaticCluster(push, proxy, 'passthrough', sink, () => passthroughCluster(builder)),
      // Sidecar ingress listeners replace the Service-derived inbound clusters (istiod buildInboundClusters).
      ...(ingressClusters(builder) ?? inboundClusters(builder)),
      inboundPassthroughCluster(builder),
    );
  }
  reportRules(push.registry, push.mesh.domainSuffix, sink);
  // istiod's normalizeClusters (first of a name wins), then sorted by name; the outbound part sorted once per scope.
  return mergeClusters(sortedOutboundClusters(push, proxy, outbound, sink), clusters);
}
