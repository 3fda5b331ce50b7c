// Zod building blocks shared by every resource schema. Messages of custom checks are sentences that say what
// was expected; built-in zod issues are turned into such sentences by `issuesFromZod` (validate.ts).
import { z } from 'zod';
import { parseDurationNs } from './duration.js';
import { labelValueProblem, qualifiedNameProblem } from './kube-names.js';
import { re2Error } from './regex.js';

/** Kubernetes labels and annotations: string to string. */
export const stringMap = z.record(z.string(), z.string());

/** Kubernetes ObjectMeta, every field Kubernetes defines (unknown ones are errors, as kubectl --validate=strict). */
export const objectMeta = z
  .strictObject({
    name: z.string().optional(),
    generateName: z.string().optional(),
    namespace: z.string().optional(),
    labels: stringMap.optional(),
    annotations: stringMap.optional(),
    uid: z.string().optional(),
    resourceVersion: z.string().optional(),
    generation: z.number().int().optional(),
    creationTimestamp: z.union([z.string(), z.null()]).optional(),
    deletionTimestamp: z.string().optional(),
    deletionGracePeriodSeconds: z.number().int().optional(),
    ownerReferences: z
      .array(z.looseObject({ apiVersion: z.string(), kind: z.string(), name: z.string() }))
      .optional(),
    finalizers: z.array(z.string()).optional(),
    managedFields: z.array(z.looseObject({})).optional(),
    selfLink: z.string().optional(),
  })
  .superRefine((meta, ctx) => {
    // Label and annotation keys and label values as the API server checks them.
    const check = (path: (string | number)[], problem: string | undefined) => {
      if (problem !== undefined) ctx.addIssue({ code: 'custom', path, message: problem });
    };
    // (Names and namespaces are checked by the loader as warnings: offline tools such as kube-inject accept
    // names the API server would refuse, and Istio's own test data uses them.)
    for (const [key, value] of Object.entries(meta.labels ?? {})) {
      check(['labels', key], qualifiedNameProblem(key));
      check(['labels', key], labelValueProblem(value));
    }
    for (const key of Object.keys(meta.annotations ?? {}))
      check(['annotations', key], qualifiedNameProblem(key.toLowerCase()));
  });
export type ObjectMeta = z.infer<typeof objectMeta>;

/** A TCP/UDP port number, 1-65535. */
export const portNumber = z
  .number()
  .int({ message: 'expected a whole port number' })
  .min(1, { message: 'expected a port number from 1 to 65535' })
  .max(65535, { message: 'expected a port number from 1 to 65535' });

/** A Go duration string ("1.5s", "10ms", "1h"), at least `min` when given (also a Go duration). */
export function duration(opts: { min?: string } = {}) {
  const minNs = opts.min === undefined ? undefined : parseDurationNs(opts.min);
  return z.string({ error: 'expected a duration such as "1.5s" or "10ms"' }).superRefine((text, ctx) => {
    const ns = parseDurationNs(text);
    if (ns === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a duration such as "1.5s" or "10ms", got ${JSON.stringify(text)}`,
      });
    } else if (ns < 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a duration that is not negative, got ${JSON.stringify(text)}`,
      });
    } else if (minNs !== undefined && ns < minNs && ns !== 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a duration of at least ${opts.min}, got ${JSON.stringify(text)}`,
      });
    }
  });
}

/** A percentage from 0 to 100 (a double), as Istio's `Percent` and weights use. */
export const percentValue = z
  .number()
  .min(0, { message: 'expected a percentage from 0 to 100' })
  .max(100, { message: 'expected a percentage from 0 to 100' });

/** Istio's `Percent` message: `{ value: 0-100 }`. */
export const percent = z.strictObject({ value: percentValue.optional() });

/** A regular expression in RE2 syntax (what Envoy's safe_regex accepts). */
export const re2 = z.string().superRefine((pattern, ctx) => {
  const err = re2Error(pattern);
  if (err !== undefined)
    ctx.addIssue({ code: 'custom', message: `expected a regular expression in RE2 syntax: ${err}` });
});

/**
 * Adds an issue unless exactly one (or, with `atMostOne`, at most one) of `keys` is set on `value`.
 * Use inside superRefine for protobuf oneofs: `exactlyOne(ctx, v, ['exact', 'prefix', 'regex'])`.
 */
export function exactlyOne(
  ctx: z.RefinementCtx,
  value: Record<string, unknown>,
  keys: readonly string[],
  opts: { atMostOne?: boolean; path?: (string | number)[] } = {},
): void {
  const set = keys.filter((k) => value[k] !== undefined && value[k] !== null);
  if (set.length === 1 || (set.length === 0 && opts.atMostOne)) return;
  const list = keys.join(', ');
  const message =
    set.length === 0
      ? `expected exactly one of ${list}, got none`
      : `expected ${opts.atMostOne ? 'at most' : 'exactly'} one of ${list}, got ${set.join(' and ')}`;
  ctx.addIssue({ code: 'custom', message, path: opts.path ?? [] });
}

/** Istio's StringMatch: exactly one of exact, prefix, regex (RE2). */
export const stringMatch = z
  .strictObject({ exact: z.string().optional(), prefix: z.string().optional(), regex: re2.optional() })
  .superRefine((v, ctx) => exactlyOne(ctx, v, ['exact', 'prefix', 'regex']));
export type StringMatch = z.infer<typeof stringMatch>;

/** Istio's WorkloadSelector: `{ matchLabels }`. */
export const workloadSelector = z.strictObject({ matchLabels: stringMap.optional() });

/** The envelope every Kubernetes object has; `spec` is given per kind. */
export function resourceEnvelope<S extends z.ZodType>(spec: S, extra: z.ZodRawShape = {}) {
  return z.strictObject({
    apiVersion: z.string(),
    kind: z.string(),
    metadata: objectMeta,
    spec,
    status: z.unknown().optional(),
    ...extra,
  });
}
