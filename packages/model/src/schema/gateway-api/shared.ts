// Building blocks shared by the Gateway API kinds (gateway.networking.k8s.io): the identifier formats of
// apis/v1/shared_types.go and object_reference_types.go, Gateway API durations, and object references.
// Formats follow the CRDs' OpenAPI patterns; every check reports one sentence saying what was expected.
// Defaults the CRDs apply (kind Gateway, weight 1 ...) are not inserted: values are kept as written, and checks
// that depend on a default use it explicitly.
import { z } from 'zod';
import { parseDurationNs } from '../duration.js';
import { describe } from '../validate.js';

/** A string of `min`..`max` characters matching `pattern` (when given); `what` names the format in messages. */
export function formatted(what: string, opts: { pattern?: RegExp; min?: number; max?: number } = {}) {
  const { pattern, min = 0, max } = opts;
  return z.string().superRefine((s, ctx) => {
    // Length first: it bounds the work the pattern does.
    if (s.length < min) {
      const message =
        min === 1
          ? `expected ${what}, got an empty string`
          : `expected ${what} of at least ${min} characters, got ${s.length}`;
      ctx.addIssue({ code: 'custom', message });
    } else if (max !== undefined && s.length > max) {
      ctx.addIssue({
        code: 'custom',
        message: `expected ${what} of at most ${max} characters, got ${s.length}`,
      });
    } else if (pattern !== undefined && !pattern.test(s)) {
      ctx.addIssue({ code: 'custom', message: `expected ${what}, got ${describe(s)}` });
    }
  });
}

// RFC 1123 subdomain: lower-case labels of letters, digits and '-', joined by '.'.
const DNS_SUBDOMAIN = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
export const DNS_SUBDOMAIN_RE = new RegExp(`^${DNS_SUBDOMAIN}$`);
export const HOSTNAME_RE = new RegExp(`^(\\*\\.)?${DNS_SUBDOMAIN}$`);
const IPV4_LIKE_RE = /^[0-9]+(\.[0-9]+){3}$/;

/** API group: empty (the core group) or a DNS subdomain, at most 253 characters. */
export const group = formatted(
  'an API group (empty for the core group, else a DNS subdomain such as "apps")',
  {
    pattern: new RegExp(`^$|^${DNS_SUBDOMAIN}$`),
    max: 253,
  },
);
/** Kind: starts with a letter, letters, digits and '-', 1-63 characters. */
export const kind = formatted('a kind such as "Service" (letters, digits and "-", starting with a letter)', {
  pattern: /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/,
  min: 1,
  max: 63,
});
/** Object name: any non-empty string of at most 253 characters (the referent's kind decides its rules). */
export const objectName = formatted('an object name', { min: 1, max: 253 });
/** Namespace: an RFC 1123 label, 1-63 characters. */
export const namespace = formatted('a namespace name (an RFC 1123 label such as "default")', {
  pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
  min: 1,
  max: 63,
});
/** Section name (listener name, rule name): an RFC 1123 subdomain, 1-253 characters. */
export const sectionName = formatted('a name made of lower-case letters, digits, "-" and "."', {
  pattern: DNS_SUBDOMAIN_RE,
  min: 1,
  max: 253,
});
/** TCP/UDP port 1-65535 (Gateway API's PortNumber). */
export const port = z
  .number()
  .int({ message: 'expected a whole port number' })
  .min(1, { message: 'expected a port number from 1 to 65535' })
  .max(65535, { message: 'expected a port number from 1 to 65535' });

/** Hostname: a DNS name, optionally with one leading wildcard label (`*.example.com`); IP addresses are not. */
export const hostname = hostnameSchema(true);
/** PreciseHostname: a DNS name without wildcard. */
export const preciseHostname = hostnameSchema(false);

function hostnameSchema(wildcard: boolean) {
  const what = wildcard
    ? 'a hostname such as "example.com" or "*.example.com" (lower case, no IP address)'
    : 'a hostname such as "example.com" (lower case, no wildcard, no IP address)';
  return formatted(what, {
    pattern: wildcard ? HOSTNAME_RE : DNS_SUBDOMAIN_RE,
    min: 1,
    max: 253,
  }).superRefine((s, ctx) => {
    // The pattern lets dotted-decimal IPv4 through; Gateway API forbids IP addresses as hostnames.
    if (IPV4_LIKE_RE.test(s))
      ctx.addIssue({ code: 'custom', message: `expected ${what}, got ${describe(s)}` });
  });
}

