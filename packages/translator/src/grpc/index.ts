// Proxyless gRPC output (istiod's grpcgen): the public surface of this folder. This file only re-exports.
export { buildGrpcClusters, type GrpcClusterOptions } from './grpc-clusters.js';
export { buildGrpcListeners, type GrpcListenerOptions, grpcHttpFilters } from './grpc-listeners.js';
export {
  expandShortName,
  GRPC_GENERATOR,
  GRPC_SERVER_LISTENER_PREFIX,
  grpcRouteName,
  grpcServerListenerName,
  isProxylessMetadata,
  listenerNameFilter,
} from './grpc-names.js';
export {
  GRPC_JS_USER_AGENT,
  grpcOptionsForNode,
  nodeMetadata,
  proxyInputFromNode,
  type XdsNodeLike,
} from './grpc-node.js';
export { GRPC_UNSUPPORTED, grpcRoute } from './grpc-route-compat.js';
export { buildGrpcRoutes, grpcVirtualHostDomains } from './grpc-routes.js';
export { grpcCommonTlsContext } from './grpc-tls.js';
export {
  type GrpcOptions,
  type GrpcResourceNames,
  grpcClusterNamesOf,
  grpcEndpointNamesOf,
  grpcRouteNamesOf,
  translateGrpc,
} from './grpc-translate.js';
