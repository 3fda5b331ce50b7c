// A route's retry_policy, compiled: which outcomes are retried (retry_on; the gRPC conditions read grpc-status in
// the response headers, as Envoy's wouldRetryFromHeaders), how often (num_retries, default 1),
// each try's timeout (per_try_timeout, ms, 0 = only the route timeout), the retriable status codes, the
// previous_hosts predicate, and the backoff (base_interval default 25 ms, max_interval default 10x base; attempt
// n waits a uniform random time in [0, min(max, base * (2^n - 1))], Envoy's jittered backoff).
import type { RetryPolicy } from '@minimesh/model/xds';
import { ConfigRejectedError } from '../errors.js';
import { durationToMs, uint32Value } from '../util/proto-values.js';

/** What one upstream try ended with. */
export type TryOutcome =
  /** grpcStatus: grpc-status in the response headers (a Trailers-Only gRPC answer), read for the gRPC conditions. */
  | { readonly kind: 'response'; readonly status: number; readonly grpcStatus?: number | undefined }
  | { readonly kind: 'connect-failure' }
  /** `refused`: an HTTP/2 stream the upstream refused (RST_STREAM REFUSED_STREAM), retried under refused-stream. */
  | { readonly kind: 'reset'; readonly refused?: boolean }
  | { readonly kind: 'timeout' }
  /** No response headers within the stream idle timeout (route idle_timeout); never retried. */
  | { readonly kind: 'idle' };

export interface CompiledRetryPolicy {
  readonly conditions: ReadonlySet<string>;
  readonly numRetries: number;
  readonly perTryTimeoutMs: number;
  readonly retriableStatusCodes: ReadonlySet<number>;
  readonly previousHosts: boolean;
  readonly hostSelectionMaxAttempts: number;
  readonly baseIntervalMs: number;
  readonly maxIntervalMs: number;
}

const KNOWN = new Set([
  '5xx',
  'gateway-error',
  'reset',
  'reset-before-request',
  'connect-failure',
  'envoy-ratelimited',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'retriable-headers',
  'http3-post-connect-failure',
  // gRPC conditions (x-envoy-retry-grpc-on): grpc-status in the response headers, GRPC_RETRY_ON below.
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
]);

/** The gRPC retry_on conditions and the status each retries (router.proto, x-envoy-retry-grpc-on). */
const GRPC_RETRY_ON: ReadonlyMap<number, string> = new Map([
  [1, 'cancelled'],
  [4, 'deadline-exceeded'],
  [8, 'resource-exhausted'],
  [13, 'internal'],
  [14, 'unavailable'],
]);

const PREVIOUS_HOSTS = 'envoy.retry_host_predicates.previous_hosts';

export function compileRetryPolicy(p: RetryPolicy, owner: string): CompiledRetryPolicy {
  const conditions = new Set(
    (p.retry_on ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
  for (const c of conditions) {
    if (!KNOWN.has(c))
      throw new ConfigRejectedError('RouteConfiguration', owner, `retry_on: unknown condition "${c}"`);
  }
  let previousHosts = false;
  for (const pred of p.retry_host_predicate ?? []) {
    if (pred.name === PREVIOUS_HOSTS) previousHosts = true;
    else
      throw new ConfigRejectedError(
        'RouteConfiguration',
        owner,
        `retry_host_predicate ${pred.name ?? ''} is not supported`,
      );
  }
  const base = durationToMs(p.retry_back_off?.base_interval) ?? 25;
  const max = durationToMs(p.retry_back_off?.max_interval) ?? base * 10;
  if (base <= 0 || max < base) {
    throw new ConfigRejectedError(
      'RouteConfiguration',
      owner,
      'retry_back_off needs 0 < base_interval <= max_interval',
    );
  }
  return {
    conditions,
    numRetries: uint32Value(p.num_retries, 1),
    perTryTimeoutMs: durationToMs(p.per_try_timeout) ?? 0,
    retriableStatusCodes: new Set(p.retriable_status_codes ?? []),
    previousHosts,
    hostSelectionMaxAttempts: Number(String(p.host_selection_retry_max_attempts ?? 1)),
    baseIntervalMs: base,
    maxIntervalMs: max,
  };
}

/** Whether `outcome` is retried under `policy`. */
export function shouldRetry(policy: CompiledRetryPolicy, outcome: TryOutcome): boolean {
  const c = policy.conditions;
  switch (outcome.kind) {
    case 'connect-failure':
      return (
        c.has('connect-failure') ||
        c.has('5xx') ||
        c.has('gateway-error') ||
        c.has('reset') ||
        c.has('reset-before-request')
      );
    case 'reset':
      // Envoy's wouldRetryFromReset: reset, 5xx and gateway-error retry any reset; refused-stream a refused one.
      return (
        c.has('reset') ||
        c.has('5xx') ||
        c.has('gateway-error') ||
        (outcome.refused === true && c.has('refused-stream'))
      );
    case 'idle':
      return false;
    case 'timeout':
      // A per-try timeout counts as a 504 from the upstream.
      return c.has('5xx') || c.has('gateway-error');
    case 'response': {
      const s = outcome.status;
      if (c.has('5xx') && s >= 500) return true;
      if (c.has('gateway-error') && (s === 502 || s === 503 || s === 504)) return true;
      if (c.has('retriable-4xx') && s === 409) return true;
      if (c.has('retriable-status-codes') && policy.retriableStatusCodes.has(s)) return true;
      const g = outcome.grpcStatus;
      if (g !== undefined) {
        const condition = GRPC_RETRY_ON.get(g);
        if (condition !== undefined && c.has(condition)) return true;
      }
      return false;
    }
  }
}

/** Backoff before retry number `retry` (1 for the first retry), ms. */
export function retryDelayMs(
  policy: CompiledRetryPolicy,
  retry: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxIntervalMs, policy.baseIntervalMs * (2 ** retry - 1));
  return Math.floor(random() * (ceiling + 1));
}
