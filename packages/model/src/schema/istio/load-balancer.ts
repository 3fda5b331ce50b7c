// LoadBalancerSettings of a DestinationRule traffic policy, with Istio's rules (validateLoadBalancer,
// ValidateLocalityLbSetting, ValidateZoneAwareLbSetting): one algorithm, one hash key, maglev table sizes,
// locality weights and failover, warmup.
import { z } from 'zod';
import { exactlyOne } from '../common.js';
import { anyDuration, crdDuration, msDuration, uint32, whenParsed } from './networking-common.js';

/** Node labels of the region/zone/subzone topology (failoverPriority may not use them with failover). */
const TOPOLOGY_LABELS = new Set([
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.istio.io/subzone',
]);

/** A non-negative whole number (protobuf uint64 where it appears as a JSON number). */
const uint64 = z
  .number()
  .int({ message: 'expected a whole number' })
  .min(0, { message: 'expected a whole number that is not negative' });

/** Envoy's maglev table: a prime below 5000011. */
function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n < 4) return true;
  if (n % 2 === 0) return false;
  for (let f = 3; f * f <= n; f += 2) if (n % f === 0) return false;
  return true;
}

const cookieAttribute = z.strictObject({ name: z.string(), value: z.string().optional() });

/** HTTPCookie: hash on a cookie; Envoy generates it (with ttl, path, attributes) when absent. */
export const httpCookie = z
  .strictObject({
    name: z.string(),
    path: z.string().optional(),
    ttl: anyDuration.optional(),
    attributes: z.array(cookieAttribute).optional(),
  })
  .superRefine(
    (c, ctx) => {
      if (c.name === '') ctx.addIssue({ code: 'custom', path: ['name'], message: 'expected a cookie name' });
      const seen = new Set<string>();
      (c.attributes ?? []).forEach((a, i) => {
        if (a.name === '')
          ctx.addIssue({
            code: 'custom',
            path: ['attributes', i, 'name'],
            message: 'expected a cookie attribute name',
          });
        else if (seen.has(a.name))
          ctx.addIssue({
            code: 'custom',
            path: ['attributes', i, 'name'],
            message: `expected unique cookie attribute names, "${a.name}" is repeated`,
          });
        seen.add(a.name);
      });
    },
    whenParsed('name', 'attributes'),
  );

/** ConsistentHashLB: the hash key (one of four) and the algorithm (ring hash or maglev). */
export const consistentHash = z
  .strictObject({
    httpHeaderName: z.string().optional(),
    httpCookie: httpCookie.optional(),
    useSourceIp: z.boolean().optional(),
    httpQueryParameterName: z.string().optional(),
    ringHash: z.strictObject({ minimumRingSize: uint64.optional() }).optional(),
    maglev: z.strictObject({ tableSize: uint64.optional() }).optional(),
    /** Deprecated: use ringHash.minimumRingSize. */
    minimumRingSize: uint64.optional(),
  })
  .superRefine(
    (h, ctx) => {
      // The CRD allows no key at all (`oneOf` with a "none" branch); Istio accepts it.
      exactlyOne(ctx, h, ['httpHeaderName', 'httpCookie', 'useSourceIp', 'httpQueryParameterName'], {
        atMostOne: true,
      });
      exactlyOne(ctx, h, ['ringHash', 'maglev'], { atMostOne: true });
      if (h.minimumRingSize && (h.ringHash !== undefined || h.maglev !== undefined))
        ctx.addIssue({
          code: 'custom',
          path: ['minimumRingSize'],
          message: 'expected only one of minimumRingSize and ringHash/maglev, got both',
        });
      if (h.maglev !== undefined) {
        const size = h.maglev.tableSize ?? 0;
        const message =
          size === 0
            ? 'expected a maglev tableSize'
            : size >= 5000011
              ? `expected a maglev tableSize below 5000011, got ${size}`
              : !isPrime(size)
                ? `expected a prime maglev tableSize, got ${size}`
                : undefined;
        if (message !== undefined) ctx.addIssue({ code: 'custom', path: ['maglev', 'tableSize'], message });
      }
    },
    whenParsed('minimumRingSize', 'maglev'),
  );
export type ConsistentHashLB = z.infer<typeof consistentHash>;

