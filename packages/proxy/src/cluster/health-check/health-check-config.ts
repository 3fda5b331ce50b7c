// Cluster.health_checks compiled (envoy/config/core/v3/health_check.proto), with Envoy's defaults; times in ms.
// HTTP/1.1 checks (path, host, method, request_headers_to_add / _to_remove, expected_statuses, retriable_statuses,
// receive payloads in the first response_buffer_size bytes) and TCP checks (send / receive payloads, or connect
// only) are honoured; gRPC, Redis and custom checkers, HTTP/2 checks, an HTTP send payload (a field Envoy
// hides as unsupported), service_name_matcher, PROXY protocol and event logs are refused
// (ConfigRejectedError), as is more than one health check per cluster.
import type { Cluster } from '@minimesh/model/xds';
import { ConfigRejectedError } from '../../errors.js';
import { boolValue, durationToMs, uint32Value } from '../../util/proto-values.js';

type HealthCheck = NonNullable<Cluster['health_checks']>[number];

/** A half-open status range [start, end), as Envoy's Int64Range. */
export interface StatusRange {
  readonly start: number;
  readonly end: number;
}

export interface HttpCheckConfig {
  readonly kind: 'http';
  /** :authority of the check; default the cluster's name. */
  readonly host: string;
  readonly path: string;
  readonly method: string;
  /** Headers added (lower-case names), after request_headers_to_remove. */
  readonly headers: Readonly<Record<string, string>>;
  readonly remove: readonly string[];
  /** Healthy statuses; default [200, 201). */
  readonly expected: readonly StatusRange[];
  /** Statuses that count toward unhealthy_threshold instead of failing the host at once. */
  readonly retriable: readonly StatusRange[];
  /** Blocks the response body must contain, in order (fuzzy match); empty: the status alone decides. */
  readonly receive: readonly Buffer[];
  /** response_buffer_size: the body bytes matched (default 1024; 0: all of it, bounded at 1 MiB here). */
  readonly responseBufferSize: number;
}

export interface TcpCheckConfig {
  readonly kind: 'tcp';
  /** Bytes written after connecting; empty: connect only. */
  readonly send: Buffer;
  /** Blocks that must all be found in the response, in order, not necessarily contiguous. */
  readonly receive: readonly Buffer[];
}

export interface HealthCheckConfig {
  readonly timeoutMs: number;
  readonly intervalMs: number;
  /** interval_jitter (ms) and interval_jitter_percent: random extra added to each interval. */
  readonly intervalJitterMs: number;
  readonly intervalJitterPercent: number;
  /** initial_jitter: a random 0..initial_jitter ms before the first check; default 0. */
  readonly initialJitterMs: number;
  /** no_traffic_interval: default 60 s; no_traffic_healthy_interval: default no_traffic_interval. */
  readonly noTrafficIntervalMs: number;
  readonly noTrafficHealthyIntervalMs: number;
  /** unhealthy_interval (default interval), unhealthy_edge_interval (default unhealthy_interval). */
  readonly unhealthyIntervalMs: number;
  readonly unhealthyEdgeIntervalMs: number;
  /** healthy_edge_interval: default interval. */
  readonly healthyEdgeIntervalMs: number;
  readonly unhealthyThreshold: number;
  readonly healthyThreshold: number;
  /** alt_port: checks go to this port instead of the host's; undefined: the host's port. */
  readonly altPort: number | undefined;
  /** reuse_connection: default true. */
  readonly reuseConnection: boolean;
  readonly check: HttpCheckConfig | TcpCheckConfig;
}

/** Payload.text is hex ("000000FF"), Payload.binary raw bytes. */
function payload(p: { text?: string; binary?: Buffer | Uint8Array | string } | null | undefined): Buffer {
  if (p === undefined || p === null) return Buffer.alloc(0);
  if (p.text !== undefined && p.text !== '') return Buffer.from(p.text, 'hex');
  if (p.binary === undefined) return Buffer.alloc(0);
  return typeof p.binary === 'string' ? Buffer.from(p.binary, 'base64') : Buffer.from(p.binary);
}

/** Envoy's default response_buffer_size (1024); 0 means the whole body, which is bounded at 1 MiB here. */
function bufferSize(v: { value?: unknown } | null | undefined): number {
  if (v === undefined || v === null) return 1024;
  const n = Number(String(v.value ?? 0));
  return n === 0 ? 1024 * 1024 : Math.min(n, 1024 * 1024);
}

function ranges(list: readonly { start?: unknown; end?: unknown }[] | undefined): StatusRange[] {
  return (list ?? []).map((r) => ({ start: Number(String(r.start ?? 0)), end: Number(String(r.end ?? 0)) }));
}

