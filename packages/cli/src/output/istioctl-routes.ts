// `proxy-config routes` as istioctl 1.30 prints it (istioctl/pkg/writer/envoy/configdump/route.go, --verbose, its
// default): NAME, VHOST NAME, DOMAINS (the shortest names, `a, b + N more...`), MATCH, VIRTUAL SERVICE
// (`name.namespace` from the route's istio metadata); routes to PassthroughCluster are left out and a virtual host
// with no routes prints `/*` and `404`. Route configurations in dump order, numeric names sorted among themselves
// (istioctl's sort); tabwriter padding 5. Filter: --name (exact route configuration name).
import { arr, type Json, obj, str } from '../dev/config-dump-sections.js';
import { describeManagement } from './istioctl-clusters.js';
import { describeRouteMatch } from './istioctl-listeners.js';
import { goSort, tabwrite } from './istioctl-tabwriter.js';

export interface RouteFilter {
  readonly name?: string;
}

/** Drops `host.svc.cluster.local` and `host.svc` when the shorter form is also a domain; keeps the order. */
function unexpandDomains(domains: readonly string[]): string[] {
  const unique = new Set(domains);
  const drop = new Set<string>();
  for (const h of domains) {
    const full = h.endsWith('.svc.cluster.local') ? h.slice(0, -'.svc.cluster.local'.length) : h;
    if (full !== h && unique.has(full)) drop.add(h);
    const partial = h.endsWith('.svc') ? h.slice(0, -'.svc'.length) : h;
    if (partial !== h && unique.has(partial)) drop.add(h);
  }
  return domains.filter((h) => !drop.has(h));
}

/** istioctl's describeRouteDomains. */
export function describeRouteDomains(domains: readonly string[]): string {
  if (domains.length === 0) return '';
  if (domains.length === 1) return domains[0] ?? '';
  const withoutPort = unexpandDomains(
    domains.filter((d) => !d.includes(':') || ((d.match(/:/g)?.length ?? 0) > 2 && d.endsWith(']'))),
  );
  if (withoutPort.length > 2)
    return `${withoutPort.slice(0, 2).join(', ')} + ${withoutPort.length - 2} more...`;
  return withoutPort.join(', ');
}

/** Route configurations as istioctl orders them, filtered; throws when there are none ("no routes found"). */
export function sortedRoutes(routes: readonly Json[], filter: RouteFilter = {}): Json[] {
  if (routes.length === 0) throw new Error('no routes found');
  const numeric = (r: Json): number | undefined => {
    const n = str(r.name);
    return /^[+-]?\d+$/.test(n) ? Number(n) : undefined;
  };
  return goSort([...routes], (a, b) => {
    const x = numeric(a);
    const y = numeric(b);
    return x !== undefined && y !== undefined && x < y;
  }).filter((r) => !filter.name || str(r.name) === filter.name);
}

const isPassthrough = (route: Json): boolean => str(obj(route.route).cluster) === 'PassthroughCluster';

export function routesTable(routes: readonly Json[], filter: RouteFilter, withConfigType = false): string {
  const rows: string[][] = [['NAME', 'VHOST NAME', 'DOMAINS', 'MATCH', 'VIRTUAL SERVICE']];
  for (const rc of sortedRoutes(routes, filter)) {
    const name = withConfigType ? `route/${str(rc.name)}` : str(rc.name);
    for (const vh of arr(rc.virtual_hosts)) {
      const domains = describeRouteDomains(Array.isArray(vh.domains) ? (vh.domains as string[]) : []);
      const list = arr(vh.routes);
      for (const r of list)
        if (!isPassthrough(r))
          rows.push([
            name,
            str(vh.name),
            domains,
            describeRouteMatch(r.match),
            describeManagement(r.metadata),
          ]);
      if (list.length === 0) rows.push([name, str(vh.name), domains, '/*', '404']);
    }
  }
  return tabwrite(rows, 5);
}