/** HTTP header name (RFC 7230 token), 1-256 characters. */
export const headerName = formatted('an HTTP header name (RFC 7230 token characters)', {
  pattern: /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/,
  min: 1,
  max: 256,
});
/**
 * HTTP header value: printable ASCII with single spaces or tabs between words, 1-4096 characters. Same language as
 * the CRD's `^[!-~]+([\t ]?[!-~]+)*$`, written without nested quantifiers so matching stays linear.
 */
export const headerValue = formatted(
  'a header value of printable ASCII, single spaces or tabs between words',
  {
    pattern: /^[!-~](?:[\t ]?[!-~])*$/,
    min: 1,
    max: 4096,
  },
);

const GW_DURATION_RE = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;
/** Gateway API Duration (GEP-2257): 1-4 terms of up to 5 digits with unit h, m, s or ms ("1h30m", "500ms"). */
export const gwDuration = formatted(
  'a duration such as "10s", "500ms" or "1h30m" (whole numbers with h, m, s or ms)',
  {
    pattern: GW_DURATION_RE,
  },
);
/** Nanoseconds of a Gateway API duration already checked by `gwDuration`. */
export function gwDurationNs(text: string): number | undefined {
  return GW_DURATION_RE.test(text) ? parseDurationNs(text) : undefined;
}

/** The fields of a BackendObjectReference (defaults: group "" (core), kind Service). */
export const backendObjectRefShape = {
  group: group.optional(),
  kind: kind.optional(),
  name: objectName,
  namespace: namespace.optional(),
  port: port.optional(),
};

/** A Service (core group, the default) is reached on a port: the reference must name it. */
export function requireServicePort(
  ctx: z.RefinementCtx,
  ref: { group?: string | undefined; kind?: string | undefined; port?: number | undefined },
): void {
  const isService = (ref.group ?? '') === '' && (ref.kind ?? 'Service') === 'Service';
  if (isService && ref.port === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['port'],
      message: 'expected a port: a reference to a Service must name its port',
    });
}

/** BackendObjectReference: a backend (a Service unless group/kind say otherwise). */
export const backendObjectReference = z
  .strictObject(backendObjectRefShape)
  .superRefine((ref, ctx) => requireServicePort(ctx, ref));
export type BackendObjectReference = z.infer<typeof backendObjectReference>;

/** SecretObjectReference (defaults: group "", kind Secret). */
export const secretObjectReference = z.strictObject({
  group: group.optional(),
  kind: kind.optional(),
  name: objectName,
  namespace: namespace.optional(),
});
export type SecretObjectReference = z.infer<typeof secretObjectReference>;

/** LocalObjectReference: an object in the same namespace; group and kind are required. */
export const localObjectReference = z.strictObject({ group, kind, name: objectName });
export type LocalObjectReference = z.infer<typeof localObjectReference>;

/** ObjectReference: group and kind required, namespace optional (CA certificate references). */
export const objectReference = z.strictObject({
  group,
  kind,
  name: objectName,
  namespace: namespace.optional(),
});
export type ObjectReference = z.infer<typeof objectReference>;

/** Kubernetes LabelSelector; operators and their values as `metav1.LabelSelectorAsSelector` accepts them. */
export const labelSelector = z.strictObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z
    .array(
      z
        .strictObject({
          key: z.string(),
          operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
          values: z.array(z.string()).optional(),
        })
        .superRefine((e, ctx) => {
          const n = e.values?.length ?? 0;
          if ((e.operator === 'In' || e.operator === 'NotIn') && n === 0)
            ctx.addIssue({
              code: 'custom',
              path: ['values'],
              message: `expected at least one value for operator ${e.operator}`,
            });
          if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && n > 0)
            ctx.addIssue({
              code: 'custom',
              path: ['values'],
              message: `expected no values for operator ${e.operator}`,
            });
        }),
    )
    .optional(),
});
export type LabelSelector = z.infer<typeof labelSelector>;

/**
 * Reports every item whose key an earlier item already has (Kubernetes list-type map and set). `keyOf` returns the
 * key as shown in messages (JSON-quote names); `field` is where the key lives inside each item.
 */
export function checkUnique<T>(
  ctx: z.RefinementCtx,
  items: readonly T[],
  keyOf: (item: T) => string | undefined,
  opts: { what: string; field?: (string | number)[] },
): void {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (key === undefined) return;
    const at = first.get(key);
    if (at === undefined) first.set(key, i);
    else
      ctx.addIssue({
        code: 'custom',
        path: [i, ...(opts.field ?? [])],
        message: `expected a unique ${opts.what}, ${key} is also at index ${at}`,
      });
  });
}
