// The dashboard's wire protocol: what `mesh dev`'s dashboard server pushes over its one websocket (`/ws`), and the
// requests the page sends on it. JSON text frames, one message each. The server pushes; the page never polls: it
// sends a request only for what a user asked for (a trace, a config dump, a what-if replay, an apply), and the
// server answers it with a `response` of the same id. Times are ms since the epoch; durations and latencies in ms;
// rates in requests per second; error and success rates are fractions in [0, 1].
import type { SimulatedCall, SimulationResult } from '@minimesh/translator';

/** Bumped when a message changes shape; the page refuses a server of another version. */
export const DASHBOARD_PROTOCOL = 1;

/** Kiali's health, from the share of 5xx answers: above 0 degraded, at or above 10% failing; no traffic idle. */
export type Health = 'healthy' | 'degraded' | 'failing' | 'idle';

/** What a graph node or a request's end is. `unknown`: a client outside the mesh (curl to the gateway). */
export type WorkloadKind = 'workload' | 'gateway' | 'unknown' | 'external';

/** One end of a request: a workload (pod's Deployment) of an app and version, a gateway, or outside the mesh. */
export interface WorkloadRef {
  readonly kind: WorkloadKind;
  readonly namespace: string;
  /** Workload name (`reviews-v1`), the gateway's (`istio-ingressgateway`), `unknown`, or the external host. */
  readonly workload: string;
  /** The `app` label (the graph groups by it); the workload name when it has none. */
  readonly app: string;
  readonly version?: string;
  /** The pod, when one instance is known. */
  readonly pod?: string;
}

/** One request as a proxy reported it over the gRPC access log service (envoy.service.accesslog.v3). */
export interface RequestRecord {
  /** Monotonic per dashboard server. */
  readonly id: number;
  /** Start time, ms since the epoch. */
  readonly time: number;
  /** `source`: the client's sidecar or the gateway logged it (outbound); `destination`: the server's (inbound). */
  readonly reporter: 'source' | 'destination';
  /** Node id of the reporting proxy. */
  readonly proxy: string;
  readonly source: WorkloadRef;
  readonly destination: WorkloadRef;
  /** The destination service's host (`reviews.default.svc.cluster.local`) when the cluster names one. */
  readonly service?: string;
  readonly method: string;
  readonly path: string;
  readonly authority: string;
  readonly protocol: string;
  /** 0 when no response was sent (reset). */
  readonly status: number;
  readonly durationMs: number;
  /** Envoy's short response flags, comma separated (`UO`, `FI`, `NR,UH`), or `-`. */
  readonly flags: string;
  readonly responseCodeDetails?: string;
  readonly route?: string;
  readonly cluster?: string;
  /** `ip:port` of the upstream host that served it. */
  readonly endpoint?: string;
  readonly requestId?: string;
  /** Request headers the proxy was told to log (those the mesh's routes match on). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The control plane version live at `time` (the decision trace simulates on it). */
  readonly configVersion: number;
}

export interface GraphNode {
  /** `namespace/workload` (or `unknown`, `external/HOST`). */
  readonly id: string;
  readonly kind: WorkloadKind;
  readonly namespace: string;
  readonly app: string;
  readonly version?: string;
  readonly label: string;
  readonly health: Health;
}

/** Traffic from one node to another over the sliding window (source-reported requests). */
export interface GraphEdge {
  /** `SOURCE->TARGET`. */
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly rps: number;
  readonly errorRate: number;
  readonly p99Ms: number;
  /** Requests in the window. */
  readonly requests: number;
  readonly health: Health;
}

