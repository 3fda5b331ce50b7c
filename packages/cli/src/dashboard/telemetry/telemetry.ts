// The dashboard's telemetry: every proxy's access log entries (envoy.service.accesslog.v3 StreamAccessLogs, decoded
// by the model codec) become RequestRecords (a bounded ring), the service graph (edges from source-reported
// requests, Kiali's way) and golden metrics per service and per workload, over a sliding window and a per-second
// series. Times are ms since the epoch; statistics are kept per whole second (seconds since the epoch).
// Cost: ingest is O(1) per entry and allocates the record (and its endpoint text) only; graph, metrics and
// windows are computed when asked, once a second. Memory is bounded: the ring holds logSize records, each key
// holds fixed rings of seriesS seconds, and at most maxKeys edges and golden keys exist (past it, new keys are
// refused: their requests still reach the ring and the mesh-wide window; `keysRefused` counts them).
import type { StreamAccessLogsMessage } from '@minimesh/model';
import type {
  GoldenMetrics,
  GraphEdge,
  GraphNode,
  GraphSnapshot,
  Health,
  MetricWindow,
  RequestRecord,
  ServerMessage,
  WorkloadRef,
} from '../protocol.js';
import {
  type AccessLogEntry,
  addressHost,
  addressText,
  authorityHost,
  durationMs,
  methodText,
  protocolText,
  timestampMs,
} from './access-log-fields.js';
import { ClusterNameCache } from './cluster-name.js';
import { healthOf, isErrorStatus, metricWindowOf, worseHealth } from './health.js';
import { EMPTY_DIRECTORY, type MeshDirectory } from './mesh-directory.js';
import { formatResponseFlags } from './response-flags.js';
import { latencyUs, newLatencyHistogram, type Percentiles, SecondStats, type WindowSum } from './second-stats.js';
import {
  EdgeState,
  GoldenState,
  hostNamespace,
  KeyBudget,
  NodeState,
  nodeIdOf,
  resetSum,
} from './telemetry-keys.js';

export interface TelemetryOptions {
  /** Sliding window of the graph and the golden metrics, s (default 30). */
  readonly windowS?: number;
  /** Length of each key's series, s (default 300); at least windowS + 2. */
  readonly seriesS?: number;
  /** Requests kept in the ring (default 5000). */
  readonly logSize?: number;
  /** Records takeNew returns at most (default 500). */
  readonly maxRecordsPerTake?: number;
  /** Edges plus golden keys kept at most (default 500). */
  readonly maxKeys?: number;
  /** The clock, ms (tests); Date.now by default. */
  readonly now?: () => number;
}

/** The element type of the `metrics` server message's `updates`. */
export type MetricsUpdate = Extract<ServerMessage, { type: 'metrics' }>['updates'][number];

/** What identifies an access log stream: the node of its first message's identifier, and the log name. */
export interface AccessLogStreamId {
  readonly node?: { readonly id?: string } | null;
  readonly logName?: string;
}

const UNKNOWN: WorkloadRef = Object.freeze({ kind: 'unknown', namespace: '', workload: 'unknown', app: 'unknown' });
const EMPTY_COMMON: NonNullable<AccessLogEntry['common_properties']> = Object.freeze({});

export class Telemetry {
  readonly windowS: number;
  readonly seriesS: number;
  readonly #logSize: number;
  readonly #maxTake: number;
  readonly #now: () => number;
  readonly #directory: () => MeshDirectory;
  readonly #versionAt: (timeMs: number) => number;
  readonly #budget: KeyBudget;
  readonly #clusters = new ClusterNameCache();

  readonly #ring: (RequestRecord | undefined)[];
  /** The id the next record gets; ids start at 1 and are consecutive, so a record's slot is (id - 1) % logSize. */
  #nextId = 1;
  /** The last id takeNew returned or passed over. */
  #taken = 0;

  /** Seconds before this one are closed: their points were sent; a late entry counts in this second instead. */
  #openSecond = Number.NEGATIVE_INFINITY;
  readonly #nodes = new Map<string, NodeState>();
  readonly #nodeOfRef = new WeakMap<WorkloadRef, NodeState>();
  readonly #externals = new Map<string, WorkloadRef>();
  readonly #services = new Map<string, GoldenState>();
  /** The one workload each outbound cluster was last seen served by (null: several), for requests that reached no host. */
  readonly #clusterWorkload = new Map<string, WorkloadRef | null>();
  readonly #mesh: SecondStats;
  readonly #scratch: WindowSum = { requests: 0, errors: 0, latency: newLatencyHistogram() };
  readonly #percentiles: Percentiles = { p50Ms: 0, p95Ms: 0, p99Ms: 0 };

