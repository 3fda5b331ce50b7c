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
  GraphSnapshot,
  MetricsUpdate,
  MetricWindow,
  RequestRecord,
  WorkloadRef,
} from '../protocol.js';
import type { AccessLogEntry } from './access-log-fields.js';
import { compareIds, graphSnapshot } from './graph-snapshot.js';
import { healthOf, isErrorStatus, metricWindowOf } from './health.js';
import { EMPTY_DIRECTORY, type MeshDirectory } from './mesh-directory.js';
import { RecordBuilder, UNKNOWN } from './record-builder.js';
import { RecordRing } from './record-ring.js';
import {
  latencyUs,
  newLatencyHistogram,
  type Percentiles,
  SecondStats,
  type WindowSum,
} from './second-stats.js';
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
export type { MetricsUpdate } from '../protocol.js';

/** What identifies an access log stream: the node of its first message's identifier, and the log name. */
export interface AccessLogStreamId {
  readonly node?: { readonly id?: string } | null;
  readonly logName?: string;
}

export class Telemetry {
  readonly windowS: number;
  readonly seriesS: number;
  readonly #now: () => number;
  readonly #directory: () => MeshDirectory;
  readonly #budget: KeyBudget;
  readonly #builder: RecordBuilder;
  readonly #ring: RecordRing;

  /** Seconds before this one are closed: their points were sent; a late entry counts in this second instead. */
  #openSecond = Number.NEGATIVE_INFINITY;
  readonly #nodes = new Map<string, NodeState>();
  readonly #nodeOfRef = new WeakMap<WorkloadRef, NodeState>();
  readonly #services = new Map<string, GoldenState>();
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
    this.#budget = new KeyBudget(positive(options.maxKeys, 500));
    this.#now = options.now ?? Date.now;
    this.#directory = directory;
    this.#builder = new RecordBuilder(this.#budget.max, versionAt);
    this.#ring = new RecordRing(positive(options.logSize, 5000), positive(options.maxRecordsPerTake, 500));
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
    const nowSecond = Math.floor(this.#now() / 1000);
    for (const entry of entries) this.#ingestEntry(directory, proxy, reporter, entry, nowSecond);
  }

  #ingestEntry(
    directory: MeshDirectory,
    proxy: string,
    reporterRef: WorkloadRef | undefined,
    entry: AccessLogEntry,
    nowSecond: number,
  ): void {
    const record = this.#builder.build(this.#ring.nextId(), directory, proxy, reporterRef, entry);
    this.#ring.push(record);
    this.#aggregate(record, reporterRef, nowSecond);
  }

  #aggregate(record: RequestRecord, reporterRef: WorkloadRef | undefined, nowSecond: number): void {
    // An entry from a clock ahead counts in the current second; a late one (its second closed), in the open one.
    const second = Math.max(Math.min(Math.floor(record.time / 1000), nowSecond), this.#openSecond);
    const latency = latencyUs(record.durationMs);
    const error = isErrorStatus(record.status);
    const gateway = reporterRef !== undefined && reporterRef.kind === 'gateway';
    if (record.reporter === 'source') {
      this.#mesh.record(second, latency, error);
      const target = this.#node(record.destination);
      if (record.destination !== UNKNOWN && target !== undefined)
        this.#edge(this.#node(record.source), target)?.stats.record(second, latency, error);
      // A gateway's requests come from outside the mesh: the edge unknown -> gateway, Kiali's way.
      if (gateway)
        this.#edge(this.#node(UNKNOWN), this.#node(reporterRef))?.stats.record(second, latency, error);
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
      key = new GoldenState(
        `service:${host}`,
        'service',
        host,
        hostNamespace(host),
        this.seriesS,
        this.windowS,
      );
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

  /** Records since the last call: the newest maxRecordsPerTake of them, oldest first; the rest counted as dropped. */
  takeNew(): { records: RequestRecord[]; dropped: number } {
    return this.#ring.takeNew();
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
      updates.push({
        key: k,
        kind,
        name,
        namespace,
        health,
        window,
        point: key.point(nowSecond - 1, this.#percentiles),
      });
    }
    return { graph: this.graph(nowMs), updates };
  }

  /** The graph over the window ending at the second before `nowMs`'s. */
  graph(nowMs: number): GraphSnapshot {
    const directory = this.#directory() ?? EMPTY_DIRECTORY;
    const planned: NodeState[] = [];
    for (const ref of directory.workloads()) {
      const node = this.#node(ref);
      if (node !== undefined) planned.push(node);
    }
    const to = Math.floor(nowMs / 1000);
    return graphSnapshot(planned, this.#nodes.values(), to, this.windowS, this.#scratch);
  }

  /** Every golden key's window and series, ending at the second before `nowMs`'s, sorted by key. */
  metrics(nowMs: number): GoldenMetrics[] {
    const to = Math.floor(nowMs / 1000);
    return this.#goldenKeys().map((k) => k.metrics(to, this.#scratch, this.#percentiles));
  }

  #goldenKeys(): GoldenState[] {
    const keys: GoldenState[] = [...this.#services.values()];
    for (const node of this.#nodes.values()) if (node.golden !== undefined) keys.push(node.golden);
    return keys.sort((a, b) => compareIds(a.key, b.key));
  }

  /** The ring, oldest first. */
  requests(): readonly RequestRecord[] {
    return this.#ring.all();
  }

  /** A record still in the ring. */
  request(id: number): RequestRecord | undefined {
    return this.#ring.get(id);
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