export interface GraphSnapshot {
  /** Length of the sliding window, s. */
  readonly windowS: number;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/** Golden metrics over the sliding window (or one second of the series). */
export interface MetricWindow {
  readonly requests: number;
  readonly rps: number;
  readonly successRate: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
}

/** One second of a series; `t` is the second's start, ms since the epoch. */
export interface MetricPoint extends MetricWindow {
  readonly t: number;
}

/** Metrics of a service (by destination service host) or a workload (by destination workload). */
export interface GoldenMetrics {
  /** `service:HOST` or `workload:NAMESPACE/NAME`. */
  readonly key: string;
  readonly kind: 'service' | 'workload';
  readonly name: string;
  readonly namespace: string;
  readonly health: Health;
  readonly window: MetricWindow;
  /** The last few minutes, oldest first, one point per second with traffic or not. */
  readonly series: readonly MetricPoint[];
}

/** A key's golden metrics without its series, and the newest point to append to it. */
export interface MetricsUpdate extends Omit<GoldenMetrics, 'series'> {
  readonly point: MetricPoint;
}

/** Istio's xDS sync status of one type for one proxy, as istioctl proxy-status says it. */
export interface XdsTypeState {
  readonly state: 'SYNCED' | 'STALE' | 'NACK' | 'NOT SENT';
  readonly sentVersion?: string;
  readonly ackedVersion?: string;
  /** The proxy's error_detail for a NACK. */
  readonly nack?: string;
}

export interface ProxySummary {
  readonly id: string;
  readonly pod: string;
  readonly namespace: string;
  readonly type: 'sidecar' | 'router';
  readonly connected: boolean;
  /** `127.0.0.1:PORT`. */
  readonly adminAddress?: string;
  /** By short type name: LDS, RDS, CDS, EDS, SDS. */
  readonly xds: Readonly<Record<string, XdsTypeState>>;
}

/** Where an Istio resource (or a field of it) is. */
export interface SourceRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly file?: string;
  readonly line?: number;
  /** A field path inside it (`spec.http[0].match[1]`). */
  readonly field?: string;
}

/** One row of a proxy's chain: listener -> route config -> virtual host -> match -> cluster -> endpoints. */
export interface ChainRow {
  readonly listener: string;
  readonly filterChain?: string;
  /** `http_connection_manager` or `tcp_proxy`. */
  readonly filter?: string;
  readonly routeConfig?: string;
  readonly virtualHost?: string;
  readonly domains?: readonly string[];
  /** The route's match, in envoyctl's words (`prefix /`, `headers end-user=jason`). */
  readonly match?: string;
  readonly route?: string;
  /** Cluster, or `name (weight)` entries of a weighted route, or what the route does instead (redirect, 503). */
  readonly clusters: readonly string[];
  readonly endpoints: readonly string[];
  readonly config?: SourceRef;
}

export interface AnalysisNote {
  readonly code: string;
  readonly level: 'Error' | 'Warning' | 'Info';
  readonly message: string;
  readonly field?: string;
  readonly line?: number;
}

/** A loaded Istio or Kubernetes resource with the analysis messages about it. */
export interface MeshResource extends SourceRef {
  readonly apiVersion: string;
  readonly messages: readonly AnalysisNote[];
}