/**
 * Istio's validateLocalities: `region`, `region/zone`, `region/zone/subzone`, with one `*` at the end at most
 * and no locality covering another. Returns the first problem, as Istio does.
 */
function localitiesProblem(localities: readonly string[]): string | undefined {
  // region -> zone -> subzones; '*' as a zone or subzone means "all of them"
  const regions = new Map<string, Map<string, Set<string>>>();
  const overlap = (loc: string) => `locality "${loc}" overlaps an earlier one`;
  for (const loc of localities) {
    const stars = loc.split('*').length - 1;
    if (stars > 1 || (stars === 1 && !loc.endsWith('*')))
      return `locality "${loc}" may have one "*", at its end`;
    if (regions.has('*')) return overlap(loc);
    const parts = loc.split('/');
    const [region = '', zone, subzone] =
      parts.length > 3 ? [parts[0], parts[1], parts.slice(2).join('/')] : parts;
    if ([region, zone, subzone].some((p) => p === ''))
      return `locality "${loc}" has an empty region, zone or subzone`;
    let zones = regions.get(region);
    if (zone === undefined) {
      if (zones !== undefined) return overlap(loc);
      regions.set(region, new Map([['*', new Set(['*'])]]));
      continue;
    }
    if (zones === undefined) {
      zones = new Map();
      regions.set(region, zones);
    } else if (zones.has('*')) return overlap(loc);
    let subzones = zones.get(zone);
    if (subzone === undefined) {
      if (subzones !== undefined) return overlap(loc);
      zones.set(zone, new Set(['*']));
      continue;
    }
    if (subzones === undefined) {
      subzones = new Set();
      zones.set(zone, subzones);
    } else if (subzones.has('*') || subzones.has(subzone)) return overlap(loc);
    subzones.add(subzone);
  }
  return undefined;
}

const failoverEntry = z.strictObject({ from: z.string().optional(), to: z.string().optional() });

function checkFailover(
  ctx: z.RefinementCtx,
  failover: readonly { from?: string | undefined; to?: string | undefined }[],
  what: string,
): void {
  failover.forEach((f, i) => {
    const from = f.from ?? '';
    const to = f.to ?? '';
    const path = ['failover', i];
    if (from === to)
      ctx.addIssue({
        code: 'custom',
        path,
        message: `expected ${what} failover between different regions, got "${from}" twice`,
      });
    if (from.includes('/') || to.includes('/'))
      ctx.addIssue({
        code: 'custom',
        path,
        message: `expected ${what} failover between regions, without zones`,
      });
    if (from.includes('*') || to.includes('*'))
      ctx.addIssue({ code: 'custom', path, message: `expected ${what} failover regions without "*"` });
  });
}

/** LocalityLoadBalancerSetting: weights per locality (distribute) or failover order; not both. */
export const localityLbSetting = z
  .strictObject({
    /** `from` locality -> weights (1-100, summing to 100) of the `to` localities. */
    distribute: z
      .array(z.strictObject({ from: z.string().optional(), to: z.record(z.string(), uint32).optional() }))
      .optional(),
    failover: z.array(failoverEntry).optional(),
    /** Labels endpoints are ordered by, most important first. */
    failoverPriority: z.array(z.string()).optional(),
    enabled: z.boolean().nullable().optional(),
  })
  .superRefine(
    (lb, ctx) => {
      const distribute = lb.distribute ?? [];
      const failover = lb.failover ?? [];
      if (distribute.length > 0 && failover.length > 0)
        ctx.addIssue({ code: 'custom', message: 'expected only one of distribute and failover, got both' });
      if (failover.length > 0)
        (lb.failoverPriority ?? []).forEach((label, i) => {
          if (TOPOLOGY_LABELS.has(label))
            ctx.addIssue({
              code: 'custom',
              path: ['failoverPriority', i],
              message: `expected no topology label in failoverPriority when failover is set, got "${label}"`,
            });
        });
      distribute.forEach((d, i) => {
        const weights = Object.entries(d.to ?? {});
        const bad = weights.find(([, w]) => w < 1 || w > 100);
        const total = weights.reduce((sum, [, w]) => sum + w, 0);
        if (bad !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['distribute', i, 'to', bad[0]],
            message: `expected a locality weight from 1 to 100, got ${bad[1]}`,
          });
        else if (total !== 100)
          ctx.addIssue({
            code: 'custom',
            path: ['distribute', i, 'to'],
            message: `expected locality weights to sum to 100, got ${total}`,
          });
        const problem = localitiesProblem(weights.map(([loc]) => loc));
        if (problem !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['distribute', i, 'to'],
            message: `expected distinct localities: ${problem}`,
          });
      });
      const sources = localitiesProblem(distribute.map((d) => d.from ?? ''));
      if (sources !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['distribute'],
          message: `expected distinct localities: ${sources}`,
        });
      checkFailover(ctx, failover, 'locality');
    },
    whenParsed('distribute', 'failover', 'failoverPriority'),
  );
