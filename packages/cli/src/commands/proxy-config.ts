// `mesh proxy-config listeners|routes|clusters|endpoints|secret|bootstrap|all PROXY [-o short|json|yaml] [filters]`:
// istioctl proxy-config for the dev mesh, read from the proxy's admin API (PROXY resolved through the control
// plane's /status to its admin address, or --admin HOST:PORT directly). `short` (the default; bootstrap's default
// is json, as istioctl's) prints istioctl's tables (output/istioctl-*.ts); json and yaml print the filtered
// resources (all: the whole config_dump; endpoints: the /clusters?format=json cluster statuses).
import {
  AdminRequestError,
  adminAddressOf,
  adminGet,
  fetchStatus,
  resolveProxy,
} from '../dev/admin-client.js';
import { ConfigDump, type Json, obj } from '../dev/config-dump-sections.js';
import { parseOutputFormat, toYaml } from '../output/format.js';
import { type ClusterFilter, clustersDump, clustersTable } from '../output/istioctl-clusters.js';
import {
  type EndpointFilter,
  edsEndpointsTable,
  endpointsDump,
  endpointsTable,
} from '../output/istioctl-endpoints.js';
import { type ListenerFilter, listenersTable, sortedListeners } from '../output/istioctl-listeners.js';
import { type RouteFilter, routesTable, sortedRoutes } from '../output/istioctl-routes.js';
import { bootstrapSummary, secretsTable } from '../output/istioctl-secrets.js';
import { DEFAULT_CONTROL_PLANE } from './apply.js';
import type { CommandOutcome } from './inject.js';
import { isUserError } from './proxy-status.js';

export const PROXY_CONFIG_SECTIONS = [
  'listeners',
  'routes',
  'clusters',
  'endpoints',
  'secret',
  'bootstrap',
  'all',
] as const;
export type ProxyConfigSection = (typeof PROXY_CONFIG_SECTIONS)[number];

export interface ProxyConfigOptions extends ClusterFilter, ListenerFilter, RouteFilter, EndpointFilter {
  readonly section: string;
  /** Pod name (or unique prefix), `pod.namespace`, gateway name or node id; not needed with `admin`. */
  readonly proxy?: string;
  /** HOST:PORT of the proxy's admin API: skips the control plane. */
  readonly admin?: string;
  readonly controlPlane?: string;
  /** short (default; bootstrap: json), json or yaml. */
  readonly output?: string;
}

/** A bad section name or a missing PROXY, worded with what was expected. */
export class ProxyConfigUsageError extends Error {
  readonly code = 'MESH_PROXY_CONFIG_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'ProxyConfigUsageError';
  }
}

/** Go's json.MarshalIndent(v, "", "    ") followed by Println, or YAML. */
const printData = (value: unknown, format: 'json' | 'yaml'): string =>
  format === 'yaml' ? toYaml(value) : `${JSON.stringify(value, null, 4)}\n`;

async function adminAddress(options: ProxyConfigOptions): Promise<string> {
  if (options.admin !== undefined) return options.admin;
  if (options.proxy === undefined || options.proxy === '')
    throw new ProxyConfigUsageError(
      `${options.section}: expected PROXY (a pod name, pod.namespace or gateway name) or --admin HOST:PORT`,
    );
  const status = await fetchStatus(options.controlPlane ?? DEFAULT_CONTROL_PLANE);
  return adminAddressOf(resolveProxy(status, options.proxy));
}

async function readDump(admin: string, includeEds: boolean): Promise<ConfigDump> {
  const path = includeEds ? '/config_dump?include_eds' : '/config_dump';
  return ConfigDump.parse(await adminGet(admin, path), `GET ${path} on ${admin}`);
}

async function render(
  section: ProxyConfigSection,
  admin: string,
  options: ProxyConfigOptions,
  format: string,
): Promise<string> {
  const data = format === 'json' || format === 'yaml' ? format : undefined;
  switch (section) {
    case 'clusters': {
      const d = await readDump(admin, false);
      return data
        ? printData(clustersDump(d.clusters(), options), data)
        : clustersTable(d.clusters(), options);
    }
    case 'listeners': {
      const d = await readDump(admin, false);
      return data
        ? printData(sortedListeners(d.listeners(), options), data)
        : listenersTable(d.listeners(), options);
    }
    case 'routes': {
      const d = await readDump(admin, false);
      return data ? printData(sortedRoutes(d.routes(), options), data) : routesTable(d.routes(), options);
    }
    case 'endpoints': {
      let clusters: Json;
      try {
        clusters = obj(JSON.parse(await adminGet(admin, '/clusters?format=json')));
      } catch (err) {
        if (err instanceof AdminRequestError) throw err;
        throw new AdminRequestError(admin, '/clusters?format=json', `not JSON: ${(err as Error).message}`);
      }
      return data ? printData(endpointsDump(clusters, options), data) : endpointsTable(clusters, options);
    }
    case 'secret': {
      const d = await readDump(admin, false);
      return data ? printData(d.secretsSection(), data) : secretsTable(d.secretsSection());
    }
    case 'bootstrap': {
      const d = await readDump(admin, false);
      return data ? printData(d.section('BootstrapConfigDump'), data) : bootstrapSummary(d.bootstrap);
    }
    case 'all': {
      const d = await readDump(admin, true);
      if (data) return data === 'yaml' ? toYaml(d.raw) : `${JSON.stringify(d.raw, null, 1)}\n`;
      // istioctl's PrintFullSummary (no section headers), with config types in the names.
      return [
        bootstrapSummary(d.bootstrap),
        clustersTable(d.clusters(), options, true),
        listenersTable(d.listeners(), options, true),
        routesTable(d.routes(), options, true),
        secretsTable(d.secretsSection(), true),
        edsEndpointsTable(d.endpoints(), true),
      ].join('\n');
    }
  }
}

export async function proxyConfigCommand(options: ProxyConfigOptions): Promise<CommandOutcome> {
  const prefix = `mesh proxy-config ${options.section}`;
  try {
    if (!(PROXY_CONFIG_SECTIONS as readonly string[]).includes(options.section))
      throw new ProxyConfigUsageError(
        `unknown section ${JSON.stringify(options.section)}; expected one of ${PROXY_CONFIG_SECTIONS.join(', ')}`,
      );
    const section = options.section as ProxyConfigSection;
    const format = parseOutputFormat(options.output ?? (section === 'bootstrap' ? 'json' : 'short'), [
      'short',
      'json',
      'yaml',
    ] as const);
    const admin = await adminAddress(options);
    return { exitCode: 0, stdout: await render(section, admin, options, format), stderr: [] };
  } catch (err) {
    if (
      isUserError(err) ||
      (err instanceof Error && /^no (clusters|listeners|routes) found$/.test(err.message))
    )
      return { exitCode: 1, stdout: '', stderr: [`${prefix}: ${err.message}`] };
    throw err;
  }
}
