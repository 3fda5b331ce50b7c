// envoy.filters.http.fault: delay and abort faults, each applied with its `percentage` (a FractionalPercent; unset
// means 0%, as Envoy reads the proto default), or controlled by request headers when header_delay / header_abort
// is set (x-envoy-fault-delay-request: ms, x-envoy-fault-abort-request: HTTP status, x-envoy-fault-abort-grpc-request:
// gRPC status). The per-route HTTPFault (typed_per_filter_config) replaces the filter-level one. `headers` matchers,
// `upstream_cluster` and `max_active_faults` limit where faults apply. Delays get the DI flag, aborts FI with body
// "fault filter abort", sent as Envoy's sendLocalReply sends it: in gRPC form for a gRPC request (HTTP 200,
// grpc-status: abort.grpc_status, else the HTTP status mapped), and HTTP 200 for an abort that only has a
// grpc_status (Istio's `fault.abort.grpcStatus`) answering a request that is not gRPC.
import { randomInt } from 'node:crypto';
import type { FractionalPercent, HTTPFault } from '@minimesh/model/xds';
import {
  type CompiledHeaderMatcher,
  compileHeaderMatcher,
  evaluateFractionalPercent,
  TypeUrl,
  toRequestHeaders,
} from '@minimesh/model/xds';
import { ConfigRejectedError, errorText } from '../../errors.js';
import { durationToMs } from '../../util/proto-values.js';
import { localReply } from '../grpc-local-reply.js';
import type { HttpStream } from '../http-stream.js';
import { LocalReply } from '../local-reply.js';
import type { FilterStatus, HttpFilter, HttpFilterPlugin } from './http-filter.js';

interface CompiledFault {
  readonly delayMs: number | undefined;
  readonly headerDelay: boolean;
  readonly delayPercent: FractionalPercent | undefined;
  readonly abortStatus: number | undefined;
  /** abort.grpc_status (a gRPC code); with it the HTTP status is 200, as Envoy answers. */
  readonly abortGrpcStatus: number | undefined;
  readonly headerAbort: boolean;
  readonly abortPercent: FractionalPercent | undefined;
  readonly headers: readonly CompiledHeaderMatcher[];
  readonly upstreamCluster: string | undefined;
  readonly maxActive: number | undefined;
}

function compileFault(cfg: HTTPFault, owner: string): CompiledFault {
  try {
    const abortStatus = cfg.abort?.http_status;
    if (abortStatus !== undefined && (abortStatus < 200 || abortStatus >= 600)) {
      throw new Error(`abort.http_status ${abortStatus} is not in [200, 600)`);
    }
    if (cfg.response_rate_limit !== undefined && cfg.response_rate_limit !== null) {
      throw new Error('response_rate_limit is not supported');
    }
    return {
      delayMs: durationToMs(cfg.delay?.fixed_delay),
      headerDelay: cfg.delay?.header_delay !== undefined && cfg.delay.header_delay !== null,
      delayPercent: cfg.delay?.percentage ?? undefined,
      abortStatus: abortStatus ?? (cfg.abort?.grpc_status === undefined ? undefined : 200),
      abortGrpcStatus: cfg.abort?.grpc_status,
      headerAbort: cfg.abort?.header_abort !== undefined && cfg.abort.header_abort !== null,
      abortPercent: cfg.abort?.percentage ?? undefined,
      headers: (cfg.headers ?? []).map((h, i) => compileHeaderMatcher(h, `headers[${i}]`)),
      upstreamCluster:
        cfg.upstream_cluster === undefined || cfg.upstream_cluster === '' ? undefined : cfg.upstream_cluster,
      maxActive:
        cfg.max_active_faults === undefined || cfg.max_active_faults === null
          ? undefined
          : (cfg.max_active_faults.value ?? 0),
    };
  } catch (err) {
    throw new ConfigRejectedError('HTTPFault', owner, errorText(err), { cause: err });
  }
}

function hit(p: FractionalPercent | undefined): boolean {
  return evaluateFractionalPercent(p ?? { numerator: 0 }, randomInt(0, 2 ** 32 - 1));
}

function headerNumber(stream: HttpStream, name: string): number | undefined {
  const v = stream.req.headers[name];
  const n = typeof v === 'string' ? Number.parseInt(v, 10) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

class FaultFilter implements HttpFilter {
  #active = 0;
  constructor(
    readonly name: string,
    private readonly base: CompiledFault,
  ) {}

  /** Synchronous when no fault is injected (the common case: no async hop per request); a promise otherwise. */
  decode(stream: HttpStream): FilterStatus | Promise<FilterStatus> {
    const perRoute = stream.route?.perFilter.get(this.name);
    if (perRoute === null) return 'continue';
    const f = (perRoute as CompiledFault | undefined) ?? this.base;
    if (f.upstreamCluster !== undefined && f.upstreamCluster !== stream.clusterName) return 'continue';
    if (f.headers.length > 0) {
      const h = toRequestHeaders(stream.req.headers as Record<string, string | string[]>);
      if (!f.headers.every((m) => m.test(h))) return 'continue';
    }
    if (f.maxActive !== undefined && this.#active >= f.maxActive) return 'continue';
    const delay = f.headerDelay ? headerNumber(stream, 'x-envoy-fault-delay-request') : f.delayMs;
    const grpcAbort = f.headerAbort
      ? headerNumber(stream, 'x-envoy-fault-abort-grpc-request')
      : f.abortGrpcStatus;
    const httpAbort = f.headerAbort ? headerNumber(stream, 'x-envoy-fault-abort-request') : f.abortStatus;
    const abort = httpAbort ?? (grpcAbort === undefined ? undefined : 200);
    const doDelay = delay !== undefined && delay > 0 && (f.headerDelay || hit(f.delayPercent));
    const doAbort = abort !== undefined && (f.headerAbort || hit(f.abortPercent));
    if (!doDelay && !doAbort) return 'continue';
    return this.#inject(stream, doDelay ? (delay ?? 0) : 0, doAbort ? abort : undefined, grpcAbort);
  }

  /** Delays `delayMs` (when above 0), then aborts with `abortStatus` (when set; gRPC requests: `grpcStatus`). */
  async #inject(
    stream: HttpStream,
    delayMs: number,
    abortStatus: number | undefined,
    grpcStatus: number | undefined,
  ): Promise<FilterStatus> {
    this.#active++;
    try {
      if (delayMs > 0) {
        stream.flags.add('DI');
        await new Promise((r) => setTimeout(r, delayMs));
      }
      if (abortStatus !== undefined) {
        stream.flags.add('FI');
        localReply(
          stream,
          abortStatus,
          LocalReply.faultAbort.body,
          LocalReply.faultAbort.details,
          grpcStatus,
        );
        return 'stop';
      }
      return 'continue';
    } finally {
      this.#active--;
    }
  }
}

export const faultPlugin: HttpFilterPlugin = {
  typeUrls: [TypeUrl.HTTP_FAULT],
  perRouteTypeUrls: [TypeUrl.HTTP_FAULT],
  terminal: false,
  create: (name, config, owner) => new FaultFilter(name, compileFault(config as HTTPFault, owner)),
  compilePerRoute: (config, owner) => compileFault(config as HTTPFault, owner),
};
