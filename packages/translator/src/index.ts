// @minimesh/translator: pure Istio -> Envoy xDS translation per proxy. This file only re-exports.

export {
  ENVOY_ACCESS_LOG_CLUSTER,
  HTTP_ENVOY_ACCESS_LOG_NAME,
  HTTP_GRPC_ACCESS_LOGGER,
} from './access-log/access-log-names.js';
export {
  type AccessLogServiceTarget,
  accessLogService,
  parseServiceAddress,
} from './access-log/access-log-service.js';
export { loggedRequestHeaders } from './access-log/logged-headers.js';
export { ANALYZERS, type AnalyzeOptions, analyze, compareMessages } from './analysis/analyze.js';
export { AnalysisContext, type Analyzer } from './analysis/analyzer.js';
export { TranslationCache } from './cache/translation-cache.js';
export { buildClusters, ClusterMessageCode } from './cluster/build-clusters.js';
export { ClusterBuilder } from './cluster/cluster-builder.js';
export { altStatName, istioMtlsSni, spiffeIdentity } from './cluster/cluster-names.js';
export { buildEndpoints } from './endpoint/build-endpoints.js';
export { workloadTlsMode } from './endpoint/lb-endpoints.js';
export * from './envoy-filter/index.js';
export * from './gateway-api/index.js';
export * from './grpc/index.js';
export * from './listener/build-listeners.js';
export * from './mesh-config.js';
export * from './messages.js';
export * from './naming.js';
export * from './proxy.js';
export * from './push-context.js';
export * from './route/build-routes.js';
export { type BuiltResources, buildSecrets } from './secret/build-secrets.js';
export * from './sidecar-egress.js';
export * from './simulate/index.js';
export type { ListenerCall, ListenerCallOptions, SniffedProtocol } from './simulate/listener-select.js';
export * from './translate.js';