  constructor(
    directory: () => MeshDirectory,
    versionAt: (timeMs: number) => number,
    options: TelemetryOptions = {},
  ) {
    this.windowS = positive(options.windowS, 30);
    this.seriesS = Math.max(positive(options.seriesS, 300), this.windowS + 2);
    this.#logSize = positive(options.logSize, 5000);
    this.#maxTake = positive(options.maxRecordsPerTake, 500);
    this.#budget = new KeyBudget(positive(options.maxKeys, 500));
    this.#now = options.now ?? Date.now;
    this.#directory = directory;
    this.#versionAt = versionAt;
    this.#ring = new Array<RequestRecord | undefined>(this.#logSize).fill(undefined);
    // The mesh-wide stats keep every second's histogram of the series, so window() merges any range in it.
    this.#mesh = new SecondStats(this.seriesS, this.seriesS);
  }

  /** Requests not aggregated under an edge or golden key because maxKeys was reached. */
  get keysRefused(): number {
    return this.#budget.refused;
  }

  /** Takes in one StreamAccessLogs message of a stream (its HTTP entries; TCP entries carry no request). */
  ingest(stream: AccessLogStreamId, message: StreamAccessLogsMessage): void {
    const entries = message.http_logs?.log_entry;
    if (entries === undefined || entries.length === 0) return;
    const directory = this.#directory() ?? EMPTY_DIRECTORY;
    const proxy = stream.node?.id ?? message.identifier?.node?.id ?? '';
    const reporter = directory.node(proxy);
    for (const entry of entries) this.#ingestEntry(directory, proxy, reporter, entry);
  }

