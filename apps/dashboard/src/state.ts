// The page's store: the dashboard state, built from the server's pushed messages (see
// @minimesh/cli/dashboard-protocol). Invariant: `requests` holds the newest REQUEST_CAP records, newest last.
import type {
  ClientRequest,
  GoldenMetrics,
  GraphSnapshot,
  MeshResource,
  MetricPoint,
  ProxySummary,
  RequestRecord,
  ResponseResults,
  ServerMessage,
  TimelineEntry,
} from '@minimesh/cli/dashboard-protocol';

export interface DashboardState {
  connected: boolean;
  error?: string;
  meshDir: string;
  files: readonly string[];
  version: number;
  serverNow: number;
  graph: GraphSnapshot;
  metrics: ReadonlyMap<string, GoldenMetrics>;
  /** Newest last, capped at REQUEST_CAP. */
  requests: readonly RequestRecord[];
  dropped: number;
  proxies: readonly ProxySummary[];
  resources: readonly MeshResource[];
  timeline: readonly TimelineEntry[];
}

export type Send = <K extends ClientRequest['op']>(
  req: Extract<ClientRequest, { op: K }>,
) => Promise<ResponseResults[K]>;

export type ViewName = 'graph' | 'metrics' | 'requests' | 'config' | 'mesh' | 'timeline' | 'whatif';

export interface ViewProps {
  state: DashboardState;
  send: Send;
  route: { view: ViewName; arg?: string };
  navigate(view: ViewName, arg?: string): void;
}

/** Most request records the store keeps. */
export const REQUEST_CAP = 2000;

/** Points kept per metrics series: five minutes of one-second points. */
export const SERIES_CAP = 300;

/**
 * Route arguments. `#/requests/<id>`: a decimal request id opens that request's trace; any other text after
 * `#/requests/` is the request log's initial filter (`source:reviews-v1 destination:ratings-v1`), which is how the
 * graph view links an edge or node to its requests. `#/config/<proxy>`: the proxy's node id.
 */
export function isTraceArg(arg: string | undefined): arg is string {
  return arg !== undefined && /^\d+$/.test(arg);
}

export function emptyState(): DashboardState {
  return {
    connected: false,
    meshDir: '',
    files: [],
    version: 0,
    serverNow: 0,
    graph: { windowS: 0, nodes: [], edges: [] },
    metrics: new Map(),
    requests: [],
    dropped: 0,
    proxies: [],
    resources: [],
    timeline: [],
  };
}

function appendCapped<T>(list: readonly T[], more: readonly T[], cap: number): readonly T[] {
  if (more.length === 0) return list;
  const joined = list.concat(more);
  return joined.length > cap ? joined.slice(joined.length - cap) : joined;
}

function applyMetrics(
  current: ReadonlyMap<string, GoldenMetrics>,
  updates: Extract<ServerMessage, { type: 'metrics' }>['updates'],
): ReadonlyMap<string, GoldenMetrics> {
  const next = new Map(current);
  for (const u of updates) {
    const old = next.get(u.key);
    let series: readonly MetricPoint[] = old?.series ?? [];
    const last = series[series.length - 1];
    if (last !== undefined && last.t === u.point.t) series = series.slice(0, -1).concat(u.point);
    else if (last === undefined || last.t < u.point.t) series = appendCapped(series, [u.point], SERIES_CAP);
    next.set(u.key, {
      key: u.key,
      kind: u.kind,
      name: u.name,
      namespace: u.namespace,
      health: u.health,
      window: u.window,
      series,
    });
  }
  return next;
}

function applyTimeline(list: readonly TimelineEntry[], entry: TimelineEntry): readonly TimelineEntry[] {
  const at = list.findIndex((e) => e.id === entry.id);
  if (at < 0) return list.concat(entry);
  const next = list.slice();
  next[at] = entry;
  return next;
}

/**
 * The state after one server message. Pure: returns a new object when anything changed (views compare by
 * identity), the same object for a `response` (the ws client settles those).
 */
export function applyMessage(state: DashboardState, msg: ServerMessage): DashboardState {
  switch (msg.type) {
    case 'hello':
      return { ...state, meshDir: msg.meshDir, files: msg.files, serverNow: msg.now };
    case 'snapshot':
      return {
        ...state,
        version: msg.version,
        graph: msg.graph,
        metrics: new Map(msg.metrics.map((m) => [m.key, m])),
        requests: msg.requests.length > REQUEST_CAP ? msg.requests.slice(-REQUEST_CAP) : msg.requests,
        dropped: 0,
        proxies: msg.proxies,
        resources: msg.resources,
        timeline: msg.timeline,
      };
    case 'graph':
      return { ...state, graph: msg.graph };
    case 'metrics': {
      const newest = msg.updates.reduce((t, u) => Math.max(t, u.point.t), state.serverNow);
      return { ...state, metrics: applyMetrics(state.metrics, msg.updates), serverNow: newest };
    }
    case 'requests': {
      const newest = msg.records.reduce((t, r) => Math.max(t, r.time), state.serverNow);
      return {
        ...state,
        requests: appendCapped(state.requests, msg.records, REQUEST_CAP),
        dropped: state.dropped + msg.dropped,
        serverNow: newest,
      };
    }
    case 'proxies':
      return { ...state, proxies: msg.proxies };
    case 'resources':
      return { ...state, version: Math.max(state.version, msg.version), resources: msg.resources };
    case 'timeline': {
      const version = msg.entry.accepted ? Math.max(state.version, msg.entry.version) : state.version;
      return { ...state, version, timeline: applyTimeline(state.timeline, msg.entry) };
    }
    case 'response':
      return state;
  }
}

/**
 * Holds the state and batches messages: whatever arrives within one animation frame is applied together and
 * listeners run once per frame at most (the page's re-render budget at 200 requests/s).
 */
export class Store {
  #state: DashboardState = emptyState();
  #queue: ServerMessage[] = [];
  #patch: Partial<DashboardState> = {};
  #scheduled = false;
  readonly #listeners = new Set<(s: DashboardState) => void>();
  readonly #schedule: (flush: () => void) => void;

  constructor(schedule: (flush: () => void) => void = defaultSchedule) {
    this.#schedule = schedule;
  }

  get state(): DashboardState {
    return this.#state;
  }

  subscribe(listener: (s: DashboardState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  push(msg: ServerMessage): void {
    this.#queue.push(msg);
    this.#request();
  }

  /** Connection flags (connected, error) set outside the message stream. */
  set(patch: Partial<DashboardState>): void {
    this.#patch = { ...this.#patch, ...patch };
    this.#request();
  }

  /** Applies everything queued now; the scheduler calls it once per frame. */
  flush(): void {
    this.#scheduled = false;
    let next = this.#state;
    for (const msg of this.#queue) next = applyMessage(next, msg);
    this.#queue = [];
    if (Object.keys(this.#patch).length > 0) next = { ...next, ...this.#patch };
    this.#patch = {};
    if (next === this.#state) return;
    this.#state = next;
    for (const l of this.#listeners) l(next);
  }

  #request(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#schedule(() => this.flush());
  }
}

function defaultSchedule(flush: () => void): void {
  // A hidden tab gets no animation frames; a timer keeps the store current there (at most ~1/s in background).
  if (typeof document !== 'undefined' && document.visibilityState === 'hidden') setTimeout(flush, 250);
  else requestAnimationFrame(flush);
}
