// Kubernetes Gateway API kinds (gateway.networking.k8s.io), one file per kind. The Gateway kind's exports are
// named K8sGateway / k8sGateway* to stay apart from Istio's networking.istio.io Gateway. Only schemas and types are
// re-exported; the format helpers of shared.ts and route-common.ts stay internal.
import type { KindDefinition } from '../kind-definition.js';
import { k8sGatewayKind } from './gateway.js';
import { gatewayClassKind } from './gateway-class.js';
import { grpcRouteKind } from './grpc-route.js';
import { httpRouteKind } from './http-route.js';
import { referenceGrantKind } from './reference-grant.js';
import { tcpRouteKind } from './tcp-route.js';

export * from './gateway.js';
export * from './gateway-class.js';
export * from './grpc-route.js';
export * from './http-route.js';
export * from './http-route-filters.js';
export * from './reference-grant.js';
export {
  type HTTPHeader,
  type HTTPHeaderFilter,
  type HTTPRequestMirrorFilter,
  httpHeader,
  httpHeaderFilter,
  httpRequestMirrorFilter,
  type ParentReference,
  parentReference,
  type SessionPersistence,
  sessionPersistence,
} from './route-common.js';
export {
  type BackendObjectReference,
  backendObjectReference,
  type LocalObjectReference,
  localObjectReference,
  type SecretObjectReference,
  secretObjectReference,
} from './shared.js';
export * from './tcp-route.js';

export const GATEWAY_API_KINDS: readonly KindDefinition[] = [
  gatewayClassKind,
  k8sGatewayKind,
  httpRouteKind,
  grpcRouteKind,
  tcpRouteKind,
  referenceGrantKind,
];
