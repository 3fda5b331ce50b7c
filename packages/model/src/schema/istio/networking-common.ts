// Zod pieces shared by the networking.istio.io kinds: integers as the CRDs type them, durations with Istio's
// limits, label maps and selectors, Destination, exportTo and gateway-name rules. Refinements add every issue
// they find (never stop at the first), at the path of the offending field or map key.
import { z } from 'zod';
import { duration, portNumber, stringMap, workloadSelector } from '../common.js';
import { parseDurationNs } from '../duration.js';
import {
  fqdnProblem,
  isDns1123Label,
  isLabelValue,
  labelKeyProblem,
  wildcardDomainProblem,
} from './names.js';

export const NETWORKING_GROUP = 'networking.istio.io';
/** networking.istio.io serves v1, v1beta1 and v1alpha3 of most kinds, one schema (newest first). */
export const NETWORKING_VERSIONS = ['v1', 'v1beta1', 'v1alpha3'] as const;

const INT32_RANGE = 'expected a whole number from -2147483648 to 2147483647';
const UINT32_RANGE = 'expected a whole number from 0 to 4294967295';

/** protobuf int32. */
export const int32 = z
  .number()
  .int({ message: 'expected a whole number' })
  .min(-2147483648, { message: INT32_RANGE })
  .max(2147483647, { message: INT32_RANGE });
/** protobuf uint32 (the CRDs bound it to 0-4294967295). */
export const uint32 = z
  .number()
  .int({ message: 'expected a whole number' })
  .min(0, { message: UINT32_RANGE })
  .max(4294967295, { message: UINT32_RANGE });
/** An int32 Istio requires to be >= 0 (limits, counts). */
export const nonNegativeInt32 = z
  .number()
  .int({ message: 'expected a whole number' })
  .min(0, { message: 'expected a whole number that is not negative' })
  .max(2147483647, { message: INT32_RANGE });
/** A percentage carried as an int32 (maxEjectionPercent, minHealthPercent), 0-100. */
export const intPercent = z
  .number()
  .int({ message: 'expected a whole number' })
  .min(0, { message: 'expected a percentage from 0 to 100' })
  .max(100, { message: 'expected a percentage from 0 to 100' });

function addDurationRule(check: (ns: number, text: string) => string | undefined) {
  return (text: string, ctx: z.RefinementCtx) => {
    const ns = parseDurationNs(text);
    if (ns === undefined || ns < 0) return; // `duration()` already reported it
    const message = check(ns, text);
    if (message !== undefined) ctx.addIssue({ code: 'custom', message });
  };
}

/** A Go duration the CRD limits with `duration(self) >= duration('1ms')` (so "0s" is rejected too). */
export const crdDuration = duration({ min: '1ms' }).superRefine(
  addDurationRule((ns, text) =>
    ns === 0 ? `expected a duration of at least 1ms, got ${JSON.stringify(text)}` : undefined,
  ),
);

/** What Istio's ValidateDuration adds to the CRD rule: whole milliseconds ("1.5ms" is rejected). */
export const msDuration = crdDuration.superRefine(
  addDurationRule((ns, text) =>
    ns >= 1e6 && ns % 1e6 !== 0
      ? `expected a duration in whole milliseconds, got ${JSON.stringify(text)}`
      : undefined,
  ),
);

/** Any non-negative Go duration (fields neither the CRD nor Istio limits). */
export const anyDuration = duration();

/** A map of Kubernetes labels whose keys and values Istio validates (sourceLabels, subset labels ...). */
export const labelMap = stringMap.superRefine((labels, ctx) => {
  for (const [key, value] of Object.entries(labels)) {
    const problem = labelKeyProblem(key);
    if (problem !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `expected a label key: ${problem}, got "${key}"`,
      });
    if (!isLabelValue(value))
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `expected a label value of alphanumerics, "-", "_" and "." between alphanumerics, got ${JSON.stringify(value)}`,
      });
  }
});

/** Labels of a workload selector: no empty key, no `*` in keys or values, values at most 63 characters. */
export const selectorLabels = stringMap.superRefine((labels, ctx) => {
  for (const [key, value] of Object.entries(labels)) {
    if (key === '')
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: 'expected a non-empty label key in the selector',
      });
    if (key.includes('*') || value.includes('*'))
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `expected no wildcard in a selector, got "${key}=${value}"`,
      });
    if (value.length > 63)
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `expected a label value of at most 63 characters, got ${value.length}`,
      });
  }
});

/** networking.istio.io WorkloadSelector (Sidecar, ServiceEntry, EnvoyFilter): `{ labels }`. */
export const labelsSelector = z.strictObject({ labels: selectorLabels.optional() });
export type LabelsSelector = z.infer<typeof labelsSelector>;

/** istio.type.v1beta1.WorkloadSelector (DestinationRule): `{ matchLabels }`, with Istio's selector rules. */
export const matchLabelsSelector = workloadSelector.superRefine((sel, ctx) => {
  const r = selectorLabels.safeParse(sel.matchLabels ?? {});
  if (!r.success)
    for (const issue of r.error.issues) ctx.addIssue({ ...issue, path: ['matchLabels', ...issue.path] });
}, whenParsed('matchLabels'));

function subsetProblem(name: string): string | undefined {
  return isDns1123Label(name) ? undefined : `expected a subset name that is a DNS-1123 label, got "${name}"`;
}

