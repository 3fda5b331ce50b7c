// How long a request may take, with gRPC's grpc-timeout header, as Envoy decides it (all values in ms; 0 or
// Infinity = no limit):
// - Deprecated fields (RouteAction.max_grpc_timeout, grpc_timeout_offset; istiod's outbound routes set
//   max_grpc_timeout to the route timeout, 0 = infinity): for a gRPC request, the route timeout is the grpc-timeout
//   header (infinity without one) minus the offset, capped by max_grpc_timeout unless it is 0; the route's own
//   `timeout` does not apply. Expiry is the router's timeout (504 UT; UNAVAILABLE in gRPC form).
// - RouteAction.max_stream_duration (istiod's inbound routes: all 0): the connection manager's stream duration
//   limit, from the request's arrival: the grpc-timeout header (capped by grpc_timeout_header_max unless 0, minus
//   grpc_timeout_header_offset) when both the header and grpc_timeout_header_max are present, else
//   max_stream_duration (0 = none). Expiry is a local reply 408 (504 once the request was complete) with flag DT,
//   DEADLINE_EXCEEDED in gRPC form. The route `timeout` still applies as the router's timeout.
import { performance } from 'node:perf_hooks';
import type { RouteAction } from '@minimesh/model/xds';
import { durationToMs } from '../util/proto-values.js';

export interface GrpcTimeouts {
  /** max_grpc_timeout (deprecated): set means gRPC requests take their timeout from grpc-timeout. */
  readonly maxGrpcTimeoutMs: number | undefined;
  readonly grpcTimeoutOffsetMs: number;
  /** RouteAction.max_stream_duration, when set. */
  readonly streamDuration:
    | {
        readonly maxMs: number | undefined;
        readonly headerMaxMs: number | undefined;
        readonly headerOffsetMs: number;
      }
    | undefined;
}

/** Undefined when the route sets none of the fields (the common case: no work per request). */
export function compileGrpcTimeouts(action: RouteAction | undefined | null): GrpcTimeouts | undefined {
  const msd = action?.max_stream_duration;
  const maxGrpc = durationToMs(action?.max_grpc_timeout);
  if (maxGrpc === undefined && (msd === undefined || msd === null)) return undefined;
  return {
    maxGrpcTimeoutMs: maxGrpc,
    grpcTimeoutOffsetMs: durationToMs(action?.grpc_timeout_offset) ?? 0,
    streamDuration:
      msd === undefined || msd === null
        ? undefined
        : {
            maxMs: durationToMs(msd.max_stream_duration),
            headerMaxMs: durationToMs(msd.grpc_timeout_header_max),
            headerOffsetMs: durationToMs(msd.grpc_timeout_header_offset) ?? 0,
          },
  };
}

/** Units of grpc-timeout (PROTOCOL-HTTP2.md: TimeoutValue is at most 8 digits), in ms. */
const UNIT_MS: Readonly<Record<string, number>> = {
  H: 3_600_000,
  M: 60_000,
  S: 1000,
  m: 1,
  u: 1e-3,
  n: 1e-6,
};

/** The grpc-timeout header in ms; undefined when absent or malformed (Envoy ignores a malformed one). */
export function parseGrpcTimeout(v: string | string[] | undefined): number | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  if (s === undefined) return undefined;
  const m = /^(\d{1,8})([HMSmun])$/.exec(s);
  if (m === null) return undefined;
  return Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 0);
}

export interface RequestTimeouts {
  /** The router's timeout, ms from now; Infinity = none. */
  readonly routeMs: number;
  /** The stream duration limit, ms from the request's arrival; Infinity = none. */
  readonly streamMs: number;
}

const NONE = Number.POSITIVE_INFINITY;

function positiveOrNone(ms: number | undefined): number {
  return ms === undefined || ms <= 0 ? NONE : ms;
}

/**
 * The timeouts of one request: `routeTimeoutMs` is the route's timeout (0 = none), `grpc` whether the request is
 * gRPC, `header` its grpc-timeout header.
 */
export function requestTimeouts(
  routeTimeoutMs: number,
  t: GrpcTimeouts | undefined,
  grpc: boolean,
  header: string | string[] | undefined,
): RequestTimeouts {
  if (t === undefined) return { routeMs: positiveOrNone(routeTimeoutMs), streamMs: NONE };
  let routeMs = positiveOrNone(routeTimeoutMs);
  let streamMs = NONE;
  const sd = t.streamDuration;
  if (sd !== undefined) {
    // Envoy's "new timeouts": the stream duration limit, the route timeout unchanged.
    const grpcTimeout = parseGrpcTimeout(header);
    if (grpcTimeout !== undefined && sd.headerMaxMs !== undefined) {
      let ms = grpcTimeout;
      if (sd.headerMaxMs > 0 && ms > sd.headerMaxMs) ms = sd.headerMaxMs;
      // An offset that leaves nothing times the stream out at once.
      streamMs = Math.max(0, ms - sd.headerOffsetMs);
      if (grpcTimeout === 0) streamMs = NONE; // grpc-timeout 0 is no deadline
    } else streamMs = positiveOrNone(sd.maxMs);
  } else if (grpc && t.maxGrpcTimeoutMs !== undefined) {
    const max = t.maxGrpcTimeoutMs;
    let ms = parseGrpcTimeout(header) ?? 0;
    if (ms > 0 && t.grpcTimeoutOffsetMs > 0) ms = Math.max(1, ms - t.grpcTimeoutOffsetMs);
    // 0 means infinity on both sides; a finite cap applies to an absent or larger header.
    if (max > 0 && (ms === 0 || ms > max)) ms = max;
    routeMs = positiveOrNone(ms);
  }
  return { routeMs, streamMs };
}

export interface RequestDeadlines {
  /** performance.now() by which the router's timeout fires; Infinity = none. */
  readonly routeDeadline: number;
  /** performance.now() by which the stream duration limit fires; Infinity = none. */
  readonly durationDeadline: number;
  /** The earlier of the two: what bounds the tries. */
  readonly deadline: number;
}

/** The deadlines of a request that arrived at `startMono` (performance.now()), from its route's timeouts. */
export function requestDeadlines(
  routeTimeoutMs: number,
  t: GrpcTimeouts | undefined,
  grpc: boolean,
  header: string | string[] | undefined,
  startMono: number,
): RequestDeadlines {
  const now = performance.now();
  if (t === undefined) {
    const d = routeTimeoutMs > 0 ? now + routeTimeoutMs : NONE;
    return { routeDeadline: d, durationDeadline: NONE, deadline: d };
  }
  const r = requestTimeouts(routeTimeoutMs, t, grpc, header);
  const routeDeadline = now + r.routeMs;
  const durationDeadline = startMono + r.streamMs;
  return { routeDeadline, durationDeadline, deadline: Math.min(routeDeadline, durationDeadline) };
}