export type LocalityLoadBalancerSetting = z.infer<typeof localityLbSetting>;

/** ZoneAwareLoadBalancerSetting: Envoy's zone-aware routing; region/zone levels are automatic. */
export const zoneAwareLbSetting = z
  .strictObject({
    enabled: z.boolean().nullable().optional(),
    failover: z.array(failoverEntry).optional(),
    failoverPriority: z.array(z.string()).optional(),
    minClusterSize: uint32
      .min(1, { message: 'expected a minClusterSize of at least 1' })
      .nullable()
      .optional(),
  })
  .superRefine(
    (lb, ctx) => {
      (lb.failoverPriority ?? []).forEach((label, i) => {
        if (TOPOLOGY_LABELS.has(label))
          ctx.addIssue({
            code: 'custom',
            path: ['failoverPriority', i],
            message: `expected no region/zone/subzone topology label in a zone-aware failoverPriority, got "${label}"`,
          });
      });
      checkFailover(ctx, lb.failover ?? [], 'zone-aware');
    },
    whenParsed('failover', 'failoverPriority'),
  );

/** WarmupConfiguration: ramp traffic to new endpoints up over `duration`. */
export const warmup = z.strictObject({
  duration: msDuration,
  /** Share of the full weight a new endpoint starts at, 0-100. */
  minimumPercent: z
    .number()
    .min(0, { message: 'expected a percentage from 0 to 100' })
    .max(100, { message: 'expected a percentage from 0 to 100' })
    .nullable()
    .optional(),
  /** Curve of the ramp; above 0 (1 is linear). */
  aggression: z.number().gt(0, { message: 'expected an aggression above 0' }).nullable().optional(),
});

/** BackendUtilizationLB: weight endpoints by the load they report (ORCA). */
export const backendUtilization = z.strictObject({
  errorUtilizationPenaltyPercent: uint32.optional(),
  metricNamesForComputingUtilization: z.array(z.string()).optional(),
  weightExpirationPeriod: anyDuration.optional(),
  weightStabilizationPeriod: anyDuration.optional(),
  weightUpdatePeriod: anyDuration.optional(),
});

/** LoadBalancerSettings: one algorithm (simple, consistentHash or backendUtilization) plus locality options. */
export const loadBalancerSettings = z
  .strictObject({
    simple: z
      .enum(['UNSPECIFIED', 'LEAST_CONN', 'RANDOM', 'PASSTHROUGH', 'ROUND_ROBIN', 'LEAST_REQUEST'])
      .optional(),
    consistentHash: consistentHash.optional(),
    backendUtilization: backendUtilization.optional(),
    localityLbSetting: localityLbSetting.optional(),
    zoneAwareLbSetting: zoneAwareLbSetting.optional(),
    /** Deprecated: use warmup.duration. */
    warmupDurationSecs: crdDuration.optional(),
    warmup: warmup.optional(),
  })
  .superRefine((lb, ctx) => {
    // None is fine: `loadBalancer: { localityLbSetting: ... }` keeps the default algorithm.
    exactlyOne(ctx, lb, ['simple', 'consistentHash', 'backendUtilization'], { atMostOne: true });
    if (lb.localityLbSetting !== undefined && lb.zoneAwareLbSetting !== undefined)
      ctx.addIssue({
        code: 'custom',
        message: 'expected only one of localityLbSetting and zoneAwareLbSetting, got both',
      });
  }, whenParsed());
export type LoadBalancerSettings = z.infer<typeof loadBalancerSettings>;