/** A subset name: a DNS-1123 label (Istio's validateSubsetName). */
export const subsetName = z.string().superRefine((name, ctx) => {
  const message = subsetProblem(name);
  if (message !== undefined) ctx.addIssue({ code: 'custom', message });
});

/** PortSelector: `{ number }`; Istio requires a port number 1-65535 when `port` is given. */
export const portSelector = z.strictObject({ number: portNumber });
export type PortSelector = z.infer<typeof portSelector>;

/** A service host in a Destination: an FQDN, short name or `*.suffix` wildcard; never `*` alone. */
export function checkServiceHost(ctx: z.RefinementCtx, host: string, path: (string | number)[]): void {
  const problem = host === '*' ? 'the wildcard "*" alone is not a service' : wildcardDomainProblem(host);
  if (problem !== undefined)
    ctx.addIssue({
      code: 'custom',
      path,
      message: `expected a service hostname ("reviews", "reviews.default.svc.cluster.local", "*.example.com"): ${problem}, got ${JSON.stringify(host)}`,
    });
}

/** Destination: the service (and optionally subset and port) traffic goes to. */
export const destination = z
  .strictObject({ host: z.string(), subset: subsetName.optional(), port: portSelector.optional() })
  .superRefine((d, ctx) => checkServiceHost(ctx, d.host, ['host']), whenParsed('host'));
export type Destination = z.infer<typeof destination>;

/** Istio's exportTo values: `.` (this namespace), `*` (all), a namespace, and for ServiceEntry `~` (none). */
export function checkExportTo(
  ctx: z.RefinementCtx,
  exportTo: readonly string[] | undefined,
  opts: { namespace?: string; serviceEntry?: boolean; path: (string | number)[] },
): void {
  if (exportTo === undefined || exportTo.length === 0) return;
  const seen = new Set<string>();
  exportTo.forEach((entry, i) => {
    const key = entry === '.' && opts.namespace !== undefined ? opts.namespace : entry;
    const path = [...opts.path, i];
    if (seen.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `expected unique exportTo entries, "${entry}" is repeated`,
      });
      return;
    }
    seen.add(key);
    if (entry === '~' && !opts.serviceEntry)
      ctx.addIssue({
        code: 'custom',
        path,
        message: 'expected ".", "*" or a namespace: exportTo "~" (none) is only allowed on a ServiceEntry',
      });
    else if (entry !== '.' && entry !== '*' && entry !== '~' && !isDns1123Label(entry))
      ctx.addIssue({
        code: 'custom',
        path,
        message: `expected ".", "*" or a namespace name (a DNS-1123 label) in exportTo, got ${JSON.stringify(entry)}`,
      });
  });
  if (exportTo.length > 1 && seen.has('*'))
    ctx.addIssue({
      code: 'custom',
      path: opts.path,
      message: 'expected exportTo "*" (public) alone, got it with other entries',
    });
  if (opts.serviceEntry && exportTo.length > 1 && seen.has('~'))
    ctx.addIssue({
      code: 'custom',
      path: opts.path,
      message: 'expected exportTo "~" (no one) alone, got it with other entries',
    });
}

/**
 * A gateway reference in a VirtualService: `mesh`, `name`, `namespace/name` (DNS-1123 labels) or the legacy
 * `name.namespace` form (an FQDN). Returns why it is invalid, or undefined.
 */
export function gatewayNameProblem(name: string): string | undefined {
  const slash = name.indexOf('/');
  if (slash < 0) {
    return fqdnProblem(name);
  }
  const ns = name.slice(0, slash);
  const gw = name.slice(slash + 1);
  if (!isDns1123Label(ns)) return `the namespace "${ns}" is not a DNS-1123 label`;
  if (!isDns1123Label(gw)) return `the gateway name "${gw}" is not a DNS-1123 label`;
  return undefined;
}

/** A list of gateway references (`mesh`, `gw`, `ns/gw`). */
export const gatewayNames = z.array(z.string()).superRefine((names, ctx) => {
  names.forEach((name, i) => {
    const problem = gatewayNameProblem(name);
    if (problem !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: `expected a gateway reference "mesh", "<name>" or "<namespace>/<name>": ${problem}, got ${JSON.stringify(name)}`,
      });
  });
});

/**
 * Options for an object's `.superRefine`: run it even when other fields failed to parse (zod skips refinements
 * after any type error), as long as the object itself and the fields it reads (`reads`, keys of the object)
 * parsed. So a type error in one field does not hide a rule broken elsewhere in the same object. Issues zod
 * marks as explicitly aborting (array length limits) still skip it. A refinement must list every field whose
 * value it reads beyond "is it set" (robustness.test.ts feeds every field values of every other type).
 */
export function whenParsed(...reads: string[]): z.core.$ZodSuperRefineParams {
  return {
    when: (payload) =>
      payload.issues.every((issue) => {
        if (issue.continue === true) return true;
        const first = issue.path?.[0];
        return first !== undefined && !reads.includes(String(first));
      }),
  };
}

/** Adds an issue at `path` when the value is set (not undefined/null). Used for "X cannot be used with Y". */
export function forbid(
  ctx: z.RefinementCtx,
  value: unknown,
  path: (string | number)[],
  message: string,
): void {
  if (value !== undefined && value !== null) ctx.addIssue({ code: 'custom', path, message });
}

/** True when a list is set and not empty. */
export function nonEmpty(list: readonly unknown[] | undefined | null): boolean {
  return list !== undefined && list !== null && list.length > 0;
}
