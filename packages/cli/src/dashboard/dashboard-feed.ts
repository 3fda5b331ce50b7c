// The dashboard's feed: the glue between the dev control plane and the page. It owns the telemetry (access log
// stream messages in, graph / golden metrics / request log out), the config history (each version's resources, for
// decision traces), the timeline of config changes and the mesh resources with their analysis, pushes what changed
// (graph and metrics once a second, new requests four times a second, proxies' xDS status when it changes, resources
// and timeline entries as changes land) and answers the page's requests. Clock: Date.now(), ms.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { Cluster, ClusterLoadAssignment, Listener, RouteConfiguration } from '@minimesh/model';
import { stringify } from 'yaml';
import { DEV_DEFAULT_EXCLUDE } from '../commands/dev.js';
import { adminGet } from '../dev/admin-client.js';
import { ConfigDump } from '../dev/config-dump-sections.js';
import type { ControlPlane } from '../dev/control-plane.js';
import { chainRows } from './config/chain-table.js';
import { ConfigHistory } from './config/config-history.js';
import { decisionTrace } from './config/decision-trace.js';
import { meshResources } from './config/mesh-resources.js';
import { Timeline } from './config/timeline.js';
import { resolveMeshFile, whatIf } from './config/what-if.js';
import type { DashboardFeed } from './dashboard-server.js';
import type { ClientRequest, ProxySummary, ServerMessage, XdsTypeState } from './protocol.js';
import { DASHBOARD_PROTOCOL } from './protocol.js';
import { buildMeshDirectory, type ClusterEndpoints, type MeshDirectory } from './telemetry/mesh-directory.js';
import { Telemetry } from './telemetry/telemetry.js';

export interface DashboardFeedHandle extends DashboardFeed {
  readonly telemetry: Telemetry;
  readonly history: ConfigHistory;
  readonly timeline: Timeline;
  /** Stops the timers and unsubscribes from the control plane. */
  close(): void;
}

export interface DashboardFeedOptions {
  /** Period of graph and metrics pushes, ms (default 1000). */
  readonly tickMs?: number;
  /** Period of request log pushes, ms (default 250). */
  readonly requestsMs?: number;
  /** Paths under the mesh directory it does not load (default: `networking`, as `mesh dev`). */
  readonly exclude?: readonly string[];
}

