// AuthorizationPolicy (security.istio.io): allow, deny, audit or delegate (CUSTOM, to an extension provider)
// requests that match rules of sources (from), operations (to) and conditions (when). The checks are those of
// Istio's validation webhook (ValidateAuthorizationPolicy) and the CRD's CEL rules.
import { z } from 'zod';
import { resourceEnvelope } from '../common.js';
import { defineKind } from '../kind-definition.js';
import { describe } from '../validate.js';
import {
  addIssue,
  checkDryRun,
  checkEach,
  checkedStrings,
  checkTargeting,
  ipBlockError,
  nonEmptyStrings,
  pathTemplateError,
  policySelector,
  policyTargetReference,
  policyTargetReferences,
  portStringError,
  serviceAccountError,
  trustDomainError,
  wildcardValueError,
} from './security-common.js';

const ipBlocks = checkedStrings(ipBlockError);
const serviceAccounts = checkedStrings(serviceAccountError).max(16);
const trustDomains = checkedStrings(trustDomainError);
const ports = checkedStrings(portStringError);
const paths = checkedStrings((p) => (p === '' ? 'expected a non-empty string' : pathTemplateError(p)));

/** Source: peer identities, namespaces, IP blocks ...; fields are ANDed, items of a field ORed. */
export const authorizationSource = z
  .strictObject({
    principals: nonEmptyStrings.optional(),
    notPrincipals: nonEmptyStrings.optional(),
    requestPrincipals: nonEmptyStrings.optional(),
    notRequestPrincipals: nonEmptyStrings.optional(),
    namespaces: nonEmptyStrings.optional(),
    notNamespaces: nonEmptyStrings.optional(),
    serviceAccounts: serviceAccounts.optional(),
    notServiceAccounts: serviceAccounts.optional(),
    ipBlocks: ipBlocks.optional(),
    notIpBlocks: ipBlocks.optional(),
    remoteIpBlocks: ipBlocks.optional(),
    notRemoteIpBlocks: ipBlocks.optional(),
    trustDomains: trustDomains.optional(),
    notTrustDomains: trustDomains.optional(),
  })
  .superRefine((src, ctx) => {
    const lists = Object.values(src) as (readonly string[] | undefined)[];
    if (lists.every((l) => (l?.length ?? 0) === 0))
      addIssue(ctx, [], 'expected at least one non-empty field in source');
    const accounts =
      src.serviceAccounts !== undefined
        ? 'serviceAccounts'
        : src.notServiceAccounts !== undefined
          ? 'notServiceAccounts'
          : undefined;
    if (accounts !== undefined)
      for (const other of ['principals', 'notPrincipals', 'namespaces', 'notNamespaces'] as const)
        if (src[other] !== undefined)
          addIssue(ctx, [other], `expected no ${other} together with ${accounts}`);
  });
export type AuthorizationSource = z.infer<typeof authorizationSource>;

/** Operation: hosts, ports, methods and paths of the request; fields ANDed, items ORed. Ports are strings. */
export const authorizationOperation = z
  .strictObject({
    hosts: nonEmptyStrings.optional(),
    notHosts: nonEmptyStrings.optional(),
    ports: ports.optional(),
    notPorts: ports.optional(),
    methods: nonEmptyStrings.optional(),
    notMethods: nonEmptyStrings.optional(),
    paths: paths.optional(),
    notPaths: paths.optional(),
  })
  .superRefine((op, ctx) => {
    const lists = Object.values(op) as (readonly string[] | undefined)[];
    if (lists.every((l) => (l?.length ?? 0) === 0))
      addIssue(ctx, [], 'expected at least one non-empty field in operation');
  });
export type AuthorizationOperation = z.infer<typeof authorizationOperation>;

/** Attributes `when` may test whose key is exactly the name. */
const PLAIN_KEYS = [
  'source.ip',
  'remote.ip',
  'source.namespace',
  'source.serviceAccount',
  'source.principal',
  'source.trustDomain',
  'request.auth.principal',
  'request.auth.audiences',
  'request.auth.presenter',
  'destination.ip',
  'destination.port',
  'connection.sni',
];
/** Attributes written `prefix[name]`, e.g. request.headers[User-Agent]. */
const MAP_KEY_PREFIXES = ['request.headers', 'request.auth.claims', 'experimental.envoy.filters.'];

/** Why a condition key is not supported, or undefined (Istio's security.ValidateAttribute). */
function conditionKeyError(key: string): string | undefined {
  if (key === '') return 'expected a non-empty key';
  const prefix = MAP_KEY_PREFIXES.find((p) => key.startsWith(p));
  if (prefix !== undefined) {
    const open = key.indexOf('[');
    return key.endsWith(']') && open > 0 && open < key.length - 2
      ? undefined
      : `expected a key of the form ${prefix}${prefix.endsWith('.') ? '<name>' : ''}[<name>], got ${describe(key)}`;
  }
  if (PLAIN_KEYS.includes(key)) return undefined;
  if (key === 'destination.namespace')
    return 'expected a supported key: destination.namespace is replaced by the policy namespace';
  if (key.startsWith('destination.labels'))
    return 'expected a supported key: destination.labels is replaced by the selector';
  if (key === 'destination.name' || key === 'destination.user')
    return `expected a supported key: ${key} was only supported in v1alpha1`;
  return `expected a supported key (${PLAIN_KEYS.join(', ')}, request.headers[<name>], request.auth.claims[<name>] or experimental.envoy.filters.*[<name>]), got ${describe(key)}`;
}

