// Istio's standard HTTP metrics, as the Istio stats filter reports them: istio_requests_total (counter) and
// istio_request_duration_milliseconds (histogram with Istio's default buckets, ms), labelled by reporter, source and
// destination workload and service, response code and flags. The reporter is "source" for outbound clusters
// ("outbound|port|subset|host") and "destination" for inbound ones ("inbound|port||"); the peer's workload is
// "unknown" (no metadata exchange yet). gRPC requests are request_protocol "grpc" with grpc_response_status their
// gRPC status number (grpc-status.ts), other requests "http" and "". Series print sorted by their label text.
import { formatLabels, type Labels } from './stats-store.js';

/** Istio's default duration buckets, ms. */
export const DURATION_BUCKETS_MS: readonly number[] = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000,
  3600000,
];

export interface WorkloadIdentity {
  readonly workload: string;
  readonly namespace: string;
  readonly app: string;
  readonly version: string;
  readonly cluster: string;
}

export interface RequestFacts {
  /** The upstream cluster name (undefined when the request was not routed to one). */
  readonly cluster: string | undefined;
  readonly responseCode: number;
  readonly responseFlags: string;
  readonly durationMs: number;
  /** The gRPC status of a gRPC request (its request_protocol is then "grpc"); undefined for other requests. */
  readonly grpcStatus?: number | undefined;
}

interface Series {
  readonly labels: Labels;
  count: number;
  sumMs: number;
  readonly buckets: number[];
}

const UNKNOWN = 'unknown';

function serviceOf(cluster: string | undefined): {
  fqdn: string;
  name: string;
  namespace: string;
  inbound: boolean;
} {
  const parts = (cluster ?? '').split('|');
  const inbound = parts[0] === 'inbound';
  const fqdn = parts.length === 4 && parts[3] !== '' ? (parts[3] as string) : (cluster ?? UNKNOWN);
  const [name = UNKNOWN, namespace = UNKNOWN] = fqdn.split('.');
  return { fqdn, name, namespace, inbound };
}

export class IstioMetrics {
  readonly #series = new Map<string, Series>();
  /**
   * Series by cluster, then code, then flags: the label set is built once per distinct outcome, and a request
   * builds no key string (cluster "" when the request was not routed to one).
   */
  readonly #byOutcome = new Map<string, Map<number, Map<string, Series>>>();

  constructor(private readonly self: WorkloadIdentity) {}

  record(facts: RequestFacts): void {
    const cluster = facts.cluster ?? '';
    let byCode = this.#byOutcome.get(cluster);
    if (byCode === undefined) {
      byCode = new Map();
      this.#byOutcome.set(cluster, byCode);
    }
    let byFlags = byCode.get(facts.responseCode);
    if (byFlags === undefined) {
      byFlags = new Map();
      byCode.set(facts.responseCode, byFlags);
    }
    // gRPC requests add their status to the key (other requests build no string here).
    const key =
      facts.grpcStatus === undefined ? facts.responseFlags : `${facts.responseFlags}\0${facts.grpcStatus}`;
    let s = byFlags.get(key);
    if (s === undefined) {
      s = this.#seriesFor(facts);
      byFlags.set(key, s);
    }
    s.count++;
    s.sumMs += facts.durationMs;
    for (let i = 0; i < DURATION_BUCKETS_MS.length; i++) {
      if (facts.durationMs <= (DURATION_BUCKETS_MS[i] as number)) s.buckets[i] = (s.buckets[i] ?? 0) + 1;
    }
  }

  #seriesFor(facts: RequestFacts): Series {
    const svc = serviceOf(facts.cluster);
    const me = this.self;
    const peer = { workload: UNKNOWN, namespace: UNKNOWN, app: UNKNOWN, version: UNKNOWN, cluster: UNKNOWN };
    const src = svc.inbound ? peer : me;
    const dst = svc.inbound ? me : { ...peer, namespace: svc.namespace };
    const labels: Labels = {
      reporter: svc.inbound ? 'destination' : 'source',
      source_workload: src.workload,
      source_workload_namespace: src.namespace,
      source_principal: UNKNOWN,
      source_app: src.app,
      source_version: src.version,
      source_cluster: src.cluster,
      destination_workload: dst.workload,
      destination_workload_namespace: dst.namespace,
      destination_principal: UNKNOWN,
      destination_app: dst.app,
      destination_version: dst.version,
      destination_service: svc.inbound ? UNKNOWN : svc.fqdn,
      destination_service_name: svc.inbound ? UNKNOWN : svc.name,
      destination_service_namespace: svc.inbound ? UNKNOWN : svc.namespace,
      destination_cluster: dst.cluster,
      request_protocol: facts.grpcStatus === undefined ? 'http' : 'grpc',
      response_code: String(facts.responseCode),
      grpc_response_status: facts.grpcStatus === undefined ? '' : String(facts.grpcStatus),
      response_flags: facts.responseFlags,
      connection_security_policy: svc.inbound ? 'none' : UNKNOWN,
    };
    const key = formatLabels(labels);
    let s = this.#series.get(key);
    if (s === undefined) {
      s = { labels, count: 0, sumMs: 0, buckets: DURATION_BUCKETS_MS.map(() => 0) };
      this.#series.set(key, s);
    }
    return s;
  }

  /** Prometheus text for both metrics. */
  prometheus(): string {
    const keys = [...this.#series.keys()].sort();
    if (keys.length === 0) return '';
    let out = '# TYPE istio_requests_total counter\n';
    for (const k of keys) out += `istio_requests_total${k} ${this.#series.get(k)?.count ?? 0}\n`;
    out += '# TYPE istio_request_duration_milliseconds histogram\n';
    for (const k of keys) {
      const s = this.#series.get(k) as Series;
      DURATION_BUCKETS_MS.forEach((le, i) => {
        out += `istio_request_duration_milliseconds_bucket${formatLabels({ ...s.labels, le: String(le) })} ${s.buckets[i] ?? 0}\n`;
      });
      out += `istio_request_duration_milliseconds_bucket${formatLabels({ ...s.labels, le: '+Inf' })} ${s.count}\n`;
      out += `istio_request_duration_milliseconds_sum${k} ${Math.round(s.sumMs * 1000) / 1000}\n`;
      out += `istio_request_duration_milliseconds_count${k} ${s.count}\n`;
    }
    return out;
  }
}
