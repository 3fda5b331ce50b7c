// ReferenceGrant (gateway.networking.k8s.io): lets objects in other namespaces (`from`) refer to objects in this
// namespace (`to`), e.g. an HTTPRoute in "apps" to a Service in "backends".
import { z } from 'zod';
import { resourceEnvelope } from '../common.js';
import { defineKind } from '../kind-definition.js';
import { group, kind, namespace, objectName } from './shared.js';

/** ReferenceGrantFrom: the group, kind and namespace of the referring objects. */
export const referenceGrantFrom = z.strictObject({ group, kind, namespace });
export type ReferenceGrantFrom = z.infer<typeof referenceGrantFrom>;

/** ReferenceGrantTo: the group, kind and (optionally, else all) name of the objects that may be referred to. */
export const referenceGrantTo = z.strictObject({ group, kind, name: objectName.optional() });
export type ReferenceGrantTo = z.infer<typeof referenceGrantTo>;

export const referenceGrantSpec = z.strictObject({
  from: z.array(referenceGrantFrom).min(1, { message: 'expected at least one from entry' }).max(16),
  to: z.array(referenceGrantTo).min(1, { message: 'expected at least one to entry' }).max(16),
});
export type ReferenceGrantSpec = z.infer<typeof referenceGrantSpec>;

export const referenceGrantSchema = resourceEnvelope(referenceGrantSpec);
export type ReferenceGrant = z.infer<typeof referenceGrantSchema>;

export const referenceGrantKind = defineKind({
  group: 'gateway.networking.k8s.io',
  kind: 'ReferenceGrant',
  versions: ['v1', 'v1beta1', 'v1alpha2'],
  namespaced: true,
  schema: referenceGrantSchema,
});