/** Where an edit of `file` is applied: the file itself when the control plane watches it, else `applied/NAME`. */
export function applyTarget(file: string, exclude: readonly string[]): string {
  const clean = file.split('\\').join('/').replace(/^\.\//, '');
  const excluded = exclude.some((e) => {
    const p = e.replace(/^\.\//, '').replace(/\/+$/, '');
    return clean === p || clean.startsWith(`${p}/`);
  });
  return excluded ? `applied/${clean.slice(clean.lastIndexOf('/') + 1)}` : clean;
}

/** A request the page sent that cannot be answered as asked. */
export class DashboardRequestError extends Error {
  readonly code: 'DASHBOARD_BAD_REQUEST' | 'DASHBOARD_NOT_FOUND';
  constructor(code: DashboardRequestError['code'], message: string) {
    super(message);
    this.name = 'DashboardRequestError';
    this.code = code;
  }
}

const STATE: Readonly<Record<string, XdsTypeState['state']>> = {
  SYNCED: 'SYNCED',
  STALE: 'STALE',
  NACK: 'NACK',
  NOT_SENT: 'NOT SENT',
};

/** Every .yaml / .yml file under dir (relative, `/`-separated), loaded or not; hidden entries and node_modules left out. */
export function manifestFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules' || e.name === 'dist') continue;
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.ya?ml$/i.test(e.name)) out.push(relative(dir, full).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Each cluster's endpoint addresses as the connected proxies were told them (their EDS, made local), read from the
 * snapshots once, on the first lookup: a directory lives for one control plane version.
 */
function clusterEndpointsOf(cp: ControlPlane): ClusterEndpoints {
  let map: Map<string, string[]> | undefined;
  return (cluster) => {
    if (map === undefined) {
      map = new Map();
      for (const node of cp.nodes()) {
        for (const cla of cp.snapshotOf(node)?.endpoints ?? []) {
          if (map.has(cla.cluster_name ?? '')) continue;
          const addresses = (cla.endpoints ?? []).flatMap((l) =>
            (l.lb_endpoints ?? []).flatMap((e) => {
              const s = e.endpoint?.address?.socket_address;
              return s?.address === undefined ? [] : [`${s.address}:${s.port_value ?? 0}`];
            }),
          );
          map.set(cla.cluster_name ?? '', addresses);
        }
      }
    }
    return map.get(cluster);
  };
}

/** The proxies' xDS status as the page shows it: connected ones from the xds-server, planned ones not connected. */
function proxySummaries(cp: ControlPlane, directory: MeshDirectory): ProxySummary[] {
  const status = cp.status();
  const out: ProxySummary[] = status.proxies.map((p) => ({
    id: p.nodeId,
    pod: p.pod,
    namespace: p.namespace,
    type: p.type === 'router' ? 'router' : 'sidecar',
    connected: true,
    ...(p.adminAddress === undefined ? {} : { adminAddress: p.adminAddress }),
    xds: Object.fromEntries(
      Object.entries(p.xds).map(([type, t]) => [
        type,
        {
          state: STATE[t.status] ?? 'STALE',
          ...(t.sentVersion === undefined ? {} : { sentVersion: t.sentVersion }),
          ...(t.ackedVersion === undefined ? {} : { ackedVersion: t.ackedVersion }),
          ...(t.nackMessage === undefined ? {} : { nack: t.nackMessage }),
        },
      ]),
    ),
  }));
  const connected = new Set(out.map((p) => `${p.pod}.${p.namespace}`));
  for (const w of directory.workloads()) {
    if (w.pod === undefined || connected.has(`${w.pod}.${w.namespace}`)) continue;
    if (w.kind !== 'workload' && w.kind !== 'gateway') continue;
    const planned = cp.addressPlan.pod(w.pod, w.namespace);
    out.push({
      id: `${w.kind === 'gateway' ? 'router' : 'sidecar'}~${w.pod}.${w.namespace}`,
      pod: w.pod,
      namespace: w.namespace,
      type: w.kind === 'gateway' ? 'router' : 'sidecar',
      connected: false,
      ...(planned === undefined ? {} : { adminAddress: `127.0.0.1:${planned.adminPort}` }),
      xds: {},
    });
  }
  return out;
}

export function createDashboardFeed(
  cp: ControlPlane,
  options: DashboardFeedOptions = {},
): DashboardFeedHandle {
  const exclude = options.exclude ?? DEV_DEFAULT_EXCLUDE;
  const history = new ConfigHistory();
  history.record(cp.version, Date.now(), cp.resources());
  const newDirectory = () => buildMeshDirectory(cp.workloadPlan, cp.addressPlan, clusterEndpointsOf(cp));
  let directory = newDirectory();
  let directoryVersion = cp.version;
  const directoryNow = (): MeshDirectory => {
    if (directoryVersion !== cp.version) {
      directory = newDirectory();
      directoryVersion = cp.version;
    }
    return directory;
  };
  // At most 1,000 records a second reach the page (a log no one reads faster); the server ring keeps them all.
  const telemetry = new Telemetry(directoryNow, (t) => history.versionAt(t), { maxRecordsPerTake: 250 });
  const timeline = new Timeline({
    history,
    snapshotOf: (nodeId) => cp.snapshotOf(nodeId),
    nodes: () => cp.nodes(),
    xdsVersionOf: (nodeId, typeUrl) => cp.xdsVersionOf(nodeId, typeUrl),
    window: (from, to) => telemetry.window(from, to),
  });
  timeline.initial(cp.version, Date.now());
  let resources = meshResources(cp.resources());
  let proxies = proxySummaries(cp, directoryNow());
  let proxiesJson = JSON.stringify(proxies);
  const subscribers = new Set<(m: ServerMessage) => void>();
  const push = (m: ServerMessage) => {
    for (const s of subscribers) s(m);
  };

  const refreshProxies = () => {
    const next = proxySummaries(cp, directoryNow());
    const json = JSON.stringify(next);
    if (json === proxiesJson) return;
    proxies = next;
    proxiesJson = json;
    push({ type: 'proxies', proxies });
  };
  let proxiesTimer: NodeJS.Timeout | undefined;
  const offEvents = cp.on((event) => {
    const now = Date.now();
    if (event.type === 'applied' && event.version !== history.latest()?.version) {
      history.record(event.version, now, cp.resources());
      resources = meshResources(cp.resources());
      push({ type: 'resources', version: event.version, resources });
    }
    const entry = timeline.onEvent(event, now);
    if (entry !== undefined) push({ type: 'timeline', entry });
    if (event.type === 'proxy' || event.type === 'applied')
      proxiesTimer ??= setTimeout(() => {
        proxiesTimer = undefined;
        refreshProxies();
      }, 100);
  });
  const offLogs = cp.onAccessLog({ onMessage: (message, stream) => telemetry.ingest(stream, message) });

  const tick = setInterval(() => {
    const now = Date.now();
    const { graph, updates } = telemetry.tick(now);
    push({ type: 'graph', graph });
    if (updates.length > 0) push({ type: 'metrics', updates });
    for (const entry of timeline.tick(now)) push({ type: 'timeline', entry });
    refreshProxies();
  }, options.tickMs ?? 1000);
  const drain = setInterval(() => {
    const { records, dropped } = telemetry.takeNew();
    if (records.length > 0 || dropped > 0) push({ type: 'requests', records, dropped });
  }, options.requestsMs ?? 250);
  tick.unref();
  drain.unref();

  const handle = async (req: ClientRequest): Promise<unknown> => {
    switch (req.op) {
      case 'trace': {
        const record = telemetry.request(req.requestId);
        if (record === undefined)
          throw new DashboardRequestError(
            'DASHBOARD_NOT_FOUND',
            `request ${req.requestId} is no longer in the log (it keeps the newest requests)`,
          );
        return decisionTrace(record, history);
      }
      case 'chain': {
        // What the proxy runs (its config_dump: a NACKed update is not in it), else what it was sent.
        const p = proxies.find((x) => x.id === req.proxy);
        if (p?.adminAddress !== undefined && p.connected) {
          const text = await adminGet(p.adminAddress, '/config_dump?include_eds').catch(() => undefined);
          if (text !== undefined) {
            const dump = ConfigDump.parse(text, `the config_dump of ${req.proxy}`);
            return chainRows({
              listeners: dump.listeners() as Listener[],
              routes: dump.routes() as RouteConfiguration[],
              clusters: dump.clusters() as Cluster[],
              endpoints: dump.endpoints() as ClusterLoadAssignment[],
            });
          }
        }
        const snapshot = cp.snapshotOf(req.proxy);
        if (snapshot === undefined)
          throw new DashboardRequestError('DASHBOARD_NOT_FOUND', `proxy ${req.proxy} is not connected`);
        return chainRows({
          listeners: snapshot.listeners ?? [],
          routes: snapshot.routes ?? [],
          clusters: snapshot.clusters ?? [],
          endpoints: snapshot.endpoints ?? [],
        });
      }
      case 'configDump': {
        const p = proxies.find((x) => x.id === req.proxy);
        if (p?.adminAddress === undefined)
          throw new DashboardRequestError('DASHBOARD_NOT_FOUND', `proxy ${req.proxy} has no admin address`);
        return JSON.parse(await adminGet(p.adminAddress, '/config_dump'));
      }
      case 'resourceYaml': {
        const r = cp
          .resources()
          .find(
            (x) =>
              x.kind === req.ref.kind && x.name === req.ref.name && (x.namespace ?? '') === req.ref.namespace,
          );
        if (r === undefined)
          throw new DashboardRequestError(
            'DASHBOARD_NOT_FOUND',
            `${req.ref.kind} ${req.ref.namespace}/${req.ref.name} is not loaded`,
          );
        return { yaml: stringify(r.object) };
      }
      case 'fileText': {
        const path = resolveMeshFile(cp.dir, req.file);
        try {
          return { file: req.file, content: readFileSync(path, 'utf8'), exists: true };
        } catch {
          return { file: req.file, content: '', exists: false };
        }
      }
      case 'timelineDetail':
        return { diff: timeline.detail(req.entryId, req.proxy, req.type) };
      case 'whatIf':
        return whatIf({
          records: telemetry.requests(),
          current: cp.resources(),
          dir: cp.dir,
          file: applyTarget(req.file, exclude),
          content: req.content,
        });
      case 'apply': {
        const path = resolveMeshFile(cp.dir, applyTarget(req.file, exclude));
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, req.content);
        return { path };
      }
      default:
        throw new DashboardRequestError(
          'DASHBOARD_BAD_REQUEST',
          `op ${JSON.stringify((req as { op: unknown }).op)}: expected trace, chain, configDump, resourceYaml, fileText, timelineDetail, whatIf or apply`,
        );
    }
  };

  return {
    telemetry,
    history,
    timeline,
    greeting: () => {
      const now = Date.now();
      return [
        { type: 'hello', protocol: DASHBOARD_PROTOCOL, meshDir: cp.dir, files: manifestFiles(cp.dir), now },
        {
          type: 'snapshot',
          version: cp.version,
          graph: telemetry.graph(now),
          metrics: telemetry.metrics(now),
          requests: telemetry.requests().slice(-2000),
          proxies,
          resources,
          timeline: timeline.entries(),
        },
      ];
    },
    subscribe: (s) => {
      subscribers.add(s);
      return () => subscribers.delete(s);
    },
    handle,
    close: () => {
      clearInterval(tick);
      clearInterval(drain);
      if (proxiesTimer !== undefined) clearTimeout(proxiesTimer);
      offEvents();
      offLogs();
      subscribers.clear();
    },
  };
}
