// DestinationRule (networking.istio.io): policies for traffic to a service after routing: subsets (versions
// selected by labels) and traffic policies. Istio's rules (ValidateDestinationRule): a valid host, unique
// DNS-1123 subset names, valid subset labels, exportTo, and a workload selector only within its namespace.
import { z } from 'zod';
import { resourceEnvelope } from '../common.js';
import { defineKind } from '../kind-definition.js';
import { wildcardDomainProblem } from './names.js';
import {
  checkExportTo,
  labelMap,
  matchLabelsSelector,
  NETWORKING_GROUP,
  NETWORKING_VERSIONS,
  subsetName,
  whenParsed,
} from './networking-common.js';
import { trafficPolicy } from './traffic-policy.js';

/** Subset: a named group of a service's endpoints (by labels), with its own traffic policy. */
export const subset = z.strictObject({
  /** DNS-1123 label; Destination.subset refers to it. */
  name: subsetName,
  labels: labelMap.optional(),
  trafficPolicy: trafficPolicy.optional(),
});
export type Subset = z.infer<typeof subset>;

const destinationRuleSpecShape = z.strictObject({
  /** The service: a registry name ("reviews", "reviews.default.svc.cluster.local") or `*.suffix`. */
  host: z.string(),
  trafficPolicy: trafficPolicy.optional(),
  subsets: z.array(subset).optional(),
  /** Namespaces that see this rule: `.`, `*` or names. */
  exportTo: z.array(z.string()).optional(),
  /** Apply only to these workloads (then exportTo may only be this namespace). */
  workloadSelector: matchLabelsSelector.optional(),
});

export const destinationRuleSpec = destinationRuleSpecShape.superRefine(
  (dr, ctx) => {
    const problem = wildcardDomainProblem(dr.host);
    if (problem !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['host'],
        message: `expected a service hostname ("reviews", "reviews.default.svc.cluster.local", "*.example.com"): ${problem}, got ${JSON.stringify(dr.host)}`,
      });
    const names = new Set<string>();
    (dr.subsets ?? []).forEach((s, i) => {
      if (names.has(s.name))
        ctx.addIssue({
          code: 'custom',
          path: ['subsets', i, 'name'],
          message: `expected unique subset names, "${s.name}" is repeated`,
        });
      names.add(s.name);
    });
  },
  whenParsed('host', 'subsets'),
);
export type DestinationRuleSpec = z.infer<typeof destinationRuleSpec>;

export const destinationRuleSchema = resourceEnvelope(destinationRuleSpec).superRefine((dr, ctx) => {
  const namespace = dr.metadata.namespace;
  const exportTo = dr.spec.exportTo ?? [];
  checkExportTo(ctx, exportTo, { namespace, path: ['spec', 'exportTo'] });
  // A rule for selected workloads is only visible in its own namespace.
  if (dr.spec.workloadSelector !== undefined && exportTo.length > 0) {
    const local = exportTo.every((e) => e === '.' || (namespace !== undefined && e === namespace));
    if (!local || new Set(exportTo.map((e) => (e === '.' ? namespace : e))).size > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['spec', 'exportTo'],
        message: "expected exportTo to be only the rule's own namespace when workloadSelector is set",
      });
  }
});
export type DestinationRule = z.infer<typeof destinationRuleSchema>;

export const destinationRuleKind = defineKind({
  group: NETWORKING_GROUP,
  kind: 'DestinationRule',
  versions: NETWORKING_VERSIONS,
  namespaced: true,
  schema: destinationRuleSchema,
});
