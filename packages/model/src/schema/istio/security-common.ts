// Pieces shared by Istio's security kinds (security.istio.io: PeerAuthentication, AuthorizationPolicy,
// RequestAuthentication): the workload selector and policy target references of their CRDs, and the value checks
// of Istio's validation webhook (pkg/config/validation, pkg/config/security): IP blocks, port strings, service
// accounts, trust domains, path templates and the dry-run annotation.
import { z } from 'zod';
import { describe } from '../validate.js';

/** Adds a custom issue; `path` is relative to the schema being refined. */
export function addIssue(ctx: z.RefinementCtx, path: (string | number)[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

/**
 * WorkloadSelector as the security CRDs restrict it: label keys non-empty, no "*" in keys or values, values at most
 * 63 characters, at most 4096 labels.
 */
export const policySelector = z.strictObject({
  matchLabels: z
    .record(z.string(), z.string())
    .superRefine((labels, ctx) => {
      const entries = Object.entries(labels);
      if (entries.length > 4096) addIssue(ctx, [], `expected at most 4096 labels, got ${entries.length}`);
      for (const [key, value] of entries) {
        if (key === '') addIssue(ctx, [key], 'expected a label key that is not empty');
        else if (key.includes('*'))
          addIssue(ctx, [key], `expected a label key without "*", got ${describe(key)}`);
        if (value.includes('*'))
          addIssue(ctx, [key], `expected a label value without "*", got ${describe(value)}`);
        else if (value.length > 63)
          addIssue(ctx, [key], `expected a label value of at most 63 characters, got ${value.length}`);
      }
    })
    .optional(),
});
export type PolicySelector = z.infer<typeof policySelector>;

/** What a policy may target: [group, kind]; Istio reads the core group as "" or "core". */
const TARGETABLE: readonly (readonly [string, string])[] = [
  ['core', 'Service'],
  ['networking.istio.io', 'ServiceEntry'],
  ['gateway.networking.k8s.io', 'Gateway'],
  ['gateway.networking.k8s.io', 'GatewayClass'],
];

const GROUP_RE = /^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const KIND_RE = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;

/**
 * PolicyTargetReference: a Service, ServiceEntry, Gateway or GatewayClass in the policy's own namespace (cross-
 * namespace references are not supported, so `namespace` must be empty).
 */
export const policyTargetReference = z
  .strictObject({
    group: z.string().optional(),
    kind: z.string(),
    name: z.string(),
    namespace: z.string().optional(),
  })
  .superRefine((ref, ctx) => {
    const group = ref.group ?? '';
    if (group.length > 253 || !GROUP_RE.test(group))
      addIssue(
        ctx,
        ['group'],
        `expected an API group (empty for the core group, else a DNS subdomain), got ${describe(group)}`,
      );
    const kindOk = ref.kind.length > 0 && ref.kind.length <= 63 && KIND_RE.test(ref.kind);
    if (!kindOk)
      addIssue(
        ctx,
        ['kind'],
        `expected a kind such as "Service" (letters, digits and "-"), got ${describe(ref.kind)}`,
      );
    if (ref.name.length === 0 || ref.name.length > 253)
      addIssue(ctx, ['name'], `expected a name of 1 to 253 characters, got ${describe(ref.name)}`);
    if ((ref.namespace ?? '') !== '')
      addIssue(
        ctx,
        ['namespace'],
        'expected no namespace: a policy can only target objects in its own namespace',
      );
    const canonical = group === '' ? 'core' : group;
    // Only a well-formed kind is compared with what policies may target (one issue per bad kind).
    if (kindOk && !TARGETABLE.some(([g, k]) => g === canonical && k === ref.kind))
      addIssue(
        ctx,
        ['kind'],
        'expected a target of kind Service (group ""), ServiceEntry (networking.istio.io), or Gateway or ' +
          `GatewayClass (gateway.networking.k8s.io), got ${group === '' ? '' : `${group}/`}${ref.kind}`,
      );
  });
export type PolicyTargetReference = z.infer<typeof policyTargetReference>;

/** At most 16 target references. */
export const policyTargetReferences = z.array(policyTargetReference).max(16);

/** A policy applies to workloads by selector, or to targets by targetRef or targetRefs: at most one of them. */
export function checkTargeting(
  ctx: z.RefinementCtx,
  spec: { selector?: unknown; targetRef?: unknown; targetRefs?: unknown },
): void {
  const keys = ['selector', 'targetRef', 'targetRefs'] as const;
  const set = keys.filter((k) => spec[k] !== undefined);
  const second = set[1];
  if (second !== undefined)
    addIssue(
      ctx,
      [second],
      `expected at most one of selector, targetRef, targetRefs, got ${set.join(' and ')}`,
    );
}

function isIPv4(s: string): boolean {
  const parts = s.split('.');
  // Go's netip rejects leading zeros ("010.0.0.1"), which some parsers read as octal.
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

function isIPv6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  // Only the last group of the whole address may be a dotted IPv4 address (two groups' worth).
  const end = halves.length === 2 ? tail : head;
  let count = head.length + tail.length;
  const last = end[end.length - 1];
  if (last?.includes('.')) {
    if (!isIPv4(last)) return false;
    end.pop();
    count += 1;
  }
  if (![...head, ...tail].every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  // "::" stands for at least one group of zeros.
  return halves.length === 2 ? count < 8 : count === 8;
}

/** 4 or 6 when `text` is an IPv4 or IPv6 address (no zone), else undefined. */
export function ipVersion(text: string): 4 | 6 | undefined {
  if (isIPv4(text)) return 4;
  if (isIPv6(text)) return 6;
  return undefined;
}

/**
 * Why `text` is not an IP address or CIDR range as Istio reads ipBlocks (Go's netip.ParseAddr, or ParsePrefix when
 * there is a "/"), or undefined when it is one. Addresses may carry an IPv6 zone ("fe80::1%eth0"); ranges may not.
 */
export function ipBlockError(text: string): string | undefined {
  const slash = text.lastIndexOf('/');
  if (slash >= 0) {
    const version = ipVersion(text.slice(0, slash));
    const bits = text.slice(slash + 1);
    const max = version === 4 ? 32 : 128;
    if (version === undefined || !/^(0|[1-9][0-9]{0,2})$/.test(bits) || Number(bits) > max)
      return `expected a CIDR range such as "10.0.0.0/16" or "2001:db8::/32", got ${describe(text)}`;
    return undefined;
  }
  const percent = text.indexOf('%');
  const ok =
    percent >= 0
      ? percent < text.length - 1 && isIPv6(text.slice(0, percent))
      : ipVersion(text) !== undefined;
  return ok ? undefined : `expected an IP address or CIDR range such as "10.0.0.0/16", got ${describe(text)}`;
}

/** Why `text` is not a port string as Istio reads it (decimal, 0-65535), or undefined. */
export function portStringError(text: string): string | undefined {
  return /^[0-9]{1,5}$/.test(text) && Number(text) <= 65535
    ? undefined
    : `expected a port number from 0 to 65535 written as a string, got ${describe(text)}`;
}

/** Why `text` is not a service account ("name" or "namespace/name", no "*", at most 320 characters), or undefined. */
export function serviceAccountError(text: string): string | undefined {
  const shape = `expected a service account "name" or "namespace/name", got ${describe(text)}`;
  if (text === '') return 'expected a service account, got an empty string';
  if (text.includes('*')) return `expected a service account without "*", got ${describe(text)}`;
  if (text.length > 320) return `expected a service account of at most 320 characters, got ${text.length}`;
  const parts = text.split('/');
  if (parts.length > 2 || parts.some((p) => p === '')) return shape;
  return undefined;
}

/** Why `text` is not a match value with at most one "*" at its start or end (or "*" alone), or undefined. */
export function wildcardValueError(text: string, what: string): string | undefined {
  if (text === '') return `expected a ${what}, got an empty string`;
  const stars = text.split('*').length - 1;
  if (stars > 1 || (stars === 1 && !text.startsWith('*') && !text.endsWith('*')))
    return `expected a ${what} with at most one "*", at its start or end, got ${describe(text)}`;
  return undefined;
}

/** Why `text` is not a trust domain match (wildcard value without "/"), or undefined. */
export function trustDomainError(text: string): string | undefined {
  const err = wildcardValueError(text, 'trust domain');
  if (err !== undefined) return err;
  return text.includes('/') ? `expected a trust domain without "/", got ${describe(text)}` : undefined;
}

// RFC 3986 pchar, the characters a literal path segment may hold beside a template operator.
const PATH_LITERAL_RE = /^[a-zA-Z0-9\-._~%!$&'()+,;=:@]+$/;

/**
 * Why `path` is not a valid authorization path, or undefined. Paths with `{*}` (one segment) or `{**}` (any number,
 * last operator only) are Envoy URI templates: no other "{", "}" or "*", and literal segments of pchar only.
 */
export function pathTemplateError(path: string): string | undefined {
  const isTemplate = path.includes('{*}') || path.includes('{**}');
  let sawAny = false;
  for (const seg of path.replace(/^\/+|\/+$/g, '').split('/')) {
    if (seg === '{*}' || seg === '{**}') {
      if (sawAny) return `expected {**} to be the last operator of the path template, got ${describe(path)}`;
      sawAny = seg === '{**}';
      continue;
    }
    if (seg.includes('{') || seg.includes('}'))
      return `expected "{" and "}" only in whole-segment {*} or {**} operators, got ${describe(path)}`;
    if (isTemplate && !PATH_LITERAL_RE.test(seg))
      return `expected path template segments of URL path characters (no "*" outside operators), got ${describe(path)}`;
  }
  return undefined;
}

/** Every item of `items` checked by `check`; issues at the item's index. */
export function checkEach(
  ctx: z.RefinementCtx,
  items: readonly string[] | undefined,
  check: (item: string) => string | undefined,
  path: (string | number)[] = [],
): void {
  items?.forEach((item, i) => {
    const err = check(item);
    if (err !== undefined) addIssue(ctx, [...path, i], err);
  });
}

/** A list of strings none of which is empty (Istio: "empty value not allowed"). */
export const nonEmptyStrings = z
  .array(z.string())
  .superRefine((items, ctx) =>
    checkEach(ctx, items, (s) => (s === '' ? 'expected a non-empty string' : undefined)),
  );

/** A list of strings each checked by `check`. */
export function checkedStrings(check: (item: string) => string | undefined) {
  return z.array(z.string()).superRefine((items, ctx) => checkEach(ctx, items, check));
}

const DRY_RUN = 'istio.io/dry-run';
const GO_BOOLS = ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'];

/**
 * The `istio.io/dry-run` annotation: only AuthorizationPolicy supports it, only with action ALLOW or DENY, and its
 * value is a Go boolean. `action` is the policy's action (default ALLOW), or null for kinds without dry-run.
 */
export function checkDryRun(
  ctx: z.RefinementCtx,
  annotations: Readonly<Record<string, string>> | undefined,
  action: string | null,
): void {
  const value = annotations?.[DRY_RUN];
  if (value === undefined) return;
  const path = ['metadata', 'annotations', DRY_RUN];
  if (action === null)
    addIssue(ctx, path, `expected no ${DRY_RUN} annotation: only AuthorizationPolicy supports it`);
  else if (action !== 'ALLOW' && action !== 'DENY')
    addIssue(ctx, path, `expected action ALLOW or DENY with the ${DRY_RUN} annotation, got ${action}`);
  else if (!GO_BOOLS.includes(value))
    addIssue(ctx, path, `expected "true" or "false" for the ${DRY_RUN} annotation, got ${describe(value)}`);
}
