// TCPRoute (gateway.networking.k8s.io): forwards TCP connections from a Gateway listener to weighted backends.
import { z } from 'zod';
import { resourceEnvelope } from '../common.js';
import { defineKind } from '../kind-definition.js';
import { backendRefShape, checkRuleNames, routeParentRefs, useDefaultGateways } from './route-common.js';
import { requireServicePort, sectionName } from './shared.js';

/** BackendRef: a weighted backend (a Service unless group/kind say otherwise, then with a port). */
export const tcpBackendRef = z
  .strictObject(backendRefShape)
  .superRefine((ref, ctx) => requireServicePort(ctx, ref));
export type TCPBackendRef = z.infer<typeof tcpBackendRef>;

/** TCPRouteRule: 1-16 backends that share the connections by weight. */
export const tcpRouteRule = z.strictObject({
  name: sectionName.optional(),
  backendRefs: z.array(tcpBackendRef).min(1, { message: 'expected at least one backendRef' }).max(16),
});
export type TCPRouteRule = z.infer<typeof tcpRouteRule>;

export const tcpRouteSpec = z.strictObject({
  parentRefs: routeParentRefs.optional(),
  rules: z
    .array(tcpRouteRule)
    .min(1, { message: 'expected at least one rule' })
    .max(16)
    .superRefine((rules, ctx) => checkRuleNames(ctx, rules)),
  useDefaultGateways: useDefaultGateways.optional(),
});
export type TCPRouteSpec = z.infer<typeof tcpRouteSpec>;

export const tcpRouteSchema = resourceEnvelope(tcpRouteSpec);
export type TCPRoute = z.infer<typeof tcpRouteSchema>;

/** Experimental; v1alpha2 until Gateway API v1.6 added v1 (v1alpha2 is still served, deprecated). */
export const tcpRouteKind = defineKind({
  group: 'gateway.networking.k8s.io',
  kind: 'TCPRoute',
  versions: ['v1', 'v1alpha2'],
  namespaced: true,
  schema: tcpRouteSchema,
});
