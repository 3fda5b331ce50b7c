// Pieces the route kinds share (HTTPRoute, GRPCRoute, TCPRoute): parent references, weighted backend references,
// header modifiers, request mirroring, header matches and session persistence, with the CRDs' CEL rules.
import { z } from 'zod';
import { re2Error } from '../regex.js';
import {
  backendObjectReference,
  backendObjectRefShape,
  checkUnique,
  formatted,
  group,
  gwDuration,
  headerName,
  headerValue,
  hostname,
  kind,
  namespace,
  objectName,
  port,
  sectionName,
} from './shared.js';

/** ParentReference: the Gateway (default group gateway.networking.k8s.io, kind Gateway) or Service a route attaches to. */
export const parentReference = z.strictObject({
  group: group.optional(),
  kind: kind.optional(),
  namespace: namespace.optional(),
  name: objectName,
  sectionName: sectionName.optional(),
  port: port.optional(),
});
export type ParentReference = z.infer<typeof parentReference>;

/** Group/kind/namespace/name of a parent with the CRD defaults applied: references are "the same parent" by it. */
function parentKey(p: ParentReference): string {
  return `${p.group ?? 'gateway.networking.k8s.io'}/${p.kind ?? 'Gateway'}/${p.namespace ?? ''}/${p.name}`;
}

/**
 * At most 32 parent references. Several references to one parent must each set sectionName (or each leave it
 * unset), likewise port, and must differ in them.
 */
export const routeParentRefs = z
  .array(parentReference)
  .max(32)
  .superRefine((refs, ctx) => {
    refs.forEach((p2, j) => {
      for (let i = 0; i < j; i++) {
        const p1 = refs[i];
        if (p1 === undefined || parentKey(p1) !== parentKey(p2)) continue;
        const sameShape =
          (p1.sectionName === undefined) === (p2.sectionName === undefined) &&
          (p1.port === undefined) === (p2.port === undefined);
        if (!sameShape) {
          ctx.addIssue({
            code: 'custom',
            path: [j],
            message: `expected sectionName and port to be set alike on references to the same parent as index ${i}`,
          });
          return;
        }
        if (p1.sectionName === p2.sectionName && p1.port === p2.port) {
          ctx.addIssue({
            code: 'custom',
            path: [j],
            message: `expected a sectionName or port that tells this reference apart from index ${i} (same parent)`,
          });
          return;
        }
      }
    });
  });

/** At most 128 matches across all rules of a route (16 rules of up to 64 matches would allow more). */
export const MAX_ROUTE_MATCHES = 128;

/** Route hostnames, at most 16. */
export const routeHostnames = z.array(hostname).max(16);

/** A backend weight: proportion of requests, 0-1000000 (0 sends none). */
export const backendWeight = z
  .number()
  .int({ message: 'expected a whole-number weight' })
  .min(0, { message: 'expected a weight from 0 to 1000000' })
  .max(1000000, { message: 'expected a weight from 0 to 1000000' });

/** The fields of a BackendRef: a BackendObjectReference with a weight (default 1). */
export const backendRefShape = { ...backendObjectRefShape, weight: backendWeight.optional() };

/** One header to set or add. */
export const httpHeader = z.strictObject({ name: headerName, value: headerValue });
export type HTTPHeader = z.infer<typeof httpHeader>;

const headerList = z
  .array(httpHeader)
  .max(16)
  .superRefine((items, ctx) =>
    checkUnique(ctx, items, (h) => JSON.stringify(h.name), { what: 'header name', field: ['name'] }),
  );

/** HTTPHeaderFilter: set (replace), add (append) and remove headers, at most 16 of each. */
export const httpHeaderFilter = z.strictObject({
  set: headerList.optional(),
  add: headerList.optional(),
  remove: z
    .array(z.string())
    .max(16)
    .superRefine((items, ctx) => checkUnique(ctx, items, (h) => JSON.stringify(h), { what: 'header name' }))
    .optional(),
});
export type HTTPHeaderFilter = z.infer<typeof httpHeaderFilter>;

const int32 = (min: number, message: string) =>
  z.number().int({ message: 'expected a whole number' }).min(min, { message });

/** Fraction of requests to mirror: numerator / denominator (default 100), numerator <= denominator. */
export const mirrorFraction = z
  .strictObject({
    numerator: int32(0, 'expected a numerator of at least 0'),
    denominator: int32(1, 'expected a denominator of at least 1').optional(),
  })
  .superRefine((f, ctx) => {
    const denominator = f.denominator ?? 100;
    if (f.numerator > denominator)
      ctx.addIssue({
        code: 'custom',
        path: ['numerator'],
        message: `expected a numerator of at most the denominator ${denominator}, got ${f.numerator}`,
      });
  });

/** HTTPRequestMirrorFilter: copy requests to backendRef; percent (0-100) or fraction, not both (default all). */
export const httpRequestMirrorFilter = z
  .strictObject({
    backendRef: backendObjectReference,
    percent: z
      .number()
      .int({ message: 'expected a whole-number percentage' })
      .min(0, { message: 'expected a percentage from 0 to 100' })
      .max(100, { message: 'expected a percentage from 0 to 100' })
      .optional(),
    fraction: mirrorFraction.optional(),
  })
  .superRefine((m, ctx) => {
    if (m.percent !== undefined && m.fraction !== undefined)
      ctx.addIssue({ code: 'custom', path: ['fraction'], message: 'expected percent or fraction, not both' });
  });
