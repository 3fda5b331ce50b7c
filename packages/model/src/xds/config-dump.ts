// Envoy admin /config_dump documents: an envoy.admin.v3.ConfigDump whose `configs` hold one Any per section, in
// the order Envoy prints them (bootstrap, clusters, endpoints, listeners, scoped routes, routes, secrets; see the
// comment on ConfigDump in envoy/admin/v3/config_dump.proto). Envoy prints endpoints only for ?include_eds;
// here a section is printed when it is given.
import type { Bootstrap } from '../generated/types/envoy/config/bootstrap/v3/Bootstrap.js';
import type { Cluster } from '../generated/types/envoy/config/cluster/v3/Cluster.js';
import type { ClusterLoadAssignment } from '../generated/types/envoy/config/endpoint/v3/ClusterLoadAssignment.js';
import type { Listener } from '../generated/types/envoy/config/listener/v3/Listener.js';
import type { RouteConfiguration } from '../generated/types/envoy/config/route/v3/RouteConfiguration.js';
import type { Secret } from '../generated/types/envoy/extensions/transport_sockets/tls/v3/Secret.js';
import { type AnyObject, anyOf, type EncodeInput } from './codec.js';
import { type Proto3JsonObject, toProto3Json } from './proto3-json.js';
import { TypeUrl } from './type-urls.js';
import type {
  BootstrapConfigDump,
  ClustersConfigDump,
  ConfigDump,
  EndpointsConfigDump,
  ListenersConfigDump,
  RoutesConfigDump,
  ScopedRoutesConfigDump,
  SecretsConfigDump,
} from './types.js';
import { timestampFromDate } from './well-known.js';

/** A statically configured resource and when it was loaded. */
export interface StaticEntry<T> {
  readonly resource: T;
  readonly lastUpdated?: Date;
}

/** A resource received over xDS: its version_info and when it was accepted. */
export interface DynamicEntry<T> {
  readonly resource: T;
  readonly versionInfo?: string;
  readonly lastUpdated?: Date;
}

/** A listener received over LDS, in the state Envoy reports it (default "active"). */
export interface DynamicListenerEntry extends DynamicEntry<Listener> {
  readonly state?: 'active' | 'warming' | 'draining';
}

/** Sections of a config dump, each optional; printed in Envoy's order whatever the order here. */
export interface ConfigDumpSections {
  readonly bootstrap?: BootstrapConfigDump;
  readonly clusters?: ClustersConfigDump;
  readonly endpoints?: EndpointsConfigDump;
  readonly listeners?: ListenersConfigDump;
  readonly scopedRoutes?: ScopedRoutesConfigDump;
  readonly routes?: RoutesConfigDump;
  readonly secrets?: SecretsConfigDump;
}

const SECTION_ORDER = [
  ['bootstrap', TypeUrl.BOOTSTRAP_CONFIG_DUMP],
  ['clusters', TypeUrl.CLUSTERS_CONFIG_DUMP],
  ['endpoints', TypeUrl.ENDPOINTS_CONFIG_DUMP],
  ['listeners', TypeUrl.LISTENERS_CONFIG_DUMP],
  ['scopedRoutes', TypeUrl.SCOPED_ROUTES_CONFIG_DUMP],
  ['routes', TypeUrl.ROUTES_CONFIG_DUMP],
  ['secrets', TypeUrl.SECRETS_CONFIG_DUMP],
] as const;

const updated = (date: Date | undefined) =>
  date === undefined ? {} : { last_updated: timestampFromDate(date) };
const version = (v: string | undefined) => (v === undefined || v === '' ? {} : { version_info: v });
const nonEmpty = <K extends string, T>(key: K, list: readonly T[] | undefined) =>
  list === undefined || list.length === 0 ? {} : ({ [key]: list } as Record<K, T[]>);

/** The BootstrapConfigDump section. */
export function bootstrapConfigDump(bootstrap: Bootstrap, lastUpdated?: Date): BootstrapConfigDump {
  return { bootstrap, ...updated(lastUpdated) };
}

/** The ClustersConfigDump section: static clusters, then clusters from CDS (active and warming). */
export function clustersConfigDump(input: {
  readonly versionInfo?: string;
  readonly staticClusters?: readonly StaticEntry<Cluster>[];
  readonly dynamicActiveClusters?: readonly DynamicEntry<Cluster>[];
  readonly dynamicWarmingClusters?: readonly DynamicEntry<Cluster>[];
}): ClustersConfigDump {
  const dynamic = (e: DynamicEntry<Cluster>) => ({
    ...version(e.versionInfo),
    cluster: anyOf(TypeUrl.CLUSTER, e.resource),
    ...updated(e.lastUpdated),
  });
  return {
    ...version(input.versionInfo),
    ...nonEmpty(
      'static_clusters',
      input.staticClusters?.map((e) => ({
        cluster: anyOf(TypeUrl.CLUSTER, e.resource),
        ...updated(e.lastUpdated),
      })),
    ),
    ...nonEmpty('dynamic_active_clusters', input.dynamicActiveClusters?.map(dynamic)),
    ...nonEmpty('dynamic_warming_clusters', input.dynamicWarmingClusters?.map(dynamic)),
  };
}

