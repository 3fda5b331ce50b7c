// envoy.access_loggers.http_grpc (HttpGrpcAccessLogConfig) compiled for an HCM's access_log list, and the cache
// of the streams it logs to. As Envoy: common_config.grpc_service.envoy_grpc.cluster_name names a cluster the
// proxy got over CDS (it may be missing when the listener is accepted: entries wait for it), log_name is
// required, transport_api_version must be V3, buffer_flush_interval (default 1 s) and buffer_size_bytes (default
// 16384) batch the entries; google_grpc (Envoy's Google C++ gRPC client) and every other field this proxy cannot
// honour are rejected, so the listener is NACKed (filter_state_objects_to_log, which istiod sets, is accepted:
// the proxy has no filter state to log). Loggers with the same (cluster, log_name) share one stream
// across listeners and config pushes (GrpcAccessLoggers, one per proxy); the latest config's buffer settings apply.
import type { HttpGrpcAccessLogConfig, Node } from '@minimesh/model/xds';
import type { ClusterManager } from '../cluster/cluster-manager.js';
import { ConfigRejectedError } from '../errors.js';
import type { LogContext } from '../http/access-log-format.js';
import type { StatsStore } from '../stats/stats-store.js';
import { durationToMs } from '../util/proto-values.js';
import {
  type AlsContext,
  type AlsSettings,
  AlsStream,
  DEFAULT_BUFFER_SIZE_BYTES,
  DEFAULT_FLUSH_INTERVAL_MS,
} from './als-stream.js';
import { httpLogEntry, type LoggedHeaders } from './http-log-entry.js';

export interface GrpcAccessLoggersOptions {
  /** The node the proxy's ADS client sends (buildNode). */
  readonly node: Node;
  readonly clusters: ClusterManager;
  readonly stats: StatsStore;
  readonly userAgent?: string;
  /** Reconnect backoff of the streams, ms (default 500 ms to 10 s). */
  readonly backoff?: { readonly baseMs?: number; readonly maxMs?: number };
}

/** The streams of one proxy's gRPC access loggers, by (cluster, log_name). */
export class GrpcAccessLoggers {
  readonly #streams = new Map<string, AlsStream>();
  readonly #options: GrpcAccessLoggersOptions;
  /** Made with the first stream, so a proxy without gRPC loggers has none of their stats (as Envoy). */
  #ctx: AlsContext | undefined;

  constructor(options: GrpcAccessLoggersOptions) {
    this.#options = options;
  }

  #context(): AlsContext {
    const o = this.#options;
    this.#ctx ??= {
      node: o.node,
      clusters: o.clusters,
      userAgent: o.userAgent ?? 'minimesh-proxy (node:http2 gRPC)',
      written: o.stats.counter(
        'access_logs.grpc_access_log.logs_written',
        'envoy_access_logs_grpc_access_log_logs_written',
      ),
      dropped: o.stats.counter(
        'access_logs.grpc_access_log.logs_dropped',
        'envoy_access_logs_grpc_access_log_logs_dropped',
      ),
      ...(o.backoff === undefined ? {} : { backoff: o.backoff }),
    };
    return this.#ctx;
  }

  /** The shared stream of (cluster, logName), created on first use with `settings`, else updated to them. */
  stream(cluster: string, logName: string, settings: AlsSettings): AlsStream {
    const key = `${cluster}\u0000${logName}`;
    let s = this.#streams.get(key);
    if (s === undefined) {
      s = new AlsStream(cluster, logName, settings, this.#context());
      this.#streams.set(key, s);
    } else s.configure(settings);
    return s;
  }

  /** Every stream, in creation order. */
  all(): AlsStream[] {
    return [...this.#streams.values()];
  }

  /** Sends what is buffered where a call is up, then closes every stream. */
  async close(): Promise<void> {
    const streams = this.all();
    this.#streams.clear();
    await Promise.all(streams.map((s) => s.close()));
  }
}

/** The fields of HttpGrpcAccessLogConfig this logger honours; anything else set is rejected. */
const COMMON_FIELDS: ReadonlySet<string> = new Set([
  'log_name',
  'grpc_service',
  'buffer_flush_interval',
  'buffer_size_bytes',
  'transport_api_version',
  // istiod always sets it (the wasm peer metadata); this proxy has no filter state, so nothing is logged for it.
  'filter_state_objects_to_log',
]);

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
}

function lowerAll(names: readonly string[] | undefined): string[] {
  return (names ?? []).map((n) => n.toLowerCase());
}

/**
 * The writer of one http_grpc access logger. `at` is the access_log entry's path in the listener
 * ("HttpConnectionManager.access_log[0]"); throws ConfigRejectedError naming the field and what was expected.
 */
export function compileHttpGrpcLogger(
  cfg: HttpGrpcAccessLogConfig,
  loggers: GrpcAccessLoggers | undefined,
  owner: string,
  at: string,
): (c: LogContext) => void {
  const reject = (field: string, detail: string): never => {
    throw new ConfigRejectedError('Listener', owner, `${at}.typed_config.${field}: ${detail}`);
  };
  if (isSet(cfg.additional_response_trailers_to_log))
    reject(
      'additional_response_trailers_to_log',
      'response trailers are not logged by this proxy; expected none',
    );
  const common = cfg.common_config;
  if (common === undefined || common === null)
    return reject('common_config', 'required (log_name and grpc_service)');
  for (const [k, v] of Object.entries(common)) {
    if (!COMMON_FIELDS.has(k) && isSet(v))
      reject(`common_config.${k}`, 'not supported by this proxy; expected it unset');
  }
  const logName = common.log_name ?? '';
  if (logName === '') reject('common_config.log_name', 'required, a non-empty string');
  const api = common.transport_api_version ?? 'AUTO';
  if (api !== 'V3')
    reject(
      'common_config.transport_api_version',
      `expected V3 (the v3 AccessLogService), got ${String(api)}`,
    );
  const service = common.grpc_service;
  if (isSet(service?.google_grpc))
    reject(
      'common_config.grpc_service.google_grpc',
      'the Google C++ gRPC client is not available in this proxy; expected envoy_grpc { cluster_name }',
    );
  const cluster = service?.envoy_grpc?.cluster_name ?? '';
  if (cluster === '')
    reject('common_config.grpc_service.envoy_grpc.cluster_name', 'required, the name of a CDS cluster');
  const flushIntervalMs = durationToMs(common.buffer_flush_interval) ?? DEFAULT_FLUSH_INTERVAL_MS;
  if (!(flushIntervalMs > 0))
    reject('common_config.buffer_flush_interval', `expected a positive duration, got ${flushIntervalMs} ms`);
  const size = common.buffer_size_bytes;
  const bufferSizeBytes =
    size === undefined || size === null ? DEFAULT_BUFFER_SIZE_BYTES : Number(size.value ?? 0);
  if (loggers === undefined)
    reject('common_config.grpc_service', 'gRPC access loggers need the proxy (no logger cache was given)');
  const stream = (loggers as GrpcAccessLoggers).stream(cluster, logName, {
    flushIntervalMs,
    bufferSizeBytes,
  });
  const logged: LoggedHeaders = {
    request: lowerAll(cfg.additional_request_headers_to_log),
    response: lowerAll(cfg.additional_response_headers_to_log),
  };
  return (c) => {
    stream.logEntry(httpLogEntry(c.stream, c.durationMs, logged));
  };
}
