// One proxy's whole configuration: istiod's generators for LDS, RDS, CDS and EDS run over one push. Pure and
// deterministic: the same registry version and proxy give byte-identical resources.
import type { Cluster, ClusterLoadAssignment, Listener, RouteConfiguration } from '@minimesh/model';
import { buildClusters } from './cluster/build-clusters.js';
import { buildEndpoints } from './endpoint/build-endpoints.js';
import { buildListeners } from './listener/build-listeners.js';
import { MessageSink, type TranslationMessage } from './messages.js';
import type { MeshProxy } from './proxy.js';
import type { PushContext } from './push-context.js';
import { buildRoutes } from './route/build-routes.js';

export interface Translation {
  readonly listeners: readonly Listener[];
  readonly routes: readonly RouteConfiguration[];
  readonly clusters: readonly Cluster[];
  readonly endpoints: readonly ClusterLoadAssignment[];
  /** What the input got wrong; translation went on around it. */
  readonly messages: readonly TranslationMessage[];
}

export function translate(proxy: MeshProxy, push: PushContext): Translation {
  const sink = new MessageSink();
  const clusters = buildClusters(proxy, push, sink);
  // The EDS clusters just built name the assignments to build (buildEndpoints would otherwise rebuild clusters).
  const edsNames = clusters
    .filter((c) => c.type === 'EDS')
    .map((c) => c.eds_cluster_config?.service_name ?? c.name ?? '');
  const endpoints = buildEndpoints(proxy, push, sink, edsNames);
  const listeners = buildListeners(proxy, push, sink);
  const routes = buildRoutes(proxy, push, sink);
  return { listeners, routes, clusters, endpoints, messages: sink.list() };
}
