// Istio kinds (networking.istio.io, security.istio.io), one file per kind; shared messages in their own files.
import type { KindDefinition } from '../kind-definition.js';
import { authorizationPolicyKind } from './authorization-policy.js';
import { destinationRuleKind } from './destination-rule.js';
import { envoyFilterKind } from './envoy-filter.js';
import { gatewayKind } from './gateway.js';
import { peerAuthenticationKind } from './peer-authentication.js';
import { requestAuthenticationKind } from './request-authentication.js';
import { serviceEntryKind } from './service-entry.js';
import { sidecarKind } from './sidecar.js';
import { virtualServiceKind } from './virtual-service.js';
import { workloadEntryKind } from './workload-entry.js';
import { workloadGroupKind } from './workload-group.js';

export * from './authorization-policy.js';
export * from './destination-rule.js';
export * from './envoy-filter.js';
export * from './gateway.js';
export * from './headers.js';
export * from './http-policies.js';
export * from './load-balancer.js';
export * from './names.js';
export * from './networking-common.js';
export * from './peer-authentication.js';
export * from './request-authentication.js';
export * from './route-match.js';
// VirtualService's HTTPRoute/TCPRoute/TLSRoute messages share their names with Gateway API kinds; the kinds keep
// the plain names at the package root and Istio's messages are exported with an `Istio` prefix.
export {
  type HTTPRoute as IstioHTTPRoute,
  type HTTPRouteDestination,
  httpRoute as istioHttpRoute,
  httpRouteDestination,
  type RouteDestination,
  routeDestination,
  type TCPRoute as IstioTCPRoute,
  type TLSRoute as IstioTLSRoute,
  tcpRoute as istioTcpRoute,
  tlsRoute as istioTlsRoute,
} from './routes.js';
export * from './server-tls.js';
export * from './service-entry.js';
export * from './sidecar.js';
export * from './traffic-policy.js';
export * from './virtual-service.js';
export * from './workload-entry.js';
export * from './workload-group.js';

export const ISTIO_KINDS: readonly KindDefinition[] = [
  virtualServiceKind,
  destinationRuleKind,
  gatewayKind,
  serviceEntryKind,
  workloadEntryKind,
  workloadGroupKind,
  sidecarKind,
  envoyFilterKind,
  // security.istio.io: these files' own exports are re-exported where the lead decides
  peerAuthenticationKind,
  authorizationPolicyKind,
  requestAuthenticationKind,
];