/** How the values of an attribute are checked, beside being non-empty. */
function conditionValueCheck(key: string): (value: string) => string | undefined {
  const nonEmpty = (v: string) => (v === '' ? 'expected a non-empty string' : undefined);
  switch (key) {
    case 'source.ip':
    case 'remote.ip':
    case 'destination.ip':
      return ipBlockError;
    case 'destination.port':
      return portStringError;
    case 'source.serviceAccount':
      return serviceAccountError;
    case 'source.trustDomain':
      return (v) => wildcardValueError(v, 'trust domain');
    default:
      return nonEmpty;
  }
}

/** Condition: an attribute (`key`) and the values it must (values) or must not (notValues) have. */
export const authorizationCondition = z
  .strictObject({
    key: z.string(),
    values: z.array(z.string()).optional(),
    notValues: z.array(z.string()).optional(),
  })
  .superRefine((cond, ctx) => {
    const keyErr = conditionKeyError(cond.key);
    if (keyErr !== undefined) return addIssue(ctx, ['key'], keyErr);
    if ((cond.values?.length ?? 0) === 0 && (cond.notValues?.length ?? 0) === 0)
      return addIssue(ctx, [], `expected values or notValues for key ${cond.key}`);
    const check = conditionValueCheck(cond.key);
    checkEach(ctx, cond.values, check, ['values']);
    checkEach(ctx, cond.notValues, check, ['notValues']);
  });
export type AuthorizationCondition = z.infer<typeof authorizationCondition>;

/**
 * Rule: matches when any `from`, any `to` and every `when` matches; an empty rule `{}` matches everything. An
 * empty `from` or `to` list is the same as none (it decodes to an absent repeated field).
 */
export const authorizationRule = z.strictObject({
  from: z
    .array(z.strictObject({ source: authorizationSource }))
    .max(512)
    .optional(),
  to: z.array(z.strictObject({ operation: authorizationOperation })).optional(),
  when: z.array(authorizationCondition).optional(),
});
export type AuthorizationRule = z.infer<typeof authorizationRule>;

export const authorizationAction = z.enum(['ALLOW', 'DENY', 'AUDIT', 'CUSTOM']);
export type AuthorizationAction = z.infer<typeof authorizationAction>;

/** What CUSTOM (external authorization) cannot match on: identities the ext_authz filter runs before. */
const CUSTOM_UNSUPPORTED_SOURCE = [
  'principals',
  'notPrincipals',
  'requestPrincipals',
  'notRequestPrincipals',
  'namespaces',
  'notNamespaces',
  'serviceAccounts',
  'notServiceAccounts',
  'trustDomains',
  'notTrustDomains',
] as const;
const customUnsupportedKey = (key: string) =>
  ['source.namespace', 'source.serviceAccount', 'source.trustDomain', 'source.principal'].includes(key) ||
  key.startsWith('request.auth.');

type Rule = z.infer<typeof authorizationRule>;
function checkCustomRule(ctx: z.RefinementCtx, rule: Rule, i: number): void {
  rule.from?.forEach((from, j) => {
    for (const field of CUSTOM_UNSUPPORTED_SOURCE)
      if ((from.source[field]?.length ?? 0) > 0)
        addIssue(
          ctx,
          ['rules', i, 'from', j, 'source', field],
          `expected no ${field} with action CUSTOM (not supported)`,
        );
  });
  rule.when?.forEach((cond, k) => {
    if (customUnsupportedKey(cond.key))
      addIssue(
        ctx,
        ['rules', i, 'when', k, 'key'],
        `expected no condition on ${cond.key} with action CUSTOM (not supported)`,
      );
  });
}

/**
 * AuthorizationPolicySpec. action defaults to ALLOW. CUSTOM needs `provider.name` (an extension provider of the
 * mesh config) and `provider` needs CUSTOM; DENY and CUSTOM need `rules` (add `{}` to match every request).
 */
export const authorizationPolicySpec = z
  .strictObject({
    selector: policySelector.optional(),
    targetRef: policyTargetReference.optional(),
    targetRefs: policyTargetReferences.optional(),
    rules: z.array(authorizationRule).max(512).optional(),
    action: authorizationAction.optional(),
    provider: z.strictObject({ name: z.string().optional() }).optional(),
  })
  .superRefine((spec, ctx) => {
    checkTargeting(ctx, spec);
    const action = spec.action ?? 'ALLOW';
    if (action === 'CUSTOM') {
      if (spec.provider === undefined) addIssue(ctx, ['provider'], 'expected a provider for action CUSTOM');
      else if ((spec.provider.name ?? '') === '')
        addIssue(ctx, ['provider', 'name'], 'expected a provider name for action CUSTOM');
      spec.rules?.forEach((rule, i) => {
        checkCustomRule(ctx, rule, i);
      });
    } else if (spec.provider !== undefined) {
      addIssue(ctx, ['provider'], `expected no provider unless action is CUSTOM, got action ${action}`);
    }
    if ((action === 'CUSTOM' || action === 'DENY') && (spec.rules?.length ?? 0) === 0)
      addIssue(
        ctx,
        ['rules'],
        `expected rules for action ${action}: without rules the policy never applies (use [{}] to match every request)`,
      );
  });
export type AuthorizationPolicySpec = z.infer<typeof authorizationPolicySpec>;

export const authorizationPolicySchema = resourceEnvelope(authorizationPolicySpec.optional()).superRefine(
  (ap, ctx) => checkDryRun(ctx, ap.metadata.annotations, ap.spec?.action ?? 'ALLOW'),
);
export type AuthorizationPolicy = z.infer<typeof authorizationPolicySchema>;

export const authorizationPolicyKind = defineKind({
  group: 'security.istio.io',
  kind: 'AuthorizationPolicy',
  versions: ['v1', 'v1beta1'],
  namespaced: true,
  schema: authorizationPolicySchema,
});
