// The RouteAction parts of a VirtualService HTTP route (istiod 1.30 route.go applyHTTPRouteDestination,
// retry/retry.go, mirror and hash policy helpers): weighted clusters, timeout, retries, mirrors, rewrites and the
// DestinationRule consistentHash -> hash_policy. Durations are proto Durations in canonical form (no zero nanos).
import {
  type ConsistentHashLB,
  durationToProto,
  type HTTPRetry,
  type HTTPRewrite,
  type MeshDestinationRuleMatch,
  parseDurationNs,
  type RetryPolicy,
  type RouteAction,
} from '@minimesh/model';
import { previousHostsPredicate } from './route-names.js';

/** A proto Duration of `ns` nanoseconds, nanos left out when 0 (the codec's canonical form). */
export function protoDuration(ns: number): { seconds: string; nanos?: number } {
  const d = durationToProto(ns);
  return d.nanos === 0 ? { seconds: d.seconds } : d;
}

/** istiod's default `retry_on` (1.30): 503 is no longer in retriable_status_codes by default. */
export const DEFAULT_RETRY_ON = 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes';
/** istiod's default retry_on of inbound routes: only requests reset before they reached the application. */
export const INBOUND_RETRY_ON = 'reset-before-request';
/** Retries istiod allows by default. */
export const DEFAULT_RETRY_ATTEMPTS = 2;
/** host_selection_retry_max_attempts of istiod's default policy. */
export const DEFAULT_HOST_SELECTION_ATTEMPTS = '5';

/**
 * The retry policy of a route: istiod's default when the route has none; none when `attempts` is 0 (retries
 * disabled). With a consistent hash, the previous_hosts predicate is left out (it would defeat the hash).
 * retryOn entries that are numbers become retriable_status_codes, adding `retriable-status-codes` to retry_on.
 */
export function retryPolicy(
  retries: HTTPRetry | undefined,
  consistentHash: boolean,
): RetryPolicy | undefined {
  const base: RetryPolicy = {
    retry_on: DEFAULT_RETRY_ON,
    num_retries: { value: DEFAULT_RETRY_ATTEMPTS },
    ...(consistentHash
      ? {}
      : {
          retry_host_predicate: [previousHostsPredicate()],
        }),
    host_selection_retry_max_attempts: DEFAULT_HOST_SELECTION_ATTEMPTS,
  };
  if (retries === undefined) return base;
  if ((retries.attempts ?? 0) <= 0) return undefined;
  const out: RetryPolicy = { ...base, num_retries: { value: retries.attempts ?? 0 } };
  if (retries.retryOn !== undefined && retries.retryOn !== '') {
    const on: string[] = [];
    const codes: number[] = [];
    for (const part of retries.retryOn.split(',').map((s) => s.trim())) {
      if (part === '') continue;
      if (/^\d+$/.test(part)) codes.push(Number(part));
      else if (!on.includes(part)) on.push(part);
    }
    if (codes.length > 0 && !on.includes('retriable-status-codes')) on.push('retriable-status-codes');
    out.retry_on = on.join(',');
    if (codes.length > 0) out.retriable_status_codes = codes;
  }
  if (retries.perTryTimeout !== undefined) {
    const ns = parseDurationNs(retries.perTryTimeout);
    if (ns !== undefined) out.per_try_timeout = protoDuration(ns);
  }
  // retryIgnorePreviousHosts, when set, decides the previous_hosts predicate either way (even under a hash).
  if (retries.retryIgnorePreviousHosts === false) delete out.retry_host_predicate;
  else if (retries.retryIgnorePreviousHosts === true) out.retry_host_predicate = [previousHostsPredicate()];
  if (retries.backoff !== undefined) {
    const ns = parseDurationNs(retries.backoff);
    if (ns !== undefined) out.retry_back_off = { base_interval: protoDuration(ns) };
  }
  // retryRemoteLocalities (envoy.retry_priorities.previous_priorities) is not written: the model's descriptor
  // lacks the PreviousPrioritiesConfig message.
  return out;
}

/** istiod's setTimeout: the VirtualService timeout, else 0s (disabled); max_grpc_timeout follows it. */
export function timeoutFields(
  timeout: string | undefined,
): Pick<RouteAction, 'timeout' | 'max_grpc_timeout'> {
  const ns = timeout === undefined ? 0 : (parseDurationNs(timeout) ?? 0);
  const d = protoDuration(ns);
  return { timeout: d, max_grpc_timeout: d };
}

