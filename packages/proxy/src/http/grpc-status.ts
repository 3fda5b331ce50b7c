// The gRPC status of a request, as Envoy reads it (Grpc::Common::getGrpcStatus): grpc-status from the response
// trailers, else from the response headers (a Trailers-Only answer, or the proxy's own gRPC local reply), else
// inferred from the HTTP status (Grpc::Utility::httpToGrpcStatus, gRPC's http-grpc-status-mapping.md). Only gRPC
// requests (content-type application/grpc...) have one. Printed by %GRPC_STATUS(X)% (CAMEL_STRING, the default,
// "DeadlineExceeded"; SNAKE_STRING "DEADLINE_EXCEEDED"; NUMBER "4") and Istio's grpc_response_status label.
import { GrpcStatus } from '@minimesh/model/xds';
import type { UpstreamResponse } from '../cluster/upstream-body.js';
import type { HttpStream } from './http-stream.js';

/** Well-known gRPC status codes (grpc/status.h), from the model. */
export { GrpcStatus };

/** Envoy's Grpc::Utility::grpcStatusToString names, by code (CAMEL_STRING). */
const CAMEL: readonly string[] = [
  'OK',
  'Canceled',
  'Unknown',
  'InvalidArgument',
  'DeadlineExceeded',
  'NotFound',
  'AlreadyExists',
  'PermissionDenied',
  'ResourceExhausted',
  'FailedPrecondition',
  'Aborted',
  'OutOfRange',
  'Unimplemented',
  'Internal',
  'Unavailable',
  'DataLoss',
  'Unauthenticated',
];

/** The SNAKE_STRING names, by code. */
const SNAKE: readonly string[] = Object.keys(GrpcStatus);

export type GrpcStatusFormat = 'CAMEL_STRING' | 'SNAKE_STRING' | 'NUMBER';

export function isGrpcStatusFormat(s: string): s is GrpcStatusFormat {
  return s === 'CAMEL_STRING' || s === 'SNAKE_STRING' || s === 'NUMBER';
}

/** A status in one of %GRPC_STATUS%'s forms; codes without a name print as numbers. */
export function formatGrpcStatus(code: number, format: GrpcStatusFormat): string {
  if (format === 'NUMBER') return String(code);
  return (format === 'CAMEL_STRING' ? CAMEL[code] : SNAKE[code]) ?? String(code);
}

/** content-type application/grpc, application/grpc+proto ... (Envoy's Grpc::Common::isGrpcRequestHeaders). */
export function isGrpcRequest(headers: Readonly<Record<string, string | string[] | undefined>>): boolean {
  const type = headers['content-type'];
  return (
    typeof type === 'string' &&
    type.startsWith('application/grpc') &&
    (type.length === 16 || type.charCodeAt(16) === 43 /* + */ || type.charCodeAt(16) === 59) /* ; */
  );
}

/** A grpc-status value as a code; undefined when absent or not a non-negative integer. */
export function parseGrpcStatus(v: string | string[] | undefined): number | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  if (s === undefined || !/^\d{1,10}$/.test(s)) return undefined;
  return Number(s);
}

/** Grpc::Utility::httpToGrpcStatus (gRPC's doc/http-grpc-status-mapping.md). */
export function httpToGrpcStatus(httpStatus: number): number {
  switch (httpStatus) {
    case 400:
      return GrpcStatus.INTERNAL;
    case 401:
      return GrpcStatus.UNAUTHENTICATED;
    case 403:
      return GrpcStatus.PERMISSION_DENIED;
    case 404:
      return GrpcStatus.UNIMPLEMENTED;
    case 429:
    case 502:
    case 503:
    case 504:
      return GrpcStatus.UNAVAILABLE;
    default:
      return GrpcStatus.UNKNOWN;
  }
}

/** The upstream response a request was answered with, for its trailers (filled when the body ended). */
const answeredBy = new WeakMap<HttpStream, UpstreamResponse>();

/** Remembers the upstream response that answers `stream` (gRPC requests only; the router calls it). */
export function noteGrpcResponse(stream: HttpStream, response: UpstreamResponse): void {
  answeredBy.set(stream, response);
}

/**
 * The gRPC status the response itself carries (trailers, else headers), with no inference from the HTTP status:
 * what Envoy's grpc_stats filter counts. Undefined when there is none (or the request is not gRPC).
 */
export function sentGrpcStatusOf(stream: HttpStream): number | undefined {
  if (!isGrpcRequest(stream.req.headers)) return undefined;
  return (
    parseGrpcStatus(answeredBy.get(stream)?.trailers['grpc-status']) ??
    parseGrpcStatus(stream.responseHeaders?.['grpc-status'])
  );
}

/** The request's gRPC status (see the top of the file); undefined for a request that is not gRPC. */
export function grpcStatusOf(stream: HttpStream): number | undefined {
  if (!isGrpcRequest(stream.req.headers)) return undefined;
  const fromTrailers = parseGrpcStatus(answeredBy.get(stream)?.trailers['grpc-status']);
  if (fromTrailers !== undefined) return fromTrailers;
  const fromHeaders = parseGrpcStatus(stream.responseHeaders?.['grpc-status']);
  if (fromHeaders !== undefined) return fromHeaders;
  return stream.responseCode === 0 ? undefined : httpToGrpcStatus(stream.responseCode);
}
