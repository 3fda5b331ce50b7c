// `proxy-config clusters` as istioctl 1.30 prints it (istioctl/pkg/writer/envoy/configdump/cluster.go): SERVICE FQDN,
// PORT, SUBSET, DIRECTION, TYPE, DESTINATION RULE (NAME first with `cluster/` names in `proxy-config all`), sorted
// by FQDN, subset, port and direction; tabwriter padding 5. Filters as istioctl's ClusterFilter: substring matches on
// the cluster name for --fqdn, --direction and --subset, `|PORT|` for --port.
import { type Json, obj, str } from '../dev/config-dump-sections.js';
import { goSort, tabwrite } from './istioctl-tabwriter.js';

export interface ClusterFilter {
  readonly fqdn?: string;
  readonly port?: number;
  readonly subset?: string;
  readonly direction?: string;
}

export function clusterMatches(f: ClusterFilter, cluster: Json): boolean {
  const name = str(cluster.name);
  if (f.fqdn && !name.includes(f.fqdn)) return false;
  if (f.direction && !name.includes(f.direction)) return false;
  if (f.subset && !name.includes(f.subset)) return false;
  if (f.port && !name.includes(`|${f.port}|`)) return false;
  return true;
}

export interface SubsetKey {
  readonly direction: string;
  readonly subset: string;
  readonly fqdn: string;
  readonly port: number;
}

/** Istio's ParseSubsetKey for `direction|port|subset|fqdn`; other names are an FQDN with no port. */
export function parseSubsetKey(name: string): SubsetKey {
  const parts = name.split('|');
  if (parts.length > 3)
    return {
      direction: parts[0] ?? '',
      port: Number.parseInt(parts[1] ?? '', 10) || 0,
      subset: parts[2] ?? '',
      fqdn: parts[3] ?? '',
    };
  return { direction: '', subset: '', fqdn: name, port: 0 };
}

/** istioctl's order of clusters (and of endpoint assignments) by name. */
export function subsetKeyLess(a: string, b: string): boolean {
  const x = parseSubsetKey(a);
  const y = parseSubsetKey(b);
  if (x.fqdn !== y.fqdn) return x.fqdn < y.fqdn;
  if (x.subset !== y.subset) return x.subset < y.subset;
  if (x.port !== y.port) return x.port < y.port;
  return x.direction < y.direction;
}

/** `name.namespace` of the Istio config in metadata.filter_metadata.istio.config, '' when there is none. */
export function describeManagement(metadata: unknown): string {
  const config = str(obj(obj(obj(metadata).filter_metadata).istio).config);
  if (config === '') return '';
  if (config.startsWith('/apis/networking.istio.io/')) {
    const pieces = config.split('/');
    return pieces.length === 8 ? `${pieces[7]}.${pieces[5]}` : '';
  }
  return '<unknown>';
}

/** The clusters istioctl lists, sorted, filtered. Throws when the dump has none (istioctl: "no clusters found"). */
export function sortedClusters(clusters: readonly Json[], filter: ClusterFilter = {}): Json[] {
  if (clusters.length === 0) throw new Error('no clusters found');
  return goSort([...clusters], (a, b) => subsetKeyLess(str(a.name), str(b.name))).filter((c) =>
    clusterMatches(filter, c),
  );
}

export function clustersTable(clusters: readonly Json[], filter: ClusterFilter, withName = false): string {
  const rows: string[][] = [
    [
      ...(withName ? ['NAME'] : []),
      'SERVICE FQDN',
      'PORT',
      'SUBSET',
      'DIRECTION',
      'TYPE',
      'DESTINATION RULE',
    ],
  ];
  for (const c of sortedClusters(clusters, filter)) {
    const name = str(c.name);
    const type = str(c.type) || 'STATIC';
    const dr = describeManagement(c.metadata);
    const prefix = withName && name !== '' ? [`cluster/${name}`] : [];
    if (name.split('|').length > 3) {
      const k = parseSubsetKey(name);
      rows.push([...prefix, k.fqdn, String(k.port), k.subset || '-', k.direction, type, dr]);
    } else rows.push([...prefix, name, '-', '-', '-', type, dr]);
  }
  return tabwrite(rows, 5);
}

/** The filtered clusters for -o json|yaml (istioctl prints the list of Cluster messages). */
export function clustersDump(clusters: readonly Json[], filter: ClusterFilter): Json[] {
  return sortedClusters(clusters, filter);
}