export type HTTPRequestMirrorFilter = z.infer<typeof httpRequestMirrorFilter>;

/** Adds an issue at `path` when `pattern` is not RE2 (Istio hands these patterns to Envoy's safe_regex). */
export function checkRe2(ctx: z.RefinementCtx, pattern: string | undefined, path: (string | number)[]): void {
  if (pattern === undefined) return;
  const err = re2Error(pattern);
  if (err !== undefined)
    ctx.addIssue({ code: 'custom', path, message: `expected a regular expression in RE2 syntax: ${err}` });
}

/** A header match (HTTP or gRPC): Exact (default) or RegularExpression (RE2) on the header's value. */
export function headerMatch(value: z.ZodType<string>) {
  return z
    .strictObject({
      type: z.enum(['Exact', 'RegularExpression']).optional(),
      name: headerName,
      value,
    })
    .superRefine((m, ctx) => {
      if (m.type === 'RegularExpression') checkRe2(ctx, m.value, ['value']);
    });
}

/** Header matches, at most 16, one per name. */
export function headerMatches(value: z.ZodType<string>) {
  return z
    .array(headerMatch(value))
    .max(16)
    .superRefine((items, ctx) =>
      checkUnique(ctx, items, (h) => JSON.stringify(h.name), { what: 'header name', field: ['name'] }),
    );
}

/** gRPC header values: 1-4096 characters, no further format. */
export const grpcHeaderValue = formatted('a header value', { min: 1, max: 4096 });

/**
 * SessionPersistence: a session name (at most 128 characters), absolute and idle timeouts, type Cookie (default)
 * or Header, and cookieConfig (only for Cookie; a Permanent cookie needs absoluteTimeout). `idleTimeout` was
 * dropped from the CRD in v1.6 and is still accepted for objects written against earlier releases.
 */
export const sessionPersistence = z
  .strictObject({
    sessionName: formatted('a session name', { max: 128 }).optional(),
    absoluteTimeout: gwDuration.optional(),
    idleTimeout: gwDuration.optional(),
    type: z.enum(['Cookie', 'Header']).optional(),
    cookieConfig: z.strictObject({ lifetimeType: z.enum(['Permanent', 'Session']).optional() }).optional(),
  })
  .superRefine((sp, ctx) => {
    if (sp.cookieConfig?.lifetimeType === 'Permanent' && sp.absoluteTimeout === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['absoluteTimeout'],
        message: 'expected absoluteTimeout for a cookie whose lifetimeType is Permanent',
      });
    if (sp.cookieConfig !== undefined && (sp.type ?? 'Cookie') !== 'Cookie')
      ctx.addIssue({
        code: 'custom',
        path: ['cookieConfig'],
        message: `expected no cookieConfig for type ${sp.type}`,
      });
  });
export type SessionPersistence = z.infer<typeof sessionPersistence>;

/**
 * A filter names its kind in `type` and carries exactly that kind's config field. `fields` maps each type to its
 * field; reports a missing field for the type and every other type's field that is set.
 */
export function checkFilterType(
  ctx: z.RefinementCtx,
  filter: { type: string } & Record<string, unknown>,
  fields: Readonly<Record<string, string>>,
): void {
  for (const [type, field] of Object.entries(fields)) {
    const set = filter[field] !== undefined;
    if (filter.type === type && !set)
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `expected ${field} to be set for a filter of type ${type}`,
      });
    if (filter.type !== type && set)
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `expected no ${field} in a filter of type ${filter.type}`,
      });
  }
}

/** Filters of the `once` types may appear at most once in a list; reported at the repeat's `type`. */
export function checkFilterRepeats(
  ctx: z.RefinementCtx,
  filters: readonly { type: string }[],
  once: readonly string[],
): void {
  checkUnique(ctx, filters, (f) => (once.includes(f.type) ? f.type : undefined), {
    what: 'filter type (it may appear once)',
    field: ['type'],
  });
}

/** Rule names, where given, are unique within a route. */
export function checkRuleNames(ctx: z.RefinementCtx, rules: readonly { name?: string | undefined }[]): void {
  checkUnique(ctx, rules, (r) => (r.name === undefined ? undefined : JSON.stringify(r.name)), {
    what: 'rule name',
    field: ['name'],
  });
}

/** Whether routes attach to the mesh's default Gateways (experimental). */
export const useDefaultGateways = z.enum(['All', 'None']);

/**
 * The CRDs' limit on matches across all rules of a route. `matchless` is what a rule without matches counts
 * for: 1 in HTTPRoute (it matches every request), 0 in GRPCRoute.
 */
export function checkMatchTotal(
  ctx: z.RefinementCtx,
  rules: readonly { matches?: readonly unknown[] | undefined }[],
  matchless: 0 | 1,
): void {
  const total = rules.reduce((n, r) => n + (r.matches?.length ?? matchless), 0);
  if (total > MAX_ROUTE_MATCHES) {
    ctx.addIssue({
      code: 'custom',
      message: `expected at most ${MAX_ROUTE_MATCHES} matches across all rules, got ${total}`,
    });
  }
}
