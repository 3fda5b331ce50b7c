// Envoy's short response flags (`UH`, `NR,UF`, `-`) from the access log's ResponseFlags booleans. The one owner of
// this mapping for the dashboard. Order: ResponseFlags' fields in envoy/data/accesslog/v3/accesslog.proto, which
// is the order of Envoy's ResponseFlagUtils (source/common/stream_info/utility.cc) and so of %RESPONSE_FLAGS%.
import type { AccessLogCommon } from '@minimesh/model';

type ResponseFlags = NonNullable<AccessLogCommon['response_flags']>;

/** [field, short code] in Envoy's order; `unauthorized_details` is a message (UAEX when its reason is given). */
const FLAG_CODES: readonly (readonly [keyof ResponseFlags, string])[] = [
  ['failed_local_healthcheck', 'LH'],
  ['no_healthy_upstream', 'UH'],
  ['upstream_request_timeout', 'UT'],
  ['local_reset', 'LR'],
  ['upstream_remote_reset', 'UR'],
  ['upstream_connection_failure', 'UF'],
  ['upstream_connection_termination', 'UC'],
  ['upstream_overflow', 'UO'],
  ['no_route_found', 'NR'],
  ['delay_injected', 'DI'],
  ['fault_injected', 'FI'],
  ['rate_limited', 'RL'],
  ['unauthorized_details', 'UAEX'],
  ['rate_limit_service_error', 'RLSE'],
  ['downstream_connection_termination', 'DC'],
  ['upstream_retry_limit_exceeded', 'URX'],
  ['stream_idle_timeout', 'SI'],
  ['invalid_envoy_request_headers', 'IH'],
  ['downstream_protocol_error', 'DPE'],
  ['upstream_max_stream_duration_reached', 'UMSDR'],
  ['response_from_cache_filter', 'RFCF'],
  ['no_filter_config_found', 'NFCF'],
  ['duration_timeout', 'DT'],
  ['upstream_protocol_error', 'UPE'],
  ['no_cluster_found', 'NC'],
  ['overload_manager', 'OM'],
  ['dns_resolution_failure', 'DF'],
  ['downstream_remote_reset', 'DR'],
];

/** What the codec gives for ResponseFlags: booleans set only when true, the message field as an object. */
export type ResponseFlagsLike = { readonly [K in keyof ResponseFlags]?: unknown } | null | undefined;

/** `-` when no flag is set, else the short codes joined by `,` in Envoy's order. */
export function formatResponseFlags(flags: ResponseFlagsLike): string {
  if (flags === null || flags === undefined) return '-';
  let out = '';
  for (const [field, code] of FLAG_CODES) {
    const value = flags[field];
    const set = field === 'unauthorized_details' ? isReasonGiven(value) : value === true;
    if (set) out = out === '' ? code : `${out},${code}`;
  }
  return out === '' ? '-' : out;
}

/** Envoy sets unauthorized_details (with a reason) only for UAEX; an empty message means no flag. */
function isReasonGiven(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const reason = (value as { reason?: unknown }).reason;
  return reason !== undefined && reason !== 'REASON_UNSPECIFIED' && reason !== 0;
}

/** Every short code this module knows, in Envoy's order. */
export const RESPONSE_FLAG_CODES: readonly string[] = FLAG_CODES.map(([, code]) => code);
