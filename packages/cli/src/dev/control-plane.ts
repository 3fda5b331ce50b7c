// The dev control plane: istiod for `mesh dev`. It loads DIR (without `networking/` by default), plans the local
// workloads (workloads.ts) and their local ports (address-plan.ts), builds the registry and a PushContext, and
// serves ADS (@minimesh/xds-server) on 127.0.0.1:15010. A connecting node (Istio node id, parsed as istiod does;
// its labels looked up from the workload plan by pod name, as istiod looks the pod up) gets the translator's
// resources made local by the post-translation rewrite (rewrite-translation.ts). It watches DIR and serves the
// control API (control-api.ts): every accepted change is a new version pushed to every connected proxy (only
// resources that changed get new versions: the snapshot cache versions by content); a rejected change (file:line
// diagnostics) changes nothing. Changes are applied one at a time, in the order they arrive.
import { stat } from 'node:fs/promises';
import {
  buildRegistry,
  type Cluster,
  type ClusterLoadAssignment,
  type Diagnostic,
  formatDiagnostic,
  type Listener,
  type LoadedResource,
  loadManifests,
  type Registry,
  type RouteConfiguration,
  type Secret,
} from '@minimesh/model';
import {
  DEFAULT_MESH_CONFIG,
  type MeshConfig,
  PushContext,
  parseProxy,
  TranslationCache,
  translate,
} from '@minimesh/translator';
import {
  type AccessLogSink,
  type SnapshotCache as Cache,
  ResourceTypeUrl,
  type Snapshot,
  SnapshotCache,
  type SnapshotResources,
  XdsServer,
} from '@minimesh/xds-server';
import { DEV_DEFAULT_EXCLUDE } from '../commands/dev.js';
import {
  type AddressPlan,
  allocatorOf,
  DEFAULT_GATEWAY_PORTS,
  freePorts,
  planAddresses,
} from './address-plan.js';
import { type ControlApi, startControlApi } from './control-api.js';
import { type ChangeSource, type ControlPlaneListener, EventHub } from './control-plane-events.js';
import { ProxyTracker } from './control-plane-proxies.js';
import { type ControlPlaneStatus, statusOf } from './control-plane-status.js';
import { ConfigStore, type ResourceResult, type StorePlan, stableJson } from './control-plane-store.js';
import { type DirWatcher, diffTexts, readManifestTexts, watchDirectory } from './control-plane-watch.js';
import { planInstances, workloadOfPod } from './control-plane-workloads.js';
import { meshConfigOf } from './mesh-config-map.js';
import { localResources } from './rewrite-translation.js';
import { planWorkloads, type WorkloadPlan } from './workloads.js';

export interface ControlPlaneOptions {
  /** The directory of manifests. */
  readonly dir: string;
  /** Paths under `dir` not loaded (default: `networking`, as `mesh dev`). */
  readonly exclude?: readonly string[];
  /** ADS port (default 15010; 0 = a free port). */
  readonly xdsPort?: number;
  /** Control API port (default 15014; 0 = a free port). */
  readonly apiPort?: number;
  /** Address both listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Gateway LDS port -> local port (default 8080 -> 8080). */
  readonly gatewayPorts?: Readonly<Record<number, number>>;
  /** Watch DIR (default true) and coalesce its events for this long (ms, default 30). */
  readonly watch?: boolean;
  readonly debounceMs?: number;
  /** Where diagnostics lines go (default: stderr). */
  readonly log?: (line: string) => void;
  /** Subscribed before anything starts, so it also gets the `loaded` event. */
  readonly onEvent?: ControlPlaneListener;
  /**
   * Serve Envoy's gRPC access log service beside ADS and tell every proxy to stream its access log to it (Istio's
   * MeshConfig enableEnvoyAccessLogService), unless the istio ConfigMap sets the access log service itself
   * (default true): the dashboard's telemetry.
   */
  readonly accessLogService?: boolean;
}

