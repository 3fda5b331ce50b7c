// The sections of an Envoy /config_dump (as @minimesh/proxy's admin API and Envoy print it, proto3 JSON) that
// `mesh proxy-config` and `mesh proxy-status PROXY` read: dynamic and static clusters, listeners, route
// configurations, endpoint assignments, secrets and the bootstrap. JSON is walked untyped; absent fields read as
// proto3 defaults ('' / 0 / [] / {}).

export type Json = Record<string, unknown>;

export const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
export const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]).map(obj) : []);
export const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
export const num = (v: unknown): number =>
  typeof v === 'number' ? v : typeof v === 'string' ? Number(v) || 0 : 0;

/** A config_dump document that is not one: names what was expected. */
export class ConfigDumpError extends Error {
  readonly code = 'MESH_BAD_CONFIG_DUMP';
  constructor(from: string, detail: string) {
    super(`${from}: not an Envoy config_dump (${detail}); expected {"configs": [{"@type": ...}]}`);
    this.name = 'ConfigDumpError';
  }
}

export class ConfigDump {
  readonly configs: readonly Json[];
  constructor(
    readonly raw: Json,
    from: string,
  ) {
    if (!Array.isArray(raw.configs)) throw new ConfigDumpError(from, 'no configs array');
    this.configs = arr(raw.configs);
  }

  static parse(text: string, from: string): ConfigDump {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new ConfigDumpError(from, (err as Error).message);
    }
    return new ConfigDump(obj(raw), from);
  }

  /** The section whose @type ends in `.${name}` (e.g. ClustersConfigDump), or {}. */
  section(name: string): Json {
    return this.configs.find((c) => str(c['@type']).endsWith(`.${name}`)) ?? {};
  }

  get bootstrap(): Json {
    return obj(this.section('BootstrapConfigDump').bootstrap);
  }

  /** Dynamic active then static clusters, as istioctl collects them. */
  clusters(): Json[] {
    const s = this.section('ClustersConfigDump');
    return [
      ...arr(s.dynamic_active_clusters).map((c) => obj(c.cluster)),
      ...arr(s.static_clusters).map((c) => obj(c.cluster)),
    ];
  }

  /** Active dynamic listeners then static ones. */
  listeners(): Json[] {
    const s = this.section('ListenersConfigDump');
    return [
      ...arr(s.dynamic_listeners)
        .map((l) => obj(obj(l.active_state).listener))
        .filter((l) => Object.keys(l).length > 0),
      ...arr(s.static_listeners).map((l) => obj(l.listener)),
    ];
  }

  routes(): Json[] {
    const s = this.section('RoutesConfigDump');
    return [
      ...arr(s.dynamic_route_configs).map((r) => obj(r.route_config)),
      ...arr(s.static_route_configs).map((r) => obj(r.route_config)),
    ];
  }

  dynamicClusters(): Json[] {
    return arr(this.section('ClustersConfigDump').dynamic_active_clusters).map((c) => obj(c.cluster));
  }

  dynamicListeners(): Json[] {
    return arr(this.section('ListenersConfigDump').dynamic_listeners)
      .map((l) => obj(obj(l.active_state).listener))
      .filter((l) => Object.keys(l).length > 0);
  }

  dynamicRoutes(): Json[] {
    return arr(this.section('RoutesConfigDump').dynamic_route_configs).map((r) => obj(r.route_config));
  }

  /** ClusterLoadAssignments (the dump must have been read with ?include_eds). */
  endpoints(): Json[] {
    const s = this.section('EndpointsConfigDump');
    return [
      ...arr(s.dynamic_endpoint_configs).map((e) => obj(e.endpoint_config)),
      ...arr(s.static_endpoint_configs).map((e) => obj(e.endpoint_config)),
    ];
  }

  secretsSection(): Json {
    return this.section('SecretsConfigDump');
  }

  /** The newest last_updated of the dynamic route configurations (istioctl's "RDS last loaded at"). */
  lastRouteUpdate(): Date | undefined {
    const times = arr(this.section('RoutesConfigDump').dynamic_route_configs)
      .map((r) => Date.parse(str(r.last_updated)))
      .filter((t) => Number.isFinite(t));
    return times.length === 0 ? undefined : new Date(Math.max(...times));
  }
}
