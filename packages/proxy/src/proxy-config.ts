// The proxy's configuration as received over xDS: clusters and endpoints (ClusterManager), listeners
// (ListenerManager) and route configurations (compiled route tables), applied as the ADS client's sink. Each
// response is validated whole before anything changes, so a NACKed response leaves the last good config serving.
// Also counts updates under Envoy's stat names (cluster_manager.cds.update_success / _rejected,
// listener_manager.lds.*, and for EDS and RDS cluster_manager.eds.* and http.rds.*, per type, not per resource).
import type { RouteConfiguration } from '@minimesh/model/xds';
import type { ClusterManager } from './cluster/cluster-manager.js';
import type { FilterRegistry } from './http/filters/registry.js';
import { compileRouteTable, type RouteTable } from './http/route-table.js';
import type { ListenerManager } from './listener/listener-manager.js';
import type { StatsStore } from './stats/stats-store.js';
import type { XdsSink } from './xds/ads-client.js';
import { XdsType } from './xds/ads-method.js';
import type { DecodedResources } from './xds/resource-decode.js';

export interface RouteEntryState {
  readonly table: RouteTable;
  readonly versionInfo: string;
  readonly lastUpdated: Date;
}

const STAT_PREFIX: Readonly<Record<XdsType, [string, string]>> = {
  [XdsType.cluster]: ['cluster_manager.cds', 'envoy_cluster_manager_cds'],
  [XdsType.endpoint]: ['cluster_manager.eds', 'envoy_cluster_manager_eds'],
  [XdsType.listener]: ['listener_manager.lds', 'envoy_listener_manager_lds'],
  [XdsType.route]: ['http.rds', 'envoy_http_rds'],
};

export class ProxyConfig implements XdsSink {
  readonly routes = new Map<string, RouteEntryState>();
  routesVersion = '';
  /** Set once the first CDS, LDS (and EDS, RDS when needed) responses were accepted; /ready turns LIVE. */
  initialized = false;
  #seen = new Set<XdsType>();
  /** Called after a response was handled, with the reason of a NACK. */
  onHandled: ((type: XdsType, accepted: boolean, detail: string | undefined) => void) | undefined;
  onConnection: ((connected: boolean) => void) | undefined;

  constructor(
    readonly clusters: ClusterManager,
    readonly listeners: ListenerManager,
    private readonly registry: FilterRegistry,
    private readonly stats: StatsStore,
  ) {}

  /** The current table of route configuration `name`. */
  route(name: string): RouteTable | undefined {
    return this.routes.get(name)?.table;
  }

  async apply(update: DecodedResources, versionInfo: string): Promise<void> {
    switch (update.type) {
      case XdsType.cluster:
        this.clusters.applyClusters(update.resources, versionInfo);
        break;
      case XdsType.endpoint:
        this.clusters.applyAssignments(update.resources, versionInfo);
        break;
      case XdsType.listener:
        await this.listeners.apply(update.resources, versionInfo);
        this.#dropUnusedRoutes();
        break;
      case XdsType.route:
        this.#applyRoutes(update.resources, versionInfo);
        // Warming listener updates whose routes arrived take over; routes only the old configs used go.
        if (this.listeners.routesChanged()) this.#dropUnusedRoutes();
        break;
    }
    this.#seen.add(update.type);
    this.#checkInitialized();
  }

  /** Envoy's initialization: CDS and LDS accepted, and EDS and RDS too when anything needs them. */
  #checkInitialized(): void {
    if (this.initialized || !this.#seen.has(XdsType.cluster) || !this.#seen.has(XdsType.listener)) return;
    if (this.clusters.edsNames().length > 0 && !this.#seen.has(XdsType.endpoint)) return;
    if (this.listeners.rdsNames().length > 0 && !this.#seen.has(XdsType.route)) return;
    this.initialized = true;
  }

  subscriptions(type: XdsType): readonly string[] {
    if (type === XdsType.endpoint) return this.clusters.edsNames();
    if (type === XdsType.route) return this.listeners.rdsNames();
    return [];
  }

  connectionChanged(connected: boolean): void {
    this.stats.gauge('control_plane.connected_state', 'envoy_control_plane_connected_state').value = connected
      ? 1
      : 0;
    this.onConnection?.(connected);
  }

  responseHandled(type: XdsType, accepted: boolean, detail: string | undefined): void {
    const [name, prom] = STAT_PREFIX[type];
    const suffix = accepted ? 'update_success' : 'update_rejected';
    this.stats.inc(`${name}.${suffix}`, `${prom}_${suffix}`);
    this.stats.inc(`${name}.update_attempt`, `${prom}_update_attempt`);
    this.onHandled?.(type, accepted, detail);
  }

  #applyRoutes(configs: readonly RouteConfiguration[], versionInfo: string): void {
    const wanted = new Set(this.listeners.rdsNames());
    const compiled = configs
      .filter((rc) => wanted.has(rc.name ?? ''))
      .map((rc) => ({ name: rc.name ?? '', table: compileRouteTable(rc, this.registry.perRoute) }));
    const now = new Date();
    for (const { name, table } of compiled) {
      const old = this.routes.get(name);
      if (old !== undefined && JSON.stringify(old.table.config) === JSON.stringify(table.config)) continue;
      this.routes.set(name, { table, versionInfo, lastUpdated: now });
    }
    this.routesVersion = versionInfo;
  }

  #dropUnusedRoutes(): void {
    const wanted = new Set(this.listeners.rdsNames());
    for (const name of [...this.routes.keys()]) if (!wanted.has(name)) this.routes.delete(name);
  }
}