/** One file given to apply / delete. */
export interface InputFile {
  readonly path: string;
  readonly content: string;
}

export interface ChangeOutcome {
  readonly ok: boolean;
  /** The control plane's version after the change. */
  readonly version: number;
  readonly results: readonly ResourceResult[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface ControlPlane {
  readonly xdsAddress: string;
  readonly apiAddress: string;
  readonly xdsPort: number;
  readonly apiPort: number;
  /** 1 after the initial load, +1 for every accepted change. */
  readonly version: number;
  readonly addressPlan: AddressPlan;
  readonly workloadPlan: WorkloadPlan;
  readonly xds: XdsServer;
  resources(): readonly LoadedResource[];
  on(listener: ControlPlaneListener): () => void;
  apply(files: readonly InputFile[]): Promise<ChangeOutcome>;
  delete(files: readonly InputFile[]): Promise<ChangeOutcome>;
  status(): ControlPlaneStatus;
  /** The directory of manifests (absolute when given so). */
  readonly dir: string;
  /** The MeshConfig translations use now (the `istio` ConfigMap's, with the access log service when on). */
  meshConfig(): MeshConfig;
  /** The xDS resources last set for a connected proxy (the translator's, made local). */
  snapshotOf(nodeId: string): SnapshotResources | undefined;
  /**
   * The xDS version (content hash) of a type URL's resources last set for a connected proxy, as the ADS server
   * sends it when the proxy subscribes to all of them; undefined when the proxy has no snapshot.
   */
  xdsVersionOf(nodeId: string, typeUrl: string): string | undefined;
  /** Node ids of the proxies connected now. */
  nodes(): readonly string[];
  /** Receives every access log stream message (when the access log service is on); returns the unsubscribe. */
  onAccessLog(sink: AccessLogSink): () => void;
  close(): Promise<void>;
}

/** Stable codes of the control plane's own failures. */
export class ControlPlaneError extends Error {
  readonly code: 'MESH_DIR_MISSING' | 'MESH_LOAD_FAILED' | 'MESH_PORT_IN_USE';
  readonly diagnostics: readonly Diagnostic[];
  constructor(code: ControlPlaneError['code'], message: string, diagnostics: readonly Diagnostic[] = []) {
    super(message);
    this.name = 'ControlPlaneError';
    this.code = code;
    this.diagnostics = diagnostics;
  }
}

/** Diagnostics of the workload plan, as the model's (they share every field but the code's type). */
function asDiagnostics(list: readonly { severity: string }[]): Diagnostic[] {
  return list as unknown as Diagnostic[];
}

/** What the registry's workloads depend on: the instances given to it and the resources the plan adds. */
function workloadsKey(plan: WorkloadPlan): string {
  return stableJson([plan.workloads, plan.resources.map((r) => r.object)]);
}

class DevControlPlane {
  readonly store = new ConfigStore();
  readonly hub = new EventHub();
  readonly cache: Cache = new SnapshotCache({ debounce: { delayMs: 0 } });
  readonly proxies: ProxyTracker;
  version = 0;
  registry: Registry | undefined;
  translations = new TranslationCache();
  push: PushContext | undefined;
  workloads: WorkloadPlan = { instances: [], workloads: [], resources: [], gateways: [], diagnostics: [] };
  addresses: AddressPlan;
  /** The access log service address given to proxies (HOST:PORT of the xDS server), when on. */
  accessLogAddress: string | undefined;
  mesh: MeshConfig = DEFAULT_MESH_CONFIG;
  readonly accessLogSinks = new Set<AccessLogSink>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly options: ControlPlaneOptions,
    readonly log: (line: string) => void,
  ) {
    this.addresses = planAddresses([], allocatorOf([]), {
      gatewayPorts: options.gatewayPorts ?? DEFAULT_GATEWAY_PORTS,
    });
    this.proxies = new ProxyTracker(
      this.hub,
      (nodeId) => this.pushNode(nodeId),
      (nodeId) => this.cache.clearSnapshot(nodeId),
    );
  }

  /** Runs changes one at a time. */
  enqueue<T>(run: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Applies a store plan: workloads, registry, addresses, then every connected proxy's snapshot. */
  async change(plan: StorePlan, source: ChangeSource): Promise<ChangeOutcome> {
    const reject = (diagnostics: readonly Diagnostic[]): ChangeOutcome => {
      for (const d of diagnostics) if (d.severity === 'error') this.log(`mesh: ${formatDiagnostic(d)}`);
      this.hub.emit({ type: 'rejected', source, files: plan.files, diagnostics });
      return { ok: false, version: this.version, results: [], diagnostics };
    };
    if (!plan.ok) return reject(plan.diagnostics);
    if (this.registry !== undefined && plan.upsert.length === 0 && plan.remove.length === 0) {
      // Files changed but no resource did (a comment, formatting): nothing to translate or push.
      plan.commit();
      return { ok: true, version: this.version, results: plan.results, diagnostics: plan.diagnostics };
    }
    const workloads = planWorkloads(plan.next);
    if (workloads.diagnostics.some((d) => d.severity === 'error'))
      return reject([...plan.diagnostics, ...asDiagnostics(workloads.diagnostics)]);
    // MeshConfig from the `istio` ConfigMap of istio-system, as istiod reads it (mesh-config-map.ts).
    const meshConfig = meshConfigOf(plan.next);
    if (meshConfig.diagnostics.length > 0) return reject([...plan.diagnostics, ...meshConfig.diagnostics]);
    let registry: Registry;
    let translations = this.translations;
    try {
      // The registry follows by apply while the workloads (and the resources their plan adds) stay the same.
      if (this.registry !== undefined && workloadsKey(workloads) === workloadsKey(this.workloads)) {
        const applied = this.registry.apply({ upsert: plan.upsert, remove: plan.remove });
        translations.advance(this.registry, applied);
        registry = applied.registry;
      } else {
        registry = buildRegistry([...plan.next, ...workloads.resources], { workloads: workloads.workloads });
        translations = new TranslationCache();
      }
    } catch (err) {
      const file = plan.files[0] ?? plan.results[0]?.file ?? this.options.dir;
      const message = `${(err as Error).message}; nothing was changed`;
      return reject([
        { code: 'MM_INVALID_VALUE', severity: 'error', file, line: 1, column: 1, path: [], message },
      ]);
    }
    const instances = planInstances(workloads);
    const reserved = this.addresses.usedPorts();
    const ports = await freePorts(this.addresses.portsNeeded(instances), this.options.host, reserved);
    this.addresses = this.addresses.extend(instances, allocatorOf(ports));
    plan.commit();
    this.registry = registry;
    this.translations = translations;
    this.workloads = workloads;
    this.version++;
    const mesh =
      this.accessLogAddress === undefined || meshConfig.mesh.enableEnvoyAccessLogService
        ? meshConfig.mesh
        : {
            ...meshConfig.mesh,
            enableEnvoyAccessLogService: true,
            envoyAccessLogService: { address: this.accessLogAddress },
          };
    this.mesh = { ...DEFAULT_MESH_CONFIG, ...mesh };
    this.push = new PushContext(registry, mesh, { cache: translations });
    for (const nodeId of this.proxies.nodes()) this.pushNode(nodeId);
    return { ok: true, version: this.version, results: plan.results, diagnostics: plan.diagnostics };
  }

  /** Translates for one node and sets its snapshot (errors become `error` events; the old snapshot stays). */
  pushNode(nodeId: string): void {
    const push = this.push;
    if (push === undefined) return;
    try {
      const bare = parseProxy({ id: nodeId });
      const w = workloadOfPod(this.workloads, bare.workloadName, bare.namespace);
      const proxy = parseProxy({
        id: nodeId,
        // As istiod: the pod's labels; for a proxy of no planned pod, the labels its node metadata carries.
        labels: { ...(w?.labels ?? this.proxies.labelsOf(nodeId) ?? {}) },
        ...(w === undefined ? {} : { serviceAccount: w.serviceAccount }),
      });
      const self = this.addresses.pod(proxy.workloadName, proxy.namespace);
      this.cache.setSnapshot(nodeId, localResources(translate(proxy, push), this.addresses, self));
    } catch (err) {
      const message = `proxy ${nodeId}: ${(err as Error).message}`;
      this.log(`mesh: ${message}`);
      this.hub.emit({ type: 'error', message });
    }
  }

  /** Loads input files given to the API (each named by its path in diagnostics). */
  loadInput(files: readonly InputFile[]): { resources: LoadedResource[]; diagnostics: Diagnostic[] } {
    const resources: LoadedResource[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const f of files) {
      const r = loadManifests(f.content, { file: f.path });
      resources.push(...r.resources);
      diagnostics.push(...r.diagnostics);
    }
    return { resources, diagnostics };
  }

  async rescan(): Promise<void> {
    const started = performance.now();
    const texts = await readManifestTexts(this.options.dir, this.options.exclude ?? DEV_DEFAULT_EXCLUDE);
    const changes = diffTexts(texts, this.store.files(), (f) => this.store.fileText(f));
    if (changes.size === 0) return;
    const outcome = await this.enqueue(() => this.change(this.store.planFiles(changes), 'watch'));
    if (outcome.ok) {
      const durationMs = performance.now() - started;
      this.hub.emit({
        type: 'applied',
        version: this.version,
        source: 'watch',
        files: [...changes.keys()],
        changes: outcome.results,
        durationMs,
      });
    }
  }
}

/** The xDS resources of a snapshot by type, as they were set (undefined for none). */
function resourcesOf(snapshot: Snapshot | undefined): SnapshotResources | undefined {
  if (snapshot === undefined) return undefined;
  const list = <T>(typeUrl: string): T[] =>
    [...snapshot.resources(typeUrl).values()].map((r) => r.resource as T);
  return {
    clusters: list<Cluster>(ResourceTypeUrl.cluster),
    endpoints: list<ClusterLoadAssignment>(ResourceTypeUrl.endpoint),
    listeners: list<Listener>(ResourceTypeUrl.listener),
    routes: list<RouteConfiguration>(ResourceTypeUrl.route),
    secrets: list<Secret>(ResourceTypeUrl.secret),
  };
}

/** Starts the control plane; throws ControlPlaneError for a missing DIR, invalid manifests or a port in use. */
export async function startControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const started = performance.now();
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const info = await stat(options.dir).catch(() => undefined);
  if (info === undefined || !info.isDirectory())
    throw new ControlPlaneError(
      'MESH_DIR_MISSING',
      `${options.dir} is not a directory; expected a directory of manifests`,
    );
  const cp = new DevControlPlane({ ...options, host }, log);
  if (options.onEvent !== undefined) cp.hub.on(options.onEvent);
  // The ALS address is in every proxy's config, so the xDS port must be known before the first translation.
  let xdsPort = options.xdsPort ?? 15010;
  if (xdsPort === 0) xdsPort = (await freePorts(1, host, new Set()))[0] ?? 0;
  if (options.accessLogService !== false) cp.accessLogAddress = `${host}:${xdsPort}`;
  const texts = await readManifestTexts(options.dir, options.exclude ?? DEV_DEFAULT_EXCLUDE);
  const first = await cp.change(cp.store.planFiles(diffTexts(texts, [], () => undefined)), 'watch');
  if (!first.ok)
    throw new ControlPlaneError(
      'MESH_LOAD_FAILED',
      `${options.dir} has errors; nothing was started`,
      first.diagnostics,
    );
  const listenError = (what: string, port: number, err: unknown): ControlPlaneError =>
    new ControlPlaneError(
      'MESH_PORT_IN_USE',
      `cannot listen on ${host}:${port} for the ${what}: ${(err as Error).message}; is another \`mesh dev\` running?`,
    );
  let xds: XdsServer;
  const accessLog: AccessLogSink = {
    onMessage: (message, stream) => {
      for (const s of cp.accessLogSinks) s.onMessage(message, stream);
    },
    onStreamEnd: (id) => {
      for (const s of cp.accessLogSinks) s.onStreamEnd?.(id);
    },
  };
  try {
    xds = await XdsServer.start({
      cache: cp.cache,
      host,
      port: xdsPort,
      callbacks: cp.proxies.callbacks(),
      ...(cp.accessLogAddress === undefined ? {} : { accessLog }),
    });
  } catch (err) {
    throw listenError('xDS server', xdsPort, err);
  }
  const apiPort = options.apiPort ?? 15014;
  let api: ControlApi;
  const handle: ControlPlane = {
    get xdsAddress() {
      return xds.address;
    },
    get apiAddress() {
      return `${host}:${api.port}`;
    },
    get xdsPort() {
      return xds.port;
    },
    get apiPort() {
      return api.port;
    },
    get version() {
      return cp.version;
    },
    get addressPlan() {
      return cp.addresses;
    },
    get workloadPlan() {
      return cp.workloads;
    },
    get xds() {
      return xds;
    },
    resources: () => cp.store.resources(),
    on: (listener) => cp.hub.on(listener),
    apply: (files) => apiChange(cp, files, 'apply'),
    delete: (files) => apiChange(cp, files, 'delete'),
    status: () => statusOf(cp.version, cp.store.resources(), xds.proxyStatus(), cp.addresses),
    dir: options.dir,
    meshConfig: () => cp.mesh,
    snapshotOf: (nodeId) => resourcesOf(cp.cache.getSnapshot(nodeId)),
    xdsVersionOf: (nodeId, typeUrl) => cp.cache.version(nodeId, typeUrl),
    nodes: () => cp.proxies.nodes(),
    onAccessLog: (sink) => {
      cp.accessLogSinks.add(sink);
      return () => cp.accessLogSinks.delete(sink);
    },
    close: async () => {
      watcher?.close();
      await api?.close();
      await xds.close(500);
      cp.cache.close();
    },
  };
  try {
    api = await startControlApi(handle, host, apiPort);
  } catch (err) {
    await xds.close(0);
    throw listenError('control API', apiPort, err);
  }
  let watcher: DirWatcher | undefined;
  if (options.watch !== false) {
    watcher = watchDirectory(
      options.dir,
      () => cp.rescan().catch((err) => log(`mesh: ${(err as Error).message}`)),
      {
        debounceMs: options.debounceMs ?? 30,
        onError: (err) => log(`mesh: watching ${options.dir} failed: ${err.message}`),
      },
    );
  }
  const resources = cp.store.resources().length;
  cp.hub.emit({
    type: 'loaded',
    version: cp.version,
    resources,
    files: texts.size,
    durationMs: performance.now() - started,
  });
  return handle;
}

async function apiChange(
  cp: DevControlPlane,
  files: readonly InputFile[],
  op: 'apply' | 'delete',
): Promise<ChangeOutcome> {
  const started = performance.now();
  return cp.enqueue(async () => {
    const input = cp.loadInput(files);
    const paths = files.map((f) => f.path);
    const plan =
      op === 'apply'
        ? cp.store.planApply(input.resources, input.diagnostics, paths)
        : cp.store.planDelete(input.resources, input.diagnostics, paths);
    const noChange = plan.ok && plan.upsert.length === 0 && plan.remove.length === 0;
    if (noChange)
      return { ok: true, version: cp.version, results: plan.results, diagnostics: plan.diagnostics };
    const outcome = await cp.change(plan, 'api');
    if (outcome.ok)
      cp.hub.emit({
        type: 'applied',
        version: cp.version,
        source: 'api',
        files: files.map((f) => f.path),
        changes: outcome.results,
        durationMs: performance.now() - started,
      });
    return outcome;
  });
}