function httpCheck(hc: NonNullable<HealthCheck['http_health_check']>, cluster: string): HttpCheckConfig {
  const reject = (detail: string) =>
    new ConfigRejectedError('Cluster', cluster, `health_checks[0]: ${detail}`);
  const path = hc.path ?? '';
  if (path === '') throw reject('http_health_check.path is required');
  const codec = String(hc.codec_client_type ?? 'HTTP1');
  if (codec !== 'HTTP1' && codec !== '0')
    throw reject(`codec_client_type ${codec} is not supported (HTTP1 only)`);
  // send is "[#not-implemented-hide:]" in Envoy too.
  if ((hc.send ?? null) !== null) throw reject('http_health_check.send is not supported');
  if (hc.service_name_matcher !== undefined && hc.service_name_matcher !== null) {
    throw reject('http_health_check.service_name_matcher is not supported');
  }
  const method = String(hc.method ?? 'GET');
  const m = method === 'METHOD_UNSPECIFIED' || method === '0' ? 'GET' : method;
  if (m === 'CONNECT') throw reject('http_health_check.method CONNECT is not allowed');
  const headers: Record<string, string> = {};
  for (const o of hc.request_headers_to_add ?? []) {
    const key = (o.header?.key ?? '').toLowerCase();
    if (key !== '') headers[key] = o.header?.value ?? '';
  }
  const expected = ranges(hc.expected_statuses);
  return {
    kind: 'http',
    host: hc.host || cluster,
    path,
    method: m,
    headers,
    remove: (hc.request_headers_to_remove ?? []).map((n: string) => n.toLowerCase()),
    expected: expected.length > 0 ? expected : [{ start: 200, end: 201 }],
    retriable: ranges(hc.retriable_statuses),
    receive: (hc.receive ?? []).map(payload),
    responseBufferSize: bufferSize(hc.response_buffer_size),
  };
}

function requiredMs(hc: HealthCheck, field: 'timeout' | 'interval', cluster: string): number {
  const v = durationToMs(hc[field]);
  if (v === undefined || !(v > 0)) {
    throw new ConfigRejectedError(
      'Cluster',
      cluster,
      `health_checks[0].${field} is required and must be > 0`,
    );
  }
  return v;
}

/** The compiled health check of `cluster`, undefined when it has none; throws ConfigRejectedError. */
export function healthCheckConfigOf(cluster: Cluster): HealthCheckConfig | undefined {
  const list = cluster.health_checks ?? [];
  const name = cluster.name ?? '';
  if (list.length === 0) return undefined;
  if (list.length > 1)
    throw new ConfigRejectedError('Cluster', name, 'only one health check per cluster is supported');
  const hc = list[0] as HealthCheck;
  const reject = (detail: string) => new ConfigRejectedError('Cluster', name, `health_checks[0]: ${detail}`);
  if ((hc.event_log_path ?? '') !== '' || (hc.event_logger ?? []).length > 0) {
    throw reject('health check event logs are not supported');
  }
  let check: HttpCheckConfig | TcpCheckConfig;
  if (hc.http_health_check !== undefined && hc.http_health_check !== null) {
    check = httpCheck(hc.http_health_check, name);
  } else if (hc.tcp_health_check !== undefined && hc.tcp_health_check !== null) {
    const tcp = hc.tcp_health_check;
    if (tcp.proxy_protocol_config !== undefined && tcp.proxy_protocol_config !== null) {
      throw reject('tcp_health_check.proxy_protocol_config is not supported');
    }
    check = { kind: 'tcp', send: payload(tcp.send), receive: (tcp.receive ?? []).map(payload) };
  } else {
    throw reject('only http_health_check and tcp_health_check are supported');
  }
  if (hc.unhealthy_threshold === undefined || hc.unhealthy_threshold === null) {
    throw reject('unhealthy_threshold is required');
  }
  if (hc.healthy_threshold === undefined || hc.healthy_threshold === null) {
    throw reject('healthy_threshold is required');
  }
  const intervalMs = requiredMs(hc, 'interval', name);
  const unhealthyIntervalMs = durationToMs(hc.unhealthy_interval) ?? intervalMs;
  const noTrafficIntervalMs = durationToMs(hc.no_traffic_interval) ?? 60_000;
  const altPort = uint32Value(hc.alt_port, 0);
  return {
    timeoutMs: requiredMs(hc, 'timeout', name),
    intervalMs,
    intervalJitterMs: durationToMs(hc.interval_jitter) ?? 0,
    intervalJitterPercent: hc.interval_jitter_percent ?? 0,
    initialJitterMs: durationToMs(hc.initial_jitter) ?? 0,
    noTrafficIntervalMs,
    noTrafficHealthyIntervalMs: durationToMs(hc.no_traffic_healthy_interval) ?? noTrafficIntervalMs,
    unhealthyIntervalMs,
    unhealthyEdgeIntervalMs: durationToMs(hc.unhealthy_edge_interval) ?? unhealthyIntervalMs,
    healthyEdgeIntervalMs: durationToMs(hc.healthy_edge_interval) ?? intervalMs,
    // A threshold of 0 behaves as 1 (the first result decides).
    unhealthyThreshold: Math.max(1, uint32Value(hc.unhealthy_threshold, 1)),
    healthyThreshold: Math.max(1, uint32Value(hc.healthy_threshold, 1)),
    altPort: altPort > 0 ? altPort : undefined,
    reuseConnection: boolValue(hc.reuse_connection, true),
    check,
  };
}
