// The status a gRPC call ends with (google.rpc.Code and a message), where it comes from on HTTP/2 (grpc-status
// and grpc-message in the trailers, or in the headers of a trailers-only response), and what a call that ended
// without one gets: gRPC's mapping of the HTTP status (for a response that is not gRPC) and of RST_STREAM codes.
import { constants } from 'node:http2';

/** google.rpc.Code values this client produces or names. */
export const GrpcCode = {
  Ok: 0,
  Cancelled: 1,
  Unknown: 2,
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  Unimplemented: 12,
  Internal: 13,
  Unavailable: 14,
  Unauthenticated: 16,
} as const;

export interface GrpcStatus {
  /** google.rpc.Code (0 = OK). */
  readonly code: number;
  /** grpc-message, percent-decoded ('' when absent), or what went wrong locally. */
  readonly details: string;
}

/** Stable code of GrpcStatusError. */
export const GRPC_STATUS_ERROR = 'PROXY_GRPC_STATUS';

/** A call that ended with a status other than OK, or a local failure expressed as one. */
export class GrpcStatusError extends Error {
  readonly code = GRPC_STATUS_ERROR;
  readonly status: GrpcStatus;
  constructor(grpcCode: number, details: string, options?: { cause?: unknown }) {
    super(`gRPC status ${grpcCode}: ${details}`, options);
    this.name = 'GrpcStatusError';
    this.status = { code: grpcCode, details };
  }
}

type HeaderValue = string | string[] | number | undefined;

function first(v: HeaderValue): string | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v[0] : String(v);
}

/** grpc-message is percent-encoded; a value that does not decode is kept as it came. */
function decodeMessage(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The status carried by a header block (trailers, or headers of a trailers-only response), if it has one. */
export function statusFromHeaders(headers: Readonly<Record<string, HeaderValue>>): GrpcStatus | undefined {
  const raw = first(headers['grpc-status']);
  if (raw === undefined) return undefined;
  const code = /^\d+$/.test(raw) ? Number(raw) : GrpcCode.Unknown;
  const message = first(headers['grpc-message']);
  return { code, details: message === undefined ? '' : decodeMessage(message) };
}

/** gRPC's mapping of an HTTP status on a response without grpc-status. */
export function statusFromHttp(httpStatus: number): GrpcStatus {
  const code =
    httpStatus === 400
      ? GrpcCode.Internal
      : httpStatus === 401
        ? GrpcCode.Unauthenticated
        : httpStatus === 403
          ? GrpcCode.PermissionDenied
          : httpStatus === 404
            ? GrpcCode.Unimplemented
            : httpStatus === 429 || httpStatus === 502 || httpStatus === 503 || httpStatus === 504
              ? GrpcCode.Unavailable
              : GrpcCode.Unknown;
  return { code, details: `HTTP status ${httpStatus} without grpc-status` };
}

/** gRPC's mapping of the RST_STREAM code of a stream that ended without a status. */
export function statusFromRstCode(rstCode: number): GrpcStatus {
  switch (rstCode) {
    case constants.NGHTTP2_REFUSED_STREAM:
      return { code: GrpcCode.Unavailable, details: 'stream refused by the server' };
    case constants.NGHTTP2_CANCEL:
      return { code: GrpcCode.Cancelled, details: 'stream cancelled' };
    case constants.NGHTTP2_ENHANCE_YOUR_CALM:
      return { code: GrpcCode.ResourceExhausted, details: 'stream reset with ENHANCE_YOUR_CALM' };
    case constants.NGHTTP2_INADEQUATE_SECURITY:
      return { code: GrpcCode.PermissionDenied, details: 'stream reset with INADEQUATE_SECURITY' };
    default:
      return {
        code: GrpcCode.Internal,
        details: `stream ended without a status (RST_STREAM code ${rstCode})`,
      };
  }
}