/** The EndpointsConfigDump section (Envoy prints it for /config_dump?include_eds). */
export function endpointsConfigDump(input: {
  readonly staticEndpointConfigs?: readonly StaticEntry<ClusterLoadAssignment>[];
  readonly dynamicEndpointConfigs?: readonly DynamicEntry<ClusterLoadAssignment>[];
}): EndpointsConfigDump {
  const cla = (e: StaticEntry<ClusterLoadAssignment>) => anyOf(TypeUrl.CLUSTER_LOAD_ASSIGNMENT, e.resource);
  return {
    ...nonEmpty(
      'static_endpoint_configs',
      input.staticEndpointConfigs?.map((e) => ({ endpoint_config: cla(e), ...updated(e.lastUpdated) })),
    ),
    ...nonEmpty(
      'dynamic_endpoint_configs',
      input.dynamicEndpointConfigs?.map((e) => ({
        ...version(e.versionInfo),
        endpoint_config: cla(e),
        ...updated(e.lastUpdated),
      })),
    ),
  };
}

/** The ListenersConfigDump section: static listeners, then listeners from LDS under their name and state. */
export function listenersConfigDump(input: {
  readonly versionInfo?: string;
  readonly staticListeners?: readonly StaticEntry<Listener>[];
  readonly dynamicListeners?: readonly DynamicListenerEntry[];
}): ListenersConfigDump {
  return {
    ...version(input.versionInfo),
    ...nonEmpty(
      'static_listeners',
      input.staticListeners?.map((e) => ({
        listener: anyOf(TypeUrl.LISTENER, e.resource),
        ...updated(e.lastUpdated),
      })),
    ),
    ...nonEmpty(
      'dynamic_listeners',
      input.dynamicListeners?.map((e) => ({
        ...(e.resource.name ? { name: e.resource.name } : {}),
        [`${e.state ?? 'active'}_state`]: {
          ...version(e.versionInfo),
          listener: anyOf(TypeUrl.LISTENER, e.resource),
          ...updated(e.lastUpdated),
        },
      })),
    ),
  };
}

/** The RoutesConfigDump section: static route configurations, then those from RDS. */
export function routesConfigDump(input: {
  readonly staticRouteConfigs?: readonly StaticEntry<RouteConfiguration>[];
  readonly dynamicRouteConfigs?: readonly DynamicEntry<RouteConfiguration>[];
}): RoutesConfigDump {
  const rc = (e: StaticEntry<RouteConfiguration>) => anyOf(TypeUrl.ROUTE_CONFIGURATION, e.resource);
  return {
    ...nonEmpty(
      'static_route_configs',
      input.staticRouteConfigs?.map((e) => ({ route_config: rc(e), ...updated(e.lastUpdated) })),
    ),
    ...nonEmpty(
      'dynamic_route_configs',
      input.dynamicRouteConfigs?.map((e) => ({
        ...version(e.versionInfo),
        route_config: rc(e),
        ...updated(e.lastUpdated),
      })),
    ),
  };
}

/** The SecretsConfigDump section: static secrets, then secrets from SDS (active and warming) under their name. */
export function secretsConfigDump(input: {
  readonly staticSecrets?: readonly StaticEntry<Secret>[];
  readonly dynamicActiveSecrets?: readonly DynamicEntry<Secret>[];
  readonly dynamicWarmingSecrets?: readonly DynamicEntry<Secret>[];
}): SecretsConfigDump {
  const name = (s: Secret) => (s.name ? { name: s.name } : {});
  const dynamic = (e: DynamicEntry<Secret>) => ({
    ...name(e.resource),
    ...version(e.versionInfo),
    ...updated(e.lastUpdated),
    secret: anyOf(TypeUrl.SECRET, e.resource),
  });
  return {
    ...nonEmpty(
      'static_secrets',
      input.staticSecrets?.map((e) => ({
        ...name(e.resource),
        ...updated(e.lastUpdated),
        secret: anyOf(TypeUrl.SECRET, e.resource),
      })),
    ),
    ...nonEmpty('dynamic_active_secrets', input.dynamicActiveSecrets?.map(dynamic)),
    ...nonEmpty('dynamic_warming_secrets', input.dynamicWarmingSecrets?.map(dynamic)),
  };
}

/** A ConfigDump of the given sections, each an Any, in Envoy's order. */
export function buildConfigDump(sections: ConfigDumpSections): ConfigDump {
  const configs: AnyObject[] = [];
  for (const [key, url] of SECTION_ORDER) {
    const section = sections[key];
    if (section !== undefined) configs.push(anyOf(url, section));
  }
  return { configs };
}

/** The proto3 JSON Envoy serves at /config_dump for this dump (checked strictly, CodecError otherwise). */
export function configDumpToJson(dump: EncodeInput<'envoy.admin.v3.ConfigDump'>): Proto3JsonObject {
  return toProto3Json('envoy.admin.v3.ConfigDump', dump) as Proto3JsonObject;
}

/** The /config_dump response body byte for byte: Envoy pretty-prints with one space per level and ends in "\n". */
export function configDumpToString(dump: EncodeInput<'envoy.admin.v3.ConfigDump'>): string {
  return `${JSON.stringify(configDumpToJson(dump), null, 1)}\n`;
}
