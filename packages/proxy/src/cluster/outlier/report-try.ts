// What the router tells a cluster's outlier detector about one upstream try, as Envoy's router does: a response
// is a stream that got its connection (LocalOriginConnectSuccess) and an HTTP status (external origin); a connect
// failure or a reset is LocalOriginConnectFailed; a per-try or route timeout is LocalOriginTimeout. A try the
// client cancelled, or that the stream idle timeout ended (the connection manager's timer), is not reported. A gRPC
// response with grpc-status in its headers (Trailers-Only) is reported as that status mapped to HTTP (Envoy's
// router; a grpc-status in trailers is not seen, as in Envoy).
import type { Host } from '../host.js';
import type { OutlierDetector } from './outlier-detector.js';

/** The try outcomes the router has (src/http/retry-policy.ts TryOutcome, by kind). */
export interface ReportedOutcome {
  readonly kind: 'response' | 'connect-failure' | 'reset' | 'timeout' | 'idle';
  readonly status?: number;
}

/** Envoy's Grpc::Utility::grpcToHttpStatus, by gRPC status code (0 OK ... 16 UNAUTHENTICATED); others 500. */
const GRPC_TO_HTTP: readonly number[] = [
  200, 499, 500, 400, 504, 404, 409, 403, 429, 400, 409, 400, 501, 500, 503, 500, 401,
];

export function reportTry(
  detector: OutlierDetector | undefined,
  host: Host,
  outcome: ReportedOutcome,
  grpcStatus?: number,
): void {
  if (detector === undefined) return;
  switch (outcome.kind) {
    case 'response':
      detector.putLocalOrigin(host, 'connect-success');
      detector.putHttpResponseCode(
        host,
        grpcStatus === undefined ? (outcome.status ?? 200) : (GRPC_TO_HTTP[grpcStatus] ?? 500),
      );
      return;
    case 'connect-failure':
    case 'reset':
      detector.putLocalOrigin(host, 'connect-failed');
      return;
    case 'timeout':
      detector.putLocalOrigin(host, 'timeout');
      return;
    case 'idle':
      return;
  }
}
