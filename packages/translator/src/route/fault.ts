// VirtualService `fault` -> the per-route config of Envoy's fault filter (istiod 1.30 translateFault), placed in
// typed_per_filter_config under `envoy.filters.http.fault`. Percentages become FractionalPercent per MILLION
// (istiod multiplies the percent by 10,000, so 0.1% is 1000/1,000,000); the deprecated integer `percent` is per
// HUNDRED. Durations are Istio duration strings, written as proto Durations.
import {
  type AnyObject,
  anyOf,
  durationToProto,
  GrpcStatus,
  type HTTPFault,
  type HTTPFaultInjection,
  parseDurationNs,
  TypeUrl,
} from '@minimesh/model';

type Fraction = { numerator: number; denominator: 'HUNDRED' | 'MILLION' };

function fraction(percentage: { value?: number | undefined } | undefined, percent?: number): Fraction {
  if (percentage !== undefined)
    return { numerator: Math.trunc((percentage.value ?? 0) * 10_000), denominator: 'MILLION' };
  return { numerator: percent ?? 0, denominator: 'HUNDRED' };
}

/** gRPC status names to codes, for abort.grpcStatus (Istio accepts the names of google.rpc.Code). */
const GRPC_CODES: Readonly<Record<string, number>> = GrpcStatus;

/** The HTTPFault of a VirtualService fault; undefined when it injects nothing Envoy can express. */
export function translateFault(fault: HTTPFaultInjection): HTTPFault | undefined {
  const out: HTTPFault = {};
  const delay = fault.delay;
  if (delay !== undefined) {
    const ns = delay.fixedDelay === undefined ? undefined : parseDurationNs(delay.fixedDelay);
    // exponentialDelay is not supported by istiod either (it only logs); a delay without fixedDelay is dropped.
    if (ns !== undefined)
      out.delay = { fixed_delay: durationToProto(ns), percentage: fraction(delay.percentage, delay.percent) };
  }
  const abort = fault.abort;
  if (abort !== undefined) {
    // Unlike a delay, an abort without `percentage` gets none (istiod): Envoy then aborts every request.
    const pct = abort.percentage === undefined ? {} : { percentage: fraction(abort.percentage) };
    if (abort.httpStatus !== undefined) out.abort = { http_status: abort.httpStatus, ...pct };
    else if (abort.grpcStatus !== undefined) {
      const code = GRPC_CODES[abort.grpcStatus] ?? Number(abort.grpcStatus);
      if (Number.isInteger(code)) out.abort = { grpc_status: code, ...pct };
    }
  }
  return out.delay === undefined && out.abort === undefined ? undefined : out;
}

/** The Any for typed_per_filter_config, or undefined. */
export function faultFilterConfig(fault: HTTPFaultInjection | undefined): AnyObject | undefined {
  if (fault === undefined) return undefined;
  const f = translateFault(fault);
  return f === undefined ? undefined : anyOf(TypeUrl.HTTP_FAULT, f);
}
