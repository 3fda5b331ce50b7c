// Kubernetes Gateway API -> Istio configs (istiod 1.30 pilot/pkg/config/kube/gateway). This file only re-exports.

export {
  GatewayApiMessageCode,
  type RouteCondition,
  type RouteStatus,
} from './conversion-context.js';
export type { GatewayApiConversion } from './convert.js';
export { GATEWAY_NAME_LABEL, internalGatewayName } from './gateways.js';
export { advanceGatewayApiView, convertGatewayApi, gatewayApiView, hasGatewayApi } from './registry-view.js';
