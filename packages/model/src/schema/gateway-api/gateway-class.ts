// GatewayClass (gateway.networking.k8s.io, cluster-scoped): a kind of Gateway, implemented by the controller
// named in controllerName (Istio's is "istio.io/gateway-controller").
import { z } from 'zod';
import { resourceEnvelope } from '../common.js';
import { defineKind } from '../kind-definition.js';
import { formatted, group, kind, namespace, objectName } from './shared.js';

/** ControllerName: a domain-prefixed path, "example.com/controller", 1-253 characters. */
export const controllerName = formatted(
  'a controller name such as "istio.io/gateway-controller" (domain/path)',
  {
    pattern:
      /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/,
    min: 1,
    max: 253,
  },
);

/** ParametersReference: controller-specific configuration; namespace only for namespaced kinds. */
export const parametersReference = z.strictObject({
  group,
  kind,
  name: objectName,
  namespace: namespace.optional(),
});
export type ParametersReference = z.infer<typeof parametersReference>;

export const gatewayClassSpec = z.strictObject({
  controllerName,
  parametersRef: parametersReference.optional(),
  description: formatted('a description', { max: 64 }).optional(),
});
export type GatewayClassSpec = z.infer<typeof gatewayClassSpec>;

export const gatewayClassSchema = resourceEnvelope(gatewayClassSpec);
export type GatewayClass = z.infer<typeof gatewayClassSchema>;

export const gatewayClassKind = defineKind({
  group: 'gateway.networking.k8s.io',
  kind: 'GatewayClass',
  versions: ['v1', 'v1beta1', 'v1alpha2'],
  namespaced: false,
  schema: gatewayClassSchema,
});