  #ingestEntry(
    directory: MeshDirectory,
    proxy: string,
    reporterRef: WorkloadRef | undefined,
    entry: AccessLogEntry,
  ): void {
    const common = entry.common_properties ?? EMPTY_COMMON;
    const request = entry.request;
    const cluster = common.upstream_cluster ?? '';
    const parsed = this.#clusters.get(cluster);
    const endpoint = addressText(common.upstream_remote_address);
    const authority = request?.authority ?? '';
    const reporter = parsed.direction === 'inbound' ? 'destination' : 'source';
    let source: WorkloadRef;
    let destination: WorkloadRef;
    if (reporter === 'destination') {
      destination = reporterRef ?? UNKNOWN;
      const downstream = addressText(common.downstream_remote_address);
      source = (downstream === undefined ? undefined : directory.endpoint(downstream)) ?? UNKNOWN;
    } else {
      source = reporterRef ?? UNKNOWN;
      destination = this.#destinationOf(directory, cluster, parsed.host, parsed.direction, endpoint, authority);
    }
    const time = timestampMs(common.start_time);
    const duration =
      common.duration !== undefined && common.duration !== null
        ? durationMs(common.duration)
        : durationMs(common.time_to_last_downstream_tx_byte);
    const status = entry.response?.response_code?.value ?? 0;
    const record: RequestRecord = {
      id: this.#nextId++,
      time,
      reporter,
      proxy,
      source,
      destination,
      service: parsed.host,
      method: methodText(request?.request_method),
      path: request?.path ?? '',
      authority,
      protocol: protocolText(entry.protocol_version),
      status,
      durationMs: duration,
      flags: formatResponseFlags(common.response_flags),
      responseCodeDetails: entry.response?.response_code_details || undefined,
      route: common.route_name || undefined,
      cluster: cluster || undefined,
      endpoint,
      requestId: request?.request_id || undefined,
      headers: request?.request_headers ?? undefined,
      configVersion: this.#versionAt(time),
    };
    this.#ring[(record.id - 1) % this.#logSize] = record;
    this.#aggregate(record, reporterRef);
  }

  /** The destination of an outbound request (see the file comment of mesh-directory.ts for the names). */
  #destinationOf(
    directory: MeshDirectory,
    cluster: string,
    host: string | undefined,
    direction: string,
    endpoint: string | undefined,
    authority: string,
  ): WorkloadRef {
    const served = endpoint === undefined ? undefined : directory.endpoint(endpoint);
    if (served !== undefined) {
      const seen = this.#clusterWorkload.get(cluster);
      if (seen === undefined && this.#clusterWorkload.size < this.#budget.max) this.#clusterWorkload.set(cluster, served);
      else if (seen !== null && seen !== undefined && seen !== served && nodeIdOf(seen) !== nodeIdOf(served))
        this.#clusterWorkload.set(cluster, null);
      return served;
    }
    // No host answered (a fault abort, no healthy upstream): the one workload this cluster was seen served by.
    if (endpoint === undefined) {
      const seen = this.#clusterWorkload.get(cluster);
      if (seen !== undefined && seen !== null) return seen;
    }
    if (direction === 'passthrough')
      return this.#external(authority ? authorityHost(authority) : addressHost(endpoint ?? 'unknown'));
    if (host !== undefined) return this.#external(host);
    return UNKNOWN;
  }

  #external(host: string): WorkloadRef {
    let ref = this.#externals.get(host);
    if (ref === undefined) {
      ref = Object.freeze({ kind: 'external', namespace: '', workload: host, app: host });
      if (this.#externals.size < this.#budget.max) this.#externals.set(host, ref);
    }
    return ref;
  }

  #aggregate(record: RequestRecord, reporterRef: WorkloadRef | undefined): void {
    const startSecond = Math.floor(record.time / 1000);
    const second = startSecond < this.#openSecond ? this.#openSecond : startSecond;
    const latency = latencyUs(record.durationMs);
    const error = isErrorStatus(record.status);
    const gateway = reporterRef !== undefined && reporterRef.kind === 'gateway';
    if (record.reporter === 'source') {
      this.#mesh.record(second, latency, error);
      const target = this.#node(record.destination);
      if (record.destination !== UNKNOWN && target !== undefined)
        this.#edge(this.#node(record.source), target)?.stats.record(second, latency, error);
      // A gateway's requests come from outside the mesh: the edge unknown -> gateway, Kiali's way.
      if (gateway) this.#edge(this.#node(UNKNOWN), this.#node(reporterRef))?.stats.record(second, latency, error);
    }
    if (record.service !== undefined)
      this.#serviceKey(record.service)?.record(record.reporter, second, latency, error);
    const dest = record.destination;
    if (dest.kind === 'workload' || dest.kind === 'gateway')
      this.#workloadKey(dest)?.record(record.reporter, second, latency, error);
    // The gateway served the request as its destination: its workload metrics count it once, as destination.
    if (gateway && record.reporter === 'source')
      this.#workloadKey(reporterRef)?.record('destination', second, latency, error);
  }

  #node(ref: WorkloadRef): NodeState | undefined {
    const known = this.#nodeOfRef.get(ref);
    if (known !== undefined) return known;
    const id = nodeIdOf(ref);
    let node = this.#nodes.get(id);
    if (node === undefined) {
      if (ref.kind === 'external' && !this.#budget.take()) {
        this.#budget.refused++;
        return undefined;
      }
      node = new NodeState(ref);
      this.#nodes.set(id, node);
    }
    this.#nodeOfRef.set(ref, node);
    return node;
  }

  #edge(source: NodeState | undefined, target: NodeState | undefined): EdgeState | undefined {
    if (source === undefined || target === undefined) return undefined;
    let edge = source.out.get(target);
    if (edge === undefined) {
      if (!this.#budget.take()) {
        this.#budget.refused++;
        return undefined;
      }
      edge = new EdgeState(source, target, this.windowS);
      source.out.set(target, edge);
      target.in.push(edge);
    }
    return edge;
  }

  #serviceKey(host: string): GoldenState | undefined {
    let key = this.#services.get(host);
    if (key === undefined) {
      if (!this.#budget.take()) {
        this.#budget.refused++;
        return undefined;
      }
      key = new GoldenState(`service:${host}`, 'service', host, hostNamespace(host), this.seriesS, this.windowS);
      this.#services.set(host, key);
    }
    return key;
  }

  #workloadKey(ref: WorkloadRef): GoldenState | undefined {
    const node = this.#node(ref);
    if (node === undefined) return undefined;
    if (node.golden === undefined) {
      if (!this.#budget.take()) {
        this.#budget.refused++;
        return undefined;
      }
      const { namespace, workload } = ref;
      const key = `workload:${namespace}/${workload}`;
      node.golden = new GoldenState(key, 'workload', workload, namespace, this.seriesS, this.windowS);
    }
    return node.golden;
  }

  /** Records since the last call, the newest first kept: at most maxRecordsPerTake, oldest first; the rest dropped. */
  takeNew(): { records: RequestRecord[]; dropped: number } {
    const last = this.#nextId - 1;
    const available = last - this.#taken;
    const take = Math.min(available, this.#maxTake, this.#logSize);
    const records: RequestRecord[] = [];
    for (let id = last - take + 1; id <= last; id++) {
      const r = this.#ring[(id - 1) % this.#logSize];
      if (r !== undefined) records.push(r);
    }
    this.#taken = last;
    return { records, dropped: available - records.length };
  }

  /** Once a second: closes the seconds before `nowMs`'s, and gives the graph and each changed key's newest point. */
  tick(nowMs: number): { graph: GraphSnapshot; updates: MetricsUpdate[] } {
    const nowSecond = Math.floor(nowMs / 1000);
    if (nowSecond > this.#openSecond) this.#openSecond = nowSecond;
    const updates: MetricsUpdate[] = [];
    for (const key of this.#goldenKeys()) {
      const window = key.window(nowSecond, this.#scratch);
      const health = healthOf(this.#scratch.requests, this.#scratch.errors);
      // An idle key is sent once (its window just emptied), then not until it has traffic again.
      if (window.requests === 0 && key.reportedIdle) continue;
      key.reportedIdle = window.requests === 0;
      const { key: k, kind, name, namespace } = key;
      updates.push({ key: k, kind, name, namespace, health, window, point: key.point(nowSecond - 1, this.#percentiles) });
    }
    return { graph: this.graph(nowMs), updates };
  }

  /** The graph over the window ending at the second before `nowMs`'s. */
  graph(nowMs: number): GraphSnapshot {
    const to = Math.floor(nowMs / 1000);
    const from = to - this.windowS;
    const directory = this.#directory() ?? EMPTY_DIRECTORY;
    const nodes = new Map<string, NodeState>();
    for (const ref of directory.workloads()) {
      const node = this.#node(ref);
      if (node !== undefined && !nodes.has(node.id)) nodes.set(node.id, node);
    }
    const edges: GraphEdge[] = [];
    const edgeHealth = new Map<EdgeState, Health>();
    for (const node of this.#nodes.values())
      for (const edge of node.out.values()) {
        const sum = edge.stats.sum(from, to, resetSum(this.#scratch));
        const health = healthOf(sum.requests, sum.errors);
        edgeHealth.set(edge, health);
        const w = metricWindowOf(sum, this.windowS);
        edges.push({
          id: edge.id,
          source: edge.source.id,
          target: edge.target.id,
          rps: w.rps,
          errorRate: sum.requests > 0 ? sum.errors / sum.requests : 0,
          p99Ms: w.p99Ms,
          requests: sum.requests,
          health,
        });
        nodes.set(edge.source.id, edge.source);
        nodes.set(edge.target.id, edge.target);
      }
    const out: GraphNode[] = [];
    for (const node of nodes.values()) {
      let health: Health = 'idle';
      for (const edge of node.in) health = worseHealth(health, edgeHealth.get(edge) ?? 'idle');
      const { kind, namespace, app, version } = node.ref;
      out.push({
        id: node.id,
        kind,
        namespace,
        app,
        ...(version === undefined ? {} : { version }),
        label: node.ref.workload,
        health,
      });
    }
    out.sort((a, b) => compare(a.id, b.id));
    edges.sort((a, b) => compare(a.id, b.id));
    return { windowS: this.windowS, nodes: out, edges };
  }

  /** Every golden key's window and series, ending at the second before `nowMs`'s, sorted by key. */
  metrics(nowMs: number): GoldenMetrics[] {
    const to = Math.floor(nowMs / 1000);
    return this.#goldenKeys().map((k) => k.metrics(to, this.#scratch, this.#percentiles));
  }

  #goldenKeys(): GoldenState[] {
    const keys: GoldenState[] = [...this.#services.values()];
    for (const node of this.#nodes.values()) if (node.golden !== undefined) keys.push(node.golden);
    return keys.sort((a, b) => compare(a.key, b.key));
  }

  /** The ring, oldest first. */
  requests(): readonly RequestRecord[] {
    const first = Math.max(1, this.#nextId - this.#logSize);
    const out: RequestRecord[] = [];
    for (let id = first; id < this.#nextId; id++) {
      const r = this.#ring[(id - 1) % this.#logSize];
      if (r !== undefined) out.push(r);
    }
    return out;
  }

  /** A record still in the ring. */
  request(id: number): RequestRecord | undefined {
    if (!Number.isInteger(id) || id < 1 || id >= this.#nextId || id < this.#nextId - this.#logSize) return undefined;
    return this.#ring[(id - 1) % this.#logSize];
  }

  /**
   * The whole mesh (source-reported requests) over the whole seconds [floor(from / 1000), floor(to / 1000)); rps
   * over that many seconds. Seconds older than the series (seriesS) count as idle.
   */
  window(fromMs: number, toMs: number): MetricWindow {
    const from = Math.floor(fromMs / 1000);
    const to = Math.floor(toMs / 1000);
    if (to <= from) return metricWindowOf(resetSum(this.#scratch), 0);
    return metricWindowOf(this.#mesh.sum(from, to, resetSum(this.#scratch)), to - from);
  }
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