/** What one change did to one proxy's xDS resources, per type. */
export interface XdsDiff {
  readonly type: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

/** When a proxy ACKed or NACKed a change's push, per type. */
export interface AckRecord {
  readonly type: string;
  readonly time: number;
  readonly ok: boolean;
  readonly message?: string;
}

export interface ProxyChange {
  readonly proxy: string;
  readonly xds: readonly XdsDiff[];
  readonly acks: readonly AckRecord[];
}

/** One entry of the config timeline: an accepted change (a new version) or a rejected one. */
export interface TimelineEntry {
  /** Unique per server (a rejected change has no version of its own). */
  readonly id: number;
  readonly time: number;
  /** The version it made (accepted) or left live (rejected); 1 for the initial load. */
  readonly version: number;
  readonly accepted: boolean;
  readonly source: 'initial' | 'watch' | 'api';
  readonly files: readonly string[];
  readonly resources: readonly { readonly action: string; readonly ref: SourceRef }[];
  /** Unified diff of the resources' YAML, before -> after. */
  readonly yamlDiff: string;
  /** For a rejected change: its diagnostics, `file:line:col: field: message`. */
  readonly diagnostics?: readonly string[];
  readonly proxies: readonly ProxyChange[];
  /** Golden metrics of the whole mesh in the window before and after (after fills in as time passes). */
  readonly before?: MetricWindow;
  readonly after?: MetricWindow;
}

/** The decision trace of one recorded request: the simulator on the config version live when it was made. */
export interface DecisionTrace {
  readonly request: RequestRecord;
  readonly proxy: string;
  readonly configVersion: number;
  /** False when that version is no longer kept and the current one was used. */
  readonly exactVersion: boolean;
  readonly call: SimulatedCall;
  readonly result: SimulationResult;
  /** The route's VirtualService and `spec.http[i].match[j]`. */
  readonly matched?: SourceRef;
  /** The resources behind the cluster: its Service, and the DestinationRule (at `spec.subsets[k]`) applied. */
  readonly service?: SourceRef;
  readonly rule?: SourceRef;
  /** The Deployment (or other workload resource) of the pod that served the request, when known. */
  readonly workload?: SourceRef;
  /** Workloads of the endpoints in the result, `ip:port` -> workload name. */
  readonly endpointWorkloads: Readonly<Record<string, string>>;
}

/** A recorded request whose destination or outcome would change under an edited config. */
export interface WhatIfChange {
  readonly request: RequestRecord;
  readonly before: WhatIfOutcome;
  readonly after: WhatIfOutcome;
}

export interface WhatIfOutcome {
  readonly outcome: string;
  readonly cluster?: string;
  readonly status?: number;
  readonly flags?: string;
  readonly route?: string;
}

export interface WhatIfResult {
  /** False when the edited YAML does not load: `diagnostics` say why; nothing was replayed. */
  readonly ok: boolean;
  readonly diagnostics: readonly string[];
  /** Recorded requests replayed (the most recent, de-duplicated by proxy and call). */
  readonly replayed: number;
  readonly changed: readonly WhatIfChange[];
}

/** Requests the page sends; each answered by one `response` with the same id. */
export type ClientRequest =
  | { readonly op: 'trace'; readonly requestId: number }
  | { readonly op: 'configDump'; readonly proxy: string }
  | { readonly op: 'chain'; readonly proxy: string }
  | { readonly op: 'resourceYaml'; readonly ref: SourceRef }
  | { readonly op: 'fileText'; readonly file: string }
  | { readonly op: 'timelineDetail'; readonly entryId: number; readonly proxy: string; readonly type: string }
  | { readonly op: 'whatIf'; readonly file: string; readonly content: string }
  | { readonly op: 'apply'; readonly file: string; readonly content: string };

export type ClientMessage = { readonly type: 'request'; readonly id: number } & ClientRequest;

/** What each request answers. */
export interface ResponseResults {
  readonly trace: DecisionTrace;
  readonly configDump: unknown;
  readonly chain: readonly ChainRow[];
  readonly resourceYaml: { readonly yaml: string };
  readonly fileText: { readonly file: string; readonly content: string; readonly exists: boolean };
  /** A unified diff of one type's resources of one proxy, before -> after that change. */
  readonly timelineDetail: { readonly diff: string };
  readonly whatIf: WhatIfResult;
  /** The file written under the mesh directory (the watcher applies it as any edit). */
  readonly apply: { readonly path: string };
}

export type ServerMessage =
  | {
      readonly type: 'hello';
      readonly protocol: number;
      readonly meshDir: string;
      /** Files under meshDir a what-if may edit (relative paths, loaded ones first). */
      readonly files: readonly string[];
      readonly now: number;
    }
  | {
      /** Everything, sent once after `hello`; later messages replace or append to its parts. */
      readonly type: 'snapshot';
      readonly version: number;
      readonly graph: GraphSnapshot;
      readonly metrics: readonly GoldenMetrics[];
      readonly requests: readonly RequestRecord[];
      readonly proxies: readonly ProxySummary[];
      readonly resources: readonly MeshResource[];
      readonly timeline: readonly TimelineEntry[];
    }
  /** Once a second while anything changed: the graph, and each key's window and newest point. */
  | { readonly type: 'graph'; readonly graph: GraphSnapshot }
  | { readonly type: 'metrics'; readonly updates: readonly MetricsUpdate[] }
  /** New requests, at most a few times a second; `dropped` counts those left out to bound the rate. */
  | { readonly type: 'requests'; readonly records: readonly RequestRecord[]; readonly dropped: number }
  | { readonly type: 'proxies'; readonly proxies: readonly ProxySummary[] }
  | { readonly type: 'resources'; readonly version: number; readonly resources: readonly MeshResource[] }
  /** A new timeline entry, or an update of one (same id: ACKs arrived, `after` filled in). */
  | { readonly type: 'timeline'; readonly entry: TimelineEntry }
  | {
      readonly type: 'response';
      readonly id: number;
      readonly ok: boolean;
      readonly result?: unknown;
      readonly error?: string;
    };
