// `proxy-config endpoints` as istioctl 1.30 prints it from the proxy's /clusters?format=json
// (istioctl/pkg/writer/envoy/clusters/clusters.go): ENDPOINT (address:port), STATUS (the host's EDS health status),
// OUTLIER CHECK (OK or FAILED), CLUSTER, sorted by address, port, cluster; tabwriter padding 5. Filters: --address
// (the host's address, without port), --port, --cluster (exact, case-insensitive), --status (HEALTHY, UNHEALTHY,
// DRAINING, TIMEOUT, DEGRADED, UNKNOWN; case-insensitive). Also the config_dump form `proxy-config all` prints (NAME,
// STATUS, LOCALITY, CLUSTER from the EDS section).
import { arr, type Json, num, obj, str } from '../dev/config-dump-sections.js';
import { subsetKeyLess } from './istioctl-clusters.js';
import { goSort, tabwrite } from './istioctl-tabwriter.js';

export interface EndpointFilter {
  readonly address?: string;
  readonly port?: number;
  readonly cluster?: string;
  readonly status?: string;
}

function hostAddress(host: Json): { address: string; port: number } {
  const a = obj(host.address);
  if (a.socket_address !== undefined) {
    const s = obj(a.socket_address);
    return { address: str(s.address), port: num(s.port_value) };
  }
  if (a.pipe !== undefined) return { address: `unix://${str(obj(a.pipe).path)}`, port: 0 };
  return { address: 'unknown', port: 0 };
}

const hostStatus = (host: Json): string => str(obj(host.health_status).eds_health_status) || 'UNKNOWN';

function hostMatches(f: EndpointFilter, host: Json, cluster: string): boolean {
  const { address, port } = hostAddress(host);
  if (f.address && address.toLowerCase() !== f.address.toLowerCase()) return false;
  if (f.port && port !== f.port) return false;
  if (f.cluster && cluster.toLowerCase() !== f.cluster.toLowerCase()) return false;
  if (f.status && hostStatus(host).toLowerCase() !== f.status.toLowerCase()) return false;
  return true;
}

/** The cluster statuses of a /clusters?format=json answer. */
export const clusterStatuses = (clustersJson: Json): Json[] => arr(clustersJson.cluster_statuses);

export function endpointsTable(clustersJson: Json, filter: EndpointFilter): string {
  const rows: { address: string; port: number; cluster: string; status: string; failed: boolean }[] = [];
  for (const c of clusterStatuses(clustersJson))
    for (const h of arr(c.host_statuses))
      if (hostMatches(filter, h, str(c.name)))
        rows.push({
          ...hostAddress(h),
          cluster: str(c.name),
          status: hostStatus(h),
          failed: obj(h.health_status).failed_outlier_check === true,
        });
  goSort(rows, (a, b) => {
    if (a.address !== b.address) return a.address < b.address;
    if (a.port !== b.port) return a.port < b.port;
    return a.cluster < b.cluster;
  });
  return tabwrite(
    [
      ['ENDPOINT', 'STATUS', 'OUTLIER CHECK', 'CLUSTER'],
      ...rows.map((r) => [
        r.port === 0 ? r.address : `${r.address}:${r.port}`,
        r.status,
        r.failed ? 'FAILED' : 'OK',
        r.cluster,
      ]),
    ],
    5,
  );
}

/** The cluster statuses with at least one host passing the filter (istioctl's -o json for endpoints). */
export function endpointsDump(clustersJson: Json, filter: EndpointFilter): Json[] {
  return clusterStatuses(clustersJson).filter((c) =>
    arr(c.host_statuses).some((h) => hostMatches(filter, h, str(c.name))),
  );
}

/** Istio's LocalityToString: region, then /zone and /sub_zone when set. */
function localityString(l: unknown): string {
  const o = obj(l);
  let out = str(o.region);
  if (str(o.zone) !== '') out += `/${str(o.zone)}`;
  if (str(o.sub_zone) !== '') out += `/${str(o.sub_zone)}`;
  return out;
}

/** `proxy-config all`'s endpoints section, from the config_dump's EDS assignments: NAME STATUS LOCALITY CLUSTER. */
export function edsEndpointsTable(assignments: readonly Json[], withConfigType: boolean): string {
  const rows: string[][] = [['NAME', 'STATUS', 'LOCALITY', 'CLUSTER']];
  const sorted = goSort([...assignments], (a, b) => subsetKeyLess(str(a.cluster_name), str(b.cluster_name)));
  for (const cla of sorted)
    for (const llb of arr(cla.endpoints))
      for (const ep of arr(llb.lb_endpoints)) {
        const { address, port } = hostAddress(obj(ep.endpoint));
        const addr = port === 0 ? address : `${address}:${port}`;
        rows.push([
          withConfigType ? `endpoint/${addr}` : addr,
          str(ep.health_status) || 'UNKNOWN',
          localityString(llb.locality),
          str(cla.cluster_name),
        ]);
      }
  return tabwrite(rows, 5);
}
