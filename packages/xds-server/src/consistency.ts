// The consistency check a snapshot passes before the cache accepts it (go-control-plane's Snapshot.Consistent,
// extended): every route configuration a listener's HttpConnectionManager names over RDS exists, every EDS
// cluster's service name has a ClusterLoadAssignment, no name is given twice or left empty, and within a
// ClusterLoadAssignment either every locality has a load_balancing_weight or none has.
import { type AnyObject, TypeUrl, unpackAny } from '@minimesh/model';
import { ResourceTypeUrl } from './resource-types.js';
import type { ResourceMap, Snapshot } from './snapshot.js';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

/** An Any in either form (unpacked `{ '@type' }` or packed `{ type_url, value }`) as its unpacked form. */
function unpacked(any: unknown): AnyObject | undefined {
  if (!isObj(any)) return undefined;
  if (typeof any['@type'] === 'string') return any as AnyObject;
  if (typeof any.type_url === 'string' && any.value instanceof Uint8Array) {
    try {
      return unpackAny({ type_url: any.type_url, value: any.value });
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Names of the route configurations the HttpConnectionManagers of a listener fetch over RDS. */
export function rdsNamesOf(listener: object): string[] {
  const l = listener as Obj;
  const filters: Obj[] = [];
  const chains = [...list(l.filter_chains)];
  if (isObj(l.default_filter_chain)) chains.push(l.default_filter_chain);
  for (const chain of chains) filters.push(...list(chain.filters));
  const configs: unknown[] = filters.map((f) => f.typed_config);
  if (isObj(l.api_listener)) configs.push(l.api_listener.api_listener);
  const names: string[] = [];
  for (const c of configs) {
    const hcm = unpacked(c);
    if (hcm?.['@type'] !== TypeUrl.HTTP_CONNECTION_MANAGER) continue;
    const rds = hcm.rds;
    if (isObj(rds) && typeof rds.route_config_name === 'string') names.push(rds.route_config_name);
  }
  return names;
}

/** The EDS service name of a cluster of type EDS (service_name, else the cluster name); undefined otherwise. */
export function edsNameOf(cluster: object): string | undefined {
  const c = cluster as Obj;
  if (c.type !== 'EDS' && c.type !== 3) return undefined;
  const eds = isObj(c.eds_cluster_config) ? c.eds_cluster_config : {};
  const serviceName = typeof eds.service_name === 'string' ? eds.service_name : '';
  return serviceName !== '' ? serviceName : typeof c.name === 'string' ? c.name : '';
}

/**
 * Every problem of a snapshot, one sentence each (empty when consistent). `sharedEndpoints` are the fleet-wide
 * ClusterLoadAssignments every node also sees; a cluster may take its endpoints from either.
 */
export function checkConsistency(snapshot: Snapshot, sharedEndpoints: ResourceMap): string[] {
  const problems: string[] = [];
  for (const [url, names] of snapshot.defects.duplicates) {
    for (const name of new Set(names))
      problems.push(`${url} ${JSON.stringify(name)} is given more than once`);
  }
  if (snapshot.defects.unnamed > 0) {
    problems.push(`${snapshot.defects.unnamed} resource(s) have no name (cluster_name for endpoints)`);
  }
  const routes = snapshot.resources(ResourceTypeUrl.route);
  for (const listener of snapshot.resources(ResourceTypeUrl.listener).values()) {
    for (const rds of rdsNamesOf(listener.resource)) {
      if (!routes.has(rds)) {
        problems.push(
          `listener ${JSON.stringify(listener.name)} uses route ${JSON.stringify(rds)}, not in snapshot`,
        );
      }
    }
  }
  const endpoints = snapshot.resources(ResourceTypeUrl.endpoint);
  for (const cluster of snapshot.resources(ResourceTypeUrl.cluster).values()) {
    const eds = edsNameOf(cluster.resource);
    if (eds !== undefined && !endpoints.has(eds) && !sharedEndpoints.has(eds)) {
      problems.push(
        `EDS cluster ${JSON.stringify(cluster.name)} needs endpoints ${JSON.stringify(eds)}, not found`,
      );
    }
  }
  for (const cla of endpoints.values()) problems.push(...checkLocalityWeights(cla.name, cla.resource));
  return problems;
}

/** Within one ClusterLoadAssignment, either every locality has a load_balancing_weight or none has. */
export function checkLocalityWeights(name: string, cla: object): string[] {
  const localities = list((cla as Obj).endpoints);
  const weighted = localities.filter((l) => isObj(l.load_balancing_weight)).length;
  if (weighted === 0 || weighted === localities.length) return [];
  return [
    `endpoints ${JSON.stringify(name)}: ${localities.length - weighted} of ${localities.length} localities ` +
      'have no load_balancing_weight while others have one',
  ];
}
