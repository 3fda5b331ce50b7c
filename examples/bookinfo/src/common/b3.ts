// B3 trace context as Istio's productpage handles it: OpenTelemetry's B3MultiFormat extracts the context from
// the single `b3` header (preferred) or the `x-b3-*` headers, and injects it again as x-b3-traceid,
// x-b3-spanid and x-b3-sampled only. So x-b3-parentspanid and x-b3-flags are not forwarded, a 64-bit trace id
// is widened to 32 hex digits, and an invalid context forwards no b3 header at all.
import type { IncomingHttpHeaders } from 'node:http';

export interface B3Context {
  /** 32 lowercase hex digits. */
  readonly traceId: string;
  /** 16 lowercase hex digits. */
  readonly spanId: string;
  readonly sampled: boolean;
}

const TRACE_ID = /^(?:[0-9a-f]{16}|[0-9a-f]{32})$/i;
const SPAN_ID = /^[0-9a-f]{16}$/i;
/** Sampling values OpenTelemetry's B3 propagator reads as "sampled" (`d` is debug, which implies sampled). */
const SAMPLED = new Set(['1', 'True', 'true', 'd']);

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The incoming B3 context, or undefined when there is none or it is invalid. */
export function extractB3(headers: IncomingHttpHeaders): B3Context | undefined {
  let traceId: string | undefined;
  let spanId: string | undefined;
  let sampled = '0';
  let flags: string | undefined;
  const single = first(headers.b3);
  if (single) {
    // `{traceid}-{spanid}[-{sampled}[-{parentspanid}]]`, or a lone sampling decision (no context).
    const fields = single.split('-');
    if (fields.length >= 2 && fields.length <= 4) {
      traceId = fields[0];
      spanId = fields[1];
      if (fields.length >= 3) sampled = fields[2] ?? '0';
    }
  } else {
    traceId = first(headers['x-b3-traceid']);
    spanId = first(headers['x-b3-spanid']);
    sampled = first(headers['x-b3-sampled']) ?? sampled;
    flags = first(headers['x-b3-flags']);
  }
  if (traceId === undefined || spanId === undefined) return undefined;
  if (!TRACE_ID.test(traceId) || !SPAN_ID.test(spanId)) return undefined;
  // All-zero ids are OpenTelemetry's INVALID_TRACE_ID / INVALID_SPAN_ID.
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return {
    traceId: traceId.toLowerCase().padStart(32, '0'),
    spanId: spanId.toLowerCase(),
    sampled: SAMPLED.has(sampled) || flags === '1',
  };
}

/** The headers OpenTelemetry's B3MultiFormat.inject writes for `ctx`. */
export function injectB3(ctx: B3Context): Record<string, string> {
  return {
    'x-b3-traceid': ctx.traceId,
    'x-b3-spanid': ctx.spanId,
    'x-b3-sampled': ctx.sampled ? '1' : '0',
  };
}