/** Rewrite fields: uriRegexRewrite -> regex_rewrite, else uri -> prefix_rewrite; the authority is returned. */
export function rewriteFields(rewrite: HTTPRewrite | undefined): {
  fields: Pick<RouteAction, 'prefix_rewrite' | 'regex_rewrite'>;
  authority: string;
} {
  if (rewrite === undefined) return { fields: {}, authority: '' };
  const rr = rewrite.uriRegexRewrite;
  const fields: Pick<RouteAction, 'prefix_rewrite' | 'regex_rewrite'> =
    rr !== undefined
      ? { regex_rewrite: { pattern: { regex: rr.match ?? '' }, substitution: rr.rewrite ?? '' } }
      : rewrite.uri !== undefined && rewrite.uri !== ''
        ? { prefix_rewrite: rewrite.uri }
        : {};
  return { fields, authority: rewrite.authority ?? '' };
}

/**
 * Mirror share (istiod MirrorPercent): `percentage` per MILLION (percent x 10,000), else the deprecated integer
 * percent per HUNDRED, else 100 per HUNDRED. A share of 0 drops the mirror.
 */
export function mirrorFraction(
  percentage: { value?: number | undefined } | undefined,
  percent: number | null | undefined,
): { numerator: number; denominator: 'MILLION' | 'HUNDRED' } | undefined {
  if (percentage !== undefined) {
    const v = percentage.value ?? 0;
    return v > 0 ? { numerator: Math.trunc(v * 10_000), denominator: 'MILLION' } : undefined;
  }
  if (percent !== undefined && percent !== null)
    return percent > 0 ? { numerator: percent, denominator: 'HUNDRED' } : undefined;
  return { numerator: 100, denominator: 'HUNDRED' };
}

type HashPolicy = NonNullable<RouteAction['hash_policy']>[number];

function hashPolicyOf(ch: ConsistentHashLB): HashPolicy | undefined {
  if (ch.httpHeaderName !== undefined) return { header: { header_name: ch.httpHeaderName } };
  if (ch.httpCookie !== undefined) {
    const ttl = ch.httpCookie.ttl === undefined ? undefined : parseDurationNs(ch.httpCookie.ttl);
    return {
      cookie: {
        name: ch.httpCookie.name,
        ...(ch.httpCookie.path === undefined ? {} : { path: ch.httpCookie.path }),
        ...(ttl === undefined ? {} : { ttl: protoDuration(ttl) }),
      },
    };
  }
  if (ch.useSourceIp === true) return { connection_properties: { source_ip: true } };
  if (ch.httpQueryParameterName !== undefined)
    return { query_parameter: { name: ch.httpQueryParameterName } };
  return undefined;
}

type TrafficPolicy = NonNullable<
  MeshDestinationRuleMatch['rules'][number]['object']['spec']['trafficPolicy']
>;

function portLevelHash(p: TrafficPolicy | undefined, port: number | undefined): ConsistentHashLB | undefined {
  if (port === undefined) return undefined;
  return p?.portLevelSettings?.find((s) => s.port?.number === port)?.loadBalancer?.consistentHash;
}

/**
 * The hash policy a DestinationRule gives a route destination (istiod HashForHTTPDestination): the subset's
 * port-level consistentHash, else the subset's, else the rule's port-level one, else the rule's. Port-level
 * settings count only when the destination names its port. Only the first merged rule's policy counts (istiod
 * merges rules keeping the first one's traffic policy), subsets are searched in every rule.
 */
export function hashPolicyFor(
  dr: MeshDestinationRuleMatch | undefined,
  subset: string | undefined,
  destinationPort: number | undefined,
): HashPolicy | undefined {
  const first = dr?.rules[0]?.object.spec;
  if (dr === undefined || first === undefined) return undefined;
  const ss =
    subset === undefined || subset === ''
      ? undefined
      : dr.rules.flatMap((r) => r.object.spec.subsets ?? []).find((x) => x.name === subset);
  const ch =
    portLevelHash(ss?.trafficPolicy, destinationPort) ??
    ss?.trafficPolicy?.loadBalancer?.consistentHash ??
    portLevelHash(first.trafficPolicy, destinationPort) ??
    first.trafficPolicy?.loadBalancer?.consistentHash;
  return ch === undefined ? undefined : hashPolicyOf(ch);
}

/** The hash policy of a service port without VirtualService (istiod hashForService): port-level, else rule-level. */
export function servicePortHashPolicy(
  dr: MeshDestinationRuleMatch | undefined,
  port: number,
): HashPolicy | undefined {
  const tp = dr?.rules[0]?.object.spec.trafficPolicy;
  const ch = portLevelHash(tp, port) ?? tp?.loadBalancer?.consistentHash;
  return ch === undefined ? undefined : hashPolicyOf(ch);
}
