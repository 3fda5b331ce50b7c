// One proxy's whole configuration: istiod's generators for LDS, RDS, CDS, EDS and SDS run over one push. Pure and
// deterministic: the same registry version and proxy give byte-identical resources.
import type { Cluster, ClusterLoadAssignment, Listener, RouteConfiguration, Secret } from '@minimesh/model';
import { withHttpAccessLogs } from './access-log/http-grpc-access-log.js';
import { internTranslation } from './cache/intern.js';
import { buildClusters } from './cluster/build-clusters.js';
import { buildEndpoints } from './endpoint/build-endpoints.js';
import { applyEnvoyFilters } from './envoy-filter/apply-envoy-filters.js';
import { translateGrpc } from './grpc/grpc-translate.js';
import { buildListeners } from './listener/build-listeners.js';
import { MessageSink, type TranslationMessage } from './messages.js';
import type { MeshProxy } from './proxy.js';
import type { PushContext } from './push-context.js';
import { buildRoutes } from './route/build-routes.js';
import { buildSecrets } from './secret/build-secrets.js';

export interface Translation {
  readonly listeners: readonly Listener[];
  readonly routes: readonly RouteConfiguration[];
  readonly clusters: readonly Cluster[];
  readonly endpoints: readonly ClusterLoadAssignment[];
  /**
   * SDS: the `kubernetes://` secrets the listeners and clusters reference (gateway and DestinationRule
   * credentialName), sorted by name. Always set by translate(); optional only because proxyless gRPC translations
   * (grpc-translate.ts) are built without it (their certificates come from the agent's files, not from istiod).
   */
  readonly secrets?: readonly Secret[];
  /** What the input got wrong; translation went on around it. */
  readonly messages: readonly TranslationMessage[];
}

export function translate(proxy: MeshProxy, push: PushContext): Translation {
  // Proxyless gRPC nodes (GENERATOR=grpc) get istiod's grpcgen output instead (API listeners, per-service RDS).
  if (proxy.proxyless) return { ...translateGrpc(proxy, push), secrets: [] };
  const sink = new MessageSink();
  const clusters = buildClusters(proxy, push, sink);
  const built = buildListeners(proxy, push, sink);
  const routes = buildRoutes(proxy, push, sink);
  // The gRPC access logger goes on every HCM (with the header names the routes match on) before EnvoyFilters run.
  const listeners = withHttpAccessLogs(push.mesh, built, routes);
  // EnvoyFilter patches go on the built resources last, as istiod's patchers do (bad patches become messages).
  const patched = applyEnvoyFilters(proxy, push, sink, { listeners, routes, clusters });
  // The final EDS clusters name the assignments to build: a cluster a patch removed gets none, one it added
  // (with an EDS service name of the registry) gets its endpoints.
  const edsNames = patched.clusters
    .filter((c) => c.type === 'EDS')
    .map((c) => c.eds_cluster_config?.service_name ?? c.name ?? '');
  const endpoints = buildEndpoints(proxy, push, sink, edsNames);
  // SDS answers what the final (patched) listeners and clusters reference.
  const secrets = buildSecrets(proxy, push, sink, patched);
  // With a caller's TranslationCache, unchanged per-proxy resources keep the previous translation's objects.
  return internTranslation(push, proxy, { ...patched, endpoints, secrets, messages: sink.list() });
}
